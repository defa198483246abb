package io.applyflow.versions;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small wording helpers of the versions pages. Pure. */
final class VersionText {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

  private VersionText() {
  }

  /** A stored timestamp as "2 Dec 2026, 14:05" in this machine's time zone; the input when it cannot be read. */
  static String when(String iso) {
    if (iso == null) {
      return "";
    }
    try {
      return OffsetDateTime.parse(iso).atZoneSameInstant(ZoneId.systemDefault()).format(WHEN);
    } catch (RuntimeException e) {
      return iso;
    }
  }

  /** "1 bullet", "3 bullets". */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
