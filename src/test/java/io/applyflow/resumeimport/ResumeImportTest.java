package io.applyflow.resumeimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.applyflow.platform.bus.Failure;
import io.applyflow.support.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResumeImportTest {

  // --- content sniffing ------------------------------------------------------------------------------------------

  @Test
  void aPdfIsKnownByItsMagicNotItsName() {
    assertEquals(Sniff.Kind.PDF, Sniff.of("%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII)));
    byte[] junkFirst = ("\r\n  \u0000garbage" + "%PDF-1.4").getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(Sniff.Kind.PDF, Sniff.of(junkFirst), "the magic may come after a few bytes");
  }

  @Test
  void aTextFileIsRefusedNamingWhatItStartsWith() {
    Failure.Coded e = assertThrows(Failure.Coded.class,
        () -> Sniff.of("Jane Doe\nSoftware engineer".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Failure.BAD_INPUT, e.failure);
    assertTrue(e.getMessage().startsWith("the file is not a PDF or a Word .docx: it starts with \"Jane Doe"),
        e.getMessage());
    Failure.Coded png = assertThrows(Failure.Coded.class,
        () -> Sniff.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0}));
    assertTrue(png.getMessage().contains("it starts with bytes 89 50 4E 47"), png.getMessage());
    assertTrue(assertThrows(Failure.Coded.class, () -> Sniff.of(new byte[0])).getMessage().contains("empty"));
  }

  @Test
  void aLegacyDocHasItsOwnMessage() {
    byte[] ole = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> Sniff.of(ole));
    assertTrue(e.getMessage().contains("old Word .doc") && e.getMessage().contains("save it as .docx"), e.getMessage());
  }

  @Test
  void aDocxIsAZipWithContentTypesAndTheDocument() throws IOException {
    assertEquals(Sniff.Kind.DOCX, Sniff.of(zip("[Content_Types].xml", "word/document.xml")));
    Failure.Coded other = assertThrows(Failure.Coded.class, () -> Sniff.of(zip("[Content_Types].xml", "xl/workbook.xml")));
    assertTrue(other.getMessage().contains("ZIP archive but not a Word .docx"), other.getMessage());
    byte[] cut = java.util.Arrays.copyOf(zip("a.txt"), 12);
    assertEquals(Failure.BAD_INPUT, assertThrows(Failure.Coded.class, () -> Sniff.of(cut)).failure);
  }

  @Test
  void anEncryptedOrBrokenPdfIsBadInputNotAFailure() {
    Failure.Coded broken = assertThrows(Failure.Coded.class,
        () -> ResumeImport.read("%PDF-1.7\nthis is not really a pdf".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(Failure.BAD_INPUT, broken.failure);
    assertTrue(broken.getMessage().contains("PDF"), broken.getMessage());
    Failure.Coded corruptDocx = assertThrows(Failure.Coded.class,
        () -> ResumeImport.read(zipWithJunk("[Content_Types].xml", "word/document.xml")));
    assertEquals(Failure.BAD_INPUT, corruptDocx.failure);
    assertTrue(corruptDocx.getMessage().contains(".docx"), corruptDocx.getMessage());
  }

  private static byte[] zip(String... names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (String n : names) {
        z.putNextEntry(new ZipEntry(n));
        z.write("x".getBytes(StandardCharsets.US_ASCII));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] zipWithJunk(String... names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (String n : names) {
        z.putNextEntry(new ZipEntry(n));
        z.write("<not xml".getBytes(StandardCharsets.US_ASCII));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  // --- dates -----------------------------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Jan 2020 – Present|2020-01|",
      "January 2020 - present|2020-01|",
      "2019-03 - 2021-07|2019-03|2021-07",
      "03/2019 – 07/2021|2019-03|2021-07",
      "3/2019-7/2021|2019-03|2021-07",
      "2018 — 2020|2018|2020",
      "2018–2020|2018|2020",
      "March 2019 to June 2021|2019-03|2021-06",
      "Mountain View, CA · Feb 2020 – Present|2020-02|",
      "Sept. 2015 – Dec. 2016|2015-09|2016-12",
      "Okt. 2019 bis heute|2019-10|",
      "janvier 2018 à mars 2020|2018-01|2020-03",
      "2020年4月 – 現在|2020-04|",
      "2020-02-01 – 2021-03-31|2020-02|2021-03",
      "Since 2017 – Current|2017|"})
  void dateRangesInCommonForms(String line, String start, String end) {
    Dates.Range r = Dates.find(line);
    assertEquals(start, r.start(), line);
    assertEquals(end, r.end(), line);
    assertEquals(end == null, r.ongoing() || r.single(), line);
  }

  @Test
  void singleDatesAndLinesWithoutDates() {
    Dates.Range single = Dates.find("Won award at AIHacks · Aug 2016");
    assertTrue(single.single());
    assertEquals("2016-08", single.start());
    assertEquals("Won award at AIHacks", single.rest("Won award at AIHacks · Aug 2016"));
    assertNull(Dates.find("Cut p99 latency 40% for 300 services"));
    assertNull(Dates.find("(415) 555-0117"), "a phone number is no date");
    assertNull(Dates.find("I was present at every stand-up"), "a word alone is no date");
    assertEquals("2020-02", Dates.date("Feb 2020"));
    assertNull(Dates.date("13/2020"));
  }

  // --- headings --------------------------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Experience|WORK", "WORK EXPERIENCE|WORK", "Employment History:|WORK", "Professional Experience|WORK",
      "Berufserfahrung|WORK", "Expérience professionnelle|WORK", "職歴|WORK", "Education|EDUCATION",
      "EDUCATION & TRAINING|EDUCATION", "Ausbildung|EDUCATION", "Skills|SKILLS", "Technical Skills|SKILLS",
      "Skills and Tools|SKILLS", "Projects|PROJECTS", "Personal Projects|PROJECTS", "Summary|SUMMARY",
      "Profile|SUMMARY", "About Me|SUMMARY", "Certifications|OTHER", "Languages|OTHER"})
  void sectionHeadingsInManyWordings(String line, Headings.Section expected) {
    assertEquals(expected, Headings.of(line));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Led the experience redesign for 40 teams", "Confluent", "Skills matter a lot here",
      "Staff Software Engineer — Confluent"})
  void aSentenceIsNoHeading(String line) {
    assertNull(Headings.of(line));
  }

  // --- Unicode ---------------------------------------------------------------------------------------------------

  @Test
  void textIsNfcWithoutLigaturesOrDirectionMarks() {
    String cleaned = Text.clean("\u200Eﬁnance ofﬁce  e\u0301cole\u00A0Zu\u0308rich\u00AD");
    assertEquals("finance office école Zürich", cleaned);
    assertTrue(cleaned.codePoints().noneMatch(c -> c >= 0xFB00 && c <= 0xFB06));
  }

  // --- Word ------------------------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"HEADING_STYLES", "BOLD"})
  void docxFilesParseBackToTheirEmployersTitlesDatesAndSchools(Docx.Layout layout) throws IOException {
    for (String name : List.of("sample", "senior-engineer", "new-grad", "career-changer", "multiscript")) {
      JsonNode fixture = Fixtures.resume(name);
      ResumeImport.Result r = ResumeImport.read(Docx.of(fixture, layout));
      assertEquals("docx", r.kind());
      List<String> misses = new ArrayList<>();
      for (FixtureRoundTripTest.Field f : FixtureRoundTripTest.compare(fixture, r.draft())) {
        if (!f.ok()) {
          misses.add(f.what() + ": expected " + f.expected() + ", got " + f.actual());
        }
      }
      assertEquals(List.of(), misses, name + " " + layout + "\n" + r.draft().toPrettyString());
      JsonNode work0 = r.draft().path("work").path(0);
      assertEquals(fixture.path("work").path(0).path("highlights").size(), work0.path("highlights").size(),
          "each bullet is one highlight: " + work0);
      assertEquals(fixture.path("skills").size(), r.draft().path("skills").size(), r.draft().path("skills").toString());
      assertEquals(fixture.path("education").path(0).path("area").asText(),
          r.draft().path("education").path(0).path("area").asText(), r.draft().path("education").toString());
    }
  }

  @Test
  void headerContactsAndProfilesAreReadAndNothingIsInvented() throws IOException {
    ResumeImport.Result r = ResumeImport.read(Docx.of(Fixtures.resume("senior-engineer"), Docx.Layout.BOLD));
    ObjectNode basics = (ObjectNode) r.draft().path("basics");
    assertEquals("Staff Software Engineer, Distributed Systems", basics.path("label").asText());
    assertEquals("San Francisco", basics.path("location").path("city").asText());
    assertEquals("California", basics.path("location").path("region").asText());
    List<String> networks = new ArrayList<>();
    basics.path("profiles").forEach(p -> networks.add(p.path("network").asText() + " " + p.path("username").asText()));
    assertTrue(networks.contains("GitHub lvasquez") && networks.contains("LinkedIn lena-vasquez-eng"), networks.toString());
    assertFalse(r.draft().has("projects"), "no projects section in the file, none in the draft");
    assertFalse(r.draft().path("work").path(0).has("endDate"), "Present: no end date");
    assertFalse(r.draft().path("work").path(0).has("url"), "nothing the file does not say");
    assertTrue(r.text().contains("Confluent") && r.text().contains("• Designed the tiered-storage"), r.text());
  }
  // --- plain text (no bold, no styles: a PDF from another tool, or a plain Word file) ------------------------------

  @Test
  void aPlainLayoutWithoutStylesIsReadFromItsWordsAndDates() {
    List<Line> lines = new ArrayList<>();
    for (String t : List.of("JOHN SMITH", "Software Engineer",
        "john@smith.dev | +44 20 7946 0958 | London, UK | linkedin.com/in/jsmith", "EXPERIENCE",
        "Acme Ltd, Senior Developer Mar 2019 – Present", "• Built the billing service in Kotlin",
        "• Led four engineers", "Globex — Developer", "2016 – 2019", "• Ported the ledger to PostgreSQL",
        "EDUCATION", "BSc in Computer Science, University of Leeds, 2012 – 2015", "SKILLS", "Java, Kotlin, SQL")) {
      String unmarked = Bullets.strip(t);
      lines.add(unmarked == null ? Line.plain(t)
          : new Line(unmarked, 0, false, false, -1, true, 0, 0, false));
    }
    ObjectNode d = DraftParser.parse(lines);
    assertEquals("JOHN SMITH", d.path("basics").path("name").asText());
    assertEquals("Software Engineer", d.path("basics").path("label").asText());
    assertEquals("john@smith.dev", d.path("basics").path("email").asText());
    assertEquals("+44 20 7946 0958", d.path("basics").path("phone").asText());
    assertEquals("London", d.path("basics").path("location").path("city").asText());
    assertEquals("jsmith", d.path("basics").path("profiles").path(0).path("username").asText());
    JsonNode acme = d.path("work").path(0);
    assertEquals("Acme Ltd", acme.path("name").asText(), d.toPrettyString());
    assertEquals("Senior Developer", acme.path("position").asText());
    assertEquals("2019-03", acme.path("startDate").asText());
    assertFalse(acme.has("endDate"));
    assertEquals(2, acme.path("highlights").size());
    JsonNode globex = d.path("work").path(1);
    assertEquals("Globex", globex.path("name").asText(), d.toPrettyString());
    assertEquals("Developer", globex.path("position").asText());
    assertEquals("2016", globex.path("startDate").asText());
    assertEquals("2019", globex.path("endDate").asText());
    JsonNode leeds = d.path("education").path(0);
    assertEquals("University of Leeds", leeds.path("institution").asText(), d.toPrettyString());
    assertEquals("BSc", leeds.path("studyType").asText());
    assertEquals("Computer Science", leeds.path("area").asText());
    assertEquals("2015", leeds.path("endDate").asText());
    assertEquals(3, d.path("skills").size());
  }
  @Test
  void anyPartOfADocumentParsesWithoutFailing() throws IOException {
    for (Docx.Layout layout : Docx.Layout.values()) {
      byte[] docx = Docx.of(Fixtures.resume("career-changer"), layout);
      List<Line> lines = DocxText.lines(docx);
      for (int i = 0; i <= lines.size(); i++) {
        DraftParser.parse(lines.subList(i, lines.size()));
        DraftParser.parse(lines.subList(0, i));
      }
      List<Line> noHeadings = new ArrayList<>();
      lines.forEach(l -> noHeadings.add(Line.plain(l.text())));
      assertTrue(DraftParser.parse(noHeadings).path("work").size() > 0, layout + ": the words alone still find roles");
    }
  }
  @Test
  void aPasswordProtectedPdfIsRefusedSayingSo() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
      doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
      org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy policy =
          new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy("owner-secret", "user-secret",
              new org.apache.pdfbox.pdmodel.encryption.AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      doc.save(out);
    }
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> ResumeImport.read(out.toByteArray()));
    assertEquals(Failure.BAD_INPUT, e.failure);
    assertTrue(e.getMessage().contains("encrypted with a password"), e.getMessage());
  }
}
