package io.applyflow.settings;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.web.Inputs;
import io.vertx.core.json.JsonObject;

/**
 * A user's settings.
 *
 * @param acceptThreshold       a job scoring at least this goes on through the pipeline
 * @param clarifyThreshold      a job scoring at least this (and below accept) waits in the clarify queue for the
 *                              user; anything lower is rejected with its reasons
 * @param sendCoverLetterInAuto whether an auto-mode submission attaches the job's cover letter. Off by default: in
 *                              auto mode nobody reads the letter before it is sent, while in review mode the user
 *                              approves the form with the letter in view, so it is always sent there
 */
public record Settings(int acceptThreshold, int clarifyThreshold, boolean sendCoverLetterInAuto) {
  public static final Settings DEFAULTS = new Settings(70, 50, false);

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
        .put("send_cover_letter_in_auto", sendCoverLetterInAuto);
  }

  /**
   * Reads {@code {accept_threshold, clarify_threshold, send_cover_letter_in_auto}}; a missing field keeps its value
   * from {@code current}. BAD_INPUT names the field when a threshold is not a whole number from 0 to 100, when
   * clarify is above accept, or when {@code send_cover_letter_in_auto} is not a JSON boolean.
   */
  public static Settings from(JsonObject body, Settings current) {
    int accept = threshold(body, "accept_threshold", current.acceptThreshold());
    int clarify = threshold(body, "clarify_threshold", current.clarifyThreshold());
    if (clarify > accept) {
      throw Failure.BAD_INPUT.with("clarify_threshold (" + clarify + ") must not be above accept_threshold ("
          + accept + ")");
    }
    boolean letter = flag(body, "send_cover_letter_in_auto", current.sendCoverLetterInAuto());
    return new Settings(accept, clarify, letter);
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
