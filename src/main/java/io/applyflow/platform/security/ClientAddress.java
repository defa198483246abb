package io.applyflow.platform.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client's address, for rate limits: the connection's remote address, unless TRUSTED_PROXY_HOPS says that many
 * reverse proxies in front of Applyflow each append to {@code X-Forwarded-For}; then it is the entry that many places
 * from the right (the one our own outermost proxy wrote; entries further left are whatever the client sent). IPv6
 * addresses are reduced to their /64, since one host usually holds a whole /64.
 */
public final class ClientAddress {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private ClientAddress() {
  }

  /** The address to count against: {@code remote} or, behind {@code hops} trusted proxies, from the header values. */
  public static String of(String remote, List<String> forwardedFor, int hops) {
    String address = remote;
    if (hops > 0 && forwardedFor != null) {
      List<String> entries = new ArrayList<>();
      for (String header : forwardedFor) {
        for (String part : header.split(",")) {
          if (!part.isBlank()) {
            entries.add(part.trim());
          }
        }
      }
      if (!entries.isEmpty()) {
        address = entries.get(Math.max(0, entries.size() - hops));
      }
    }
    return normalise(address);
  }

  static String normalise(String raw) {
    if (raw == null || raw.isBlank()) {
      return "unknown";
    }
    String a = raw.trim();
    int zone = a.indexOf('%');
    if (zone > 0) {
      a = a.substring(0, zone);
    }
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    if (IPV4.matcher(a).matches()) {
      return a;
    }
    if (a.indexOf(':') >= 0 && IPV6.matcher(a).matches()) {
      try {
        // a literal: no name lookup happens
        byte[] bytes = InetAddress.getByName(a).getAddress();
        if (bytes.length == 4) {
          return InetAddress.getByAddress(bytes).getHostAddress();
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
          prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
      } catch (UnknownHostException e) {
        // not an address after all: counted under its own text below
      }
    }
    return "other:" + (a.length() > 64 ? a.substring(0, 64) : a);
  }
}
