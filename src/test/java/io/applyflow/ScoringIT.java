package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's bands through the public API: every job of a run gets the four sub-scores and its missing keywords; a
 * job between the thresholds waits in the clarify queue, untouched, until the user approves it; thresholds are
 * validated; rejected jobs stay visible with their reasons and are never tailored.
 */
class ScoringIT {
  private final Api api = TestApp.api();

  private static final List<String> SUB_SCORES = List.of("skills", "keywords", "experience", "education");

  private long start(String token, String position, String level, int limit, String mode) {
    Api.Response r = api.post("/api/search", token, new JsonObject().put("position", position).put("level", level)
        .put("limit", limit).put("mode", mode));
    assertEquals(202, r.status(), r.text());
    return r.json().getLong("run_id");
  }

  private static void assertBreakdown(JsonObject job) {
    JsonObject score = job.getJsonObject("score");
    assertNotNull(score, job.encode());
    for (String k : List.of("total", "skills", "keywords", "experience", "education")) {
      Integer v = score.getInteger(k);
      assertNotNull(v, k + " missing in " + score.encode());
      assertTrue(v >= 0 && v <= 100, k + " out of range in " + score.encode());
    }
    assertNotNull(score.getJsonArray("missing_keywords"), score.encode());
    assertNotNull(score.getJsonArray("matching_keywords"), score.encode());
    assertNotNull(score.getJsonArray("missing_skills"), score.encode());
    assertFalse(score.getString("explanation", "").isBlank(), score.encode());
    assertNotNull(score.getString("band"), score.encode());
  }

  @Test
  void aJobBetweenTheThresholdsWaitsInTheClarifyQueueUntilApproved() {
    String token = api.newUserWithProfile(Api.uniqueEmail("clarify"));
    // Accept only a perfect match and clarify everything else: every job lands between the thresholds.
    api.bands(token, 100, 0);
    long runId = start(token, "Software Engineer", "mid", 3, "review");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(120));
    assertEquals("done", run.getString("status"), run.encodePrettily());
    JsonArray jobs = run.getJsonArray("jobs");
    assertEquals(3, jobs.size(), jobs.encodePrettily());
    List<Long> ids = new ArrayList<>();
    for (Object o : jobs) {
      JsonObject summary = (JsonObject) o;
      assertEquals("clarify", summary.getString("status"), summary.encode());
      JsonObject job = api.get("/api/job/" + summary.getLong("job_id"), token).json();
      assertBreakdown(job);
      assertEquals("clarify", job.getJsonObject("score").getString("band"), job.encode());
      assertNull(job.getValue("tailored"), "a clarify job is not tailored before approval");
      assertTrue(job.getJsonArray("documents").isEmpty(), job.encode());
      ids.add(summary.getLong("job_id"));
    }

    // Approving one sends it on (review mode: it stops before submitting); the others stay where they were.
    Api.Response approved = api.post("/api/job/" + ids.get(0) + "/approve", token, null);
    assertEquals(202, approved.status(), approved.text());
    JsonObject waiting = api.awaitJob(ids.get(0), token, "awaiting_approval", Duration.ofSeconds(120));
    assertNotNull(waiting.getValue("tailored"), waiting.encode());
    assertEquals(200, api.get("/api/job/" + ids.get(0) + "/resume.pdf", token).status());
    assertEquals(409, api.post("/api/job/" + ids.get(0) + "/approve", token, null).status(), "approved twice");
    assertEquals("clarify", api.get("/api/job/" + ids.get(1), token).json().getString("status"));

    // Discard works from the clarify queue; approving a discarded job is a conflict; another user's job is a 404.
    assertEquals(200, api.post("/api/job/" + ids.get(1) + "/discard", token, null).status());
    Api.Response late = api.post("/api/job/" + ids.get(1) + "/approve", token, null);
    assertEquals(409, late.status(), late.text());
    assertTrue(late.json().getString("detail").contains("discarded"), late.text());
    String stranger = api.newUserWithProfile(Api.uniqueEmail("stranger"));
    assertEquals(404, api.post("/api/job/" + ids.get(2) + "/approve", stranger, null).status());
    assertEquals("clarify", api.get("/api/job/" + ids.get(2), token).json().getString("status"));
  }

  @Test
  void rejectedJobsStayVisibleWithTheirReasonsAndAreNeverTailored() {
    String email = Api.uniqueEmail("reject");
    String token = api.newUserWithProfile(email);
    // Nothing can reach 101: every job is rejected, whatever its score.
    JsonObject set = api.put("/api/settings", token, new JsonObject().put("accept_threshold", 100)
        .put("clarify_threshold", 100)).json();
    assertEquals(100, set.getInteger("clarify_threshold"));
    long runId = start(token, "Designer", "senior", 2, "auto");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(120));
    assertEquals("done", run.getString("status"), run.encodePrettily());
    assertFalse(run.getJsonArray("jobs").isEmpty(), run.encodePrettily());
    for (Object o : run.getJsonArray("jobs")) {
      long jobId = ((JsonObject) o).getLong("job_id");
      JsonObject job = api.get("/api/job/" + jobId, token).json();
      if (job.getJsonObject("score").getInteger("total") == 100) {
        continue; // a perfect score is accepted even at 100; not expected for this profile
      }
      assertEquals("rejected", job.getString("status"), job.encode());
      assertBreakdown(job);
      assertNull(job.getValue("tailored"), job.encode());
      boolean reasoned = job.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("message"))
          .anyMatch(m -> m.contains("below your clarify threshold 100"));
      assertTrue(reasoned, job.getJsonArray("events").encodePrettily());
    }
    assertTrue(api.submissionsOf(email).isEmpty(), "an auto run with every job rejected submits nothing");
  }

  @Test
  void thresholdsAreValidatedAndNamed() {
    String token = api.register(Api.uniqueEmail("settings"), "Settings");
    JsonObject defaults = api.get("/api/settings", token).json();
    assertEquals(70, defaults.getInteger("accept_threshold"));
    assertEquals(50, defaults.getInteger("clarify_threshold"));
    assertError(api.put("/api/settings", token, new JsonObject().put("accept_threshold", 150)), "accept_threshold");
    assertError(api.put("/api/settings", token, new JsonObject().put("clarify_threshold", -1)), "clarify_threshold");
    assertError(api.put("/api/settings", token, new JsonObject().put("accept_threshold", "lots")), "accept_threshold");
    assertError(api.put("/api/settings", token, new JsonObject().put("accept_threshold", 60.5)), "accept_threshold");
    assertError(api.put("/api/settings", token, new JsonObject().put("accept_threshold", 40)),
        "must not be above accept_threshold");
    assertError(api.send("PUT", "/api/settings", token, "{nope"), "JSON");
    JsonObject after = api.get("/api/settings", token).json();
    assertEquals(70, after.getInteger("accept_threshold"), "a refused change stores nothing");
    JsonObject changed = api.put("/api/settings", token, new JsonObject().put("clarify_threshold", 30)).json();
    assertEquals(70, changed.getInteger("accept_threshold"));
    assertEquals(30, changed.getInteger("clarify_threshold"));
    assertEquals(401, api.get("/api/settings", null).status());
  }

  private static void assertError(Api.Response r, String mentions) {
    assertEquals(400, r.status(), r.text());
    assertTrue(r.json().getString("detail").contains(mentions), r.text() + " should mention " + mentions);
  }
}
