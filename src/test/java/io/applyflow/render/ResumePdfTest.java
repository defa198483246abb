package io.applyflow.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.applyflow.profile.Contact;
import io.applyflow.tailor.Bullet;
import io.applyflow.tailor.Role;
import io.applyflow.tailor.Tailor;
import io.applyflow.tailor.TailoredResume;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.cos.COSName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResumePdfTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResumePdf PDF = new ResumePdf();

  static JsonNode resume(String name) throws IOException {
    try (InputStream in = ResumePdfTest.class.getResourceAsStream("/jsonresume/" + name + ".resume.json")) {
      return JSON.readTree(in);
    }
  }

  static String description(String name) throws IOException {
    try (InputStream in = ResumePdfTest.class.getResourceAsStream("/jsonresume/" + name + ".description.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static TailoredResume tailored(String name) throws IOException {
    return Tailor.tailor(resume(name), description("staff-backend"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"senior-engineer", "new-grad", "career-changer", "sample"})
  void rendersAPdfThatPassesTheParseBackGate(String name) throws IOException {
    TailoredResume r = tailored(name);
    byte[] pdf = PDF.render(r);

    assertTrue(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"));
    assertEquals(List.of(), ParseBackGate.check(pdf, r));
    assertTrue(ParseBackGate.text(pdf).contains(r.name()));
  }

  @Test
  void theHeaderPrintsTheProfilesContactAndTheGateExpectsIt() throws IOException {
    JsonNode resume = resume("sample");
    Contact contact = Contact.of(resume, JSON.readTree("{\"phone\": \"+1 555 0100\"}"));
    TailoredResume r = Tailor.tailor(resume, contact, description("staff-backend"), Tailor.Budget.ONE_PAGE);
    assertEquals("+1 555 0100", r.phone());
    assertEquals("richard.hendriks@mail.com", r.email());

    byte[] pdf = PDF.render(r);
    assertEquals(List.of(), ParseBackGate.check(pdf, r));
    String text = ParseBackGate.text(pdf);
    assertTrue(text.contains("+1 555 0100"), text);
    assertFalse(text.contains("555-4321"), "one phone on the page, the one the form gets");
    TailoredResume resumesOwn = new TailoredResume(r.name(), r.label(), r.email(), "(912) 555-4321", r.location(),
        r.links(), r.summary(), r.work(), r.projects(), r.education(), r.skills(), r.sectionHeadings(),
        r.skillGroups());
    assertTrue(ParseBackGate.check(pdf, resumesOwn).stream().anyMatch(p -> p.startsWith("phone is missing")),
        "the gate checks the phone it was given");
  }

  @Test
  void keepsNonAsciiTextIntact() throws IOException {
    TailoredResume r = Tailor.tailor(nonAsciiResume(), description("staff-backend"));
    byte[] pdf = PDF.render(r);

    assertEquals(List.of(), ParseBackGate.check(pdf, r));
    String text = ParseBackGate.text(pdf);
    assertTrue(text.contains("Jürgen Weiß"), text);
    assertTrue(text.contains("€1.2M"), text);
    assertTrue(text.contains("“tiered” storage"), text);
    assertTrue(text.contains("Größe"), text);
  }

  @Test
  void wrappedBulletsStillMatch() throws IOException {
    ObjectNode resume = (ObjectNode) resume("senior-engineer");
    String longBullet = "Re-architected the multi-region, active-active, exactly-once replication "
        + "pipeline end-to-end (CI/CD, on-call run-books, read-your-writes client-side caching, "
        + "back-pressure-aware batching and zero-downtime schema-migration tooling) for "
        + "petabyte-scale, latency-sensitive, customer-facing storage-and-streaming workloads";
    ((ArrayNode) resume.at("/work/0/highlights")).insert(0, longBullet);
    TailoredResume r = Tailor.tailor(resume, description("staff-backend"));
    assertTrue(r.bullets().stream().anyMatch(b -> b.text().equals(longBullet)));

    byte[] pdf = PDF.render(r);
    assertEquals(List.of(), ParseBackGate.check(pdf, r));
    String raw = ParseBackGate.text(pdf);
    assertFalse(raw.contains(longBullet), "the bullet should wrap over several lines");
  }

  @Test
  void gateNamesABulletThatIsNotInThePdf() throws IOException {
    TailoredResume r = tailored("senior-engineer");
    byte[] pdf = PDF.render(r);

    Role first = r.work().get(0);
    List<Bullet> extra = new ArrayList<>(first.bullets());
    extra.add(new Bullet("work[0].highlights[9]", "Invented a perpetual-motion storage engine"));
    TailoredResume claimed = withFirstRoleBullets(r, extra);

    List<String> problems = ParseBackGate.check(pdf, claimed);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("work[0].highlights[9]") && problems.get(0).contains("missing"),
        problems.get(0));
  }

  @Test
  void gateFailsWhenBulletsAreOutOfOrder() throws IOException {
    TailoredResume r = tailored("senior-engineer");
    byte[] pdf = PDF.render(r);

    List<Bullet> swapped = new ArrayList<>(r.work().get(0).bullets());
    Bullet firstBullet = swapped.remove(0);
    swapped.add(1, firstBullet);
    List<String> problems = ParseBackGate.check(pdf, withFirstRoleBullets(r, swapped));

    assertFalse(problems.isEmpty());
    // The PDF has the original first bullet before the second; the claim puts it after, so it is the one flagged.
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("bullet " + firstBullet.id() + " is out of order"), problems.get(0));
  }

  @Test
  void gateFailsForAnotherPersonsPdf() throws IOException {
    byte[] pdf = PDF.render(tailored("new-grad"));
    List<String> problems = ParseBackGate.check(pdf, tailored("senior-engineer"));
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("name")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("email")), problems.toString());
  }

  @Test
  void gateRejectsBytesThatAreNotAPdf() {
    List<String> problems = ParseBackGate.check("hello".getBytes(StandardCharsets.UTF_8), new TailoredResume(
        "A", null, null, null, null, null, null, null, null, null, null, null, null));
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).contains("could not be read"), problems.get(0));
  }

  @Test
  void isTaggedPdfUaAndPdfAWithEmbeddedDejaVu() throws IOException {
    byte[] pdf = PDF.render(tailored("senior-engineer"));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertEquals("en", doc.getDocumentCatalog().getLanguage());
      assertTrue(doc.getDocumentCatalog().getMarkInfo().isMarked(), "tagged");
      assertEquals("Dr. Lena Vasquez – Resume", doc.getDocumentInformation().getTitle());
      String xmp = new String(doc.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
      assertTrue(xmp.contains("pdfaid:part") && xmp.contains("3"), xmp);
      assertTrue(xmp.contains("pdfuaid:part"), xmp);
      assertFalse(doc.getDocumentCatalog().getOutputIntents().isEmpty(), "sRGB output intent");
      var resources = doc.getPage(0).getResources();
      boolean sawFont = false;
      for (COSName n : resources.getFontNames()) {
        PDFont f = resources.getFont(n);
        assertTrue(f.getName().contains("DejaVuSans"), f.getName());
        assertTrue(f.isEmbedded(), f.getName());
        sawFont = true;
      }
      assertTrue(sawFont);
    }
  }

  @Test
  void oneInstanceRendersOnSeveralThreads() throws Exception {
    TailoredResume a = tailored("senior-engineer");
    TailoredResume b = tailored("career-changer");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        TailoredResume r = i % 2 == 0 ? a : b;
        results.add(pool.submit(() -> ParseBackGate.check(PDF.render(r), r)));
      }
      for (Future<List<String>> f : results) {
        assertEquals(List.of(), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void htmlHasLanguageTitleAndOneListItemPerBullet() throws IOException {
    TailoredResume r = tailored("senior-engineer");
    org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(PDF.html(r));
    assertEquals("en", html.selectFirst("html").attr("lang"));
    assertEquals("Dr. Lena Vasquez – Resume", html.title());
    assertEquals(r.name(), html.selectFirst("h1").text());
    assertEquals(r.sectionHeadings(), html.select("h2").eachText());
    int roleBullets = r.bullets().size() - 1; // the summary is a paragraph
    assertEquals(roleBullets, html.select("li").size());
    assertEquals("Feb 2020 – Present", html.select("h3 + p.meta").first().text().replaceFirst(".* · ", ""));
  }

  @Test
  void a4AndLetterPagesHaveTheirSizesInBothTemplatesAndTheLetter() throws IOException {
    TailoredResume r = ResumePdfTest.tailored("sample");
    for (RenderOptions.Template t : RenderOptions.Template.values()) {
      assertSize(PDF.render(r, new RenderOptions(t, RenderOptions.Paper.A4, 2)), 595, 842);
      assertSize(PDF.render(r, new RenderOptions(t, RenderOptions.Paper.LETTER, 2)), 612, 792);
    }
    assertSize(PDF.render(r), 612, 792);
    List<String> letter = List.of("Dear team,", "I would like to apply.");
    RenderOptions a4 = new RenderOptions(RenderOptions.Template.CLASSIC, RenderOptions.Paper.A4, 1);
    assertSize(PDF.renderLetter(r, letter, a4), 595, 842);
    assertSize(PDF.renderLetter(r.name(), "x@example.com", letter), 612, 792);
  }

  private static void assertSize(byte[] pdf, int width, int height) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDRectangle box = doc.getPage(0).getMediaBox();
      assertEquals(width, Math.round(box.getWidth()));
      assertEquals(height, Math.round(box.getHeight()));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"classic", "compact"})
  void bothTemplatesPassTheGateAndPrintTheSameContent(String id) throws IOException {
    RenderOptions.Template template = RenderOptions.Template.valueOf(id.toUpperCase(java.util.Locale.ROOT));
    TailoredResume r = tailored("senior-engineer");
    RenderOptions options = new RenderOptions(template, RenderOptions.Paper.A4, 2);
    byte[] pdf = PDF.render(r, options);
    assertEquals(List.of(), ParseBackGate.check(pdf, r));
    org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(PDF.html(r, options));
    assertEquals(r.sectionHeadings(), html.select("h2").eachText());
    assertEquals(r.bullets().size() - 1, html.select("li").size());
    String css = String.join("\n", html.select("style").stream().map(org.jsoup.nodes.Element::data).toList());
    assertTrue(css.contains("size: A4"), css);
    assertTrue(html.select("table, [style*=float], [style*=column]").isEmpty(), "one column, no tables or floats");
  }

  @Test
  void compactFitsMoreOnAPageThanClassic() throws IOException {
    TailoredResume r = PageBudgetTest.longTailored();
    int classic = PageBudgetTest.pages(PDF.render(r, new RenderOptions(RenderOptions.Template.CLASSIC,
        RenderOptions.Paper.LETTER, 2)));
    int compact = PageBudgetTest.pages(PDF.render(r, new RenderOptions(RenderOptions.Template.COMPACT,
        RenderOptions.Paper.LETTER, 2)));
    assertTrue(compact < classic, "compact " + compact + " pages, classic " + classic);
  }

  @Test
  void theCoverLetterSharesTheResumesHeader() throws IOException {
    TailoredResume r = tailored("senior-engineer");
    List<String> paragraphs = List.of("Dear hiring team,", "I build distributed storage systems.");
    byte[] letter = PDF.renderLetter(r, paragraphs, RenderOptions.DEFAULTS);
    assertEquals(List.of(), ParseBackGate.checkLetter(letter, r.name(), paragraphs));
    String letterText = ParseBackGate.text(letter);
    String resumeText = ParseBackGate.text(PDF.render(r));
    // The header is the resume's first lines, word for word: name, label, contact line with the links.
    String header = resumeText.substring(0, resumeText.indexOf(TailoredResume.SUMMARY)).trim();
    assertTrue(header.contains(r.label()) && header.contains("github.com/lvasquez"), header);
    assertTrue(letterText.startsWith(header), "letter starts:\n" + letterText + "\nresume header:\n" + header);
  }

  private static TailoredResume withFirstRoleBullets(TailoredResume r, List<Bullet> bullets) {
    Role first = r.work().get(0);
    List<Role> work = new ArrayList<>(r.work());
    work.set(0, new Role(first.title(), first.organisation(), first.location(), first.start(), first.end(), bullets));
    return new TailoredResume(r.name(), r.label(), r.email(), r.phone(), r.location(), r.links(), r.summary(),
        work, r.projects(), r.education(), r.skills(), r.sectionHeadings(), r.skillGroups());
  }

  /** senior-engineer.resume.json with German and typographic characters in name, summary and a bullet. */
  private static JsonNode nonAsciiResume() throws IOException {
    ObjectNode resume = (ObjectNode) resume("senior-engineer");
    ObjectNode basics = (ObjectNode) resume.get("basics");
    basics.put("name", "Jürgen Weiß");
    basics.put("email", "juergen.weiss@example.com");
    basics.put("summary", "Staff engineer für verteilte Systeme — Größe, Zuverlässigkeit und “boring” operability.");
    ArrayNode highlights = (ArrayNode) resume.at("/work/0/highlights");
    highlights.insert(0, "Cut object-storage spend by €1.2M a year with “tiered” storage and Kafka replication");
    ((ObjectNode) resume.at("/work/1")).put("name", "Dropbox Zürich");
    return resume;
  }
}
