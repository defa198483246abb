package io.applyflow.tracker;

import io.applyflow.platform.bus.Failure;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where an application stands, in lifecycle order (stored upper-case, as V13's check constraint lists them):
 * {@code NEW -> INTERESTED -> RESUME_GENERATED -> APPLIED -> INTERVIEW -> OFFER | REJECTED | DECLINED | WITHDRAWN}.
 * The user may move an application to any status; the order is only how lists sort and the funnel reads.
 */
public enum ApplicationStatus {
  NEW("New"),
  INTERESTED("Interested"),
  RESUME_GENERATED("Resume generated"),
  APPLIED("Applied"),
  INTERVIEW("Interview"),
  OFFER("Offer"),
  REJECTED("Rejected"),
  DECLINED("Declined"),
  WITHDRAWN("Withdrawn");

  /** The status in words, as the pages show it. */
  public final String label;

  ApplicationStatus(String label) {
    this.label = label;
  }

  /** The allowed values, comma-separated, for error messages. */
  public static String allowed() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /**
   * {@code raw} as a status (surrounding spaces ignored, any letter case, {@code -} or space for {@code _}), or
   * BAD_INPUT naming {@code field} and the allowed values.
   */
  public static ApplicationStatus parse(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      throw Failure.BAD_INPUT.with(field + " is required: one of " + allowed());
    }
    String s = raw.strip();
    if (s.length() <= 40) {
      String key = s.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
      for (ApplicationStatus st : values()) {
        if (st.name().equals(key)) {
          return st;
        }
      }
    }
    throw Failure.BAD_INPUT.with(field + " must be one of " + allowed() + ", got '"
        + io.applyflow.platform.web.Inputs.shown(s.length() > 40 ? s.substring(0, 40) : s) + "'");
  }

  /** The label of a stored status, or the value itself when it is not one (never happens under V13's check). */
  public static String labelOf(String db) {
    if (db == null) {
      return "";
    }
    for (ApplicationStatus st : values()) {
      if (st.name().equals(db)) {
        return st.label;
      }
    }
    return db;
  }
}
