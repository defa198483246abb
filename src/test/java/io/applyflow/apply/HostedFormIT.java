package io.applyflow.apply;

import static io.applyflow.sandbox.SandboxServer.EVERY_FIELD;
import static io.applyflow.sandbox.SandboxServer.KNOCKOUT;
import static io.applyflow.sandbox.SandboxServer.LOGIN_WALL;
import static io.applyflow.sandbox.SandboxServer.REJECT_FIRST;
import static io.applyflow.sandbox.SandboxServer.SLOW;
import static io.applyflow.sandbox.SandboxServer.CAPTCHA;
import static io.applyflow.sandbox.SandboxServer.CLASSIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
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

/**
 * Real Chromium against the sandbox board: the filler's view of the hosted form, end to end, and of every
 * sandbox scenario (every field type, knock-out, captcha, login wall, reject-first, slow, classic form).
 */
class HostedFormIT {
  private static final String JOB_PATH = "/sandbox/job-boards/acme-robotics/jobs/4012015";
  private static SandboxServer server;
  private static Playwright playwright;
  private static Browser browser;
  private static byte[] resumePdf;
  private static byte[] letterPdf;

  private HostedForm form;
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
    letterPdf = pdf("Dear Acme Robotics, I would love to help your customers deploy robots. Ada");
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
    form = new HostedForm(new AllowedOrigins(List.of("http://127.0.0.1:" + server.port())));
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
    assertEquals(201, confirmation.postStatus(), "the hosted form's POST answers 201");
    assertTrue(confirmation.message().startsWith("Thank you for applying"), confirmation.message());
    JsonArray after = server.submissions();
    assertEquals(before + 1, after.size(), "exactly one new submission");
    JsonObject stored = after.getJsonObject(after.size() - 1);
    assertEquals(String.valueOf(stored.getValue("id")), confirmation.receipt(),
        "the receipt is the sandbox's submission_id: " + stored.encode());
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

  // --- plans from every scenario ----------------------------------------------------------------------

  @Test
  void fillsEveryFieldTypeFromAPlanAndTheSandboxStoresEveryAnswer() {
    String email = "ada+every" + System.nanoTime() + "@example.com";
    List<PlanEntry> entries = new ArrayList<>(basics(email));
    entries.addAll(List.of(
        text("location", "Pittsburgh"),
        new PlanEntry("latitude", "Latitude", "input_hidden", false, "1.0", List.of(), "profile:location", Sensitivity.NONE),
        file("cover_letter", "ada-lovelace-cover-letter.pdf", "document:cover_letter"),
        text("question_401208501", "https://www.linkedin.com/in/ada"),
        text("question_401208502", "A friend who works at Acme"),
        new PlanEntry("question_401208505", "Anything else you would like us to know?", "textarea", false,
            "I can start in March.\nThank you!", List.of(), "llm-draft", Sensitivity.NONE),
        select("question_401208503", Sensitivity.WORK_AUTHORIZATION, "Yes"),
        select("question_401208504", Sensitivity.SPONSORSHIP, "No"),
        multi("question_401208506[]", "Java", "Go"),
        multi("question_401208507[]", "AWS", "Google Cloud"),
        select("gender", Sensitivity.GENDER, "Female"),
        // Race comes before the question that reveals it: the filler must wait for it.
        select("race", Sensitivity.RACE, "White"),
        select("hispanic_ethnicity", Sensitivity.HISPANIC_LATINO, "No"),
        select("veteran_status", Sensitivity.VETERAN, "I am not a protected veteran"),
        select("disability_status", Sensitivity.DISABILITY, "No, I do not have a disability and have not had one in the past"),
        select("4012085007", Sensitivity.GENDER, "Woman"),
        select("4012085008", Sensitivity.AGE, "30 to 49")));

    FillReport report = form.fill(page, server.url(EVERY_FIELD), new FillPlan(entries), resume(), letter());

    assertEquals(List.of(), report.requiredUnfilled(), "everything required was filled");
    assertEquals(List.of("first_name", "last_name", "email", "country", "phone", "location", "resume",
        "question_401208503", "question_401208504"), report.requiredOnPage());
    Map<String, FilledField> byField = report.filled().stream().collect(Collectors.toMap(FilledField::field, f -> f));
    assertEquals(entries.size() - 1, report.filled().size(), "all but the hidden latitude: " + byField.keySet());
    assertTrue(byField.keySet().stream().noneMatch(f -> f.equals("latitude")));
    assertEquals("Pittsburgh, Pennsylvania, United States", byField.get("location").value());
    assertEquals("Location (City)", byField.get("location").label());
    assertEquals("White", byField.get("race").value());
    assertEquals("answer:race", byField.get("race").provenance());
    assertEquals("Java; Go", byField.get("question_401208506[]").value());
    assertEquals("Which languages do you write?", byField.get("question_401208506[]").label());
    assertEquals("AWS; Google Cloud", byField.get("question_401208507[]").value());
    assertEquals("ada-lovelace-cover-letter.pdf", byField.get("cover_letter").value());
    assertEquals("document:cover_letter", byField.get("cover_letter").provenance());
    assertEquals("Are you legally authorized to work in the United States?", byField.get("question_401208503").label());
    assertEquals(List.of("first_name", "last_name", "email", "country", "phone", "resume", "location", "cover_letter"),
        report.filled().stream().map(FilledField::field).limit(8).toList(), "plan order");

    Confirmation confirmation = form.submit(page);

    assertTrue(confirmation.confirmed());
    assertEquals(server.url(EVERY_FIELD + "/confirmation"), confirmation.url());
    JsonObject stored = storedFor(email);
    JsonObject answers = stored.getJsonObject("answers");
    assertEquals("https://www.linkedin.com/in/ada", answers.getString("question_401208501"));
    assertEquals("A friend who works at Acme", answers.getString("question_401208502"));
    assertEquals("I can start in March.\nThank you!", answers.getString("question_401208505").replace("\r\n", "\n"), "the browser sends CRLF");
    assertEquals("1", answers.getString("question_401208503"));
    assertEquals("0", answers.getString("question_401208504"));
    assertEquals(new JsonArray().add("4012085061").add("4012085063"), answers.getJsonArray("question_401208506"));
    assertEquals(new JsonArray().add("4012085071").add("4012085072"), answers.getJsonArray("question_401208507"));
    assertEquals("2", answers.getString("gender"));
    assertEquals("2", answers.getString("hispanic_ethnicity"));
    assertEquals("5", answers.getString("race"));
    assertEquals("1", answers.getString("veteran_status"));
    assertEquals("2", answers.getString("disability_status"));
    assertEquals("Pittsburgh, Pennsylvania, United States", answers.getString("location"));
    assertEquals("40.4406", answers.getString("latitude"));
    assertEquals("-79.9959", answers.getString("longitude"));
    assertEquals("US", answers.getString("country"));
    assertEquals("4012085102", answers.getString("4012085007"));
    assertEquals("4012085112", answers.getString("4012085008"));
    JsonArray files = stored.getJsonArray("files");
    assertEquals(2, files.size(), files.encode());
    assertEquals("resume", files.getJsonObject(0).getString("field"));
    assertEquals(resumePdf.length, files.getJsonObject(0).getInteger("bytes"));
    assertEquals("cover_letter", files.getJsonObject(1).getString("field"));
    assertEquals("ada-lovelace-cover-letter.pdf", files.getJsonObject(1).getString("filename"));
    assertEquals("application/pdf", files.getJsonObject(1).getString("content_type"));
    assertEquals(letterPdf.length, files.getJsonObject(1).getInteger("bytes"));
  }

  @Test
  void aCoverLetterIsNeverMadeFromTextNorUploadedWithoutItsPdf() {
    String email = "ada+noletter" + System.nanoTime() + "@example.com";
    List<PlanEntry> entries = new ArrayList<>(basics(email));
    entries.add(file("cover_letter", "Dear Acme Robotics, I drafted this myself.", "llm-draft"));
    entries.add(file("cover_letter", "ada-lovelace-cover-letter.pdf", "document:cover_letter"));

    FillReport report = form.fill(page, server.url(JOB_PATH), new FillPlan(entries), resume(), null);

    assertTrue(report.filled().stream().noneMatch(f -> f.field().equals("cover_letter")), report.filled().toString());
    form.submit(page);
    JsonArray files = storedFor(email).getJsonArray("files");
    assertEquals(1, files.size(), files.encode());
    assertEquals("resume", files.getJsonObject(0).getString("field"));
  }

  @Test
  void fillsAndSubmitsTheClassicForm() {
    String email = "ada+classic" + System.nanoTime() + "@example.com";
    List<PlanEntry> entries = new ArrayList<>(basics(email));
    entries.addAll(List.of(
        file("cover_letter", "ada-lovelace-cover-letter.pdf", "document:cover_letter"),
        text("question_603408501", "https://www.linkedin.com/in/ada"),
        select("question_603408503", Sensitivity.WORK_AUTHORIZATION, "Yes"),
        select("question_603408504", Sensitivity.SPONSORSHIP, "No"),
        select("gender", Sensitivity.GENDER, "Female"),
        select("hispanic_ethnicity", Sensitivity.HISPANIC_LATINO, "No"),
        select("race", Sensitivity.RACE, "Asian"),
        select("veteran_status", Sensitivity.VETERAN, "I don't wish to answer"),
        select("disability_status", Sensitivity.DISABILITY, "I do not want to answer")));

    FillReport report = form.fill(page, server.url(CLASSIC), new FillPlan(entries), resume(), letter());

    assertEquals(List.of("first_name", "last_name", "email", "phone", "resume"), report.requiredOnPage());
    assertEquals(List.of(), report.requiredUnfilled());
    Map<String, FilledField> byField = report.filled().stream().collect(Collectors.toMap(FilledField::field, f -> f));
    assertFalse(byField.containsKey("country"), "the classic form has no country combobox");
    assertEquals("Yes", byField.get("question_603408503").value());
    assertEquals("Are you legally authorized to work in the United States?", byField.get("question_603408503").label());
    assertEquals("First Name", byField.get("first_name").label());
    assertEquals("1", page.locator("[name='job_application[answers_attributes][2][boolean_value]']").inputValue());

    Confirmation confirmation = form.submit(page);

    assertTrue(confirmation.confirmed());
    assertEquals(303, confirmation.postStatus(), "the classic form's POST redirects to the confirmation");
    assertEquals("Thank you for applying", confirmation.heading());
    JsonObject stored = storedFor(email);
    assertEquals(server.url(CLASSIC + "/confirmation"), confirmation.url());
    assertNull(confirmation.receipt(), "the classic form's answer names no application id, so there is no receipt");
    assertEquals("Ada", stored.getString("first_name"));
    assertEquals("+1 412 555 0199", stored.getString("phone"));
    JsonObject answers = stored.getJsonObject("answers");
    assertEquals("https://www.linkedin.com/in/ada", answers.getString("question_603408501"));
    assertEquals("1", answers.getString("question_603408503"));
    assertEquals("0", answers.getString("question_603408504"));
    assertEquals("2", answers.getString("gender"));
    assertEquals("2", answers.getString("hispanic_ethnicity"));
    assertEquals("2", answers.getString("race"));
    assertEquals("3", answers.getString("veteran_status"));
    assertEquals("3", answers.getString("disability_status"));
    JsonArray files = stored.getJsonArray("files");
    assertEquals("ada-lovelace-resume.pdf", files.getJsonObject(0).getString("filename"));
    assertEquals("cover_letter", files.getJsonObject(1).getString("field"), files.encode());
    assertEquals("ada-lovelace-cover-letter.pdf", files.getJsonObject(1).getString("filename"));
    assertEquals(letterPdf.length, files.getJsonObject(1).getInteger("bytes"));
  }

  @Test
  void classicServerRefusalIsValidationWithThePagesMessage() {
    int before = server.submissions().size();
    List<PlanEntry> entries = basics("").stream().filter(e -> !e.field().equals("email")).toList();
    FillReport report = form.fill(page, server.url(CLASSIC), new FillPlan(entries), resume());
    assertEquals(List.of("email"), report.requiredUnfilled());

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> form.submit(page));

    assertEquals(ApplyTrouble.Kind.VALIDATION, trouble.kind());
    assertTrue(trouble.pageMessage().contains("Email is required."), trouble.pageMessage());
    assertEquals(before, server.submissions().size());
  }

  @Test
  void leavesTheKnockoutQuestionEmptyAndReportsItRequired() {
    int before = server.submissions().size();
    List<PlanEntry> entries = new ArrayList<>(basics("ada+ko@example.com"));
    entries.add(new PlanEntry("question_401209208", "Do you currently hold an active TS/SCI security clearance?",
        "multi_value_single_select", true, null, List.of(), PlanEntry.MISSING, Sensitivity.CLEARANCE));

    FillReport report = form.fill(page, server.url(KNOCKOUT), new FillPlan(entries), resume());

    assertEquals(List.of("question_401209208"), report.requiredUnfilled());
    assertTrue(report.requiredOnPage().contains("question_401209208"), report.requiredOnPage().toString());
    assertFalse(report.complete());
    assertTrue(report.filled().stream().noneMatch(f -> f.field().equals("question_401209208")));
    assertEquals("", page.locator("#question_401209208").getAttribute("data-value"), "nothing was chosen");
    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> form.submit(page));
    assertEquals(ApplyTrouble.Kind.VALIDATION, trouble.kind());
    assertTrue(trouble.pageMessage().contains("TS/SCI"), trouble.pageMessage());
    assertEquals(before, server.submissions().size());
  }

  @Test
  void aCaptchaInsteadOfTheFormIsReportedBeforeFilling() {
    long start = System.nanoTime();
    ApplyTrouble trouble = assertThrows(ApplyTrouble.class,
        () -> form.fill(page, server.url(CAPTCHA), new FillPlan(basics("ada@example.com")), resume()));
    assertEquals(ApplyTrouble.Kind.CAPTCHA, trouble.kind());
    assertTrue((System.nanoTime() - start) / 1_000_000 < 8_000, "recognised at once, not after the form timeout");
    assertEquals("", page.locator("body").evaluate("() => ''"), "the page stayed usable");
  }

  @Test
  void aLoginWallIsReported() {
    ApplyTrouble trouble = assertThrows(ApplyTrouble.class,
        () -> form.fill(page, server.url(LOGIN_WALL), new FillPlan(basics("ada@example.com")), resume()));
    assertEquals(ApplyTrouble.Kind.LOGIN_WALL, trouble.kind());
    assertTrue(page.url().contains("/sandbox/login?next="), page.url());
  }

  @Test
  void aFirstRefusalIsValidationAndTheSecondSubmitSucceeds() {
    String email = "ada+reject" + System.nanoTime() + "@example.com";
    int before = server.submissions().size();
    form.fill(page, server.url(REJECT_FIRST), new FillPlan(basics(email)), resume());

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> form.submit(page));

    assertEquals(ApplyTrouble.Kind.VALIDATION, trouble.kind());
    assertTrue(trouble.pageMessage().contains("Please confirm your phone number"), trouble.pageMessage());
    assertEquals("Please confirm your phone number", page.locator("#phone-error").innerText());
    assertEquals(before, server.submissions().size());

    Confirmation confirmation = form.submit(page);

    assertTrue(confirmation.confirmed());
    assertEquals(server.url(REJECT_FIRST + "/confirmation"), confirmation.url());
    assertEquals(before + 1, server.submissions().size());
    assertEquals(5023085L, storedFor(email).getLong("job_id"));
  }

  @Test
  void theSlowFormsConfirmationArrivesAfterTheDelay() {
    System.setProperty("SANDBOX_SLOW_MS", "1500");
    try {
      String email = "ada+slow" + System.nanoTime() + "@example.com";
      form.fill(page, server.url(SLOW), new FillPlan(basics(email)), resume());
      long start = System.nanoTime();

      Confirmation confirmation = form.submit(page);

      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(confirmation.confirmed());
      assertEquals(server.url(SLOW + "/confirmation"), confirmation.url());
      assertTrue(elapsedMs >= 1500, "confirmed after " + elapsedMs + " ms");
      assertTrue(elapsedMs < 8000, "the small delay was used: " + elapsedMs + " ms");
      assertEquals("Ada", storedFor(email).getString("first_name"));
    } finally {
      System.clearProperty("SANDBOX_SLOW_MS");
    }
  }

  private static Upload resume() {
    return new Upload("ada-lovelace-resume.pdf", "application/pdf", resumePdf);
  }

  private static Upload letter() {
    return new Upload("ada-lovelace-cover-letter.pdf", "application/pdf", letterPdf);
  }

  /** The fields every sandbox form asks, answered from the profile, plus the resume. */
  private static List<PlanEntry> basics(String email) {
    return List.of(
        new PlanEntry("first_name", "First Name", "input_text", true, "Ada", List.of(), "profile:first_name", Sensitivity.NONE),
        new PlanEntry("last_name", "Last Name", "input_text", true, "Lovelace", List.of(), "profile:last_name", Sensitivity.NONE),
        new PlanEntry("email", "Email", "input_text", true, email, List.of(), "profile:email", Sensitivity.NONE),
        new PlanEntry("country", "Country", "multi_value_single_select", true, null, List.of("United States"),
            "profile:country", Sensitivity.NONE),
        new PlanEntry("phone", "Phone", "input_text", true, "+1 412 555 0199", List.of(), "profile:phone", Sensitivity.NONE),
        new PlanEntry("resume", "Resume/CV", "input_file", true, "ada-lovelace-resume.pdf", List.of(), "document:resume",
            Sensitivity.NONE));
  }

  private static PlanEntry text(String field, String value) {
    return new PlanEntry(field, field, "input_text", false, value, List.of(), "answer:" + field, Sensitivity.NONE);
  }

  private static PlanEntry file(String field, String value, String provenance) {
    return new PlanEntry(field, field, "input_file", false, value, List.of(), provenance, Sensitivity.NONE);
  }

  private static PlanEntry select(String field, Sensitivity category, String label) {
    return new PlanEntry(field, field, "multi_value_single_select", false, null, List.of(label), "answer:" + field, category);
  }

  private static PlanEntry multi(String field, String... labels) {
    return new PlanEntry(field, field, "multi_value_multi_select", false, null, List.of(labels), "answer:" + field,
        Sensitivity.NONE);
  }

  private static JsonObject storedFor(String email) {
    JsonArray all = server.submissions();
    List<JsonObject> mine = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (email.equals(all.getJsonObject(i).getString("email"))) {
        mine.add(all.getJsonObject(i));
      }
    }
    assertEquals(1, mine.size(), "exactly one submission from " + email);
    return mine.get(0);
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
