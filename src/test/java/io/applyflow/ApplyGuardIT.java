package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.Api;
import io.applyflow.support.FakeAts;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The apply worker, whole app: a posting whose link leads to a page that only looks like a confirmation is not
 * marked submitted (the ledger keeps the attempt, the job needs attention with what the page said); a posting whose
 * link is a {@code javascript:} URL is never opened and never shown as a link. The "ATS" is a loopback server
 * allowed through {@code APPLY_ALLOWED_ORIGINS}.
 */
class ApplyGuardIT {
  private static FakeAts servers;
  private static Applyflow app;
  private static Api api;

  @BeforeAll
  static void start() {
    servers = new FakeAts();
    app = TestApp.start(Map.of("APPLY_ALLOWED_ORIGINS", servers.atsOrigin()));
    api = new Api("http://127.0.0.1:" + app.port());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (servers != null) {
      servers.close();
    }
  }

  private static Connection db() throws SQLException {
    return DriverManager.getConnection(app.database().jdbcUrl(), "postgres", null);
  }

  private static void setUrl(long jobId, String url) throws SQLException {
    try (Connection c = db(); PreparedStatement st = c.prepareStatement("update jobs set url = ? where id = ?")) {
      st.setString(1, url);
      st.setLong(2, jobId);
      assertEquals(1, st.executeUpdate());
    }
  }

  private static String scalar(String sql, long jobId) throws SQLException {
    try (Connection c = db(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, jobId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static String lastMessage(JsonObject job) {
    JsonArray events = job.getJsonArray("events");
    return events.getJsonObject(events.size() - 1).getString("message");
  }

  /** Two jobs of a review run, both waiting for approval. */
  private static JsonArray reviewRun(String token) {
    long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "mid").put("limit", 2)).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(180));
    assertEquals("done", run.getString("status"), run.encodePrettily());
    JsonArray jobs = run.getJsonArray("jobs");
    assertEquals(2, jobs.size(), run.encodePrettily());
    return jobs;
  }

  @Test
  void aConfirmationUrlShowingAnErrorLeavesTheAttemptUnconfirmedAndAJavascriptLinkIsNeverOpened() throws SQLException {
    String email = Api.uniqueEmail("guard");
    String token = api.userWithProfile(email);
    JsonArray jobs = reviewRun(token);
    long lookalike = jobs.getJsonObject(0).getLong("job_id");
    long script = jobs.getJsonObject(1).getLong("job_id");
    api.awaitJob(lookalike, token, "awaiting_approval", Duration.ofSeconds(60));
    api.awaitJob(script, token, "awaiting_approval", Duration.ofSeconds(60));
    // what board data could say: a link to a page that ends on /confirmation with an error, and a script URL
    setUrl(lookalike, servers.atsOrigin() + "/acme/jobs/1");
    setUrl(script, "javascript:alert(document.cookie)");

    assertEquals(202, api.post("/api/job/" + lookalike + "/submit", token, null).status());
    JsonObject job = api.awaitJob(lookalike, token, "needs_attention", Duration.ofSeconds(90));
    String why = lastMessage(job);
    assertTrue(why.contains("submit outcome unknown"), why);
    assertTrue(why.contains("There was an error processing your application"), why);
    assertEquals("attempted", scalar("select state from submit_ledger where job_id = ?", lookalike),
        "the attempt stays unconfirmed");
    assertEquals("0", scalar("select count(*) from applications where job_id = ?", lookalike));
    assertEquals(java.util.List.of("/acme/jobs/1"), servers.posts(), "the form was posted once");

    assertEquals(202, api.post("/api/job/" + script + "/submit", token, null).status());
    JsonObject refused = api.awaitJob(script, token, "needs_attention", Duration.ofSeconds(60));
    String refusal = lastMessage(refused);
    assertTrue(refusal.contains("refused to open the posting's link 'javascript:alert(document.cookie)'"), refusal);
    assertEquals(null, scalar("select state from submit_ledger where job_id = ?", script), "nothing was attempted");

    Api.Response page = api.get("/jobs/" + script, token);
    assertEquals(200, page.status(), page.text());
    assertFalse(page.text().contains("posting-link"), "no link to the posting is shown");
    assertFalse(page.text().toLowerCase().contains("href=\"javascript:"), "no script link anywhere on the page");
    assertTrue(api.get("/jobs/" + lookalike, token).text().contains("id=\"posting-link\""),
        "an http link is still shown");
  }

  @Test
  void aConfirmedSubmissionRecordsTheAtssIdForIt() throws SQLException {
    String email = Api.uniqueEmail("receipt");
    String token = api.userWithProfile(email);
    long jobId = reviewRun(token).getJsonObject(0).getLong("job_id");
    api.awaitJob(jobId, token, "awaiting_approval", Duration.ofSeconds(60));

    assertEquals(202, api.post("/api/job/" + jobId + "/submit", token, null).status());
    JsonObject job = api.awaitJob(jobId, token, "submitted", Duration.ofSeconds(90));

    JsonArray sent = api.submissionsOf(email);
    assertEquals(1, sent.size(), sent.encodePrettily());
    String id = String.valueOf(sent.getJsonObject(0).getValue("id"));
    assertEquals(id, scalar("select receipt from submit_ledger where job_id = ? and state = 'confirmed'", jobId));
    String said = lastMessage(job);
    assertTrue(said.contains("HTTP 201") && said.contains("Thank you for applying")
        && said.contains("its id for the application: " + id), said);
  }
}
