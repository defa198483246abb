package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.sandbox.SandboxRecords;
import io.applyflow.support.Api;
import io.applyflow.support.Browsing;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 5: the sandbox's security-code posting ("Integration Engineer, Patient Identity" on lumen-health)
 * in auto mode, real Chromium. After the submit click the board answers 428 and "emails" a code; the job waits in
 * needs_input with the address and the time limit while the apply worker keeps the form open; the code, read from
 * the sandbox's mail as the user, goes in through {@code POST /api/job/{id}/security-code}. A wrong code stays
 * needs_input with the board's words and nothing stored; the right one submits exactly once; past the wait the job
 * needs attention; a code the board's lifetime has passed is refused with its words.
 */
class SecurityCodeIT {
  private static final String POSITION = "Patient Identity";
  private static final String BOARD_WRONG = "Please enter a valid security code.";

  /** A value from the database of {@code app} (the shared app, or one a test started with a database of its own). */
  private static String scalar(Applyflow app, String sql, long id) throws SQLException {
    try (Connection c = DriverManager.getConnection(app.database().jdbcUrl(), "postgres", null);
         PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, id);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static JsonObject lastEvent(JsonObject job) {
    JsonArray events = job.getJsonArray("events");
    return events.getJsonObject(events.size() - 1);
  }

  /** An auto run that picks only the security-code posting; the job once the run has settled. */
  private static JsonObject autoRunToTheCodeStep(Api api, String token) {
    long runId = api.post("/api/search", token, new JsonObject().put("position", POSITION).put("level", "mid")
        .put("mode", "auto").put("limit", 1)).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(240));
    JsonArray jobs = run.getJsonArray("jobs");
    assertEquals(1, jobs.size(), run.encodePrettily());
    long jobId = jobs.getJsonObject(0).getLong("job_id");
    return api.get("/api/job/" + jobId, token).json();
  }

  private static JsonArray mail(Api api, String token) {
    Api.Response r = api.get("/api/sandbox/mail", token);
    assertEquals(200, r.status(), r.text());
    return r.jsonArray();
  }

  private static Api.Response code(Api api, long jobId, String token, Object code) {
    return api.post("/api/job/" + jobId + "/security-code", token, new JsonObject().put("code", code));
  }

  @Test
  void theCodeFromTheEmailSubmitsExactlyOnceAndAWrongOneStaysWithTheBoardsWords() throws SQLException {
    Api api = TestApp.api();
    String email = Api.uniqueEmail("code");
    String token = api.userWithProfile(email);
    String otherToken = api.userWithProfile(Api.uniqueEmail("code-other"));

    JsonObject job = autoRunToTheCodeStep(api, token);
    long jobId = job.getLong("job_id");
    assertEquals("needs_input", job.getString("status"), job.encodePrettily());
    JsonObject waiting = lastEvent(job);
    assertTrue(waiting.getString("message").startsWith("enter the security code sent to " + email + " within 10 minutes"),
        waiting.getString("message"));
    JsonObject data = waiting.getJsonObject("data");
    assertEquals("security_code", data.getString("kind"));
    assertEquals(email, data.getString("email"));
    assertTrue(java.time.Instant.parse(data.getString("expires_at")).isAfter(java.time.Instant.now()), data.encode());
    assertEquals("attempted", scalar(TestApp.shared(), "select state from submit_ledger where job_id = ?", jobId));

    // the code was "emailed" to the user's address: they see it, nobody else does
    JsonArray mine = mail(api, token);
    assertEquals(1, mine.size(), mine.encodePrettily());
    JsonObject letter = mine.getJsonObject(0);
    assertEquals(email, letter.getString("to"));
    String code = letter.getString("code");
    assertTrue(code.matches("[A-Z0-9]{8}"), code);
    assertTrue(letter.getString("body").contains(code), letter.encode());
    assertEquals(0, mail(api, otherToken).size(), "another user sees none of it");

    // what the route refuses before anything reaches the form
    assertEquals(400, code(api, jobId, token, "12").status());
    Api.Response badChars = code(api, jobId, token, "AB-CD EF");
    assertEquals(400, badChars.status(), badChars.text());
    assertTrue(badChars.json().getString("detail").contains("letters A-Z and digits"), badChars.text());
    assertEquals(400, code(api, jobId, token, 12345678).status(), "not a string");
    assertEquals(400, api.post("/api/job/" + jobId + "/security-code", token, new JsonObject()).status(), "missing");
    assertEquals(404, code(api, jobId, otherToken, code).status(), "someone else's job");
    Api.Response answers = api.post("/api/job/" + jobId + "/answers", token,
        new JsonObject().put("answers", new JsonObject().put("first_name", "Richard")));
    assertEquals(409, answers.status(), "a code wait has no questions: " + answers.text());
    assertTrue(answers.json().getString("detail").contains("security code"), answers.text());

    // a wrong code: the board says so, the form stays open, nothing is stored by the employer
    String wrong = (code.charAt(0) == 'A' ? "B" : "A") + code.substring(1);
    Api.Response refused = code(api, jobId, token, wrong.toLowerCase());
    assertEquals(422, refused.status(), refused.text());
    assertTrue(refused.json().getString("detail").contains(BOARD_WRONG), refused.text());
    JsonObject still = api.get("/api/job/" + jobId, token).json();
    assertEquals("needs_input", still.getString("status"));
    assertTrue(lastEvent(still).getString("message").contains(BOARD_WRONG), lastEvent(still).encode());
    assertEquals(BOARD_WRONG, lastEvent(still).getJsonObject("data").getString("board_message"));
    assertEquals(0, api.submissionsOf(email).size(), "a wrong code stores nothing");

    // the right code: submitted, once
    Api.Response accepted = code(api, jobId, token, " " + code + " ");
    assertEquals(200, accepted.status(), accepted.text());
    assertEquals("submitted", accepted.json().getString("status"), accepted.text());
    JsonObject sent = api.get("/api/job/" + jobId, token).json();
    assertEquals("submitted", sent.getString("status"), sent.encodePrettily());
    JsonArray received = api.submissionsOf(email);
    assertEquals(1, received.size(), received.encodePrettily());
    assertEquals(String.valueOf(received.getJsonObject(0).getLong("id")),
        scalar(TestApp.shared(), "select receipt from submit_ledger where job_id = ? and state = 'confirmed'", jobId));
    assertEquals("1", scalar(TestApp.shared(), "select count(*) from submit_ledger where job_id = ?", jobId));
    assertTrue(sent.getJsonArray("documents").stream().map(d -> ((JsonObject) d).getString("filename"))
        .anyMatch("confirmation.png"::equals), sent.getJsonArray("documents").encode());
    assertTrue(mail(api, token).getJsonObject(0).getBoolean("used"));

    // nothing waits for a code any more: a second code is refused and nothing more is sent
    Api.Response again = code(api, jobId, token, code);
    assertEquals(409, again.status(), again.text());
    assertTrue(again.json().getString("detail").contains("not waiting for a security code"), again.text());
    assertEquals(1, api.submissionsOf(email).size());
  }

  @Test
  void aCodeTheBoardNoLongerTakesIsRefusedWithItsWords() throws SQLException {
    Api api = TestApp.api();
    String email = Api.uniqueEmail("code-expired");
    String token = api.userWithProfile(email);
    System.setProperty("SANDBOX_SECURITY_CODE_TTL_SECONDS", "1");
    JsonObject job;
    try {
      job = autoRunToTheCodeStep(api, token);
    } finally {
      System.clearProperty("SANDBOX_SECURITY_CODE_TTL_SECONDS");
    }
    long jobId = job.getLong("job_id");
    assertEquals("needs_input", job.getString("status"), job.encodePrettily());
    JsonObject letter = mail(api, token).getJsonObject(0);
    OffsetDateTime expires = OffsetDateTime.parse(letter.getString("expires_at"));
    while (!mail(api, token).getJsonObject(0).getBoolean("expired")) {
      sleep(200); // the board's one-second lifetime runs out
    }
    assertTrue(expires.isBefore(OffsetDateTime.now()));
    Api.Response refused = code(api, jobId, token, letter.getString("code"));
    assertEquals(422, refused.status(), refused.text());
    assertTrue(refused.json().getString("detail").contains("expired"), refused.text());
    assertEquals("needs_input", api.get("/api/job/" + jobId, token).json().getString("status"));
    assertEquals(0, api.submissionsOf(email).size());
    assertEquals(200, api.post("/api/job/" + jobId + "/discard", token, null).status());
  }

  @Test
  void withoutTheCodeInTimeTheFormIsClosedAndTheJobNeedsALook() throws SQLException {
    try (Applyflow app = TestApp.start(Map.of("SECURITY_CODE_WAIT_SECONDS", "5"))) {
      Api api = new Api("http://127.0.0.1:" + app.port());
      String email = Api.uniqueEmail("code-late");
      String token = api.userWithProfile(email);
      JsonObject job = autoRunToTheCodeStep(api, token);
      long jobId = job.getLong("job_id");
      String code = mail(api, token).getJsonObject(0).getString("code");
      JsonObject late = api.awaitJob(jobId, token, "needs_attention", Duration.ofSeconds(120));
      String message = lastEvent(late).getString("message");
      assertTrue(message.startsWith("the security code was not entered in time"), message);
      assertEquals("attempted", scalar(app, "select state from submit_ledger where job_id = ?", jobId));
      Api.Response tooLate = code(api, jobId, token, code);
      assertEquals(409, tooLate.status(), tooLate.text());
      assertNotEquals("submitted", api.get("/api/job/" + jobId, token).json().getString("status"));
      assertEquals(0, api.submissionsOf(email).size());
    }
  }

  @Test
  void aCodeForAFormLostInARestartIsRefusedAndTheJobNeedsALook() throws SQLException {
    String email = Api.uniqueEmail("code-lost");
    long jobId;
    String token;
    String code;
    Applyflow before = TestApp.start(Map.of());
    try (before) {
      Api api = new Api("http://127.0.0.1:" + before.port());
      token = api.userWithProfile(email);
      JsonObject job = autoRunToTheCodeStep(api, token);
      jobId = job.getLong("job_id");
      assertEquals("needs_input", job.getString("status"), job.encodePrettily());
      code = mail(api, token).getJsonObject(0).getString("code");
    } // the node that held the form stops; another serves the same database
    try (Applyflow after = TestApp.start(Map.of("DATABASE_URL", before.database().url(),
        "APPLY_ALLOWED_ORIGINS", before.sandboxUrl()))) {
      Api shared = new Api("http://127.0.0.1:" + after.port());
      Api.Response lost = code(shared, jobId, token, code);
      assertEquals(409, lost.status(), lost.text());
      assertTrue(lost.json().getString("detail").contains("was lost"), lost.text());
      JsonObject now = shared.get("/api/job/" + jobId, token).json();
      assertEquals("needs_attention", now.getString("status"));
      assertTrue(lastEvent(now).getString("message").startsWith("submit outcome unknown"), lastEvent(now).encode());
      assertEquals("attempted", scalar(after, "select state from submit_ledger where job_id = ?", jobId));
      assertEquals(0, shared.submissionsOf(email).size());
    }
  }

  @Test
  void theJobPageTakesTheCodeAndShowsTheBoardsAnswer() {
    try (Browsing b = Browsing.start(); BrowserContext context = b.browser.newContext()) {
      Page page = context.newPage();
      String email = b.userWithSample(page, "code-page");
      b.runToDone(page, POSITION, "mid", 1, "auto");

      // the review queue points to the code form, not to questions
      page.navigate(b.base + "/review");
      Locator row = page.locator("#review-queue tbody tr").filter(new Locator.FilterOptions()
          .setHasText("Patient Identity"));
      assertEquals(0, row.getByText("Answer", new Locator.GetByTextOptions().setExact(true)).count());
      row.locator("a", new Locator.LocatorOptions().setHasText("Enter the code")).click();
      page.waitForSelector("#job-security-code");
      assertEquals(email, page.locator("#security-code-email").innerText().strip());
      assertTrue(page.locator("#security-code-left").innerText().contains("minutes left"));
      assertEquals(0, page.locator("#save-answers").count(), "no questions to answer");
      String jobUrl = page.url().replaceAll("#.*", "");

      // the code, read where the user reads the sandbox's mail
      page.navigate(b.base + "/received");
      Locator letter = page.locator("#received-mail .sandbox-mail").first();
      assertTrue(letter.innerText().contains(email), letter.innerText());
      String code = letter.locator("code.security-code").innerText().strip();

      page.navigate(jobUrl);
      // The job's live update about the code reaches the page before the answer to the click does (the job moves,
      // then the worker replies); hold each answer back a little so that order is certain, as on a loaded machine.
      page.route("**/jobs/*/security-code", route -> {
        com.microsoft.playwright.APIResponse answer = route.fetch();
        sleep(1_500);
        route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setResponse(answer));
      });
      String wrong = (code.charAt(0) == 'A' ? "B" : "A") + code.substring(1);
      page.fill("#security-code-input", wrong);
      page.click("#send-security-code");
      page.waitForSelector("#job-error", new Page.WaitForSelectorOptions().setTimeout(90_000));
      assertTrue(page.locator("#job-error").innerText().contains(BOARD_WRONG), page.locator("#job-error").innerText());
      assertTrue(page.locator("#security-code-refused").innerText().contains(BOARD_WRONG));

      page.fill("#security-code-input", code);
      page.click("#send-security-code");
      page.waitForSelector("#job-notice", new Page.WaitForSelectorOptions().setTimeout(90_000));
      assertTrue(page.locator("#job-notice").innerText().startsWith("Code accepted"), page.locator("#job-notice").innerText());
      page.navigate(jobUrl);
      assertEquals("submitted", page.locator("#job-status").getAttribute("data-status"));
      assertEquals(1, SandboxRecords.ofEmail(email).size());
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
