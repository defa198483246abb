package io.applyflow.settings;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.json.JsonObject;

/**
 * A user's scoring bands: a job scoring at least {@code acceptThreshold} goes on through the pipeline; at least
 * {@code clarifyThreshold} waits in the clarify queue for the user; anything lower is rejected with its reasons.
 */
public record Settings(int acceptThreshold, int clarifyThreshold) {
  public static final Settings DEFAULTS = new Settings(70, 50);

  /** The band a total score falls in under these thresholds. */
  public Band band(int total) {
    if (total >= acceptThreshold) {
      return Band.ACCEPT;
    }
    return total >= clarifyThreshold ? Band.CLARIFY : Band.REJECT;
  }

  public enum Band { ACCEPT, CLARIFY, REJECT }

  public JsonObject toJson() {
    return new JsonObject().put("accept_threshold", acceptThreshold).put("clarify_threshold", clarifyThreshold);
  }

  /**
   * Reads {@code {accept_threshold, clarify_threshold}}; a missing field keeps its value from {@code current}.
   * BAD_INPUT names the field when it is not a whole number from 0 to 100, or when clarify is above accept.
   */
  public static Settings from(JsonObject body, Settings current) {
    int accept = threshold(body, "accept_threshold", current.acceptThreshold());
    int clarify = threshold(body, "clarify_threshold", current.clarifyThreshold());
    if (clarify > accept) {
      throw Failure.BAD_INPUT.with("clarify_threshold (" + clarify + ") must not be above accept_threshold ("
          + accept + ")");
    }
    return new Settings(accept, clarify);
  }

  private static int threshold(JsonObject body, String field, int fallback) {
    if (!body.containsKey(field)) {
      return fallback;
    }
    Object v = body.getValue(field);
    if (v instanceof String s) {
      try {
        v = Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        throw Failure.BAD_INPUT.with(field + " must be a whole number from 0 to 100, not '" + s + "'");
      }
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0
        || ((Number) v).longValue() > 100) {
      throw Failure.BAD_INPUT.with(field + " must be a whole number from 0 to 100, not " + v);
    }
    return ((Number) v).intValue();
  }
}
