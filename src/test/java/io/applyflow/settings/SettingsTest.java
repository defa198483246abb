package io.applyflow.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void theCoverLetterIsOffInAutoModeUntilTheUserTurnsItOn() {
    assertFalse(Settings.DEFAULTS.sendCoverLetterInAuto());
    assertFalse(Settings.DEFAULTS.toJson().getBoolean("send_cover_letter_in_auto"));
    Settings on = Settings.from(new JsonObject().put("send_cover_letter_in_auto", true), Settings.DEFAULTS);
    assertTrue(on.sendCoverLetterInAuto());
    assertEquals(70, on.acceptThreshold(), "the other settings are kept");
    Settings kept = Settings.from(new JsonObject().put("accept_threshold", 80), on);
    assertTrue(kept.sendCoverLetterInAuto(), "a missing field keeps its value");
    assertFalse(Settings.from(new JsonObject().put("send_cover_letter_in_auto", false), on).sendCoverLetterInAuto());
  }

  @Test
  void onlyAJsonBooleanTurnsTheLetterOnOrOff() {
    for (Object bad : new Object[] {"true", "yes", 1, 0, new JsonObject()}) {
      Failure.Coded e = assertThrows(Failure.Coded.class,
          () -> Settings.from(new JsonObject().put("send_cover_letter_in_auto", bad), Settings.DEFAULTS));
      assertEquals(Failure.BAD_INPUT, e.failure);
      assertTrue(e.getMessage().startsWith("send_cover_letter_in_auto must be true or false"), e.getMessage());
    }
    Failure.Coded empty = assertThrows(Failure.Coded.class,
        () -> Settings.from(new JsonObject().putNull("send_cover_letter_in_auto"), Settings.DEFAULTS));
    assertTrue(empty.getMessage().contains("send_cover_letter_in_auto"), empty.getMessage());
  }
}
