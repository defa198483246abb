package io.applyflow.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ThrottleTest {
  private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void fiveFreeFailuresPerAccountThenOneSecondDoublingUpToFifteenMinutes() {
    for (int n = 0; n <= 5; n++) {
      assertEquals(Duration.ZERO, Throttle.delay(Throttle.ACCOUNT, n), "failure " + n);
    }
    assertEquals(Duration.ofSeconds(1), Throttle.delay(Throttle.ACCOUNT, 6));
    assertEquals(Duration.ofSeconds(2), Throttle.delay(Throttle.ACCOUNT, 7));
    assertEquals(Duration.ofSeconds(4), Throttle.delay(Throttle.ACCOUNT, 8));
    assertEquals(Duration.ofSeconds(512), Throttle.delay(Throttle.ACCOUNT, 15));
    assertEquals(Duration.ofMinutes(15), Throttle.delay(Throttle.ACCOUNT, 16));
    assertEquals(Duration.ofMinutes(15), Throttle.delay(Throttle.ACCOUNT, 1_000_000));
  }

  @Test
  void anAddressHasTwentyFreeFailures() {
    assertEquals(Duration.ZERO, Throttle.delay(Throttle.ADDRESS, 20));
    assertEquals(Duration.ofSeconds(1), Throttle.delay(Throttle.ADDRESS, 21));
  }

  @Test
  void theLockCountsFromTheLastFailureAndAQuietKeyIsForgotten() {
    assertEquals(Duration.ofSeconds(4), Throttle.lockedFor(Throttle.ACCOUNT, 8, T0, T0));
    assertEquals(Duration.ofSeconds(1), Throttle.lockedFor(Throttle.ACCOUNT, 8, T0, T0.plusSeconds(3)));
    assertEquals(Duration.ZERO, Throttle.lockedFor(Throttle.ACCOUNT, 8, T0, T0.plusSeconds(4)));
    assertEquals(Duration.ofMinutes(15), Throttle.lockedFor(Throttle.ACCOUNT, 40, T0, T0));
    assertEquals(Duration.ZERO, Throttle.lockedFor(Throttle.ACCOUNT, 40, T0, T0.plusHours(25)));
  }

  @Test
  void theAccountIsKeptAsAHashOfTheEmailNotTheEmail() {
    String key = Throttle.accountKey("me@example.com");
    assertTrue(key.startsWith("account:") && !key.contains("example"), key);
    assertNotEquals(key, Throttle.accountKey("you@example.com"));
    assertEquals("address:127.0.0.1", Throttle.addressKey("127.0.0.1"));
  }
}
