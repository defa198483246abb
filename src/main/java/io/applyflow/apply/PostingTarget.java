package io.applyflow.apply;

import io.applyflow.platform.web.Inputs;
import io.applyflow.platform.web.SafeUrls;

/**
 * Which page the apply worker opens for a posting. Its link when {@link AllowedOrigins} allows it. Many Greenhouse
 * postings link to the employer's own careers site (which embeds the board in {@code iframe#grnhse_iframe}); for a
 * posting read from Greenhouse's Job Board API with a board token and a numeric id, the worker opens Greenhouse's own
 * hosted form for it instead, {@code https://job-boards.greenhouse.io/{board}/jobs/{id}} ({@code job-boards.eu.} for a
 * board read from the EU API), and says so. Otherwise nothing is opened and {@link #refusal} says why. Pure.
 *
 * @param url the page to open, or null when there is none
 * @param note what was substituted and why (for the job's evidence), or null when the posting's own link is opened
 * @param refusal why nothing is opened, or null
 */
public record PostingTarget(String url, String note, String refusal) {
  private static final String BOARD = "[A-Za-z0-9_.-]{1,100}";
  private static final String ID = "[0-9]{1,20}";

  public static PostingTarget choose(String source, String board, String externalId, String apiUrl, String url,
                                     AllowedOrigins allowed) {
    String why = allowed.refusal(url);
    if (why == null) {
      return new PostingTarget(url.strip(), null, null);
    }
    String shown = url == null || url.isBlank() ? "(none)" : "'" + Inputs.shown(url) + "'";
    String canonical = canonicalForm(source, board, externalId, apiUrl);
    if (canonical != null && allowed.allows(canonical)) {
      return new PostingTarget(canonical, "the posting's link " + shown + " is not opened (" + why
          + "); opening Greenhouse's own application form for this job instead: " + canonical, null);
    }
    return new PostingTarget(null, null, "refused to open the posting's link " + shown + ": " + why);
  }

  /**
   * Greenhouse's hosted form for a posting read from its Job Board API ({@code boards-api.greenhouse.io} or
   * {@code boards-api.eu.greenhouse.io}), or null when the posting is not one.
   */
  static String canonicalForm(String source, String board, String externalId, String apiUrl) {
    if (!"greenhouse".equals(source) || board == null || !board.matches(BOARD) || externalId == null
        || !externalId.matches(ID)) {
      return null;
    }
    String api = SafeUrls.origin(apiUrl);
    if ("https://boards-api.greenhouse.io".equals(api)) {
      return "https://job-boards.greenhouse.io/" + board + "/jobs/" + externalId;
    }
    if ("https://boards-api.eu.greenhouse.io".equals(api)) {
      return "https://job-boards.eu.greenhouse.io/" + board + "/jobs/" + externalId;
    }
    return null;
  }
}
