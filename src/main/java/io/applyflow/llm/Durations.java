package io.applyflow.llm;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parses the durations rate-limited servers send back: Go's {@code time.Duration} strings ({@code 2m59.56s},
 * {@code 7.66s}, {@code 120ms}, {@code 1h2m}) as in Groq's {@code x-ratelimit-reset-*} headers, and the decimal
 * seconds of {@code retry-after}. Plain Java, no state, safe from any thread.
 */
public final class Durations {
  private Durations() {
  }

  /**
   * A Go duration: an optional sign, then one or more decimal numbers each followed by a unit
   * ({@code ns}, {@code us}, {@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}); {@code "0"} alone is zero.
   *
   * @throws IllegalArgumentException when {@code text} is not a Go duration
   */
  public static Duration parseGo(String text) {
    if (text == null) {
      throw new IllegalArgumentException("duration is null");
    }
    String s = text.trim();
    boolean negative = false;
    if (s.startsWith("-") || s.startsWith("+")) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("not a duration: '" + text + "'");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        throw new IllegalArgumentException("not a duration: '" + text + "'");
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      long unitNanos = switch (s.substring(unitStart, i)) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> throw new IllegalArgumentException("not a duration (unit missing or unknown): '" + text + "'");
      };
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)));
    }
    Duration d = Duration.ofNanos(nanos.longValue());
    return negative ? d.negated() : d;
  }

  /**
   * A {@code retry-after} value in (possibly decimal) seconds; {@code null} when absent or not a number
   * (the HTTP-date form is not used by the servers we talk to).
   */
  public static Duration parseSeconds(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      BigDecimal seconds = new BigDecimal(text.trim());
      if (seconds.signum() < 0) {
        return null;
      }
      return Duration.ofNanos(seconds.multiply(BigDecimal.valueOf(1_000_000_000L)).longValue());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
