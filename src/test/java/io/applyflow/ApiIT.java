package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.db.TestDatabase;
import io.applyflow.render.Preview;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The JSON API's contract: bad input is a 4xx naming the problem, data is per user, a job is submitted once. */
class ApiIT {
  private final Api api = TestApp.api();

  private static void assertError(Api.Response r, int status, String mentions) {
    assertEquals(status, r.status(), r.text());
    JsonObject body = r.json();
    assertTrue(body.containsKey("error"), r.text());
    assertTrue(body.getString("detail").contains(mentions), "'" + body.getString("detail") + "' should mention " + mentions);
  }

  @Test
  void registrationAndLoginRejectBadInputClearly() {
    assertError(api.post("/api/register", null, new JsonObject().put("email", "nope").put("password", "long enough")
        .put("name", "A")), 400, "email");
    assertError(api.post("/api/register", null, new JsonObject().put("email", Api.uniqueEmail("a"))
        .put("password", "short").put("name", "A")), 400, "password");
    assertError(api.post("/api/register", null, new JsonObject().put("email", Api.uniqueEmail("a"))
        .put("password", "long enough")), 400, "name");
    assertError(api.send("POST", "/api/register", null, "{not json"), 400, "not valid JSON");
    assertError(api.send("POST", "/api/register", null, "[1,2]"), 400, "JSON object");
    String email = Api.uniqueEmail("dup");
    api.register(email, "Dup");
    assertError(api.post("/api/register", null, new JsonObject().put("email", email.toUpperCase())
        .put("password", "long enough").put("name", "Dup")), 409, "already exists");
    assertError(api.post("/api/login", null, new JsonObject().put("email", email).put("password", "wrong password")),
        401, "wrong");
    Api.Response ok = api.post("/api/login", null, new JsonObject().put("email", email).put("password", "correct horse 1"));
    assertEquals(200, ok.status(), ok.text());
    assertError(api.get("/api/search/999999999", ok.json().getString("token")), 404, "no run");
  }

  @Test
  void protectedEndpointsNeedAValidToken() {
    assertError(api.get("/api/profile", null), 401, "Bearer");
    assertError(api.get("/api/profile", "made-up-token"), 401, "unknown or expired");
    String token = api.register(Api.uniqueEmail("noprofile"), "No Profile");
    assertError(api.get("/api/profile", token), 404, "no profile");
    assertError(api.get("/api/nothing/here", token), 404, "no such endpoint");
  }

  @Test
  void profileAndSearchValidationNamesTheField() {
    String token = api.register(Api.uniqueEmail("validate"), "Val");
    JsonObject resume = Api.sampleResume("val@example.com");
    resume.getJsonArray("work").getJsonObject(0).put("endDate", "soon");
    assertError(api.send("PUT", "/api/profile", token, new JsonObject().put("resume", resume).encode()), 400,
        "resume.work[0].endDate");
    assertError(api.post("/api/search", token, new JsonObject().put("position", "Software Engineer").put("level", "mid")),
        409, "profile first");

    String ready = api.userWithProfile(Api.uniqueEmail("search-validate"));
    assertError(api.post("/api/search", ready, new JsonObject().put("level", "mid")), 400, "position");
    assertError(api.post("/api/search", ready, new JsonObject().put("position", "SWE").put("level", "guru")), 400, "level");
    assertError(api.post("/api/search", ready, new JsonObject().put("position", "SWE").put("level", "mid")
        .put("limit", 101)), 400, "limit");
    assertError(api.post("/api/search", ready, new JsonObject().put("position", "SWE").put("level", "mid")
        .put("limit", "5")), 400, "limit");
    assertError(api.post("/api/search", ready, new JsonObject().put("position", "SWE").put("level", "mid")
        .put("mode", "yolo")), 400, "mode");
    assertError(api.get("/api/search/abc", ready), 400, "run_id");
    assertError(api.get("/api/job/-3", ready), 400, "job_id");
  }

  @Test
  void anotherUsersRunsJobsAndPdfsAreNotFound() {
    String owner = api.userWithProfile(Api.uniqueEmail("owner"));
    long runId = api.post("/api/search", owner, new JsonObject().put("position", "Software Engineer")
        .put("level", "entry").put("limit", 1)).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, owner, Duration.ofSeconds(120));
    long jobId = run.getJsonArray("jobs").getJsonObject(0).getLong("job_id");
    assertEquals(200, api.get("/api/job/" + jobId + "/resume.pdf", owner).status());

    String other = api.userWithProfile(Api.uniqueEmail("other"));
    assertError(api.get("/api/search/" + runId, other), 404, "no run");
    assertError(api.get("/api/job/" + jobId, other), 404, "no job");
    assertError(api.get("/api/job/" + jobId + "/resume.pdf", other), 404, "resume_pdf");
    assertError(api.post("/api/job/" + jobId + "/submit", other, null), 404, "no job");
    assertError(api.get("/api/job/" + jobId + "/resume.png", other), 404, "resume_png");
    assertError(api.get("/api/job/" + jobId + "/cover-letter.png", other), 404, "cover_letter_png");
  }

  @Test
  void aRenderedJobHasAPreviewOfItsPdfsOnItsPageAndInTheQueue() throws IOException {
    String owner = api.userWithProfile(Api.uniqueEmail("preview"));
    long runId = api.post("/api/search", owner, new JsonObject().put("position", "Software Engineer")
        .put("level", "entry").put("limit", 1)).json().getLong("run_id");
    long jobId = api.awaitRun(runId, owner, Duration.ofSeconds(120)).getJsonArray("jobs").getJsonObject(0)
        .getLong("job_id");

    Api.Response png = api.get("/api/job/" + jobId + "/resume.png", owner);
    assertEquals(200, png.status(), png.text());
    assertEquals("image/png", png.contentType());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
    assertEquals(Preview.PIXEL_WIDTH, image.getWidth());
    assertEquals(Math.round(Preview.PIXEL_WIDTH * 11 / 8.5), image.getHeight(), "page 1 of a Letter PDF");
    JsonArray documents = api.get("/api/job/" + jobId, owner).json().getJsonArray("documents");
    JsonObject stored = documents.stream().map(JsonObject.class::cast)
        .filter(d -> "resume_png".equals(d.getString("kind"))).findFirst().orElseThrow();
    assertEquals(image.getWidth(), stored.getInteger("width"), stored.encode());
    boolean letter = documents.stream().anyMatch(d -> "cover_letter_pdf".equals(((JsonObject) d).getString("kind")));
    assertEquals(letter ? 200 : 404, api.get("/api/job/" + jobId + "/cover-letter.png", owner).status(),
        "a cover letter PDF has its preview, and no letter has none");

    // the job page shows it next to the download link, sized, described and linking to the PDF
    Api.Response page = api.get("/jobs/" + jobId, owner);
    assertEquals(200, page.status(), page.text());
    Element thumb = Jsoup.parse(page.text()).selectFirst("#resume-preview img");
    assertNotNull(thumb, "the job page shows the resume's preview");
    assertEquals("/jobs/" + jobId + "/resume.png", thumb.attr("src"));
    assertEquals(String.valueOf(Preview.DISPLAY_WIDTH), thumb.attr("width"));
    assertEquals(String.valueOf(Math.round(Preview.DISPLAY_WIDTH * 11 / 8.5f)), thumb.attr("height"));
    assertTrue(thumb.attr("alt").startsWith("Page 1 of the tailored resume"), thumb.outerHtml());
    assertEquals("/jobs/" + jobId + "/resume.pdf", thumb.parent().attr("href"));
    assertArrayEquals(png.body(), api.get(thumb.attr("src"), owner).body(), "the page's address serves the same PNG");

    // and so does the review queue, where the job waits for the submit button
    Element row = Jsoup.parse(api.get("/review", owner).text()).selectFirst("#review-" + jobId);
    assertNotNull(row, "the job waits in the review queue");
    assertEquals("/jobs/" + jobId + "/resume.png", row.selectFirst("img.resume-thumb").attr("src"));
  }

  @Test
  void reviewModeSubmitsOnceAndRefusesASecondSubmit() {
    String email = Api.uniqueEmail("review");
    String token = api.userWithProfile(email);
    long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "mid").put("limit", 2)).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(120));
    assertEquals("done", run.getString("status"));
    JsonArray jobs = run.getJsonArray("jobs");
    assertEquals(2, jobs.size());
    jobs.forEach(j -> assertEquals("awaiting_approval", ((JsonObject) j).getString("status")));
    assertEquals(0, api.submissionsOf(email).size(), "review mode sends nothing on its own");

    long jobId = jobs.getJsonObject(0).getLong("job_id");
    JsonObject detail = api.get("/api/job/" + jobId, token).json();
    assertTrue(detail.getJsonArray("documents").stream()
        .anyMatch(d -> "screenshot".equals(((JsonObject) d).getString("kind"))), "the filled form was screenshotted");

    Api.Response first = api.post("/api/job/" + jobId + "/submit", token, null);
    assertEquals(202, first.status(), first.text());
    Api.Response second = api.post("/api/job/" + jobId + "/submit", token, null);
    assertEquals(409, second.status(), second.text());
    assertTrue(second.json().getString("detail").matches(".*(being sent right now|was already sent).*"),
        "the refusal says in words what happened: " + second.text());
    api.awaitJob(jobId, token, "submitted", Duration.ofSeconds(60));
    assertError(api.post("/api/job/" + jobId + "/submit", token, null), 409, "was already sent");
    assertEquals(1, api.submissionsOf(email).size(), "exactly one application reached the board");
  }

  @Test
  void theRunStreamStartsWithTheCurrentStateFromPostgres() throws Exception {
    String token = api.userWithProfile(Api.uniqueEmail("sse"));
    long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "mid").put("limit", 1)).json().getLong("run_id");
    api.awaitRun(runId, token, Duration.ofSeconds(120));
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<java.util.stream.Stream<String>> stream = http.send(java.net.http.HttpRequest
            .newBuilder(java.net.URI.create(api.base + "/api/search/" + runId + "/events"))
            .header("Authorization", "Bearer " + token).build(),
        java.net.http.HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, stream.statusCode());
    assertTrue(stream.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
    java.util.Iterator<String> lines = stream.body().iterator();
    String event = null;
    String data = null;
    while (lines.hasNext() && data == null) {
      String line = lines.next();
      if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = line.substring(6);
      }
    }
    stream.body().close();
    assertEquals("run", event);
    JsonObject state = new JsonObject(data);
    assertEquals(runId, state.getLong("run_id"));
    assertEquals("done", state.getString("status"));
    assertEquals("awaiting_approval", state.getJsonArray("jobs").getJsonObject(0).getString("status"));
  }

  @Test
  void anUnconfirmedLedgerAttemptIsNeverSubmittedAgain() throws SQLException {
    String email = Api.uniqueEmail("crash");
    String token = api.userWithProfile(email);
    long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "senior").put("limit", 1)).json().getLong("run_id");
    long jobId = api.awaitRun(runId, token, Duration.ofSeconds(120)).getJsonArray("jobs").getJsonObject(0)
        .getLong("job_id");
    // what a crash between the ledger's attempt row and the confirmation leaves behind
    try (Connection c = DriverManager.getConnection(TestDatabase.shared().jdbcUrl(), "postgres", null);
         PreparedStatement st = c.prepareStatement("""
             insert into submit_ledger (user_id, job_id, source, board, external_id)
             select user_id, id, source, board, external_id from jobs where id = ?""")) {
      st.setLong(1, jobId);
      assertEquals(1, st.executeUpdate());
    }
    assertEquals(202, api.post("/api/job/" + jobId + "/submit", token, null).status());
    JsonObject job = api.awaitJob(jobId, token, "needs_attention", Duration.ofSeconds(60));
    JsonArray events = job.getJsonArray("events");
    assertTrue(events.getJsonObject(events.size() - 1).getString("message").contains("submit outcome unknown"),
        events.encodePrettily());
    assertEquals(0, api.submissionsOf(email).size(), "no browser submitted anything");
  }
}
