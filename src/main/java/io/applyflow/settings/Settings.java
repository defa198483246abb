package io.applyflow.settings;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.web.Inputs;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * A user's settings.
 *
 * @param acceptThreshold       a job scoring at least this goes on through the pipeline
 * @param clarifyThreshold      a job scoring at least this (and below accept) waits in the clarify queue for the
 *                              user; anything lower is rejected with its reasons
 * @param sendCoverLetterInAuto whether an auto-mode submission attaches the job's cover letter. Off by default: in
 *                              auto mode nobody reads the letter before it is sent, while in review mode the user
 *                              approves the form with the letter in view, so it is always sent there
 * @param resumeTemplate        the resume's layout, one of {@link #TEMPLATES}: "classic" (generous spacing) or
 *                              "compact" (tighter type, more on a page)
 * @param paper                 the paper of the resume and the cover letter, one of {@link #PAPERS}
 * @param resumePages           the resume's page budget, 1 or 2: the render stage drops the lowest-ranked bullets
 *                              until the resume fits
 */
public record Settings(int acceptThreshold, int clarifyThreshold, boolean sendCoverLetterInAuto,
                       String resumeTemplate, String paper, int resumePages) {
  /** The allowed values of {@code resume_template}, as stored. */
  public static final List<String> TEMPLATES = List.of("classic", "compact");
  /** The allowed values of {@code paper}, as stored. */
  public static final List<String> PAPERS = List.of("letter", "a4");
  /** The allowed values of {@code resume_pages}. */
  public static final List<Integer> PAGES = List.of(1, 2);

  public static final Settings DEFAULTS = new Settings(70, 50, false, "classic", "letter", 2);

  /** The band a total score falls in under these thresholds. */
  public Band band(int total) {
    if (total >= acceptThreshold) {
      return Band.ACCEPT;
    }
    return total >= clarifyThreshold ? Band.CLARIFY : Band.REJECT;
  }

  public enum Band { ACCEPT, CLARIFY, REJECT }

  public JsonObject toJson() {
    return new JsonObject().put("accept_threshold", acceptThreshold).put("clarify_threshold", clarifyThreshold)
        .put("send_cover_letter_in_auto", sendCoverLetterInAuto).put("resume_template", resumeTemplate)
        .put("paper", paper).put("resume_pages", resumePages);
  }

  /**
   * Reads {@code {accept_threshold, clarify_threshold, send_cover_letter_in_auto, resume_template, paper,
   * resume_pages}}; a missing field keeps its value from {@code current}. BAD_INPUT names the field when a threshold
   * is not a whole number from 0 to 100, when clarify is above accept, when {@code send_cover_letter_in_auto} is not
   * a JSON boolean, or when {@code resume_template}, {@code paper} or {@code resume_pages} is not one of its allowed
   * values (the message lists them). Template and paper names are read case-insensitively ("A4" is "a4").
   */
  public static Settings from(JsonObject body, Settings current) {
    int accept = threshold(body, "accept_threshold", current.acceptThreshold());
    int clarify = threshold(body, "clarify_threshold", current.clarifyThreshold());
    if (clarify > accept) {
      throw Failure.BAD_INPUT.with("clarify_threshold (" + clarify + ") must not be above accept_threshold ("
          + accept + ")");
    }
    boolean letter = flag(body, "send_cover_letter_in_auto", current.sendCoverLetterInAuto());
    String template = choice(body, "resume_template", TEMPLATES, current.resumeTemplate());
    String paper = choice(body, "paper", PAPERS, current.paper());
    int pages = pages(body, "resume_pages", current.resumePages());
    return new Settings(accept, clarify, letter, template, paper, pages);
  }

  private static String choice(JsonObject body, String field, List<String> allowed, String fallback) {
    if (!body.containsKey(field)) {
      return fallback;
    }
    Object v = body.getValue(field);
    String value = v instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : null;
    if (value == null || !allowed.contains(value)) {
      String given = v instanceof String s ? "'" + Inputs.shown(s) + "'" : Inputs.shown(String.valueOf(v));
      throw Failure.BAD_INPUT.with(field + " must be one of " + String.join(", ", allowed) + ", not " + given);
    }
    return value;
  }

  private static int pages(JsonObject body, String field, int fallback) {
    if (!body.containsKey(field)) {
      return fallback;
    }
    // The page's form sends "1" or "2"; the API sends a number. Either way only 1 and 2 are budgets.
    Object v = body.getValue(field);
    String text = v instanceof String s ? s.trim() : String.valueOf(v);
    if ((v instanceof Integer || v instanceof Long || v instanceof String) && (text.equals("1") || text.equals("2"))) {
      return Integer.parseInt(text);
    }
    String given = v instanceof String s ? "'" + Inputs.shown(s) + "'" : Inputs.shown(text);
    throw Failure.BAD_INPUT.with(field + " must be 1 or 2, not " + given);
  }

  private static boolean flag(JsonObject body, String field, boolean fallback) {
    if (!body.containsKey(field)) {
      return fallback;
    }
    // "false" or 0 could be read either way by a client; only a JSON boolean says what it means.
    Object v = body.getValue(field);
    if (!(v instanceof Boolean b)) {
      String given = v instanceof String s ? "'" + Inputs.shown(s) + "'" : Inputs.shown(String.valueOf(v));
      throw Failure.BAD_INPUT.with(field + " must be true or false, not " + given);
    }
    return b;
  }

  private static int threshold(JsonObject body, String field, int fallback) {
    if (!body.containsKey(field)) {
      return fallback;
    }
    Object v = body.getValue(field);
    if (v instanceof String s) {
      Inputs.line(field, s, Inputs.NUMBER);
      try {
        v = Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        throw Failure.BAD_INPUT.with(field + " must be a whole number from 0 to 100, not '" + s + "'");
      }
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0
        || ((Number) v).longValue() > 100) {
      throw Failure.BAD_INPUT.with(field + " must be a whole number from 0 to 100, not " + Inputs.shown(String.valueOf(v)));
    }
    return ((Number) v).intValue();
  }
}
