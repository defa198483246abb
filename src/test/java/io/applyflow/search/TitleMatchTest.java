package io.applyflow.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TitleMatchTest {
  @Test
  void classifiesLevelsFromTitles() {
    assertEquals(Level.ENTRY, Level.ofTitle("Software Engineering Intern"));
    assertEquals(Level.ENTRY, Level.ofTitle("Junior Software Engineer"));
    assertEquals(Level.ENTRY, Level.ofTitle("Software Engineer, New Grad"));
    assertEquals(Level.ENTRY, Level.ofTitle("Software Engineer I"));
    assertEquals(Level.MID, Level.ofTitle("Software Engineer II"));
    assertEquals(Level.MID, Level.ofTitle("Backend Software Engineer"));
    assertEquals(Level.SENIOR, Level.ofTitle("Senior Software Engineer"));
    assertEquals(Level.SENIOR, Level.ofTitle("Staff Software Engineer, Platform"));
    assertEquals(Level.SENIOR, Level.ofTitle("Software Engineer III"));
    assertEquals(Level.SENIOR, Level.ofTitle("Principal Engineer"));
  }

  @Test
  void matchesEveryWordOfThePositionAtTheLevel() {
    assertTrue(TitleMatch.matches("Software Engineer", Level.MID, "Software Engineer, Payments"));
    assertTrue(TitleMatch.matches("software engineers", Level.SENIOR, "Senior Software Engineer"));
    assertFalse(TitleMatch.matches("Software Engineer", Level.MID, "Senior Software Engineer"));
    assertFalse(TitleMatch.matches("Software Engineer", Level.MID, "Product Designer"));
    assertFalse(TitleMatch.matches("Data Engineer", Level.MID, "Software Engineer"));
    assertFalse(TitleMatch.matches("   ", Level.MID, "Software Engineer"));
  }

  @Test
  void parsesRequestedLevels() {
    assertEquals(Level.SENIOR, Level.parse(" Senior "));
    assertEquals(null, Level.parse("expert"));
  }
}
