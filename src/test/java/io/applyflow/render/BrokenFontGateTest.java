package io.applyflow.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.support.Fixtures;
import io.applyflow.tailor.Bullet;
import io.applyflow.tailor.Role;
import io.applyflow.tailor.Tailor;
import io.applyflow.tailor.TailoredResume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "A deliberately broken font fails the gate": text with a character that no bundled font has a glyph for comes out of
 * openhtmltopdf as a box or '#', never as the character, so the parse-back gate must refuse the PDF and say which
 * character and which field. The characters are a Private Use Area code point (U+E000: no font has a standard glyph
 * there, and none on this machine has one at all) and Cuneiform (U+12000, a script the font chain leaves out;
 * if a Cuneiform font is ever bundled, pick another such script here).
 */
class BrokenFontGateTest {

  private static final ResumePdf PDF = new ResumePdf();

  /** The sample resume tailored to the staff-backend description, with {@code c} inside its first employer. */
  private static TailoredResume withEmployer(int c) throws IOException {
    TailoredResume r = Tailor.tailor(Fixtures.resume("sample"), Fixtures.description("staff-backend"));
    List<Role> work = new ArrayList<>(r.work());
    Role first = work.get(0);
    work.set(0, new Role(first.title(), "Pied Piper " + Character.toString(c) + " Labs", first.location(),
        first.start(), first.end(), first.bullets()));
    return new TailoredResume(r.name(), r.label(), r.email(), r.phone(), r.location(), r.links(), r.summary(), work,
        r.projects(), r.education(), r.skills(), r.sectionHeadings(), r.skillGroups());
  }

  /** The same resume with {@code c} inside its first chosen work bullet. */
  private static TailoredResume withBullet(int c) throws IOException {
    TailoredResume r = Tailor.tailor(Fixtures.resume("sample"), Fixtures.description("staff-backend"));
    Bullet b = r.work().get(0).bullets().get(0);
    return r.withTexts(java.util.Map.of(b.id(), b.text() + " " + Character.toString(c) + " done"));
  }

  private static boolean names(String problem, int c, String... alternatives) {
    String p = problem.toUpperCase(java.util.Locale.ROOT);
    if (p.contains(String.format("U+%04X", c)) || problem.contains(Character.toString(c))) {
      return true;
    }
    for (String a : alternatives) {
      if (problem.contains(a)) {
        return true;
      }
    }
    return false;
  }

  @ParameterizedTest
  @ValueSource(ints = {0xE000, 0x12000})
  void anEmployerNoFontCanDrawFailsTheGateNamingTheCharacterOrField(int c) throws IOException {
    TailoredResume r = withEmployer(c);
    List<String> problems = ParseBackGate.check(PDF.render(r), r);
    assertFalse(problems.isEmpty(), String.format("U+%04X in the employer passed the gate", c));
    assertTrue(problems.stream().anyMatch(p -> names(p, c, "employer", "organisation", "Pied Piper")),
        "the problem names the character or the employer: " + problems);
  }

  @ParameterizedTest
  @ValueSource(ints = {0xE000, 0x12000})
  void aBulletNoFontCanDrawFailsTheGateNamingTheCharacterOrBullet(int c) throws IOException {
    TailoredResume r = withBullet(c);
    String id = r.work().get(0).bullets().get(0).id();
    List<String> problems = ParseBackGate.check(PDF.render(r), r);
    assertFalse(problems.isEmpty(), String.format("U+%04X in a bullet passed the gate", c));
    assertTrue(problems.stream().anyMatch(p -> names(p, c, id)),
        "the problem names the character or the bullet " + id + ": " + problems);
  }

  @ParameterizedTest
  @ValueSource(ints = {0xE000, 0x12000})
  void aCoverLetterParagraphNoFontCanDrawFailsTheLetterGate(int c) {
    List<String> paragraphs = List.of("Dear hiring team,",
        "I built the " + Character.toString(c) + " pipeline at Pied Piper.", "Kind regards, Richard Hendriks");
    byte[] pdf = PDF.renderLetter("Richard Hendriks", "richard.hendriks@mail.com", paragraphs);
    List<String> problems = ParseBackGate.checkLetter(pdf, "Richard Hendriks", paragraphs);
    assertFalse(problems.isEmpty(), String.format("U+%04X in a letter paragraph passed the gate", c));
    assertTrue(problems.stream().anyMatch(p -> names(p, c, "paragraph 2")),
        "the problem names the character or paragraph 2: " + problems);
  }
}
