package io.applyflow.platform.web;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * URLs from outside (board data, a posting's {@code absolute_url}, an iframe's {@code src}) are untrusted. One rule
 * decides whether such a URL may be stored as a link, shown as a link or opened: an absolute {@code http} or
 * {@code https} URL that {@link URI} parses (RFC 3986), with a host and without user info. Anything else
 * ({@code javascript:}, {@code data:}, {@code file:}, {@code //host}, {@code https://user:pw@host}, spaces, control
 * characters) is refused. Pure, no state.
 */
public final class SafeUrls {
  /** Longer than any real posting URL; longer ones are refused rather than parsed. */
  public static final int MAX_LENGTH = 2048;

  private SafeUrls() {
  }

  /** The parsed URL when {@code raw} is a safe http(s) URL, else null. Surrounding whitespace is ignored. */
  public static URI parse(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    if (s.isEmpty() || s.length() > MAX_LENGTH) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        return null; // control characters and spaces: browsers strip some of them, which hides a scheme
      }
    }
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    if (uri.getRawUserInfo() != null || uri.getHost() == null || uri.getHost().isEmpty()) {
      return null; // no host (server-based authority failed to parse) or user info: refused
    }
    return uri;
  }

  /** {@code raw} stripped when it is a safe http(s) URL ({@link #parse}), else null: what a page may link to. */
  public static String webUrl(String raw) {
    return parse(raw) == null ? null : raw.strip();
  }

  /** Why {@code raw} is not a safe http(s) URL, or null when it is. */
  public static String refusal(String raw) {
    if (parse(raw) != null) {
      return null;
    }
    String s = raw == null ? "" : raw.strip();
    if (s.isEmpty()) {
      return "there is no URL";
    }
    if (s.length() > MAX_LENGTH) {
      return "the URL is longer than " + MAX_LENGTH + " characters";
    }
    int colon = s.indexOf(':');
    String scheme = colon > 0 ? s.substring(0, colon).toLowerCase(Locale.ROOT) : "";
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "only http and https URLs are opened"
          + (scheme.matches("[a-z][a-z0-9+.-]{0,20}") ? " (this one is " + scheme + ":)" : "");
    }
    try {
      if (new URI(s).getRawUserInfo() != null) {
        return "a URL with user info is never opened";
      }
    } catch (URISyntaxException e) {
      return "the URL is not well-formed";
    }
    return "the URL is not well-formed (no host, or a space or control character)";
  }

  /**
   * The origin of a safe URL as {@code scheme://host[:port]}: lower case, the host in ASCII (IDN to punycode),
   * the port left out when it is the scheme's default. Null when {@code raw} is not safe.
   */
  public static String origin(String raw) {
    URI uri = parse(raw);
    return uri == null ? null : origin(uri);
  }

  /**
   * {@code raw} as a normalised origin ({@link #origin(URI)}) when it is a bare http(s) origin such as
   * {@code http://127.0.0.1:41234} (a trailing slash allowed; no path, query or fragment), else null.
   */
  public static String bareOrigin(String raw) {
    URI uri = parse(raw);
    if (uri == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return null;
    }
    String path = uri.getRawPath();
    return path == null || path.isEmpty() || path.equals("/") ? origin(uri) : null;
  }

  /** {@link #origin(String)} of a URL {@link #parse} accepted. */
  public static String origin(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host;
    try {
      host = IDN.toASCII(uri.getHost(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      host = uri.getHost().toLowerCase(Locale.ROOT);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int port = uri.getPort();
    boolean standard = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + host + (standard ? "" : ":" + port);
  }
}
