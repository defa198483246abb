package io.applyflow.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.support.Fixtures;
import io.applyflow.support.Poppler;
import io.applyflow.tailor.Education;
import io.applyflow.tailor.Role;
import io.applyflow.tailor.Tailor;
import io.applyflow.tailor.TailoredResume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10's round trip: each fixture resume and the multi-script one ({@code multiscript.resume.json}: Latin with
 * diacritics, Greek, Cyrillic, Japanese, Chinese, Arabic, Hebrew and Devanagari), tailored to the staff-backend
 * description and rendered, read back by poppler ({@link Poppler}), an extractor we do not control: every employer,
 * title, place, school, degree, date range, skills line and bullet comes back exactly (NFC, in order), with no
 * ligature code point, no U+FFFD and no '#' for a missing glyph; every font is embedded; the PDF is tagged; and our
 * own parse-back gate agrees. The same for a cover letter written in several scripts.
 *
 * <p>An IT because it runs poppler-utils; without them it fails, naming the package to install.
 */
class PdfRoundTripIT {

  private static final ResumePdf PDF = new ResumePdf();
  private static final Map<String, TailoredResume> TAILORED = new ConcurrentHashMap<>();
  private static final Map<String, byte[]> RENDERED = new ConcurrentHashMap<>();

  @BeforeAll
  static void popplerIsInstalled() {
    Poppler.require();
  }

  static TailoredResume tailored(String name) {
    return TAILORED.computeIfAbsent(name, n -> {
      try {
        return Tailor.tailor(Fixtures.resume(n), Fixtures.description("staff-backend"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The rendered PDF, also written to target/pdf-roundtrip/ so a failure can be looked at with any viewer. */
  static byte[] pdf(String name) {
    return RENDERED.computeIfAbsent(name, n -> keep(n + ".resume.pdf", PDF.render(tailored(n))));
  }

  private static byte[] keep(String file, byte[] pdf) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "pdf-roundtrip"));
      Files.write(dir.resolve(file), pdf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pdf;
  }

  @ParameterizedTest
  @ValueSource(strings = {"senior-engineer", "new-grad", "career-changer", "sample", "multiscript"})
  void pdftotextGivesBackEveryStringExactlyAndInOrder(String name) {
    TailoredResume r = tailored(name);
    String text = Poppler.text(pdf(name));
    List<String> problems = Poppler.textProblems(text, Poppler.expected(r));
    assertEquals(List.of(), problems, name + ": " + String.join("\n", problems));
  }

  @ParameterizedTest
  @ValueSource(strings = {"senior-engineer", "new-grad", "career-changer", "sample", "multiscript"})
  void everyFontIsEmbeddedAndThePdfIsTagged(String name) {
    List<String> problems = Poppler.fontAndTagProblems(pdf(name));
    assertEquals(List.of(), problems, name + ": " + String.join("\n", problems) + "\npdffonts: "
        + Poppler.fonts(pdf(name)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"senior-engineer", "new-grad", "career-changer", "sample", "multiscript"})
  void theParseBackGatePasses(String name) {
    assertEquals(List.of(), ParseBackGate.check(pdf(name), tailored(name)), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"senior-engineer", "new-grad", "career-changer", "sample", "multiscript"})
  void theSkillsSectionListsNoGroupNameAsASkill(String name) throws IOException {
    JsonNode resume = Fixtures.resume(name);
    List<String> groups = new ArrayList<>();
    List<String> keywords = new ArrayList<>();
    for (JsonNode s : resume.path("skills")) {
      if (s.hasNonNull("name")) {
        groups.add(s.get("name").asText());
      }
      s.path("keywords").forEach(k -> keywords.add(k.asText()));
    }
    TailoredResume r = tailored(name);
    List<String> listed = Poppler.groupNamesListedAsSkills(Poppler.text(pdf(name)), groups, keywords,
        r.sectionHeadings());
    assertEquals(List.of(), listed, name + ": skill group names listed as skills");
  }

  /** Guards the fixture: each script of the issue names at least one employer, title, place or school. */
  @Test
  void theMultiScriptResumeNamesEveryScriptInAnEmployerTitlePlaceOrSchool() {
    TailoredResume r = tailored("multiscript");
    List<String> names = new ArrayList<>();
    for (Role role : r.work()) {
      names.add(role.title());
      names.add(role.organisation());
      names.add(role.location());
    }
    for (Education e : r.education()) {
      names.add(e.institution());
    }
    Set<UnicodeScript> seen = EnumSet.noneOf(UnicodeScript.class);
    names.stream().filter(s -> s != null).forEach(s -> s.codePoints().forEach(c -> seen.add(UnicodeScript.of(c))));
    for (UnicodeScript script : List.of(UnicodeScript.GREEK, UnicodeScript.CYRILLIC, UnicodeScript.HAN,
        UnicodeScript.KATAKANA, UnicodeScript.ARABIC, UnicodeScript.HEBREW, UnicodeScript.DEVANAGARI)) {
      assertTrue(seen.contains(script), script + " names no employer, title, place or school: " + names);
    }
    assertTrue(names.stream().anyMatch(s -> s != null && s.matches(".*[ŁłüãóŻż].*")), names.toString());
    assertTrue(r.name().equals("Zoë Łukasiewicz"), r.name());
  }

  /** A cover letter's name, contact line and paragraphs, in several scripts, come back exactly. */
  @Test
  void aCoverLetterInSeveralScriptsReadsBackExactly() {
    String name = "Zoë Łukasiewicz";
    String contact = "zoe.lukasiewicz@example.com · +41 44 555 01 23 · Zürich, ZH";
    List<String> paragraphs = List.of(
        "Dear hiring team,",
        "I am applying for the Staff Software Engineer role. At Grünfeld & Søn in Zürich I led the redesign of an"
            + " efficient, conflict-free ledger workflow — the office’s “fail-fast” rollouts now finish in minutes,"
            + " and the ring buffer I rewrote offloaded the hot path.",
        "At Nakamura Systems 株式会社 in São Paulo I built a change-data-capture pipeline; 東京オフィスと共同で決済APIの"
            + "障害対応手順を整備しました。在深圳云数据科技有限公司，我设计了基于 Raft 的分布式锁服务。",
        "Στην Αιγαίο Λογισμικό Α.Ε. μετέφερα 40 υπηρεσίες στο Kubernetes. В ООО «Северный Код» я разработала систему"
            + " мониторинга.",
        "פיתחתי שירות התראות בזמן אמת עבור מערכת התשלומים",
        "طوّرت أداة داخلية لمراقبة أداء قواعد البيانات",
        "मैंने भारतीय प्रौद्योगिकी संस्थान बॉम्बे में कंप्यूटर विज्ञान पढ़ा।",
        "Kind regards,\nZoë Łukasiewicz");
    assertLetterReadsBack("multiscript.cover-letter.pdf", name, contact, paragraphs);
  }

  /** pdftotext gives back the name, the contact line (when there is one) and every paragraph; the gate agrees. */
  private static void assertLetterReadsBack(String file, String name, String contact, List<String> paragraphs) {
    byte[] pdf = keep(file, PDF.renderLetter(name, contact, paragraphs));
    List<Poppler.Expected> expected = new ArrayList<>();
    expected.add(new Poppler.Expected("name", name));
    if (contact != null) {
      expected.add(new Poppler.Expected("contact", contact));
    }
    expected.addAll(Poppler.expectedLetter(null, paragraphs));
    List<String> problems = new ArrayList<>(Poppler.textProblems(Poppler.text(pdf), expected));
    problems.addAll(Poppler.fontAndTagProblems(pdf));
    assertEquals(List.of(), problems, String.join("\n", problems));
    assertEquals(List.of(), ParseBackGate.checkLetter(pdf, name, paragraphs));
  }

  /** Places and schools in the other scripts of large job markets, beyond the list. */
  @Test
  void aCoverLetterInTheOtherScriptsOfLargeJobMarketsReadsBackExactly() {
    String name = "Somchai Rattanakorn";
    List<String> paragraphs = List.of(
        "I studied at จุฬาลงกรณ์มหาวิทยาลัย in กรุงเทพมหานคร and worked in ঢাকা, சென்னை and హైదరాబాద్.",
        "Offices: ગુજરાત, ਪੰਜਾਬ, ಬೆಂಗಳೂರು, കൊച്ചി, කොළඹ, ភ្នំពេញ, ရန်ကုန် and ວຽງຈັນ.",
        "Schools: თბილისის სახელმწიფო უნივერსიტეტი, Երևանի պետական համալսարան, አዲስ አበባ ዩኒቨርሲቲ.");
    assertLetterReadsBack("other-scripts.cover-letter.pdf", name, null, paragraphs);
  }
}
