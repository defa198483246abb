package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class AnswerKeysTest {
  @Test
  void sameQuestionWithDifferentPunctuationCaseAndSpacingSharesAKey() {
    String key = AnswerKeys.key("are you authorized to work in the us");
    assertEquals(key, AnswerKeys.key("Are you authorized to work in the U.S.?*"));
    assertEquals(key, AnswerKeys.key("  *Are  you\tauthorized to work in the US?  "));
    assertEquals(key, AnswerKeys.key("ARE YOU AUTHORIZED TO WORK IN THE US\u00a0?"));
    assertEquals("are you authorized to work in the us", key);
  }

  @Test
  void dashesAndSlashesSeparateWords() {
    assertEquals("race and or ethnicity", AnswerKeys.key("Race and/or Ethnicity:"));
    assertEquals(AnswerKeys.key("Do you self identify?"), AnswerKeys.key("Do you self-identify?"));
    assertEquals("resume cv", AnswerKeys.key("Resume/CV*"));
  }

  @Test
  void dropsOptionalMarkersButKeepsLanguageNames() {
    assertEquals("pronouns", AnswerKeys.key("Pronouns (optional)"));
    assertNotEquals(AnswerKeys.key("Years with C++?"), AnswerKeys.key("Years with C#?"));
    assertNotEquals(AnswerKeys.key("Years with C++?"), AnswerKeys.key("Years with C?"));
    assertEquals("do you have 5 years", AnswerKeys.key("Do you have 5+ years?"));
  }

  @Test
  void nullAndBlankGiveTheEmptyKey() {
    assertEquals("", AnswerKeys.key(null));
    assertEquals("", AnswerKeys.key(" *?* "));
  }

  @Test
  void savedAnswerComputesItsKeyAndProvenance() {
    SavedAnswer a = SavedAnswer.of(42, "Are you authorized to work in the U.S.?*", "Yes");
    assertEquals("are you authorized to work in the us", a.questionKey());
    assertEquals("answer:42", a.provenance());
  }
}
