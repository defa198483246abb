package io.applyflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.Applyflow;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.Api;
import io.applyflow.support.FakeAshby;
import io.applyflow.support.FakeLever;
import io.applyflow.support.Fixtures;
import io.applyflow.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Add by URL and the match analyser against the real application (web role, real Postgres, real HTTP), with the
 * internet replaced by loopback servers: job pages on 127.0.0.1 (the one network FETCH_ALLOWED_NETWORKS allows here),
 * a server on 127.0.0.2 that counts what reaches it (loopback, refused), a Greenhouse Job Board API serving the real
 * captured Vercel board, and {@link FakeLever} serving real Lever postings.
 */
class AnalyzeIT {
  private static Vertx vertx;
  private static HttpServer pages;
  private static HttpServer forbidden;
  private static HttpServer greenhouse;
  private static FakeLever lever;
  private static FakeAshby ashby;
  private static Applyflow app;
  private static Api api;
  private static final List<String> forbiddenHits = new CopyOnWriteArrayList<>();
  private static final List<String> greenhouseHits = new CopyOnWriteArrayList<>();
  private static JsonObject vercelJob;
  private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pages = vertx.createHttpServer().requestHandler(AnalyzeIT::page).listen(0, "127.0.0.1").await();
    // 127.0.0.2 is loopback too, outside the allowed 127.0.0.1/32: the fetcher must refuse it before connecting
    forbidden = vertx.createHttpServer().requestHandler(r -> {
      forbiddenHits.add(r.uri());
      r.response().putHeader("content-type", "text/html").end("<h1>secret</h1>");
    }).listen(0, "127.0.0.2").await();
    vercelJob = new JsonObject(PostingPageTest.resource("/greenhouse/hunt_boards-api_jobs_vercel_trimmed.json"))
        .getJsonArray("jobs").getJsonObject(0);
    greenhouse = vertx.createHttpServer().requestHandler(AnalyzeIT::greenhouseApi).listen(0, "127.0.0.1").await();
    lever = new FakeLever(false);
    ashby = new FakeAshby(false);
    app = TestApp.start(Map.of("ROLES", "web", "FETCH_ALLOWED_NETWORKS", "127.0.0.1/32",
        "GREENHOUSE_API_URL", "http://127.0.0.1:" + greenhouse.actualPort() + "/v1",
        "LEVER_API_URL", lever.apiBase(), "ASHBY_API_URL", ashby.apiBase()));
    api = new Api("http://127.0.0.1:" + app.port());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (lever != null) {
      lever.close();
    }
    if (ashby != null) {
      ashby.close();
    }
    vertx.close().await();
  }

  private static String pagesOrigin() {
    return "http://127.0.0.1:" + pages.actualPort();
  }

  private static void page(HttpServerRequest r) {
    switch (r.path()) {
      case "/jobs/platform" -> r.response().putHeader("content-type", "text/html; charset=utf-8")
          .end(PostingPageTest.resource("/analyze/graph.html"));
      case "/jobs/huge" -> r.response().putHeader("content-type", "text/html")
          .end("<html><body><main>" + "<p>Kafka and Go.</p>".repeat(160_000) + "</main></body></html>");
      case "/jobs/moved" -> r.response().setStatusCode(302)
          .putHeader("location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/").end();
      case "/jobs/to-private" -> r.response().setStatusCode(301)
          .putHeader("location", "http://127.0.0.2:" + forbidden.actualPort() + "/admin").end();
      default -> r.response().setStatusCode(404).end();
    }
  }

  private static void greenhouseApi(HttpServerRequest r) {
    greenhouseHits.add(r.path());
    String one = "/v1/boards/vercel/jobs/" + vercelJob.getValue("id");
    if (r.path().equals(one)) {
      r.response().putHeader("content-type", "application/json").end(vercelJob.copy()
          .put("questions", new JsonArray()).encode());
    } else {
      r.response().setStatusCode(404).putHeader("content-type", "application/json").end("{\"status\":404}");
    }
  }

  private static String userWithSeniorResume() throws Exception {
    String email = Api.uniqueEmail("analyze");
    String token = api.register(email, "Lena Vasquez");
    JsonObject resume = new JsonObject(Fixtures.resume("senior-engineer").toString());
    resume.getJsonObject("basics").put("email", email);
    Api.Response r = api.put("/api/profile", token, new JsonObject().put("resume", resume)
        .put("applicant", new JsonObject()));
    assertEquals(200, r.status(), r.text());
    return token;
  }

  private static Api.Response add(String token, String url) {
    return api.post("/api/applications/analyze", token, new JsonObject().put("url", url));
  }

  @Test
  void theMetadataAddressAnswers400WithoutAnyRequest() throws Exception {
    String token = userWithSeniorResume();
    for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://2852039166/latest/meta-data",
        "http://[::ffff:169.254.169.254]/latest/meta-data", "http://metadata.google.internal/computeMetadata/v1/")) {
      Api.Response r = add(token, url);
      assertEquals(400, r.status(), url + ": " + r.text());
      String detail = r.json().getString("detail");
      assertTrue(detail.contains("Applyflow does not fetch"), detail);
      assertTrue(url.contains("google") ? detail.contains("cloud metadata name") : detail.contains(
          "169.254.169.254) is a link-local address") || detail.startsWith("169.254.169.254 is a link-local address"),
          detail);
    }
    assertEquals(0, api.get("/api/analyses", token).json().getJsonArray("analyses").size(), "nothing analysed");
  }

  @Test
  void aLoopbackOrPrivateAddressIsRefusedBeforeConnecting() throws Exception {
    String token = userWithSeniorResume();
    Api.Response loop = add(token, "http://127.0.0.2:" + forbidden.actualPort() + "/jobs/1");
    assertEquals(400, loop.status(), loop.text());
    assertTrue(loop.json().getString("detail").startsWith("127.0.0.2 is a loopback address"), loop.text());
    Api.Response ten = add(token, "http://10.0.0.1/jobs/1");
    assertEquals(400, ten.status());
    assertTrue(ten.json().getString("detail").startsWith("10.0.0.1 is a private address"), ten.text());
    Api.Response viaRedirect = add(token, pagesOrigin() + "/jobs/to-private");
    assertEquals(400, viaRedirect.status(), viaRedirect.text());
    assertTrue(viaRedirect.json().getString("detail").contains("which is refused: 127.0.0.2 is a loopback address"),
        viaRedirect.text());
    assertEquals(List.of(), forbiddenHits, "the loopback server outside the allowed network was never reached");
  }

  @Test
  void aJobPageWithJsonLdBecomesANewApplicationWithItsScore() throws Exception {
    String token = userWithSeniorResume();
    Api.Response r = add(token, pagesOrigin() + "/jobs/platform");
    assertEquals(201, r.status(), r.text());
    JsonObject a = r.json();
    assertEquals("NEW", a.getString("status"));
    assertEquals("url", a.getString("origin"));
    assertEquals("Senior Platform Engineer", a.getString("position"));
    assertEquals("Northwind Logistics", a.getString("company"));
    assertEquals("Rotterdam, South Holland, NL", a.getString("location"));
    assertTrue(a.getString("description").contains("Terraform"));
    int score = a.getInteger("score");
    assertTrue(score > 0 && score <= 100, "score " + score);
    assertEquals(score, a.getJsonObject("analysis").getInteger("score"));
    assertTrue(a.getJsonObject("analysis").getJsonArray("matching_skills").contains("Kubernetes"), a.encode());
    try (Connection c = DriverManager.getConnection(TestDatabase.shared().jdbcUrl(), "postgres", null);
         PreparedStatement s = c.prepareStatement("select a.status, a.origin, a.score, e.kind, e.to_status, e.user_id ="
             + " a.user_id from applications a join application_events e on e.application_id = a.id where a.id = ?")) {
      s.setLong(1, a.getLong("id"));
      ResultSet rs = s.executeQuery();
      assertTrue(rs.next(), "the application has its created event");
      assertEquals("NEW", rs.getString(1));
      assertEquals("url", rs.getString(2));
      assertEquals(score, rs.getInt(3));
      assertEquals("created", rs.getString(4));
      assertEquals("NEW", rs.getString(5));
      assertTrue(rs.getBoolean(6));
      assertFalse(rs.next(), "one event");
    }
    // the analysis is in the history too
    JsonArray history = api.get("/api/analyses", token).json().getJsonArray("analyses");
    assertEquals("Senior Platform Engineer", history.getJsonObject(0).getString("title"));
  }

  @Test
  void aGreenhouseLinkIsReadThroughItsApi() throws Exception {
    String token = userWithSeniorResume();
    String id = String.valueOf(vercelJob.getValue("id"));
    Api.Response r = add(token, "https://job-boards.greenhouse.io/vercel/jobs/" + id);
    assertEquals(201, r.status(), r.text());
    JsonObject a = r.json();
    assertEquals(vercelJob.getString("title"), a.getString("position"));
    assertEquals("Vercel", a.getString("company"));
    assertEquals("Hybrid - London", a.getString("location"));
    assertEquals("greenhouse", a.getJsonObject("analysis").getString("source"));
    assertFalse(a.getString("description").contains("&lt;"), "the escaped content is unescaped once");
    assertTrue(greenhouseHits.contains("/v1/boards/vercel/jobs/" + id), greenhouseHits.toString());
    Api.Response missing = add(token, "https://job-boards.greenhouse.io/vercel/jobs/1");
    assertEquals(404, missing.status(), missing.text());
  }

  @Test
  void aLeverLinkIsReadThroughItsApi() throws Exception {
    String token = userWithSeniorResume();
    JsonObject posting = new JsonArray(PostingPageTest.resource("/lever/apply-engine_postings_metabase_trimmed.json"))
        .getJsonObject(0);
    Api.Response r = api.post("/api/analyze", token, new JsonObject().put("url", "https://jobs.lever.co/metabase/"
        + posting.getString("id")));
    assertEquals(200, r.status(), r.text());
    assertEquals(posting.getString("text"), r.json().getString("title"));
    assertEquals("lever", r.json().getString("source"));
    assertTrue(lever.requests().stream().anyMatch(p -> p.contains(posting.getString("id"))), lever.requests()
        .toString());
  }

  @Test
  void anAshbyLinkIsReadThroughItsApi() throws Exception {
    String token = userWithSeniorResume();
    JsonObject job = new JsonObject(PostingPageTest.resource("/ashby/posting-api_job-board_Xlabs.json"))
        .getJsonArray("jobs").getJsonObject(0);
    Api.Response r = add(token, "https://jobs.ashbyhq.com/Xlabs/" + job.getString("id"));
    assertEquals(201, r.status(), r.text());
    assertEquals(job.getString("title"), r.json().getString("position"));
    assertEquals(job.getString("location"), r.json().getString("location"));
    assertEquals("ashby", r.json().getJsonObject("analysis").getString("source"));
    // the Xlabs SRE posting asks for what the senior engineer has: Kubernetes, Terraform, Go...
    assertTrue(r.json().getJsonObject("analysis").getJsonArray("matching_skills").size() > 0, r.text());
  }

  @Test
  void aHugePageAndARedirectToTheMetadataAddressAreRefused() throws Exception {
    String token = userWithSeniorResume();
    Api.Response huge = add(token, pagesOrigin() + "/jobs/huge");
    assertEquals(400, huge.status(), huge.text());
    assertTrue(huge.json().getString("detail").contains("is larger than 2 MB"), huge.text());
    Api.Response moved = add(token, pagesOrigin() + "/jobs/moved");
    assertEquals(400, moved.status(), moved.text());
    assertTrue(moved.json().getString("detail").contains("redirected to http://169.254.169.254/latest/meta-data/iam/"
        + "security-credentials/, which is refused: 169.254.169.254 is a link-local address"), moved.text());
    Api.Response notThere = add(token, pagesOrigin() + "/jobs/gone");
    assertEquals(400, notThere.status());
    assertTrue(notThere.json().getString("detail").contains("answered 404"), notThere.text());
  }

  @Test
  void pastedTextIsAnalysedStoredAndListed() throws Exception {
    String token = userWithSeniorResume();
    Api.Response r = api.post("/api/analyze", token, new JsonObject().put("title",
        "Staff Software Engineer, Storage Infrastructure").put("description", Fixtures.description("staff-backend")));
    assertEquals(200, r.status(), r.text());
    JsonObject a = r.json();
    assertTrue(a.getInteger("score") >= 60, a.encode());
    assertEquals("pasted", a.getString("source"));
    assertTrue(a.getJsonObject("breakdown").containsKey("experience"));
    assertTrue(a.getJsonArray("missing_skills").contains("Paxos"));
    List<String> suggestions = a.getJsonArray("suggestions").stream().map(s -> ((JsonObject) s).getString("text"))
        .toList();
    assertTrue(suggestions.contains("Your skills list omits Raft, which your project raft-lab mentions."),
        suggestions.toString());
    assertTrue(suggestions.stream().noneMatch(s -> s.contains("Paxos")), suggestions.toString());
    long id = a.getLong("id");
    JsonArray history = api.get("/api/analyses", token).json().getJsonArray("analyses");
    assertEquals(id, history.getJsonObject(0).getLong("id"));
    assertEquals(a.getInteger("score"), history.getJsonObject(0).getInteger("score"));
    assertEquals(200, api.get("/api/analyses/" + id, token).status());
    String other = userWithSeniorResume();
    assertEquals(404, api.get("/api/analyses/" + id, other).status(), "another user's analysis is not found");
    assertEquals(0, api.get("/api/analyses", other).json().getJsonArray("analyses").size());
  }

  @Test
  void badInputAndAMissingProfileAreNamed() {
    String token = userWithSeniorResumeUnchecked();
    Api.Response none = api.post("/api/analyze", token, new JsonObject());
    assertEquals(400, none.status());
    assertTrue(none.json().getString("detail").startsWith("url: give the posting's URL"), none.text());
    Api.Response js = add(token, "javascript:alert(1)");
    assertEquals(400, js.status());
    assertTrue(js.json().getString("detail").contains("only http and https URLs are opened"), js.text());
    Api.Response number = api.post("/api/analyze", token, new JsonObject().put("url", 42));
    assertEquals(400, number.status());
    String bare = api.register(Api.uniqueEmail("noprofile"), "No Profile");
    Api.Response noProfile = api.post("/api/analyze", bare, new JsonObject().put("description", "Java and Kafka"));
    assertEquals(409, noProfile.status(), noProfile.text());
    assertTrue(noProfile.json().getString("detail").contains("/profile"), noProfile.text());
  }

  private static String userWithSeniorResumeUnchecked() {
    try {
      return userWithSeniorResume();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // --- pages -------------------------------------------------------------------------------------------

  private HttpResponse<String> form(String path, String token, Map<String, String> fields) throws Exception {
    StringBuilder body = new StringBuilder();
    fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return http.send(HttpRequest.newBuilder(URI.create(api.base + path)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
  }

  private Document get(String path, String token) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api.base + path)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return Jsoup.parse(r.body());
  }

  @Test
  void theAddFormShowsTheRefusalNextToTheUrlField() throws Exception {
    String token = userWithSeniorResume();
    HttpResponse<String> r = form("/applications/analyze", token, Map.of("url", "http://169.254.169.254/latest"));
    assertEquals(400, r.statusCode());
    Document page = Jsoup.parse(r.body());
    Element input = page.selectFirst("#add-url-form #add_url");
    assertNotNull(input, r.body());
    assertEquals("http://169.254.169.254/latest", input.val());
    assertEquals("true", input.attr("aria-invalid"));
    assertTrue(input.attr("aria-describedby").contains("add_url-error"));
    Element error = page.selectFirst("#add-url-form #add_url-error");
    assertNotNull(error);
    assertTrue(error.text().startsWith("169.254.169.254 is a link-local address"), error.text());
    assertNotNull(page.selectFirst("#analyze-form"), "the whole analyze page, without JavaScript");

    HttpResponse<String> htmx = http.send(HttpRequest.newBuilder(URI.create(api.base + "/applications/analyze"))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token).header("HX-Request", "true")
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("url=ftp%3A%2F%2Fjobs.example.com%2F")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, htmx.statusCode());
    Document fragment = Jsoup.parse(htmx.body());
    assertNull(fragment.selectFirst("#analyze-form"), "htmx gets the form alone");
    assertEquals("/applications/analyze", fragment.selectFirst("#add-url-form").attr("hx-post"));
    assertTrue(fragment.selectFirst("#add_url-error").text().contains("http and https URLs are opened"), htmx.body());

    HttpResponse<String> ok = form("/applications/analyze", token, Map.of("url", pagesOrigin() + "/jobs/platform"));
    assertEquals(303, ok.statusCode(), ok.body());
    assertEquals("/applications", ok.headers().firstValue("location").orElse(""));
  }

  @Test
  void theAnalyzePageAnalysesPastedTextAndListsTheHistory() throws Exception {
    String token = userWithSeniorResume();
    HttpResponse<String> empty = form("/analyze", token, Map.of("url", "", "title", "", "description", ""));
    assertEquals(400, empty.statusCode());
    Document again = Jsoup.parse(empty.body());
    assertTrue(again.selectFirst("#url-error").text().startsWith("Give the posting's URL"), empty.body());
    assertEquals("true", again.selectFirst("#url").attr("aria-invalid"));

    String bare = api.register(Api.uniqueEmail("noprofile-page"), "No Profile");
    HttpResponse<String> noProfile = form("/analyze", bare, Map.of("url", "", "title", "", "description", "Java"));
    assertEquals(409, noProfile.statusCode());
    Element toProfile = Jsoup.parse(noProfile.body()).selectFirst("#analyze-form #analyze-no-profile a[href=/profile]");
    assertNotNull(toProfile, noProfile.body());

    HttpResponse<String> r = form("/analyze", token, Map.of("url", "", "title",
        "Staff Software Engineer, Storage Infrastructure", "description", Fixtures.description("staff-backend")));
    assertEquals(303, r.statusCode(), r.body());
    String location = r.headers().firstValue("location").orElseThrow();
    assertTrue(location.matches("/analyze/\\d+"), location);
    Document shown = get(location, token);
    Element analysis = shown.selectFirst("#analysis");
    assertNotNull(analysis);
    assertEquals(location.substring("/analyze/".length()), analysis.attr("data-analysis-id"));
    assertFalse(shown.select("#analysis-suggestions li[data-kind=skills]").isEmpty());
    assertTrue(shown.selectFirst("#analysis-missing-skills").text().contains("Paxos"));
    assertNotNull(shown.selectFirst("#analysis-score meter[data-sub=skills]"));
    Document list = get("/analyze", token);
    Element link = list.selectFirst("#analyses a[href=" + location + "]");
    assertNotNull(link, list.select("#analyses").outerHtml());
    assertEquals("Staff Software Engineer, Storage Infrastructure", link.text());
    assertEquals("/analyze", list.selectFirst("#analyze-form").attr("hx-post"));
    assertEquals("/applications/analyze", list.selectFirst("#add-url-form").attr("action"));
  }
}
