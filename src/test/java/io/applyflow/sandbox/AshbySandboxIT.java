package io.applyflow.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.applyflow.apply.Receipts;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's Ashby board over real HTTP against the shared Postgres: the posting API in the real API's shape
 * (compared path by path with the real payloads in src/test/resources/ashby), the page shells and the form
 * definition their script renders, and what the application endpoint does with good and bad applications.
 */
class AshbySandboxIT {
  static final String BOARD = "Meridian";
  static final String API = "/sandbox/ashby-api/posting-api/job-board/" + BOARD;
  static final String GRAPHQL = "/sandbox/ashby/api/non-user-graphql";
  static final String BACKEND = "c2f4a6b8-1d3e-4f5a-8b7c-9d0e1f2a3b01";
  static final String PAYMENTS = "c2f4a6b8-1d3e-4f5a-8b7c-9d0e1f2a3b02";
  static final String UNLISTED = "c2f4a6b8-1d3e-4f5a-8b7c-9d0e1f2a3b04";
  static final String PAY_OFFICE = "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e01";
  static final String PAY_YEARS = "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e02";
  static final String PAY_START = "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e03";
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
    return server.get(path);
  }

  private static HttpResponse<Buffer> submit(MultipartForm form) {
    return server.client().post(server.port(), "127.0.0.1", GRAPHQL + "?op=ApiSubmitSingleApplicationFormAction")
        .sendMultipartForm(form).await();
  }

  private static List<JsonNode> jobs(String file) throws Exception {
    try (InputStream in = AshbySandboxIT.class.getResourceAsStream("/ashby/" + file)) {
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(in).path("jobs").forEach(out::add);
      return out;
    }
  }

  static MultipartForm payments(String email, String resumeName, byte[] resume) {
    MultipartForm form = MultipartForm.create()
        .attribute("organizationHostedJobsPageName", BOARD)
        .attribute("jobPostingId", PAYMENTS)
        .attribute("_systemfield_name", "Zoë Ångström")
        .attribute("_systemfield_email", email)
        .attribute("_systemfield_phone", "+1 212 555 0199")
        .attribute("_systemfield_location", "New York, New York, United States")
        .attribute(PAY_OFFICE, "true")
        .attribute(PAY_YEARS, "5–7")
        .attribute(PAY_START, "2027-02-01");
    return resume == null ? form : form.binaryFileUpload("_systemfield_resume", resumeName, Buffer.buffer(resume),
        "application/pdf");
  }

  private static byte[] pdf() {
    return "%PDF-1.4\n% Zoë\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
  }

  // --- posting API ---------------------------------------------------------------------------------

  @Test
  void theBoardIsInTheRealApisShape() throws Exception {
    var res = get(API + "?includeCompensation=true");
    assertEquals(200, res.statusCode());
    JsonNode body = JSON.readTree(res.bodyAsString());
    assertEquals("1", body.path("apiVersion").asText());
    List<JsonNode> ours = new ArrayList<>();
    body.path("jobs").forEach(ours::add);
    assertEquals(8, ours.size());
    List<JsonNode> real = new ArrayList<>(jobs("posting-api_job-board_Nango.json"));
    real.addAll(jobs("posting-api_job-board_Xlabs.json"));
    JsonShape.of(real).assertCovers(JsonShape.of(ours), Set.of());
    // and the whole answer, wrapper included
    JsonShape.of(List.of(JSON.readTree(getClass().getResourceAsStream("/ashby/posting-api_job-board_Xlabs.json"))))
        .paths().stream().filter(p -> !p.contains(".") && !p.contains("[]"))
        .forEach(p -> assertTrue(body.has(p), p));
    for (JsonNode j : ours) {
      String url = server.url("/sandbox/ashby/" + BOARD + "/" + j.path("id").asText());
      assertEquals(url, j.path("jobUrl").asText());
      assertEquals(url + "/application", j.path("applyUrl").asText());
      assertFalse(j.has("sandbox"));
    }
    assertEquals(Set.of("FullTime", "Contract", "Intern"),
        Set.copyOf(ours.stream().map(j -> j.path("employmentType").asText()).toList()));
    JsonNode unlisted = ours.stream().filter(j -> j.path("id").asText().equals(UNLISTED)).findFirst().orElseThrow();
    assertFalse(unlisted.path("isListed").asBoolean(true), "the unlisted job says so, as the real field does");
    JsonNode backend = ours.get(0);
    assertEquals("$170K - $215K", backend.path("compensation").path("scrapeableCompensationSalarySummary").asText());
    assertEquals(2, backend.path("compensation").path("compensationTiers").get(0).path("components").size());

    JsonNode plain = JSON.readTree(get(API).bodyAsString());
    assertFalse(plain.path("jobs").get(0).has("compensation"), "compensation only with includeCompensation=true");
    assertEquals(200, get("/sandbox/ashby-api/posting-api/job-board/meridian").statusCode(), "any case");
    var unknown = get("/sandbox/ashby-api/posting-api/job-board/nobody");
    assertEquals(404, unknown.statusCode());
    assertEquals(false, unknown.bodyAsJsonObject().getBoolean("success"));
    assertTrue(unknown.bodyAsJsonObject().getJsonArray("errors").getString(0).contains("nobody"));
  }

  // --- pages and the form definition ---------------------------------------------------------------

  @Test
  void thePagesAreShellsTheScriptFillsFromTheFormDefinition() {
    var page = get("/sandbox/ashby/" + BOARD + "/" + PAYMENTS + "/application");
    assertEquals(200, page.statusCode());
    Document doc = Jsoup.parse(page.bodyAsString());
    assertEquals(PAYMENTS, doc.getElementById("root").attr("data-posting"));
    assertEquals("application", doc.getElementById("root").attr("data-view"));
    assertNotNull(doc.selectFirst("script[src=/static/js/sandbox-ashby.js]"));
    assertNull(doc.selectFirst("form"), "the form is the script's to render");
    assertEquals("overview", Jsoup.parse(get("/sandbox/ashby/" + BOARD + "/" + PAYMENTS).bodyAsString())
        .getElementById("root").attr("data-view"));
    assertEquals(404, get("/sandbox/ashby/" + BOARD + "/00000000-0000-4000-8000-000000000000/application").statusCode());

    JsonObject posting = get(GRAPHQL + "?op=ApiJobPosting&organizationHostedJobsPageName=" + BOARD + "&jobPostingId="
        + PAYMENTS).bodyAsJsonObject().getJsonObject("data").getJsonObject("jobPosting");
    assertEquals("Software Engineer, Payments", posting.getString("title"));
    JsonArray entries = posting.getJsonObject("applicationForm").getJsonArray("sections").getJsonObject(0)
        .getJsonArray("fieldEntries");
    List<String> paths = new ArrayList<>();
    List<String> types = new ArrayList<>();
    entries.forEach(e -> {
      paths.add(((JsonObject) e).getJsonObject("field").getString("path"));
      types.add(((JsonObject) e).getJsonObject("field").getString("type"));
    });
    assertEquals(List.of("_systemfield_name", "_systemfield_email", "_systemfield_resume", "_systemfield_phone",
        "_systemfield_location", PAY_OFFICE, PAY_YEARS, PAY_START, "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e04"), paths);
    assertEquals(List.of("String", "Email", "File", "Phone", "Location", "Boolean", "ValueSelect", "Date", "LongText"), types);
    assertEquals(4, entries.getJsonObject(6).getJsonObject("field").getJsonArray("selectableValues").size());
    assertEquals(404, get(GRAPHQL + "?op=ApiJobPosting&organizationHostedJobsPageName=" + BOARD
        + "&jobPostingId=nope").statusCode());
    assertEquals(400, get(GRAPHQL + "?op=Other").statusCode());
    assertEquals("New York, New York, United States", get(GRAPHQL + "?op=ApiLocationSearch&query=new%20y")
        .bodyAsJsonObject().getJsonObject("data").getJsonArray("locationSearch").getJsonObject(0).getString("title"));
  }

  // --- applications --------------------------------------------------------------------------------

  @Test
  void aGoodApplicationIsStoredAsAshbysWithItsApplicationId() {
    String email = "zoe+" + System.nanoTime() + "@example.com";
    var res = submit(payments(email, "zoë.pdf", pdf()));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    String applicationId = res.bodyAsJsonObject().getString("application_id");
    assertTrue(applicationId.matches("[0-9a-f-]{36}"), applicationId);
    assertEquals(applicationId, Receipts.of(res.bodyAsString(), null), "where the apply worker reads receipts");
    assertEquals(applicationId, res.bodyAsJsonObject().getJsonObject("data")
        .getJsonObject("submitSingleApplicationFormAction").getJsonObject("applicationFormResult").getString("applicationId"));

    JsonArray mine = SandboxRecords.ofEmail(email);
    assertEquals(1, mine.size());
    JsonObject s = mine.getJsonObject(0);
    assertEquals("ashby", s.getString("source"));
    assertEquals(BOARD, s.getString("board"));
    assertEquals(PAYMENTS, s.getString("posting_id"));
    assertEquals(applicationId, s.getString("receipt"));
    assertEquals("Zoë", s.getString("first_name"));
    assertEquals("Ångström", s.getString("last_name"));
    assertEquals("+1 212 555 0199", s.getString("phone"));
    JsonObject answers = s.getJsonObject("answers");
    assertEquals("true", answers.getString(PAY_OFFICE));
    assertEquals("5–7", answers.getString(PAY_YEARS));
    assertEquals("2027-02-01", answers.getString(PAY_START));
    assertEquals("New York, New York, United States", answers.getString("_systemfield_location"));
    assertEquals("zoë.pdf", s.getJsonArray("files").getJsonObject(0).getString("filename"));
    assertEquals("application/pdf", SandboxRecords.contentType(s.getLong("id"), "resume"));
  }

  @Test
  void missingAndBadAnswersAreNamedAndNothingIsStored() {
    String email = "bad+" + System.nanoTime() + "@example.com";
    MultipartForm form = MultipartForm.create()
        .attribute("jobPostingId", PAYMENTS)
        .attribute("_systemfield_email", email)
        .attribute("_systemfield_location", "Atlantis")
        .attribute(PAY_OFFICE, "maybe")
        .attribute(PAY_YEARS, "a hundred")
        .attribute(PAY_START, "01/02/2027");
    var res = submit(form);
    assertEquals(400, res.statusCode());
    JsonObject fields = res.bodyAsJsonObject().getJsonObject("fieldErrors");
    assertEquals("Missing entry for required field: Name", fields.getString("_systemfield_name"));
    assertEquals("Missing entry for required field: Resume", fields.getString("_systemfield_resume"));
    assertTrue(fields.getString("_systemfield_location").contains("Location"));
    assertTrue(fields.getString(PAY_OFFICE).contains("Yes or No"));
    assertTrue(fields.getString(PAY_YEARS).contains("options"));
    assertTrue(fields.getString(PAY_START).contains("YYYY-MM-DD"));
    assertFalse(fields.containsKey("_systemfield_email"));
    assertTrue(res.bodyAsJsonObject().getJsonArray("errors").contains("Missing entry for required field: Name"));
    assertEquals(0, SandboxRecords.ofEmail(email).size());
  }

  @Test
  void aResumeThatIsNoDocumentIsRefused() {
    String email = "png+" + System.nanoTime() + "@example.com";
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    var res = submit(payments(email, "cv.pdf", png));
    assertEquals(400, res.statusCode());
    assertTrue(res.bodyAsJsonObject().getJsonObject("fieldErrors").getString("_systemfield_resume").contains("PDF"));
    assertEquals(0, SandboxRecords.ofEmail(email).size());
    var unknownJob = submit(MultipartForm.create().attribute("jobPostingId", "00000000-0000-4000-8000-000000000000"));
    assertEquals(404, unknownJob.statusCode());
    var wrongOp = server.client().post(server.port(), "127.0.0.1", GRAPHQL + "?op=Other")
        .sendMultipartForm(payments(email, "cv.pdf", pdf())).await();
    assertEquals(400, wrongOp.statusCode());
    assertEquals(0, SandboxRecords.ofEmail(email).size());
  }
}
