package io.applyflow.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplyOriginsConfigTest {
  @Test
  void extraOriginsAreACommaListOfOrigins() {
    Config c = Config.fromEnv(Map.of("APPLY_ALLOWED_ORIGINS", " https://ATS.example , http://10.0.0.5:8000/ "));
    assertEquals(List.of("https://ats.example", "http://10.0.0.5:8000"), c.applyAllowedOrigins());
    assertEquals(List.of(), Config.fromEnv(Map.of()).applyAllowedOrigins());
  }

  @Test
  void aBadOriginIsNamed() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Config.fromEnv(Map.of("APPLY_ALLOWED_ORIGINS", "https://ats.example/path")));
    assertTrue(e.getMessage().contains("APPLY_ALLOWED_ORIGINS entry 'https://ats.example/path'"), e.getMessage());
  }

  @Test
  void chromiumsSandboxIsOnUnlessConfiguredOff() {
    assertFalse(Config.fromEnv(Map.of()).chromiumNoSandbox());
    assertTrue(Config.fromEnv(Map.of("CHROMIUM_NO_SANDBOX", "true")).chromiumNoSandbox());
  }
}
