package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RateGate}: its decisions on a hand-driven clock ({@link RateGate.Account#decide}), and the queue with real
 * Vert.x timers on short windows.
 */
class RateGateTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static Function<String, String> headers(String... pairs) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map::get;
  }

  private static RateGate.Permit grant(RateGate.Account a, long tokens, long now) {
    return a.grant(waiter(tokens), now);
  }

  private static RateGate.Waiter waiter(long tokens) {
    return new RateGate.Waiter("acct", tokens, Long.MAX_VALUE, io.vertx.core.Promise.promise());
  }

  @Test
  void knownRequestsPerMinuteHoldTheThirtyFirstUntilTheFirstLeavesTheMinute() {
    RateGate.Account a = new RateGate.Account();
    a.known = new RateGate.Limits(30, 0);
    for (int i = 0; i < 30; i++) {
      assertEquals(0, a.decide(10, 1_000 + i * 100).millis());
      grant(a, 10, 1_000 + i * 100);
    }
    RateGate.Decision d = a.decide(10, 5_000);
    assertEquals(1_000 + 60_000 - 5_000 + 1, d.millis(), d.limit());
    assertTrue(d.limit().contains("requests per minute"), d.limit());
    assertEquals(0, a.decide(10, 61_001).millis(), "the first request has left the minute");
  }

  @Test
  void knownTokensPerMinuteWaitUntilEnoughOfTheMinuteHasPassed() {
    RateGate.Account a = new RateGate.Account();
    a.known = new RateGate.Limits(0, 12_000);
    grant(a, 5_000, 0);
    grant(a, 5_000, 10_000);
    assertEquals(0, a.decide(2_000, 20_000).millis(), "12,000 - 10,000 leaves 2,000");
    RateGate.Decision d = a.decide(4_000, 20_000);
    assertEquals(60_001 - 20_000, d.millis(), "the first 5,000 must leave the minute");
    assertEquals(RateGate.Decision.NEVER, a.decide(12_001, 20_000).millis(), "larger than the limit itself");
  }

  @Test
  void announcedRemainingTokensLessWhatIsInFlightDecideUntilTheReset() {
    RateGate.Account a = new RateGate.Account();
    a.observe(headers("x-ratelimit-limit-tokens", "12000", "x-ratelimit-remaining-tokens", "2000",
        "x-ratelimit-reset-tokens", "7.5s"), 0);
    assertEquals(0, a.decide(2_000, 100).millis());
    grant(a, 1_500, 100);
    RateGate.Decision d = a.decide(800, 200);
    assertEquals(7_500 + 250 - 200, d.millis(), "2,000 left less 1,500 in flight: wait for the reset (+ margin)");
    assertTrue(d.limit().contains("token limit"), d.limit());
    assertEquals(0, a.decide(800, 7_800).millis(), "after the reset the limit is back, less what is in flight");
  }

  @Test
  void groqsPerDayRequestHeaderIsReadAsAnyOtherWindow() {
    RateGate.Account a = new RateGate.Account();
    a.observe(headers("x-ratelimit-limit-requests", "1000", "x-ratelimit-remaining-requests", "0",
        "x-ratelimit-reset-requests", "2m59.56s"), 0);
    assertEquals(179_560 + 250, a.decide(1, 0).millis());
  }

  @Test
  void knowingNothingSendsOneRequestAtATimeUntilTheFirstAnswer() {
    RateGate.Account a = new RateGate.Account();
    assertEquals(0, a.decide(100, 0).millis());
    RateGate.Permit p = grant(a, 100, 0);
    assertEquals(RateGate.Decision.ANSWER, a.decide(100, 1).millis());
    a.release(p);
    a.observe(headers(), 5);
    assertEquals(0, a.decide(100, 6).millis());
    grant(a, 100, 6);
    assertEquals(0, a.decide(100, 7).millis(), "after an answer without headers nothing holds a second request");
  }

  @Test
  void aRateLimitedAnswerPausesTheAccountForWhatItSays() {
    AtomicLong now = new AtomicLong(0);
    RateGate gate = new RateGate(vertx, now::get);
    RateGate.Permit p = gate.acquire("a", RateGate.Limits.UNKNOWN, 100, Duration.ofSeconds(5)).await();
    gate.answered(p, 429, headers("retry-after", "2", "x-ratelimit-limit-tokens", "12000",
        "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "40s"));
    Future<RateGate.Permit> refused = gate.acquire("a", RateGate.Limits.UNKNOWN, 100, Duration.ofSeconds(1));
    assertTrue(refused.failed(), "a 2 s pause is longer than this request may wait");
    RateGate.TooLong tooLong = assertInstanceOf(RateGate.TooLong.class, refused.cause());
    assertEquals(2_250, tooLong.waitMillis, "retry-after 2 s wins over the 40 s reset of the exhausted tokens");
  }

  @Test
  void theQueueIsFirstComeFirstServedAndWakesOnTheReset() {
    RateGate gate = new RateGate(vertx);
    RateGate.Permit first = gate.acquire("q", RateGate.Limits.UNKNOWN, 100, Duration.ofSeconds(5)).await();
    gate.answered(first, 200, headers("x-ratelimit-limit-tokens", "1000", "x-ratelimit-remaining-tokens", "300",
        "x-ratelimit-reset-tokens", "300ms"));
    Future<RateGate.Permit> big = gate.acquire("q", RateGate.Limits.UNKNOWN, 900, Duration.ofSeconds(5));
    Future<RateGate.Permit> small = gate.acquire("q", RateGate.Limits.UNKNOWN, 100, Duration.ofSeconds(5));
    java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    big.onSuccess(p -> order.add("big"));
    small.onSuccess(p -> order.add("small"));
    assertFalse(big.isComplete(), "300 tokens left: the big request waits for the reset");
    assertFalse(small.isComplete(), "the small one would fit, but does not overtake the one at the head");
    big.await();
    small.await();
    assertEquals(java.util.List.of("big", "small"), order);
    assertTrue(small.succeeded());
  }
}
