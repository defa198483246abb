package io.applyflow.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.support.Poppler.Expected;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The judge of the round-trip tests, on pdftotext-like text: exact but for line wraps, in order, clear failures. */
class PopplerTest {

  private static List<Expected> of(String... texts) {
    return java.util.Arrays.stream(texts).map(t -> new Expected("item", t)).toList();
  }

  @Test
  void aLigatureIsNotTheLettersItDraws() {
    List<String> problems = Poppler.textProblems("Sta\uFB00 Software Engineer\n", of("Staff Software Engineer"));
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("\"Sta\"") && problems.get(0).contains("U+FB00")
        && problems.get(0).contains("after NFKC"), problems.get(0));
    assertTrue(problems.get(1).contains("ligature U+FB00"), problems.get(1));
  }

  @Test
  void linesMayWrapAtSpacesAndBetweenCjkCharactersButNowhereElse() {
    assertNull(Poppler.firstMissing("Led the redesign of the\nledger\n", of("Led the redesign of the ledger")));
    assertNull(Poppler.firstMissing("東京オフィスと共同で決済\nAPIの障害対応", of("東京オフィスと共同で決済APIの障害対応")));
    assertNull(Poppler.firstMissing("CI/\nCD and tiered-\nstorage", of("CI/CD and tiered-storage")));
    assertNotNull(Poppler.firstMissing("Kuber\nnetes", of("Kubernetes")));
    assertNotNull(Poppler.firstMissing("Kuber netes", of("Kubernetes")));
    assertNotNull(Poppler.firstMissing("Led  the", of("Ledthe")));
  }

  @Test
  void aHyphenPdftotextDroppedAtALineEndIsNamed() {
    String problem = Poppler.firstMissing("zero customerfacing downtime", of("zero customer-facing downtime"));
    assertNotNull(problem);
    assertTrue(problem.contains("drops a hyphen"), problem);
  }

  @Test
  void theComparisonIsNfcNotNfkcAndIgnoresOnlyBidiMarks() {
    assertNotNull(Poppler.firstMissing("Zoe\u0308 \u0141ukasiewicz", of("Zoë Łukasiewicz")),
        "a decomposed ë is not the NFC source");
    assertNull(Poppler.firstMissing("\u202Bמהנדסת תוכנה\u202C · Jan 2014", of("מהנדסת תוכנה", "Jan 2014")));
  }

  @Test
  void stringsMustComeBackInOrder() {
    String problem = Poppler.firstMissing("Education\nExperience\n", of("Experience", "Education"));
    assertNotNull(problem);
    assertTrue(problem.contains("out of order"), problem);
  }

  @Test
  void hashesForMissingGlyphsAndReplacementCharactersFail() {
    List<String> problems = Poppler.textProblems("Nakamura Systems ####\n\uFFFD", of("Nakamura Systems"));
    assertTrue(problems.stream().anyMatch(p -> p.contains("'#'")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("U+FFFD")), problems.toString());
    assertEquals(List.of(), Poppler.textProblems("C# and F#\n", of("C# and F#")));
  }

  @Test
  void aGroupNameIsAllowedAsALabelButNotAsAnItem() {
    List<String> groups = List.of("Infrastructure", "Data");
    List<String> keywords = List.of("Kubernetes", "Kafka");
    List<String> headings = List.of("Skills", "Education");
    assertEquals(List.of(), Poppler.groupNamesListedAsSkills(
        "Skills\nInfrastructure: Kubernetes\nData: Kafka\n\nEducation\nData School\n", groups, keywords, headings));
    List<String> listed = Poppler.groupNamesListedAsSkills("Skills\nKubernetes, Infrastructure,\nKafka\n\fEducation\n",
        groups, keywords, headings);
    assertEquals(1, listed.size(), listed.toString());
    assertTrue(listed.get(0).startsWith("Infrastructure"), listed.toString());
    assertFalse(Poppler.groupNamesListedAsSkills("Summary\n", groups, keywords, headings).isEmpty());
  }
}
