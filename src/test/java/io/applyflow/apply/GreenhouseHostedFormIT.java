package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import io.applyflow.sandbox.SandboxServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real Chromium against the sandbox board: the filler's view of the hosted form, end to end. */
class GreenhouseHostedFormIT {
  private static final String JOB_PATH = "/sandbox/job-boards/acme-robotics/jobs/4012015";
  private static SandboxServer server;
  private static Playwright playwright;
  private static Browser browser;
  private static byte[] resumePdf;

  private final GreenhouseHostedForm form = new GreenhouseHostedForm();
  private BrowserContext context;
  private Page page;

  @BeforeAll
  static void start() throws IOException {
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    assertNotNull(chromium, "no Chromium: install the chromium package or set CHROMIUM_PATH (.ci/run does)");
    server = SandboxServer.start();
    playwright = Browsers.createPlaywright(chromium);
    browser = Browsers.launch(playwright, chromium, true);
    resumePdf = pdf("Ada Lovelace - Analytical Engine programmer");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext();
    page = context.newPage();
  }

  @AfterEach
  void closePage() {
    context.close();
  }

  @Test
  void fillsAndSubmitsASandboxApplication() {
    int before = server.submissions().size();
    String email = "ada+" + System.nanoTime() + "@example.com";
    ApplicantData ada = new ApplicantData("Ada", "Lovelace", null, email, "+1 412 555 0199", "United States");

    List<FilledField> filled = form.fill(page, server.url(JOB_PATH), ada,
        new Upload("ada-lovelace-resume.pdf", "application/pdf", resumePdf));

    Map<String, FilledField> byProvenance = filled.stream().collect(Collectors.toMap(FilledField::provenance, f -> f));
    assertEquals(List.of("profile:first_name", "profile:last_name", "profile:email", "profile:country", "profile:phone",
        "document:resume"), filled.stream().map(FilledField::provenance).toList());
    assertEquals("First Name", byProvenance.get("profile:first_name").label());
    assertEquals("United States +1", byProvenance.get("profile:country").value());
    assertEquals("ada-lovelace-resume.pdf", byProvenance.get("document:resume").value());
    assertEquals("United States +1", page.locator(".select__control:has(#country) .select__single-value").innerText());
    assertEquals("ada-lovelace-resume.pdf", page.locator(".file-upload__filename").first().innerText());

    Confirmation confirmation = form.submit(page);

    assertTrue(confirmation.confirmed());
    assertEquals(server.url(JOB_PATH + "/confirmation"), confirmation.url());
    assertEquals("Thank you for applying", confirmation.heading());
    JsonArray after = server.submissions();
    assertEquals(before + 1, after.size(), "exactly one new submission");
    JsonObject stored = after.getJsonObject(after.size() - 1);
    assertEquals("Ada", stored.getString("first_name"));
    assertEquals("Lovelace", stored.getString("last_name"));
    assertEquals(email, stored.getString("email"));
    assertEquals("+1 412 555 0199", stored.getString("phone"));
    assertEquals("US", stored.getJsonObject("answers").getString("country"));
    assertEquals(4012015L, stored.getLong("job_id"));
    JsonObject file = stored.getJsonArray("files").getJsonObject(0);
    assertEquals("resume", file.getString("field"));
    assertEquals("ada-lovelace-resume.pdf", file.getString("filename"));
    assertEquals(resumePdf.length, file.getInteger("bytes"));
    assertEquals(1, stored.getJsonArray("files").size(), "no cover letter was given, none was sent");
    assertTrue(stored.getJsonObject("answers").fieldNames().stream().noneMatch(k -> k.startsWith("question_")
        || List.of("gender", "race", "veteran_status", "disability_status", "hispanic_ethnicity").contains(k)),
        "the filler answered nothing it was not given: " + stored.getJsonObject("answers").encode());
  }

  @Test
  void blankEmailIsAValidationTroubleAndNothingIsStored() {
    int before = server.submissions().size();
    ApplicantData noEmail = new ApplicantData("Ada", "Lovelace", "Ada", "", "+1 412 555 0199", "United States");
    List<FilledField> filled = form.fill(page, server.url(JOB_PATH), noEmail,
        new Upload("ada.pdf", "application/pdf", resumePdf));
    assertTrue(filled.stream().noneMatch(f -> f.field().equals("email")), "a blank value is not typed");

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> form.submit(page));

    assertEquals(ApplyTrouble.Kind.VALIDATION, trouble.kind());
    assertTrue(trouble.pageMessage().contains("Email is required."), trouble.pageMessage());
    assertEquals("true", page.locator("#email").getAttribute("aria-invalid"));
    assertEquals(before, server.submissions().size());
  }

  @Test
  void serverSideRefusalIsShownInTheFormAndReportedAsValidation() {
    int before = server.submissions().size();
    ApplicantData ada = new ApplicantData("Ada", "Lovelace", null, "ada@example.com", "+1 412 555 0199", "United States");
    form.fill(page, server.url(JOB_PATH), ada, null);
    // An empty file passes the page's own checks; only the server refuses it.
    page.setInputFiles("#resume", new FilePayload("empty.pdf", "application/pdf", new byte[0]));

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> form.submit(page));

    assertEquals(ApplyTrouble.Kind.VALIDATION, trouble.kind());
    assertTrue(trouble.pageMessage().contains("Resume/CV is empty."), trouble.pageMessage());
    assertEquals("Resume/CV is empty.", page.locator("#resume-error").innerText());
    assertTrue(page.url().endsWith(JOB_PATH), page.url());
    assertEquals(before, server.submissions().size());
  }

  @Test
  void unknownCountryIsRefusedBeforeAnythingIsSubmitted() {
    ApplicantData ada = new ApplicantData("Ada", "Lovelace", null, "ada@example.com", "123456", "Atlantis");
    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> form.fill(page, server.url(JOB_PATH), ada, null));
    assertEquals(ApplyTrouble.Kind.VALIDATION, trouble.kind());
    assertTrue(trouble.pageMessage().contains("Atlantis"), trouble.pageMessage());
  }

  @Test
  void aPageWithoutTheFormIsUnexpected() {
    ApplicantData ada = new ApplicantData("Ada", "Lovelace", null, "ada@example.com", null, null);
    ApplyTrouble trouble = assertThrows(ApplyTrouble.class,
        () -> form.fill(page, server.url("/sandbox/job-boards/acme-robotics/jobs/1"), ada, null));
    assertEquals(ApplyTrouble.Kind.UNEXPECTED_PAGE, trouble.kind());
    assertTrue(trouble.pageMessage().contains("404"), trouble.pageMessage());
  }

  @Test
  void matchesCountryOptionsByName() {
    List<String> labels = List.of("United States +1", "United States Minor Outlying Islands +1", "United Kingdom +44");
    assertEquals(0, GreenhouseHostedForm.bestOption(labels, "United States"));
    assertEquals(2, GreenhouseHostedForm.bestOption(labels, "united kingdom"));
    assertEquals(1, GreenhouseHostedForm.bestOption(List.of("Canada", "United States"), "United States"));
    assertEquals(-1, GreenhouseHostedForm.bestOption(labels, "United"));
    assertTrue(GreenhouseHostedForm.isConfirmationUrl("http://x/b/jobs/1/confirmation?x=1"));
  }

  private static byte[] pdf(String text) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage p = new PDPage();
      doc.addPage(p);
      try (PDPageContentStream cs = new PDPageContentStream(doc, p)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        cs.newLineAtOffset(72, 720);
        cs.showText(text);
        cs.endText();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }
}
