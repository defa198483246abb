package io.applyflow.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's Lever site over real HTTP against the shared Postgres: the postings API in the real API's shape
 * (compared path by path with the real payloads in src/test/resources/lever), its paging and filters and errors,
 * the hosted posting and apply pages, and what a POST to the apply page does.
 */
class LeverSandboxIT {
  static final String SITE = "tidewater-energy";
  static final String API = "/sandbox/lever-api/v0/postings/" + SITE;
  static final String GRID = "5f1c2a9e-3b4d-4e8a-9c21-7a0d6e4b1f01";
  static final String METERING = "5f1c2a9e-3b4d-4e8a-9c21-7a0d6e4b1f02";
  static final String FIELD_MOBILE = "5f1c2a9e-3b4d-4e8a-9c21-7a0d6e4b1f03";
  static final String TRADING = "5f1c2a9e-3b4d-4e8a-9c21-7a0d6e4b1f04";
  static final String METERING_JAVA = "cards[3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c01][field0]";
  static final String METERING_TOOLS = "cards[3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c01][field1]";
  static final String METERING_CORE_HOURS = "cards[3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c02][field0]";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SandboxServer server;

  @BeforeAll
  static void start() {
    server = SandboxServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<Buffer> get(String path) {
    return server.client().get(server.port(), "127.0.0.1", path).followRedirects(false).send().await();
  }

  private static HttpResponse<Buffer> post(String posting, MultipartForm form) {
    return server.client().post(server.port(), "127.0.0.1", "/sandbox/lever/" + SITE + "/" + posting + "/apply")
        .followRedirects(false).sendMultipartForm(form).await();
  }

  private static JsonNode fixture(String name) throws Exception {
    try (InputStream in = LeverSandboxIT.class.getResourceAsStream("/lever/" + name)) {
      return JSON.readTree(in);
    }
  }

  private static List<JsonNode> items(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  static MultipartForm meteringApplication(String email) {
    return meteringApplication(email, "zoë cv.pdf", "%PDF-1.4\n% Zoë\n%%EOF\n".getBytes(StandardCharsets.UTF_8));
  }

  static MultipartForm meteringApplication(String email, String resumeName, byte[] resume) {
    return MultipartForm.create()
        .attribute("name", "Zoë Ångström")
        .attribute("email", email)
        .attribute("phone", "+1 713 555 0142")
        .attribute("location", "Austin, Texas, United States")
        .attribute("selectedLocation", "{\"name\":\"Austin, Texas, United States\"}")
        .attribute("org", "Gulf Grid Co")
        .attribute("urls[LinkedIn]", "https://www.linkedin.com/in/zoe")
        .attribute(METERING_JAVA, "7")
        .attribute(METERING_TOOLS, "Kafka")
        .attribute(METERING_TOOLS, "PostgreSQL")
        .attribute(METERING_CORE_HOURS, "Yes")
        .attribute("eeo[gender]", "Decline to self-identify")
        .binaryFileUpload("resume", resumeName, Buffer.buffer(resume), "application/pdf");
  }

  // --- API -----------------------------------------------------------------------------------------

  @Test
  void theListIsABareArrayInTheRealApisShape() throws Exception {
    var res = get(API + "?mode=json");
    assertEquals(200, res.statusCode());
    assertTrue(res.getHeader("content-type").startsWith("application/json"));
    JsonNode ours = JSON.readTree(res.bodyAsString());
    assertTrue(ours.isArray(), "a bare array, no wrapper");
    assertEquals(8, ours.size());
    List<JsonNode> real = new ArrayList<>(items(fixture("hunt_postings_spotify_trimmed.json")));
    real.addAll(items(fixture("apply-engine_postings_metabase_trimmed.json")));
    JsonShape.of(real).assertCovers(JsonShape.of(items(ours)),
        Set.of("salaryRange", "salaryDescription", "salaryDescriptionPlain"));
    for (JsonNode p : ours) {
      String id = p.path("id").asText();
      assertEquals(server.url("/sandbox/lever/" + SITE + "/" + id), p.path("hostedUrl").asText());
      assertEquals(p.path("hostedUrl").asText() + "/apply", p.path("applyUrl").asText());
      assertTrue(p.path("createdAt").isIntegralNumber() && p.path("createdAt").asLong() > 1_700_000_000_000L,
          "epoch milliseconds: " + p.path("createdAt"));
      assertFalse(p.has("sandbox"), "the private sandbox object never leaves the server");
      assertEquals(p.path("opening").asText() + p.path("descriptionBody").asText(), p.path("description").asText());
    }
    JsonNode grid = ours.get(0);
    assertEquals("per-year-salary", grid.path("salaryRange").path("interval").asText());
    assertEquals(165000, grid.path("salaryRange").path("min").asInt());
  }

  @Test
  void skipLimitAndFiltersWorkAsLeverDocumentsThem() throws Exception {
    JsonNode all = JSON.readTree(get(API + "?mode=json").bodyAsString());
    JsonNode page = JSON.readTree(get(API + "?mode=json&skip=2&limit=3").bodyAsString());
    assertEquals(3, page.size());
    assertEquals(all.get(2).path("id"), page.get(0).path("id"));
    assertEquals(all.get(4).path("id"), page.get(2).path("id"));
    assertEquals(1, JSON.readTree(get(API + "?mode=json&commitment=Intern").bodyAsString()).size());
    assertEquals(TRADING, JSON.readTree(get(API + "?mode=json&location=London").bodyAsString()).get(0).path("id").asText());
    assertEquals(2, JSON.readTree(get(API + "?mode=json&team=Metering&team=Trading").bodyAsString()).size(),
        "repeated values are OR'ed");
    assertEquals(0, JSON.readTree(get(API + "?mode=json&team=metering").bodyAsString()).size(), "case-sensitive");
    assertEquals(1, JSON.readTree(get(API + "?mode=json&department=Design").bodyAsString()).size());
    assertEquals(1, JSON.readTree(get(API + "?mode=json&department=Engineering&location=Denver,%20CO").bodyAsString()).size(),
        "different filters are AND'ed");
    // the Accept header stands in for mode=json
    var accept = server.client().get(server.port(), "127.0.0.1", API).putHeader("accept", "application/json").send().await();
    assertEquals(200, accept.statusCode());
    assertEquals(8, accept.bodyAsJsonArray().size());

    var badSkip = get(API + "?mode=json&skip=-1");
    assertEquals(400, badSkip.statusCode());
    assertEquals(false, badSkip.bodyAsJsonObject().getBoolean("ok"));
    assertTrue(badSkip.bodyAsJsonObject().getString("error").contains("skip"), badSkip.bodyAsString());
    var html = get(API + "?mode=html");
    assertEquals(400, html.statusCode());
    assertTrue(html.bodyAsJsonObject().getString("error").contains("mode"), html.bodyAsString());
  }

  @Test
  void onePostingAndWhatIsNotThere() throws Exception {
    var one = get(API + "/" + GRID);
    assertEquals(200, one.statusCode());
    JsonNode listed = JSON.readTree(get(API + "?mode=json").bodyAsString()).get(0);
    assertEquals(listed, JSON.readTree(one.bodyAsString()));
    for (String path : List.of("/sandbox/lever-api/v0/postings/no-such-site?mode=json",
        "/sandbox/lever-api/v0/postings/no-such-site/" + GRID, API + "/00000000-0000-4000-8000-000000000000",
        API + "/not-a-uuid")) {
      var res = get(path);
      assertEquals(404, res.statusCode(), path);
      assertEquals(new JsonObject().put("ok", false).put("error", "Document not found"), res.bodyAsJsonObject(), path);
    }
  }

  // --- pages ---------------------------------------------------------------------------------------

  @Test
  void theSitePageListsEveryPostingByTeam() {
    var res = get("/sandbox/lever/" + SITE);
    assertEquals(200, res.statusCode());
    Document doc = Jsoup.parse(res.bodyAsString());
    assertEquals(8, doc.select(".posting a.posting-title").size());
    assertEquals("/sandbox/lever/" + SITE + "/" + GRID, doc.selectFirst(".posting a.posting-title").attr("href"));
    assertEquals("Engineering – Grid Platform", doc.selectFirst(".large-category-header").text());
    assertEquals(404, get("/sandbox/lever/no-such-site").statusCode());
  }

  @Test
  void thePostingPageLinksTheApplyPage() {
    var res = get("/sandbox/lever/" + SITE + "/" + GRID);
    assertEquals(200, res.statusCode());
    Document doc = Jsoup.parse(res.bodyAsString());
    assertEquals("Senior Software Engineer, Grid Platform", doc.selectFirst(".posting-headline h2").text());
    assertEquals("Houston, TX", doc.selectFirst(".posting-categories .location").text());
    assertEquals("/sandbox/lever/" + SITE + "/" + GRID + "/apply", doc.selectFirst("a.postings-btn").attr("href"));
    assertTrue(doc.text().contains("$165,000"), "the salary description");
    assertEquals(404, get("/sandbox/lever/" + SITE + "/00000000-0000-4000-8000-000000000000").statusCode());
  }

  @Test
  void theApplyPageHasLeversFields() {
    Document doc = Jsoup.parse(get("/sandbox/lever/" + SITE + "/" + METERING + "/apply").bodyAsString());
    Element form = doc.selectFirst("form#application-form");
    assertNotNull(form);
    assertEquals("post", form.attr("method"));
    assertEquals("multipart/form-data", form.attr("enctype"));
    Element resume = form.selectFirst("input#resume-upload-input[name=resume][type=file]");
    assertNotNull(resume);
    for (String name : List.of("name", "email", "phone", "location", "org", "urls[LinkedIn]", "urls[GitHub]",
        "urls[Twitter]", "urls[Portfolio]", "urls[Other]")) {
      assertNotNull(form.selectFirst("input[name=\"" + name + "\"]"), name);
    }
    assertNotNull(form.selectFirst("input[type=hidden][name=selectedLocation]"));
    assertNotNull(form.selectFirst("textarea[name=comments]"));
    assertTrue(form.select("li.application-question .application-label").size() >= 10);
    assertTrue(form.selectFirst("input[name=name]").closest("label").text().contains("✱"), "required marker");
    assertFalse(form.selectFirst("input[name=org]").closest("label").text().contains("✱"));
    // custom-question cards: the template's JSON in a hidden input, then one control per field
    assertEquals(2, form.select("input[type=hidden][name$=[baseTemplate]]").size());
    assertNotNull(form.selectFirst("input[type=text][name=\"" + METERING_JAVA + "\"]"));
    assertEquals(4, form.select("input[type=checkbox][name=\"" + METERING_TOOLS + "\"]").size());
    assertEquals(List.of("Yes", "No"), form.select("input[type=radio][name=\"" + METERING_CORE_HOURS + "\"]").eachAttr("value"));
    assertNotNull(form.selectFirst("textarea[name=\"cards[3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c01][field2]\"]"));
    assertEquals(4, form.select("select[name^=eeo]").size(), "the US EEO survey");
    Element submit = form.selectFirst("button#btn-submit");
    assertEquals("Submit application", submit.text());
    assertNull(form.selectFirst(".h-captcha"));

    Document trading = Jsoup.parse(get("/sandbox/lever/" + SITE + "/" + TRADING + "/apply").bodyAsString());
    assertEquals(0, trading.select("select[name^=eeo]").size(), "no US EEO survey on the London posting");
    assertNotNull(trading.selectFirst("input[type=checkbox][name=consent[store]]"));
    assertNotNull(trading.selectFirst("select[name=\"cards[5c9d1e3f-4a6b-4c8d-8e2f-3a4b5c6d7e01][field1]\"]"));
  }

  // --- applications --------------------------------------------------------------------------------

  @Test
  void aGoodApplicationIsStoredAsLeversAndGoesToTheThanksPage() {
    String email = "zoe+" + System.nanoTime() + "@example.com";
    var res = post(METERING, meteringApplication(email));
    assertEquals(303, res.statusCode(), res.bodyAsString());
    String thanks = "/sandbox/lever/" + SITE + "/" + METERING + "/thanks";
    assertEquals(thanks, res.getHeader("location"));
    Document page = Jsoup.parse(get(thanks).bodyAsString());
    assertEquals("Application submitted!", page.selectFirst("h3").text());

    JsonArray mine = SandboxRecords.ofEmail(email);
    assertEquals(1, mine.size());
    JsonObject s = mine.getJsonObject(0);
    assertEquals("lever", s.getString("source"));
    assertEquals(SITE, s.getString("board"));
    assertEquals(METERING, s.getString("posting_id"));
    assertNull(s.getValue("job_id"));
    assertNull(s.getValue("receipt"), "Lever's hosted form answers no application id");
    assertEquals("Zoë", s.getString("first_name"));
    assertEquals("Ångström", s.getString("last_name"));
    assertEquals("+1 713 555 0142", s.getString("phone"));
    JsonObject answers = s.getJsonObject("answers");
    assertEquals("7", answers.getString(METERING_JAVA));
    assertEquals(new JsonArray().add("Kafka").add("PostgreSQL"), answers.getJsonArray(METERING_TOOLS));
    assertEquals("Yes", answers.getString(METERING_CORE_HOURS));
    assertEquals("Austin, Texas, United States", answers.getString("location"));
    assertEquals("Gulf Grid Co", answers.getString("org"));
    assertEquals("https://www.linkedin.com/in/zoe", answers.getString("urls[LinkedIn]"));
    assertEquals("Decline to self-identify", answers.getString("eeo[gender]"));
    JsonObject file = s.getJsonArray("files").getJsonObject(0);
    assertEquals("resume", file.getString("field"));
    assertEquals("zoë cv.pdf", file.getString("filename"));
    assertEquals("application/pdf", SandboxRecords.contentType(s.getLong("id"), "resume"));
  }

  @Test
  void missingRequiredFieldsComeBackOnTheFormNamed() {
    String email = "missing+" + System.nanoTime() + "@example.com";
    MultipartForm form = MultipartForm.create()
        .attribute("email", email)
        .attribute("location", "Houston")
        .attribute(METERING_JAVA, "7")
        .binaryFileUpload("resume", "cv.pdf", Buffer.buffer("%PDF-1.4\n%%EOF\n"), "application/pdf");
    var res = post(METERING, form);
    assertEquals(400, res.statusCode());
    Document doc = Jsoup.parse(res.bodyAsString());
    assertNotNull(doc.selectFirst("#application-error"));
    Element name = doc.selectFirst("input[name=name]");
    assertEquals("true", name.attr("aria-invalid"));
    assertEquals("This field is required.", name.closest("li").selectFirst(".error-message").text());
    Element coreHours = doc.selectFirst("input[name=\"" + METERING_CORE_HOURS + "\"]").closest("li.application-question");
    assertEquals("This field is required.", coreHours.selectFirst(".error-message").text(), "the required card question");
    assertEquals(email, doc.selectFirst("input[name=email]").val(), "what was typed stays");
    assertEquals("7", doc.selectFirst("input[name=\"" + METERING_JAVA + "\"]").val());
    assertNull(doc.selectFirst("input[name=email]").closest("li").selectFirst(".error-message"));
    assertEquals(0, SandboxRecords.ofEmail(email).size());
  }

  @Test
  void aResumeThatIsNoDocumentIsRefused() {
    String email = "png+" + System.nanoTime() + "@example.com";
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    MultipartForm bad = meteringApplication(email, "cv.pdf", png);
    var res = post(METERING, bad);
    assertEquals(400, res.statusCode());
    Document doc = Jsoup.parse(res.bodyAsString());
    assertEquals("Please attach a PDF, DOC, DOCX, TXT or RTF file.", doc.selectFirst("#resume-error").text());
    assertEquals(0, SandboxRecords.ofEmail(email).size());
    var html = post(METERING, meteringApplication(email, "cv.txt",
        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)));
    assertEquals(400, html.statusCode(), "markup is not a text resume");
  }

  @Test
  void theCaptchaPostingChallengesAndNeverStores() {
    Document page = Jsoup.parse(get("/sandbox/lever/" + SITE + "/" + FIELD_MOBILE + "/apply").bodyAsString());
    assertNotNull(page.selectFirst("form#application-form .h-captcha[data-sitekey]"));
    assertNotNull(page.selectFirst("textarea[name=h-captcha-response]"));
    String email = "captcha+" + System.nanoTime() + "@example.com";
    MultipartForm form = MultipartForm.create()
        .attribute("name", "Grace Hopper").attribute("email", email).attribute("location", "Denver")
        .attribute("cards[4b8c0d2e-3f5a-4b7c-9d1e-2f3a4b5c6d01][field0]", "Yes")
        .attribute("h-captcha-response", "made-up-token")
        .binaryFileUpload("resume", "cv.pdf", Buffer.buffer("%PDF-1.4\n%%EOF\n"), "application/pdf");
    var res = post(FIELD_MOBILE, form);
    assertEquals(400, res.statusCode());
    assertTrue(Jsoup.parse(res.bodyAsString()).selectFirst("#application-error").text()
        .contains(LeverBoard.CAPTCHA_MESSAGE));
    assertEquals(0, SandboxRecords.ofEmail(email).size());
  }

  @Test
  void theLocationTypeaheadSuggestsPlaces() {
    JsonArray found = get("/sandbox/lever/searchLocations?text=aust").bodyAsJsonArray();
    assertEquals("Austin, Texas, United States", found.getJsonObject(0).getString("name"));
    assertEquals(0, get("/sandbox/lever/searchLocations?text=").bodyAsJsonArray().size());
  }
}
