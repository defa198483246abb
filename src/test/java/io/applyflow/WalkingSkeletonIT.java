package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.render.ParseBackGate;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The acceptance path, through the public API only: register, store the sample resume, search
 * "Software Engineer"/mid in auto mode (five jobs, one from each sandbox board: three Greenhouse companies, the Lever
 * site and the Ashby board), and find a confirmed submission on the sandbox board for each Greenhouse posting, which
 * are written for the sample; the Lever and Ashby postings ask for backend years the sample lacks and are rejected
 * with their score, never opened.
 */
class WalkingSkeletonIT {
  private final Api api = TestApp.api();

  @Test
  void autoRunSubmitsEveryGreenhousePostingOfTheFiveWithTheCandidatesPdf() {
    String email = Api.uniqueEmail("richard");
    String token = api.newUserWithProfile(email); // default score bands, as a new user has them

    Api.Response started = api.post("/api/search", token,
        new JsonObject().put("position", "Software Engineer").put("level", "mid").put("mode", "auto"));
    assertEquals(202, started.status(), started.text());
    long runId = started.json().getLong("run_id");

    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(180));
    assertEquals("done", run.getString("status"), run.encodePrettily());
    JsonArray jobs = run.getJsonArray("jobs");
    assertEquals(5, jobs.size(), jobs.encodePrettily());
    Set<String> postings = new HashSet<>();
    int greenhouseJobs = 0;
    for (Object o : jobs) {
      JsonObject job = (JsonObject) o;
      boolean greenhouse = job.getString("url").contains("/sandbox/job-boards/");
      Integer score = job.getInteger("score");
      postings.add(job.getString("url"));
      if (!greenhouse) {
        assertEquals("rejected", job.getString("status"), job.encode());
        assertTrue(score < 50, job.encode());
        continue;
      }
      greenhouseJobs++;
      assertEquals("submitted", job.getString("status"), job.encode());
      assertNotNull(score, job.encode());
      assertTrue(score >= 0 && score <= 100, job.encode());
      assertTrue(job.getString("title").toLowerCase().contains("software engineer"), job.encode());

      Api.Response pdf = api.get("/api/job/" + job.getLong("job_id") + "/resume.pdf", token);
      assertEquals(200, pdf.status());
      assertEquals("application/pdf", pdf.contentType());
      assertTrue(ParseBackGate.text(pdf.body()).contains("Richard Hendriks"), "the PDF names the candidate");
    }
    assertEquals(5, postings.size(), "five different postings");
    assertEquals(3, greenhouseJobs, jobs.encodePrettily());
    assertTrue(run.getJsonArray("events").size() >= 5 * 6, "every stage left an event");

    JsonArray received = api.submissionsOf(email);
    assertEquals(3, received.size(), received.encodePrettily());
    for (Object o : received) {
      JsonObject s = (JsonObject) o;
      assertEquals("Richard", s.getString("first_name"));
      assertEquals("Hendriks", s.getString("last_name"));
      assertEquals("+1 912 555 4321", s.getString("phone"));
      JsonObject file = s.getJsonArray("files").getJsonObject(0);
      assertEquals("resume", file.getString("field"));
      assertTrue(file.getInteger("bytes") > 1000, file.encode());
      byte[] sent = api.receivedFile(s.getLong("id"), "resume");
      assertTrue(ParseBackGate.text(sent).contains("Richard Hendriks"), "the uploaded file is the candidate's PDF");
    }

    // The user's own view of what the sandbox received (the ledger's receipts link them) is exactly the employer's
    // records for this user, files included; another user sees none of them.
    Api.Response mine = api.get("/api/sandbox/submissions", token);
    assertEquals(200, mine.status(), mine.text());
    assertEquals(ids(received), ids(mine.jsonArray()), mine.text());
    JsonObject first = mine.jsonArray().getJsonObject(0);
    Api.Response file = api.get("/api/sandbox/submissions/" + first.getLong("id") + "/files/resume", token);
    assertEquals(200, file.status());
    assertArrayEquals(api.receivedFile(first.getLong("id"), "resume"), file.body());
    String other = api.register(Api.uniqueEmail("bystander"), "Bystander");
    assertEquals(0, api.get("/api/sandbox/submissions", other).jsonArray().size());
    assertEquals(404, api.get("/api/sandbox/submissions/" + first.getLong("id") + "/files/resume", other).status());
  }

  private static Set<Long> ids(JsonArray submissions) {
    Set<Long> ids = new HashSet<>();
    submissions.forEach(o -> ids.add(((JsonObject) o).getLong("id")));
    return ids;
  }

  @Test
  void theUploadedFileIsExactlyTheStoredPdf() {
    String email = Api.uniqueEmail("evidence");
    String token = api.userWithProfile(email);
    long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "senior").put("mode", "auto").put("limit", 1)).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(120));
    JsonObject job = run.getJsonArray("jobs").getJsonObject(0);
    assertEquals("submitted", job.getString("status"), run.encodePrettily());
    JsonObject received = api.submissionsOf(email).getJsonObject(0);
    byte[] sent = api.receivedFile(received.getLong("id"), "resume");
    byte[] stored = api.get("/api/job/" + job.getLong("job_id") + "/resume.pdf", token).body();
    assertArrayEquals(stored, sent);
  }
}
