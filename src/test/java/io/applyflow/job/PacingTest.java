package io.applyflow.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PacingTest {
  private final Instant now = Instant.parse("2026-11-22T12:00:00Z");

  @Test
  void waitsOutTheBoardInterval() {
    Pacing pacing = new Pacing(Duration.ofSeconds(20), 50);
    assertEquals(0, pacing.decide(now, null, 0).waitMillis(), "first submission to a board goes at once");
    assertEquals(15_000, pacing.decide(now, now.minusSeconds(5), 1).waitMillis());
    assertEquals(0, pacing.decide(now, now.minusSeconds(60), 1).waitMillis());
  }

  @Test
  void stopsAtTheDailyCap() {
    Pacing pacing = new Pacing(Duration.ofSeconds(20), 3);
    assertFalse(pacing.decide(now, null, 2).capReached());
    assertTrue(pacing.decide(now, null, 3).capReached());
    assertFalse(new Pacing(Duration.ZERO, 0).decide(now, now, 10_000).capReached(), "0 means no cap");
    assertEquals(0, new Pacing(Duration.ZERO, 0).decide(now, now, 1).waitMillis(), "0 means no interval");
  }
}
