package io.applyflow.resumeimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.applyflow.render.ResumePdf;
import io.applyflow.support.Api;
import io.applyflow.support.Browsing;
import io.applyflow.support.Fixtures;
import io.applyflow.support.TestApp;
import io.applyflow.tailor.Tailor;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/profile/import} over real HTTP with a PDF rendered by Applyflow and a .docx written by POI, the
 * refusals (too large, not a PDF, no file, wrong field), and in real Chromium the page: upload, check the draft
 * beside the source text, use it, and land on the profile with the imported name.
 */
class ResumeImportIT {
  private static final Path SHOTS = java.nio.file.Paths.get("target", "screenshots");
  private static Browsing web;
  private static byte[] seniorPdf;

  @BeforeAll
  static void start() throws IOException {
    web = Browsing.start();
    seniorPdf = new ResumePdf().render(Tailor.tailor(Fixtures.resume("senior-engineer"),
        Fixtures.description("staff-backend")));
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
  }

  /** A multipart/form-data upload of one part, as a browser or curl sends it. */
  static Api.Response upload(String token, String field, String fileName, byte[] content) {
    String boundary = "----applyflow" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(token, "multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  static Api.Response send(String token, String contentType, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(TestApp.api().base + "/api/profile/import"))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Api.Response(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("upload failed: " + e.getMessage(), e);
    }
  }

  @Test
  void aPdfRenderedByApplyflowComesBackAsADraftAndNothingIsStored() {
    Api api = TestApp.api();
    String token = api.newUserWithProfile(Api.uniqueEmail("import-pdf"));
    Api.Response r = upload(token, "file", "resume.pdf", seniorPdf);
    assertEquals(200, r.status(), r.text());
    JsonObject draft = r.json().getJsonObject("draft");
    assertEquals("Dr. Lena Vasquez", draft.getJsonObject("basics").getString("name"));
    assertEquals("lena.vasquez@example.com", draft.getJsonObject("basics").getString("email"));
    JsonObject first = draft.getJsonArray("work").getJsonObject(0);
    assertEquals("Confluent", first.getString("name"));
    assertEquals("Staff Software Engineer", first.getString("position"));
    assertEquals("2020-02", first.getString("startDate"));
    assertFalse(first.containsKey("endDate"), "Present");
    assertTrue(r.json().getString("text").contains("Staff Software Engineer — Confluent"), r.json().getString("text"));

    JsonObject stored = api.get("/api/profile", token).json();
    assertEquals("Richard Hendriks", stored.getJsonObject("resume").getJsonObject("basics").getString("name"),
        "the import stores nothing");

    // the draft is saved with PUT /api/profile as it is
    Api.Response put = api.put("/api/profile", token, new JsonObject().put("resume", draft));
    assertEquals(200, put.status(), put.text());
    assertEquals("Dr. Lena Vasquez", api.get("/api/profile", token).json().getJsonObject("resume")
        .getJsonObject("basics").getString("name"));
  }

  @Test
  void aDocxComesBackAsADraft() throws IOException {
    String token = TestApp.api().register(Api.uniqueEmail("import-docx"), "Maya Okonkwo");
    Api.Response r = upload(token, "file", "cv.docx", Docx.of(Fixtures.resume("new-grad"), Docx.Layout.HEADING_STYLES));
    assertEquals(200, r.status(), r.text());
    JsonObject draft = r.json().getJsonObject("draft");
    assertEquals("Maya Okonkwo", draft.getJsonObject("basics").getString("name"));
    assertEquals("Outreach", draft.getJsonArray("work").getJsonObject(0).getString("name"));
    assertEquals("University of Washington", draft.getJsonArray("education").getJsonObject(0).getString("institution"));
  }

  @Test
  void refusalsNameTheProblem() {
    String token = TestApp.api().register(Api.uniqueEmail("import-bad"), "Bad Input");

    byte[] twelveMb = new byte[12 * 1024 * 1024];
    System.arraycopy(seniorPdf, 0, twelveMb, 0, seniorPdf.length);
    Api.Response big = upload(token, "file", "big.pdf", twelveMb);
    assertEquals(413, big.status(), big.text());
    assertTrue(big.json().getString("detail").contains("larger than 10 MB"), big.text());

    byte[] justOver = Arrays.copyOf(seniorPdf, (int) ResumeImport.MAX_BYTES + 1);
    Api.Response over = upload(token, "file", "over.pdf", justOver);
    assertEquals(413, over.status(), "a file over 10 MB within the multipart allowance: " + over.text());

    Api.Response text = upload(token, "file", "resume.pdf", "Jane Doe\nEngineer\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, text.status(), text.text());
    assertTrue(text.json().getString("detail").contains("not a PDF or a Word .docx: it starts with \"Jane Doe"),
        text.text());

    Api.Response wrongField = upload(token, "resume", "resume.pdf", seniorPdf);
    assertEquals(400, wrongField.status(), wrongField.text());
    assertTrue(wrongField.json().getString("detail").contains("field 'file', not 'resume'"), wrongField.text());

    String boundary = "b0undary";
    Api.Response noFile = send(token, "multipart/form-data; boundary=" + boundary, ("--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--" + boundary + "--\r\n")
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(400, noFile.status(), noFile.text());
    assertTrue(noFile.json().getString("detail").contains("no file was sent"), noFile.text());

    Api.Response json = send(token, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, json.status(), json.text());
    assertTrue(json.json().getString("detail").contains("multipart/form-data"), json.text());

    byte[] doc = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0};
    Api.Response legacy = upload(token, "file", "old.doc", doc);
    assertEquals(400, legacy.status(), legacy.text());
    assertTrue(legacy.json().getString("detail").contains("old Word .doc"), legacy.text());

    Api.Response broken = upload(token, "file", "broken.pdf", "%PDF-1.7\nnothing here".getBytes(StandardCharsets.US_ASCII));
    assertEquals(400, broken.status(), broken.text());

    assertEquals(401, upload(null, "file", "resume.pdf", seniorPdf).status());
  }

  @Test
  void thePageShowsTheSourceBesideTheDraftAndSavesItThroughTheProfile() throws IOException {
    Path tooBig = Files.createTempFile("applyflow-import-big", ".pdf");
    try (BrowserContext context = web.browser.newContext()) {
      Page page = context.newPage();
      page.setViewportSize(1280, 900);
      page.setDefaultTimeout(30_000);
      web.signUp(page, "import-page");
      page.click("#profile-import-link");
      page.waitForURL("**/profile/import");
      assertEquals(".pdf,.docx", page.getAttribute("#import-file", "accept").substring(0, 10));
      assertEquals("Resume file (PDF or .docx)", page.textContent("label[for=import-file]"));

      // a text file named .pdf: refused on the page, next to the field
      page.setInputFiles("#import-file", new FilePayload("resume.pdf", "application/pdf",
          "Jane Doe, engineer".getBytes(StandardCharsets.UTF_8)));
      page.click("#import-form button[type=submit]");
      page.waitForSelector("#import-error");
      assertTrue(page.textContent("#import-error").contains("not a PDF or a Word .docx"), page.textContent("#import-error"));

      // 12 MB: the person sees why on the import page
      byte[] twelveMb = new byte[12 * 1024 * 1024];
      System.arraycopy(seniorPdf, 0, twelveMb, 0, seniorPdf.length);
      Files.write(tooBig, twelveMb);
      page.setInputFiles("#import-file", tooBig);
      page.click("#import-form button[type=submit]");
      page.waitForSelector("#import-error");
      assertTrue(page.textContent("#import-error").contains("larger than 10 MB"), page.textContent("#import-error"));
      assertTrue(page.url().contains("/profile/import"), page.url());
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("profile-import-too-large-1280.png")));

      page.setInputFiles("#import-file", new FilePayload("lena.pdf", "application/pdf", seniorPdf));
      page.click("#import-form button[type=submit]");
      page.waitForSelector("#import-source");
      assertTrue(page.textContent("#import-source").contains("Staff Software Engineer — Confluent"));
      String draft = page.inputValue("#import-draft");
      assertEquals("Dr. Lena Vasquez", new JsonObject(draft).getJsonObject("basics").getString("name"));
      // side by side at a laptop's width
      double sourceX = page.locator("#import-source").boundingBox().x;
      double draftX = page.locator("#import-draft").boundingBox().x;
      assertTrue(draftX > sourceX + 200, "the draft sits beside the source: " + sourceX + " / " + draftX);
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("profile-import-1280.png")).setFullPage(true));
      page.setViewportSize(390, 844);
      assertTrue(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue() <= 390,
          "nothing wider than a phone");
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("profile-import-390.png")).setFullPage(true));
      page.setViewportSize(1280, 900);

      // the person corrects the draft, then uses it
      page.locator("#import-draft").evaluate("(el) => { const r = JSON.parse(el.value);"
          + " r.basics.label = 'Principal Engineer'; el.value = JSON.stringify(r, null, 2); }");
      page.click("#import-use");
      page.waitForURL("**/profile?saved=1");
      assertTrue(page.textContent("#profile-notice").contains("Profile saved."));
      JsonObject saved = new JsonObject(page.inputValue("#resume"));
      assertEquals("Dr. Lena Vasquez", saved.getJsonObject("basics").getString("name"));
      assertEquals("Principal Engineer", saved.getJsonObject("basics").getString("label"));
    } finally {
      Files.deleteIfExists(tooBig);
    }
  }
}
