package io.applyflow.search;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that reads a link (a search result, a posting's URL) as a posting of a known ATS: which source,
 * which board and which posting id, or nothing. Accepted, over http(s) with no user info and no port other than the
 * scheme's own, on the ATS's exact host (any letter case), query, fragment and trailing slashes ignored:
 * <ul>
 *   <li>Greenhouse ({@code job-boards.greenhouse.io}, {@code boards.greenhouse.io} and their {@code .eu.} twins):
 *       {@code /{board}/jobs/{id}}; {@code /{board}?gh_jid={id}}; {@code /embed/job_app?for={board}&token={id}}.
 *       A {@code gh_jid} on any other host (an employer's careers page) names no board and is ignored;</li>
 *   <li>Lever ({@code jobs.lever.co}, EU: {@code jobs.eu.lever.co}): {@code /{site}/{uuid}[/apply]};</li>
 *   <li>Ashby ({@code jobs.ashbyhq.com}): {@code /{board}/{uuid}[/application]}, the board's letter case kept.</li>
 * </ul>
 * Anything else is ignored. Pure.
 */
public final class AtsLinks {
  static final Pattern BOARD = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  private static final Pattern GREENHOUSE_ID = Pattern.compile("[0-9]{1,20}");
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private AtsLinks() {
  }

  /**
   * A posting named by a link.
   *
   * @param source "greenhouse", "lever" or "ashby" (the {@code jobs.source} values)
   * @param eu     the posting lives on the ATS's EU instance (its EU API must be asked)
   */
  public record AtsLink(String source, String board, String id, boolean eu) {
  }

  /** The posting {@code url} names, or empty when it is not a posting link of a known ATS. */
  public static Optional<AtsLink> parse(String url) {
    if (url == null || url.length() > 2048) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getRawUserInfo() != null || uri.getHost() == null
        || uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
      return Optional.empty();
    }
    int port = uri.getPort();
    if (port != -1 && port != (scheme.equals("https") ? 443 : 80)) {
      return Optional.empty();
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String[] seg = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
    return switch (host) {
      case "job-boards.greenhouse.io", "boards.greenhouse.io" -> greenhouse(seg, uri.getRawQuery(), false);
      case "job-boards.eu.greenhouse.io", "boards.eu.greenhouse.io" -> greenhouse(seg, uri.getRawQuery(), true);
      case "jobs.lever.co" -> uuidPosting("lever", seg, "apply", false);
      case "jobs.eu.lever.co" -> uuidPosting("lever", seg, "apply", true);
      case "jobs.ashbyhq.com" -> uuidPosting("ashby", seg, "application", false);
      default -> Optional.empty();
    };
  }

  private static Optional<AtsLink> greenhouse(String[] seg, String rawQuery, boolean eu) {
    if (seg.length == 3 && seg[1].equals("jobs") && BOARD.matcher(seg[0]).matches()
        && GREENHOUSE_ID.matcher(seg[2]).matches() && !seg[0].equals("embed")) {
      return Optional.of(new AtsLink("greenhouse", seg[0], seg[2], eu));
    }
    if (seg.length == 2 && seg[0].equals("embed") && seg[1].equals("job_app")) {
      return found("greenhouse", query(rawQuery, "for"), query(rawQuery, "token"), GREENHOUSE_ID, eu);
    }
    if (seg.length == 1 && !seg[0].equals("embed")) {
      return found("greenhouse", seg[0], query(rawQuery, "gh_jid"), GREENHOUSE_ID, eu);
    }
    return Optional.empty();
  }

  private static Optional<AtsLink> uuidPosting(String source, String[] seg, String applyStep, boolean eu) {
    if (seg.length == 2 || seg.length == 3 && seg[2].equals(applyStep)) {
      return found(source, seg[0], seg[1] == null ? null : seg[1].toLowerCase(Locale.ROOT), UUID, eu);
    }
    return Optional.empty();
  }

  private static Optional<AtsLink> found(String source, String board, String id, Pattern idShape, boolean eu) {
    if (board == null || id == null || !BOARD.matcher(board).matches() || !idShape.matcher(id).matches()) {
      return Optional.empty();
    }
    return Optional.of(new AtsLink(source, board, id, eu));
  }

  /** The first value of {@code name} in a raw query string (values of the shapes accepted need no decoding). */
  private static String query(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return pair.substring(eq + 1);
      }
    }
    return null;
  }
}
