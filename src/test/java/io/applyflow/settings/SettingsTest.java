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

  @Test
  void documentsDefaultToClassicLetterAndTwoPages() {
    JsonObject json = Settings.DEFAULTS.toJson();
    assertEquals("classic", json.getString("resume_template"));
    assertEquals("letter", json.getString("paper"));
    assertEquals(2, json.getInteger("resume_pages"));
  }

  @Test
  void templatePaperAndPagesAreReadAndKeptWhenMissing() {
    Settings s = Settings.from(new JsonObject().put("resume_template", "compact").put("paper", "A4")
        .put("resume_pages", 1), Settings.DEFAULTS);
    assertEquals("compact", s.resumeTemplate());
    assertEquals("a4", s.paper(), "paper names are read case-insensitively and stored lower-case");
    assertEquals(1, s.resumePages());
    Settings kept = Settings.from(new JsonObject().put("accept_threshold", 90), s);
    assertEquals(new Settings(90, 50, false, "compact", "a4", 1), kept);
    assertEquals(2, Settings.from(new JsonObject().put("resume_pages", "2"), s).resumePages(), "the form sends text");
  }

  @Test
  void aBadTemplatePaperOrPageCountIsRefusedNamingTheFieldAndTheAllowedValues() {
    assertRefused(new JsonObject().put("resume_template", "fancy"),
        "resume_template must be one of classic, compact, not 'fancy'");
    assertRefused(new JsonObject().put("resume_template", 1), "resume_template must be one of classic, compact");
    assertRefused(new JsonObject().putNull("resume_template"), "resume_template must be one of classic, compact");
    assertRefused(new JsonObject().put("paper", "legal"), "paper must be one of letter, a4, not 'legal'");
    assertRefused(new JsonObject().put("paper", true), "paper must be one of letter, a4");
    for (Object bad : new Object[] {3, 0, -1, "three", "1.5", 1.0, true}) {
      assertRefused(new JsonObject().put("resume_pages", bad), "resume_pages must be 1 or 2");
    }
  }

  private static void assertRefused(JsonObject body, String message) {
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> Settings.from(body, Settings.DEFAULTS));
    assertEquals(Failure.BAD_INPUT, e.failure);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
