package io.applyflow.llm;

import java.time.Duration;
import java.util.function.Function;

/**
 * When and how long {@link LlmClient} waits before re-sending a request: up to {@code maxRetries} retries on 429,
 * 5xx and connection errors; the wait honours the server's {@code retry-after} (seconds) or, when absent, Groq's
 * {@code x-ratelimit-reset-requests} / {@code x-ratelimit-reset-tokens} (Go durations), else exponential backoff
 * from {@code baseDelay} with jitter; every wait is capped at {@code maxWait}. Plain immutable Java, thread-safe.
 *
 * @param maxRetries retries after the first attempt (default 3)
 * @param baseDelay  the first backoff step, doubled on each retry (default 500 ms)
 * @param maxWait    the longest single wait, whatever the server asks (default 60 s)
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxWait) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(60));

  public RetryPolicy {
    if (maxRetries < 0 || baseDelay == null || baseDelay.isNegative() || maxWait == null || maxWait.isNegative()) {
      throw new IllegalArgumentException("retry policy needs maxRetries >= 0 and non-negative delays");
    }
  }

  /** Whether a response with this status is worth re-sending: 429 (rate limit), 498 (Groq flex capacity), 5xx. */
  public boolean retryableStatus(int status) {
    return status == 429 || status == 498 || status / 100 == 5;
  }

  /** Whether the attempt that just failed ({@code 0} = the first one) may be followed by another. */
  public boolean canRetry(int failedAttempt) {
    return failedAttempt < maxRetries;
  }

  /**
   * The wait before the retry that follows failed attempt {@code failedAttempt} (0-based).
   *
   * @param serverHint what the server asked for ({@link #serverHint}), or {@code null}
   * @param jitter     a random number in {@code [0, 1)}
   */
  public Duration delay(int failedAttempt, Duration serverHint, double jitter) {
    double j = Math.min(Math.max(jitter, 0), 1);
    long capMs = maxWait.toMillis();
    if (serverHint != null && !serverHint.isNegative()) {
      // Never earlier than asked; a little spread so that parallel callers do not come back in lockstep.
      long hintMs = serverHint.toMillis() + (serverHint.toNanos() % 1_000_000 == 0 ? 0 : 1);
      long spreadMs = (long) (Math.min(hintMs / 10, 1_000) * j);
      return Duration.ofMillis(Math.min(hintMs + spreadMs, capMs));
    }
    long exp = baseDelay.toMillis() << Math.min(failedAttempt, 30);
    if (exp < 0) {
      exp = Long.MAX_VALUE;
    }
    // "Equal jitter": half the exponential step is guaranteed, the other half random.
    long ms = exp / 2 + (long) ((exp - exp / 2) * j);
    return Duration.ofMillis(Math.min(ms, capMs));
  }

  /**
   * What the server asked us to wait, read from response headers through {@code header} (case-insensitive lookup):
   * {@code retry-after} in seconds first; else the {@code x-ratelimit-reset-*} value of the exhausted limit
   * ({@code x-ratelimit-remaining-*} of 0), or the shorter of the two when neither says which; {@code null} when
   * the server gave no usable hint.
   */
  public static Duration serverHint(Function<String, String> header) {
    Duration retryAfter = Durations.parseSeconds(header.apply("retry-after"));
    if (retryAfter != null) {
      return retryAfter;
    }
    Duration requests = goOrNull(header.apply("x-ratelimit-reset-requests"));
    Duration tokens = goOrNull(header.apply("x-ratelimit-reset-tokens"));
    boolean requestsExhausted = "0".equals(trim(header.apply("x-ratelimit-remaining-requests")));
    boolean tokensExhausted = "0".equals(trim(header.apply("x-ratelimit-remaining-tokens")));
    if (requestsExhausted && tokensExhausted) {
      return max(requests, tokens);
    }
    if (requestsExhausted && requests != null) {
      return requests;
    }
    if (tokensExhausted && tokens != null) {
      return tokens;
    }
    return min(requests, tokens);
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }

  private static Duration goOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      Duration d = Durations.parseGo(text);
      return d.isNegative() ? null : d;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Duration min(Duration a, Duration b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }
}
