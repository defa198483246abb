package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class LlmProbeTest {
  @Test
  void aServerThatEchoesTheKeyHasItBlankedOut() {
    String key = "sk-proj-abcdef0123456789";
    assertEquals("Incorrect API key provided: [key] You can find your key at [key]",
        LlmProbe.clean("Incorrect API key provided: " + key + " You can find your key at " + key, key));
    String masked = LlmProbe.clean("Incorrect API key provided: sk-proj-****6789.", key);
    assertFalse(masked.contains("sk-p"), masked);
    assertEquals("Invalid API Key", LlmProbe.clean("Invalid API Key", key));
  }

  @Test
  void controlCharactersAreDroppedAndLongMessagesCut() {
    assertEquals("a b", LlmProbe.clean("a\nb", null));
    String cut = LlmProbe.clean("x".repeat(5000), null);
    assertEquals(303, cut.length());
  }
}
