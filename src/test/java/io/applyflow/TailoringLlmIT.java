package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.render.ParseBackGate;
import io.applyflow.support.Api;
import io.applyflow.support.FakeOpenAi;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's fact gate end to end: the application pointed at a fake OpenAI-compatible server ({@link FakeOpenAi}) that
 * invents a skill, a metric and an employer in everything it writes, one that rewords honestly, and one that fails.
 * Each test starts its own application with its own model name, so the LLM response cache of one cannot answer
 * another.
 */
class TailoringLlmIT {
  private static FakeOpenAi llm;

  @BeforeAll
  static void start() {
    llm = FakeOpenAi.start();
  }

  @AfterAll
  static void stop() {
    llm.close();
  }

  private static Applyflow app(String model) {
    return TestApp.start(Map.of("LLM_BASE_URL", llm.baseUrl(), "LLM_MODEL", model + "-" + UUID.randomUUID(),
        "APPLY_INSTANCES", "1"));
  }

  /** Jobs in the auto run whose PDFs the gate must keep clean. */
  private static final int JOBS = 3;

  /** Runs a search for the sample profile ({@link Api#userWithProfile}: every job accepted) until it is done. */
  private static JsonObject run(Api api, String token, String level, int limit, String mode) {
    long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", level).put("limit", limit).put("mode", mode)).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(240));
    assertEquals("done", run.getString("status"), run.encodePrettily());
    assertEquals(limit, run.getJsonArray("jobs").size(), run.encodePrettily());
    return run;
  }

  /** A one-job review run; the job once it waits for the user's approval. */
  private static JsonObject awaitingJob(Api api, String token, String level) {
    JsonObject run = run(api, token, level, 1, "review");
    long jobId = run.getJsonArray("jobs").getJsonObject(0).getLong("job_id");
    return api.awaitJob(jobId, token, "awaiting_approval", Duration.ofSeconds(60));
  }

  private static String events(JsonObject job) {
    return job.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("message"))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void inventedSkillsMetricsAndEmployersNeverReachThePdfsAndEveryRefusalIsNamed() {
    try (Applyflow app = app("invent")) {
      Api api = new Api("http://127.0.0.1:" + app.port());
      String email = Api.uniqueEmail("gate");
      String token = api.userWithProfile(email);
      // three jobs: the first posting of each sandbox Greenhouse company (the round-robin's first turn), all sent
      JsonObject run = run(api, token, "mid", JOBS, "auto");
      for (Object o : run.getJsonArray("jobs")) {
        long jobId = ((JsonObject) o).getLong("job_id");
        JsonObject job = api.get("/api/job/" + jobId, token).json();
        assertEquals("submitted", job.getString("status"), events(job));

        String resume = ParseBackGate.text(api.get("/api/job/" + jobId + "/resume.pdf", token).body());
        Api.Response letterPdf = api.get("/api/job/" + jobId + "/cover-letter.pdf", token);
        assertEquals(200, letterPdf.status(), letterPdf.text());
        String letter = ParseBackGate.text(letterPdf.body());
        assertTrue(resume.contains("Richard Hendriks") && letter.contains("Richard Hendriks"));
        for (String invented : List.of(FakeOpenAi.INVENTED_SKILL, FakeOpenAi.INVENTED_METRIC, "Globex", "revenue")) {
          assertFalse(resume.contains(invented), invented + " reached the resume PDF of job " + jobId);
          assertFalse(letter.contains(invented), invented + " reached the cover letter PDF of job " + jobId);
        }
        assertEquals("template", job.getJsonObject("cover_letter").getString("source"));
        for (Object q : job.getJsonArray("interview_questions")) {
          assertFalse(q.toString().contains("Globex"), q.toString());
        }

        // Every rewording the model proposed was refused, and the timeline names the offending terms.
        JsonArray rewording = job.getJsonArray("rewording");
        assertNotNull(rewording, job.encode());
        int proposed = 0;
        for (Object r : rewording) {
          JsonObject w = (JsonObject) r;
          assertFalse(w.getBoolean("accepted"), w.encode());
          if (w.getValue("proposed") == null) {
            continue;
          }
          proposed++;
          String offending = w.getJsonArray("offending").encode();
          assertTrue(offending.contains(FakeOpenAi.INVENTED_SKILL) && offending.contains(FakeOpenAi.INVENTED_METRIC)
              && offending.contains("Globex"), w.encode());
        }
        assertTrue(proposed > 0, rewording.encode());
        String timeline = events(job);
        assertTrue(timeline.contains("the fact gate refused the rewording of"), timeline);
        assertTrue(timeline.contains(FakeOpenAi.INVENTED_SKILL) && timeline.contains(FakeOpenAi.INVENTED_METRIC)
            && timeline.contains(FakeOpenAi.INVENTED_EMPLOYER), timeline);
        assertTrue(timeline.contains("refused the LLM's cover letter"), timeline);
      }
      assertEquals(JOBS * 2, llm.requests(), "two requests for every job: " + llm.calls());
      assertTrue(llm.calls().stream().noneMatch(c -> c.body().contains(email) || c.body().contains("555-4321")),
          "the model is never sent the candidate's email or phone");
      // What the employer received is the gated PDF.
      for (Object o : api.submissionsOf(email)) {
        long id = ((JsonObject) o).getLong("id");
        String sent = ParseBackGate.text(api.receivedFile(id, "resume"));
        assertFalse(sent.contains(FakeOpenAi.INVENTED_SKILL) || sent.contains("Globex"), sent);
      }
    }
  }

  @Test
  void anHonestRewordingIsUsedAndShownAgainstItsSource() {
    llm.reset();
    try (Applyflow app = app("honest")) {
      Api api = new Api("http://127.0.0.1:" + app.port());
      String token = api.userWithProfile(Api.uniqueEmail("honest"));
      JsonObject job = awaitingJob(api, token, "mid");
      long jobId = job.getLong("job_id");
      JsonArray rewording = job.getJsonArray("rewording");
      assertFalse(rewording.isEmpty(), job.encode());
      String resume = ParseBackGate.text(api.get("/api/job/" + jobId + "/resume.pdf", token).body());
      int proposed = 0;
      for (Object r : rewording) {
        JsonObject w = (JsonObject) r;
        // not asked about, or given back unchanged: kept as written
        if (w.getValue("proposed") == null || w.getString("proposed").equals(w.getString("source"))) {
          continue;
        }
        proposed++;
        assertTrue(w.getBoolean("accepted"), "an honest rewording passes the gate: " + w.encode());
        assertTrue(w.getJsonArray("offending").isEmpty(), w.encode());
      }
      assertTrue(proposed > 0, rewording.encode());
      // The tailored resume carries an accepted rewording under the source bullet's id.
      JsonObject first = rewording.stream().map(r -> (JsonObject) r).filter(w -> w.getBoolean("accepted"))
          .findFirst().orElseThrow();
      JsonObject tailored = job.getJsonObject("tailored");
      assertTrue(tailored.encode().contains(first.getString("id")), tailored.encode());
      assertTrue(ParseBackGate.normalise(resume).contains(ParseBackGate.normalise(first.getString("proposed"))),
          resume);
      assertEquals("llm", job.getJsonObject("cover_letter").getString("source"), job.encode());
      assertTrue(events(job).contains("interview questions from the LLM (fact-checked)"), events(job));
      assertTrue(job.getJsonArray("interview_questions").size() >= 3, job.encode());
      JsonObject cost = job.getJsonObject("llm");
      assertEquals(2, cost.getLong("requests"), cost.encode());
      assertTrue(cost.getLong("tokens") > 0 && cost.getLong("tokens") <= 2_000, cost.encode());
      assertEquals(llm.totalTokens(), cost.getLong("tokens"), "the job was charged what the server reported");
    }
  }

  @Test
  void aFailingLlmLeavesTheDeterministicPathRunning() {
    try (Applyflow app = app("broken")) {
      Api api = new Api("http://127.0.0.1:" + app.port());
      String token = api.userWithProfile(Api.uniqueEmail("broken"));
      JsonObject job = awaitingJob(api, token, "senior");
      long jobId = job.getLong("job_id");
      assertEquals("template", job.getJsonObject("cover_letter").getString("source"));
      assertFalse(job.getJsonArray("interview_questions").isEmpty());
      assertEquals(200, api.get("/api/job/" + jobId + "/resume.pdf", token).status());
      assertEquals(200, api.get("/api/job/" + jobId + "/cover-letter.pdf", token).status());
      assertTrue(events(job).contains("was not available"), events(job));
    }
  }
}
