package io.applyflow.platform.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the pages write a stored time: {@code 2026-12-02 14:05 UTC}, to the minute, always in UTC and saying so. */
public final class Times {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  private Times() {
  }

  /** {@code t} as {@code 2026-12-02 14:05 UTC}; null for null. */
  public static String minute(OffsetDateTime t) {
    return t == null ? null : MINUTE.format(t.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** An ISO-8601 timestamp with offset as {@link #minute(OffsetDateTime)} writes it; the input when it is not one. */
  public static String minute(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return minute(OffsetDateTime.parse(iso));
    } catch (RuntimeException e) {
      return iso;
    }
  }
}
