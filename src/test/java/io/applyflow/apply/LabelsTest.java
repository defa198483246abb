package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void normalisesCaseSpaceUnicodeAndRequiredMarkers() {
    assertEquals("first name", Labels.normalise("  First\u00a0 Name *"));
    assertEquals("first name", Labels.normalise("✱ First Name"));
    assertEquals("email", Labels.normalise("Email (required)"));
    // NFC: "é" written as e + combining accent equals the precomposed one
    assertEquals(Labels.normalise("Pr\u00e9nom"), Labels.normalise("Pre\u0301nom"));
    assertEquals("strasse", Labels.normalise("STRASSE"));
    assertEquals("", Labels.normalise(null));
  }

  @Test
  void sameLabelsIgnoreMarkersButNotWords() {
    assertTrue(Labels.same("Are you legally authorized to work?*", "are you  legally authorized to work?"));
    assertFalse(Labels.same("Are you authorized?", "Are you authorised?"));
    assertFalse(Labels.same("", ""), "blank labels name nothing");
  }

  @Test
  void matchesCountryOptionsByName() {
    List<String> labels = List.of("United States +1", "United States Minor Outlying Islands +1", "United Kingdom +44");
    assertEquals(0, Labels.bestOption(labels, "United States"));
    assertEquals(2, Labels.bestOption(labels, "united kingdom"));
    assertEquals(1, Labels.bestOption(List.of("Canada", "United States"), "United States"));
    assertEquals(-1, Labels.bestOption(labels, "United"));
    assertEquals(0, Labels.bestOption(List.of("Yes", "No"), "yes"));
  }

  @Test
  void typeaheadTakesTheFirstOptionStartingWithTheValue() {
    List<String> places = List.of("Pittsburg, Kansas", "Pittsburgh, Pennsylvania, United States");
    assertEquals(1, Labels.startsWith(places, "Pittsburgh"));
    assertEquals(-1, Labels.startsWith(places, "Paris"));
  }

  @Test
  void typedTextReadsBackAsTypedOrAsTheSameCharactersFormatted() {
    assertTrue(Labels.typed("I can start in March.\r\nThank you!", "I can start in March.\nThank you!"));
    assertTrue(Labels.typed("(412) 555-0199", "412 555 0199"));
    assertFalse(Labels.typed("41255", "412 555 0199"), "a value cut short did not stick");
    assertFalse(Labels.typed("", "Ada"));
  }
}
