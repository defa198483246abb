package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5));

  @Test
  void retriesRateLimitsAndServerErrorsOnly() {
    assertTrue(policy.retryableStatus(429));
    assertTrue(policy.retryableStatus(500));
    assertTrue(policy.retryableStatus(503));
    assertTrue(policy.retryableStatus(498));
    assertFalse(policy.retryableStatus(400));
    assertFalse(policy.retryableStatus(401));
    assertFalse(policy.retryableStatus(404));
    assertFalse(policy.retryableStatus(413));
  }

  @Test
  void allowsMaxRetriesAfterTheFirstAttempt() {
    assertTrue(policy.canRetry(0));
    assertTrue(policy.canRetry(2));
    assertFalse(policy.canRetry(3));
    assertFalse(new RetryPolicy(0, Duration.ZERO, Duration.ZERO).canRetry(0));
  }

  @Test
  void backoffDoublesWithJitterBetweenHalfAndFullStep() {
    assertEquals(Duration.ofMillis(50), policy.delay(0, null, 0.0));
    assertEquals(Duration.ofMillis(99), policy.delay(0, null, 0.999999));
    assertEquals(Duration.ofMillis(100), policy.delay(1, null, 0.0));
    assertEquals(Duration.ofMillis(200), policy.delay(2, null, 0.0));
    assertEquals(Duration.ofMillis(799), policy.delay(3, null, 0.999999));
  }

  @Test
  void backoffIsCappedAtMaxWait() {
    assertEquals(Duration.ofSeconds(5), policy.delay(20, null, 0.5));
    assertEquals(Duration.ofSeconds(5), policy.delay(62, null, 0.9));
  }

  @Test
  void serverHintIsNeverShortenedButIsCapped() {
    Duration oneSecond = policy.delay(0, Duration.ofSeconds(1), 0.0);
    assertEquals(Duration.ofSeconds(1), oneSecond);
    Duration withJitter = policy.delay(0, Duration.ofSeconds(1), 0.99);
    assertTrue(withJitter.compareTo(Duration.ofSeconds(1)) >= 0 && withJitter.toMillis() <= 1_100, withJitter::toString);
    assertEquals(Duration.ofSeconds(5), policy.delay(0, Duration.ofMinutes(3), 0.0));
  }

  @Test
  void retryAfterWinsOverRateLimitResets() {
    Map<String, String> headers = Map.of("retry-after", "2", "x-ratelimit-reset-tokens", "7.66s");
    assertEquals(Duration.ofSeconds(2), RetryPolicy.serverHint(headers::get));
  }

  @Test
  void usesTheResetOfTheExhaustedLimit() {
    Map<String, String> tokens = Map.of(
        "x-ratelimit-remaining-requests", "14370", "x-ratelimit-reset-requests", "2m59.56s",
        "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "7.66s");
    assertEquals(Duration.ofMillis(7_660), RetryPolicy.serverHint(tokens::get));
    Map<String, String> requests = Map.of(
        "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2m59.56s",
        "x-ratelimit-remaining-tokens", "100", "x-ratelimit-reset-tokens", "120ms");
    assertEquals(Duration.ofMillis(179_560), RetryPolicy.serverHint(requests::get));
  }

  @Test
  void usesTheShorterResetWhenNoLimitIsMarkedExhausted() {
    Map<String, String> headers = Map.of("x-ratelimit-reset-requests", "2m59.56s", "x-ratelimit-reset-tokens", "120ms");
    assertEquals(Duration.ofMillis(120), RetryPolicy.serverHint(headers::get));
    assertEquals(Duration.ofMinutes(62), RetryPolicy.serverHint(Map.of("x-ratelimit-reset-requests", "1h2m")::get));
  }

  @Test
  void noHintWhenHeadersAreAbsentOrGarbage() {
    assertNull(RetryPolicy.serverHint(Map.<String, String>of()::get));
    assertNull(RetryPolicy.serverHint(Map.of("x-ratelimit-reset-tokens", "soon")::get));
  }
}
