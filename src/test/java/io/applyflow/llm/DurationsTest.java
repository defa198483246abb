package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parsesGroqResetHeaders() {
    assertEquals(Duration.ofMillis(179_560), Durations.parseGo("2m59.56s"));
    assertEquals(Duration.ofMillis(7_660), Durations.parseGo("7.66s"));
    assertEquals(Duration.ofMillis(120), Durations.parseGo("120ms"));
  }

  @Test
  void parsesCombinedAndSmallUnits() {
    assertEquals(Duration.ofMinutes(62), Durations.parseGo("1h2m"));
    assertEquals(Duration.ofHours(1).plusMinutes(2).plusSeconds(3), Durations.parseGo("1h2m3s"));
    assertEquals(Duration.ofNanos(1_500), Durations.parseGo("1.5us"));
    assertEquals(Duration.ofNanos(2_000), Durations.parseGo("2µs"));
    assertEquals(Duration.ofNanos(7), Durations.parseGo("7ns"));
    assertEquals(Duration.ofMillis(500), Durations.parseGo(".5s"));
    assertEquals(Duration.ZERO, Durations.parseGo("0"));
    assertEquals(Duration.ZERO, Durations.parseGo("0s"));
    assertEquals(Duration.ofSeconds(-3), Durations.parseGo("-3s"));
  }

  @Test
  void rejectsWhatGoRejects() {
    for (String bad : new String[] {"", "s", "12", "1.2.3s", "5 seconds", "3d", "1h-2m", "."}) {
      assertThrows(IllegalArgumentException.class, () -> Durations.parseGo(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> Durations.parseGo(null));
  }

  @Test
  void readsRetryAfterSeconds() {
    assertEquals(Duration.ofSeconds(1), Durations.parseSeconds("1"));
    assertEquals(Duration.ofMillis(2_500), Durations.parseSeconds(" 2.5 "));
    assertNull(Durations.parseSeconds(null));
    assertNull(Durations.parseSeconds("Wed, 21 Oct 2015 07:28:00 GMT"));
    assertNull(Durations.parseSeconds("-1"));
  }
}
