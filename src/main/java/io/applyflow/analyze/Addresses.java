package io.applyflow.analyze;

import io.applyflow.platform.bus.Failure;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the add-by-URL fetcher ({@link SafeFetch}) may connect: the address rules against server-side request forgery.
 * Refused, whatever name leads there: loopback, private (RFC 1918, {@code fc00::/7}, the old site-local
 * {@code fec0::/10}), link-local ({@code 169.254/16}, {@code fe80::/10}), unspecified ({@code 0.0.0.0/8}, {@code ::}),
 * multicast, broadcast and reserved ({@code 240/4}), carrier-grade NAT ({@code 100.64/10}), the IETF, documentation and
 * benchmarking blocks, and these IPv4 addresses wrapped in IPv6 (mapped {@code ::ffff:0:0/96}, compatible {@code ::/96},
 * NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}; Teredo is refused outright). Names of cloud metadata services
 * ({@code metadata.google.internal}) and private-use top-level domains ({@code .internal}, {@code .local},
 * {@code .home.arpa}) are refused before any lookup. Networks of FETCH_ALLOWED_NETWORKS are allowed although a rule
 * refuses them (tests serve pages on loopback), except the cloud metadata addresses, which are never fetched.
 *
 * <p>Hosts that are numbers are read the way browsers read them (the WHATWG URL standard): {@code 2852039166},
 * {@code 0x7f.1} and {@code 0177.0.0.1} are IPv4 addresses (169.254.169.254, 127.0.0.1, 127.0.0.1), so what is checked
 * is what a browser, or a redirect, would reach. Pure.
 */
public final class Addresses {
  /** Cloud metadata services' addresses (AWS, GCP, Azure, OpenStack; AWS ECS; Alibaba; AWS over IPv6). */
  private static final Set<String> METADATA_ADDRESSES = Set.of("169.254.169.254", "169.254.170.2", "100.100.100.200",
      "fd00:ec2:0:0:0:0:0:254");
  private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog", "metadata",
      "instance-data", "instance-data.ec2.internal", "metadata.azure.com", "metadata.oraclecloud.com");
  private static final List<String> PRIVATE_SUFFIXES = List.of(".internal", ".local", ".localdomain", ".home.arpa",
      ".intranet", ".corp", ".lan");
  private static final String WHY = "; Applyflow does not fetch addresses on its own machine or network, "
      + "or cloud metadata services";

  private final List<Cidr> allowed;

  /** @param allowed FETCH_ALLOWED_NETWORKS entries ({@code 127.0.0.0/8}), as Config checked them */
  public Addresses(List<String> allowed) {
    this.allowed = allowed.stream().map(Cidr::parse).toList();
  }

  /** A host and port to fetch: {@code name} as written (lower case, ASCII), {@code literal} when it is an address. */
  public record Target(URI uri, String host, int port, boolean https, InetAddress literal) {
    /** The request line's target: the raw path (at least "/") and query. */
    public String pathAndQuery() {
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
  }

  /**
   * The target of {@code raw}, an absolute http(s) URL, or BAD_INPUT naming the problem: not http(s), user info, no
   * host, a cloud metadata or private-use name, or a literal address a rule refuses. Names are not resolved here.
   */
  public Target target(String raw) {
    String s = raw == null ? "" : raw.strip();
    String refusal = io.applyflow.platform.web.SafeUrls.refusal(s);
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw Failure.BAD_INPUT.with("url: " + (refusal == null ? "the URL is not well-formed" : refusal));
    }
    String host = uri.getHost();
    int port = uri.getPort();
    if (host == null && refusal != null && uri.getRawAuthority() != null && uri.getRawUserInfo() == null
        && uri.getScheme() != null && uri.getScheme().matches("(?i)https?")) {
      // java.net.URI leaves "0x7f.1" or "127.1" as a registry authority without a host; a browser reads an IPv4 address
      String authority = uri.getRawAuthority();
      int colon = authority.lastIndexOf(':');
      String h = colon < 0 ? authority : authority.substring(0, colon);
      InetAddress numeric = ipv4(h);
      if (numeric != null && (colon < 0 || authority.substring(colon + 1).matches("\\d{1,5}"))) {
        host = h;
        port = colon < 0 ? -1 : Integer.parseInt(authority.substring(colon + 1));
        refusal = null;
      }
    }
    if (refusal != null) {
      throw Failure.BAD_INPUT.with("url: " + refusal);
    }
    boolean https = uri.getScheme().equalsIgnoreCase("https");
    if (port > 65535) {
      throw Failure.BAD_INPUT.with("url: the port " + port + " is not a port");
    }
    port = port < 0 ? (https ? 443 : 80) : port;
    String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      name = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw Failure.BAD_INPUT.with("url: the host " + host + " is not a valid name");
    }
    while (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    InetAddress literal = name.contains(":") ? ipv6(name) : ipv4(name);
    if (name.contains(":") && literal == null) {
      throw Failure.BAD_INPUT.with("url: " + host + " is not a valid IPv6 address");
    }
    if (literal != null) {
      check(literal, host);
    } else {
      checkName(name);
    }
    return new Target(uri, name, port, https, literal);
  }

  /** Refuses a cloud metadata or private-use name before it is looked up. */
  void checkName(String name) {
    if (METADATA_NAMES.contains(name)) {
      throw Failure.BAD_INPUT.with(name + " is a cloud metadata name" + WHY + ".");
    }
    for (String suffix : PRIVATE_SUFFIXES) {
      if (name.endsWith(suffix) || name.equals(suffix.substring(1))) {
        throw Failure.BAD_INPUT.with(name + " is a private network name (" + suffix + ")" + WHY + ".");
      }
    }
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      // RFC 6761: always loopback; checked as its address unless loopback is allowed
      check(InetAddress.getLoopbackAddress(), name);
    }
  }

  /** Refuses {@code address} (reached through {@code via}, the URL's host) when a rule refuses it. */
  public void check(InetAddress address, String via) {
    String kind = refusal(address);
    if (kind == null) {
      return;
    }
    String shown = address.getHostAddress();
    String named = via == null || via.equalsIgnoreCase(shown) || via.equals("[" + shown + "]") ? shown
        : via + " (" + shown + ")";
    throw Failure.BAD_INPUT.with(named + " is " + kind + WHY + ".");
  }

  /**
   * What kind of refused address {@code a} is ("a link-local address"), or null when it may be fetched: a public
   * address, or one in an allowed network that is not a metadata address.
   */
  public String refusal(InetAddress a) {
    if (METADATA_ADDRESSES.contains(a.getHostAddress())) {
      return "a link-local address of cloud metadata services";
    }
    String kind = kind(a);
    if (kind == null) {
      return null;
    }
    for (Cidr c : allowed) {
      if (c.contains(a)) {
        return null;
      }
    }
    return kind;
  }

  /** The rule {@code a} falls under, or null for a public address. Ignores the allowed networks. */
  static String kind(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length == 4) {
      return kind4(b);
    }
    int[] w = new int[8];
    for (int i = 0; i < 8; i++) {
      w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    boolean zero5 = w[0] == 0 && w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0;
    if (zero5 && w[5] == 0 && w[6] == 0 && w[7] == 0) {
      return "an unspecified address";
    }
    if (zero5 && w[5] == 0 && w[6] == 0 && w[7] == 1) {
      return "a loopback address";
    }
    if (zero5 && (w[5] == 0xffff || w[5] == 0)) {
      return embedded(b, 12, "an IPv4-mapped address of ");
    }
    if (w[0] == 0x64 && w[1] == 0xff9b && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0) {
      return embedded(b, 12, "a NAT64 address of ");
    }
    if (w[0] == 0x2002) {
      return embedded(b, 2, "a 6to4 address of ");
    }
    if (w[0] == 0x2001 && w[1] == 0) {
      return "a Teredo tunnel address";
    }
    if ((w[0] & 0xfe00) == 0xfc00 || (w[0] & 0xffc0) == 0xfec0) {
      return "a private address";
    }
    if ((w[0] & 0xffc0) == 0xfe80) {
      return "a link-local address";
    }
    if ((w[0] & 0xff00) == 0xff00) {
      return "a multicast address";
    }
    if (w[0] == 0x2001 && w[1] == 0xdb8) {
      return "a documentation address";
    }
    return null;
  }

  private static String embedded(byte[] b, int from, String prefix) {
    byte[] v4 = {b[from], b[from + 1], b[from + 2], b[from + 3]};
    String inner = kind4(v4);
    return inner == null ? null : prefix + inner;
  }

  private static String kind4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 127) {
      return "a loopback address";
    }
    if (a0 == 10 || a0 == 172 && (a1 & 0xf0) == 16 || a0 == 192 && a1 == 168) {
      return "a private address";
    }
    if (a0 == 169 && a1 == 254) {
      return "a link-local address";
    }
    if (a0 == 0) {
      return "an unspecified address";
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return "a shared (carrier-grade NAT) address";
    }
    if (a0 >= 224 && a0 <= 239) {
      return "a multicast address";
    }
    if (a0 >= 240) {
      return a0 == 255 && a1 == 255 && a2 == 255 && (b[3] & 0xff) == 255 ? "a broadcast address" : "a reserved address";
    }
    if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2) || a0 == 198 && a1 == 51 && a2 == 100
        || a0 == 203 && a1 == 0 && a2 == 113) {
      return "a reserved address";
    }
    if (a0 == 198 && (a1 == 18 || a1 == 19)) {
      return "a benchmarking address";
    }
    return null;
  }

  /**
   * {@code host} as an IPv4 address the way the WHATWG URL standard reads it (one to four parts, each decimal,
   * {@code 0x} hex or {@code 0}-octal; the last part fills the remaining bytes), or null when it is not a number of
   * that shape (a name). A host whose last part is a number but that does not fit is refused.
   */
  static InetAddress ipv4(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String[] parts = h.split("\\.", -1);
    String last = parts[parts.length - 1];
    if (!last.matches("(?i)[0-9]+|0x[0-9a-f]*")) {
      return null; // a name: its last label is not a number
    }
    if (parts.length > 4) {
      throw Failure.BAD_INPUT.with("url: " + host + " is neither a name nor an IPv4 address");
    }
    long[] n = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Long v = number(parts[i]);
      if (v == null) {
        throw Failure.BAD_INPUT.with("url: " + host + " is neither a name nor an IPv4 address");
      }
      n[i] = v;
    }
    for (int i = 0; i < n.length - 1; i++) {
      if (n[i] > 255) {
        throw Failure.BAD_INPUT.with("url: " + host + " is not a valid IPv4 address");
      }
    }
    if (n[n.length - 1] >= 1L << (8 * (5 - n.length))) {
      throw Failure.BAD_INPUT.with("url: " + host + " is not a valid IPv4 address");
    }
    long value = n[n.length - 1];
    for (int i = 0; i < n.length - 1; i++) {
      value += n[i] << (8 * (3 - i));
    }
    byte[] bytes = {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
  }

  private static Long number(String part) {
    try {
      if (part.isEmpty() || part.length() > 12) {
        return null;
      }
      if (part.regionMatches(true, 0, "0x", 0, 2)) {
        return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16);
      }
      if (part.length() > 1 && part.startsWith("0")) {
        return Long.parseLong(part.substring(1), 8);
      }
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An IPv6 literal (no zone id), or null. Parsing a literal with a colon never asks DNS. */
  private static InetAddress ipv6(String host) {
    if (!host.matches("[0-9A-Fa-f:.]{2,45}")) {
      return null;
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** A network: an address and a prefix length. */
  record Cidr(byte[] network, int prefix) {
    static Cidr parse(String cidr) {
      int slash = cidr.indexOf('/');
      String address = cidr.substring(0, slash);
      InetAddress a = address.contains(":") ? ipv6(address) : ipv4(address);
      if (a == null) {
        throw new IllegalArgumentException("not a network: " + cidr);
      }
      return new Cidr(a.getAddress(), Integer.parseInt(cidr.substring(slash + 1)));
    }

    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false; // an IPv4 network holds no IPv6 address (mapped ones arrive as IPv4 already), nor the reverse
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((b[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
