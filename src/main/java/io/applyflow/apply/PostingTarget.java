package io.applyflow.apply;

import io.applyflow.platform.web.Inputs;
import io.applyflow.platform.web.SafeUrls;
import java.net.URI;
import java.util.Locale;

/**
 * Which page the apply worker opens for a posting: its application form, when {@link AllowedOrigins} allows it.
 * <ul>
 *   <li>Greenhouse: the posting's link. Many Greenhouse postings link to the employer's own careers site (which
 *       embeds the board in {@code iframe#grnhse_iframe}); for a posting read from Greenhouse's Job Board API with a
 *       board token and a numeric id, the worker opens Greenhouse's own hosted form for it instead,
 *       {@code https://job-boards.greenhouse.io/{board}/jobs/{id}} ({@code job-boards.eu.} for a board read from the
 *       EU API), and says so.</li>
 *   <li>Lever: the posting's page ({@code hostedUrl}, {@code …/{site}/{id}}) is stored; its form is that page's
 *       {@code /apply} ({@code applyUrl}). When the stored link is not an allowed page of this posting, a posting read
 *       from Lever's own API opens {@code https://jobs.lever.co/{site}/{id}/apply} ({@code jobs.eu.lever.co} for one
 *       read from the EU API).</li>
 *   <li>Ashby: likewise with {@code /application} ({@code jobUrl} → {@code applyUrl}); canonical form
 *       {@code https://jobs.ashbyhq.com/{board}/{id}/application} for a posting read from Ashby's own API.</li>
 * </ul>
 * Otherwise nothing is opened and {@link #refusal} says why. Pure.
 *
 * @param url the page to open, or null when there is none
 * @param note what was substituted and why (for the job's evidence), or null when the posting's own link (or its
 *             application step) is opened
 * @param refusal why nothing is opened, or null
 */
public record PostingTarget(String url, String note, String refusal) {
  private static final String BOARD = "[A-Za-z0-9_.-]{1,100}";
  private static final String ID = "[0-9]{1,20}";
  private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  public static PostingTarget choose(String source, String board, String externalId, String apiUrl, String url,
                                     AllowedOrigins allowed) {
    String why = allowed.refusal(url);
    String step = applyStep(source);
    if (why == null) {
      if (step == null) {
        return new PostingTarget(url.strip(), null, null);
      }
      String form = applicationPage(url, externalId, step);
      if (form != null) {
        return new PostingTarget(form, null, null);
      }
      why = "it is not this posting's page (…/" + Inputs.shown(String.valueOf(externalId)) + ") nor its " + step
          + " page";
    }
    String shown = url == null || url.isBlank() ? "(none)" : "'" + Inputs.shown(url) + "'";
    String canonical = canonicalForm(source, board, externalId, apiUrl);
    if (canonical != null && allowed.allows(canonical)) {
      return new PostingTarget(canonical, "the posting's link " + shown + " is not opened (" + why
          + "); opening " + atsName(source) + "'s own application form for this job instead: " + canonical, null);
    }
    return new PostingTarget(null, null, "refused to open the posting's link " + shown + ": " + why);
  }

  /** The path step after a posting's page that is its application form, or null when the link is the form. */
  private static String applyStep(String source) {
    return switch (source == null ? "" : source) {
      case "lever" -> "apply";
      case "ashby" -> "application";
      default -> null;
    };
  }

  private static String atsName(String source) {
    return switch (source) {
      case "lever" -> "Lever";
      case "ashby" -> "Ashby";
      default -> "Greenhouse";
    };
  }

  /**
   * The application form of an allowed posting link: {@code …/{id}} + {@code /step}, or {@code …/{id}/step} as it is
   * (query, fragment and trailing slashes dropped); null when the link's path does not end at this posting.
   */
  static String applicationPage(String url, String externalId, String step) {
    URI uri = SafeUrls.parse(url);
    if (uri == null || externalId == null || externalId.isEmpty()) {
      return null;
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String id = externalId.toLowerCase(Locale.ROOT);
    String lower = path.toLowerCase(Locale.ROOT);
    String page;
    if (lower.endsWith("/" + id)) {
      page = path;
    } else if (lower.endsWith("/" + id + "/" + step)) {
      page = path.substring(0, path.length() - step.length() - 1);
    } else {
      return null;
    }
    return SafeUrls.origin(uri) + page + "/" + step;
  }

  /**
   * The ATS's own hosted form for a posting read from its public API (Greenhouse {@code boards-api.greenhouse.io} or
   * {@code boards-api.eu.greenhouse.io}; Lever {@code api.lever.co} or {@code api.eu.lever.co}; Ashby
   * {@code api.ashbyhq.com}), or null when the posting is not one.
   */
  static String canonicalForm(String source, String board, String externalId, String apiUrl) {
    if (source == null || board == null || !board.matches(BOARD) || externalId == null) {
      return null;
    }
    String api = SafeUrls.origin(apiUrl);
    if (api == null) {
      return null;
    }
    switch (source) {
      case "greenhouse" -> {
        if (!externalId.matches(ID)) {
          return null;
        }
        if ("https://boards-api.greenhouse.io".equals(api)) {
          return "https://job-boards.greenhouse.io/" + board + "/jobs/" + externalId;
        }
        if ("https://boards-api.eu.greenhouse.io".equals(api)) {
          return "https://job-boards.eu.greenhouse.io/" + board + "/jobs/" + externalId;
        }
        return null;
      }
      case "lever" -> {
        if (!externalId.matches(UUID)) {
          return null;
        }
        if ("https://api.lever.co".equals(api)) {
          return "https://jobs.lever.co/" + board + "/" + externalId + "/apply";
        }
        if ("https://api.eu.lever.co".equals(api)) {
          return "https://jobs.eu.lever.co/" + board + "/" + externalId + "/apply";
        }
        return null;
      }
      case "ashby" -> {
        return externalId.matches(UUID) && "https://api.ashbyhq.com".equals(api)
            ? "https://jobs.ashbyhq.com/" + board + "/" + externalId + "/application" : null;
      }
      default -> {
        return null;
      }
    }
  }
}
