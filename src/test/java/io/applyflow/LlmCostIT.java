package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import io.applyflow.support.Api;
import io.applyflow.support.Browsing;
import io.applyflow.support.FakeOpenAi;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the LLM costs a run, end to end: the application tailors a 5-job review run against {@link FakeOpenAi}, an
 * honest OpenAI-compatible server that counts tokens and announces and enforces Groq's free-tier limits (30 RPM,
 * 1,000 RPD, 12,000 TPM, 100,000 TPD). Every request the server received is in its log.
 *
 * <ul>
 *   <li>at most 2 requests and 2,000 tokens per job, under 10,000 for the run, and no 429;</li>
 *   <li>the same run again (another user with the same resume, so the postings are new to them and the prompts the
 *       same) costs 0 tokens and 0 requests: every answer comes from the cache;</li>
 *   <li>the run page, the job page and the settings page say what the LLM cost (screenshots in
 *       {@code target/screenshots/llm-*.png}), and the API gives the same figures.</li>
 * </ul>
 * Prints the figures the issue asks for: tokens per job (mean, max), requests per job and the fact gate's pass rate of
 * the honest rewordings.
 */
class LlmCostIT {
  private static final int JOBS = 5;
  private static final java.nio.file.Path SHOTS = java.nio.file.Path.of("target", "screenshots");

  private static long run(Api api, String token) {
    long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "mid").put("limit", JOBS).put("mode", "review")).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(300));
    assertEquals("done", run.getString("status"), run.encodePrettily());
    assertEquals(JOBS, run.getJsonArray("jobs").size(), run.encodePrettily());
    return runId;
  }

  /** The run's jobs, tailored and rendered: a finished review run leaves every job waiting for the user. */
  private static List<JsonObject> jobs(Api api, String token, long runId) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : api.get("/api/search/" + runId, token).json().getJsonArray("jobs")) {
      JsonObject job = api.get("/api/job/" + ((JsonObject) o).getLong("job_id"), token).json();
      // review mode: ready to send, or waiting for an answer only the user has (a Lever or Ashby question)
      assertTrue(List.of("awaiting_approval", "needs_input").contains(job.getString("status")), job.encode());
      out.add(job);
    }
    return out;
  }

  @Test
  void aFiveJobRunStaysUnderTenThousandTokensAndTheSameRunAgainCostsNothing() {
    String model = "honest-cost-" + UUID.randomUUID();
    try (FakeOpenAi llm = FakeOpenAi.builder().groqFreeTier().start();
         Applyflow app = TestApp.start(Map.of("LLM_BASE_URL", llm.baseUrl(), "LLM_MODEL", model,
             "APPLY_INSTANCES", "1"))) {
      Api api = new Api("http://127.0.0.1:" + app.port());
      String email = Api.uniqueEmail("cost");
      String token = api.userWithProfile(email);
      long runId = run(api, token);
      List<JsonObject> jobs = jobs(api, token, runId);

      long max = 0;
      int proposed = 0;
      int accepted = 0;
      List<String> refusals = new ArrayList<>();
      for (JsonObject job : jobs) {
        JsonObject cost = job.getJsonObject("llm");
        assertEquals(2, cost.getLong("requests"), "two requests per job: " + cost.encode());
        assertTrue(cost.getLong("tokens") <= 2_000, "job " + job.getLong("job_id") + ": " + cost.encode());
        max = Math.max(max, cost.getLong("tokens"));
        for (Object r : job.getJsonArray("rewording", new JsonArray())) {
          JsonObject w = (JsonObject) r;
          // a bullet given back unchanged is kept as written: not a rewording, not a refusal
          if (w.getValue("proposed") != null && !w.getString("proposed").equals(w.getString("source"))) {
            proposed++;
            accepted += w.getBoolean("accepted") ? 1 : 0;
            if (!w.getBoolean("accepted")) {
              refusals.add(w.getString("source") + " → " + w.getString("proposed") + " " + w.getJsonArray("offending"));
            }
          }
        }
      }
      assertEquals(2 * JOBS, llm.requests(), "every request the server saw: " + llm.calls());
      assertEquals(0, llm.rateLimited(), "no 429");
      assertTrue(llm.totalTokens() < 10_000, llm.totalTokens() + " tokens for " + JOBS + " jobs");
      JsonObject runCost = api.get("/api/search/" + runId, token).json().getJsonObject("llm");
      assertEquals(llm.totalTokens(), runCost.getLong("tokens"), "the run is charged what the server reported");
      assertEquals(2L * JOBS, runCost.getLong("requests"));
      System.out.printf("LLM cost: %d jobs, %d requests, %d tokens (mean %d, max %d per job); fact gate passed "
              + "%d of %d honest rewordings%n", JOBS, llm.requests(), llm.totalTokens(), llm.totalTokens() / JOBS, max,
          accepted, proposed);
      assertTrue(proposed > 0 && accepted == proposed, "the honest fake's rewordings pass the gate: " + accepted
          + " of " + proposed + "; refused: " + String.join("\n", refusals));

      try (Browsing browsing = Browsing.start(api.base)) {
        Page page = browsing.page();
        browsing.logIn(page, email);
        page.navigate(api.base + "/runs/" + runId);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("llm-run.png")).setFullPage(true));
        String runLine = page.textContent("#run-llm");
        assertTrue(runLine.contains(String.format(java.util.Locale.ROOT, "%,d tokens in %d requests",
            llm.totalTokens(), 2 * JOBS)), runLine);
        page.navigate(api.base + "/jobs/" + jobs.get(0).getLong("job_id"));
        String jobLine = page.textContent("#job-llm-cost");
        page.locator("#job-llm-cost").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("llm-job.png")));
        page.navigate(api.base + "/settings");
        page.locator("#llm-settings").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("llm-settings.png")));
        String budget = page.textContent("#llm-budget");
        assertTrue(budget.contains(String.format(java.util.Locale.ROOT, "used %,d of its 100,000 tokens",
            llm.totalTokens())), budget);
        assertTrue(jobLine.contains(String.format(java.util.Locale.ROOT, "%,d tokens in 2 requests",
            jobs.get(0).getJsonObject("llm").getLong("tokens"))), jobLine);
      }

      // The same search by someone with the same resume: the same postings, the same prompts, all from the cache.
      int requests = llm.requests();
      long tokens = llm.totalTokens();
      String again = api.userWithProfile(Api.uniqueEmail("cost-again"));
      long rerun = run(api, again);
      for (JsonObject job : jobs(api, again, rerun)) {
        JsonObject cost = job.getJsonObject("llm");
        assertEquals(0, cost.getLong("tokens"), cost.encode());
        assertEquals(2, cost.getLong("cached"), cost.encode());
        assertEquals("llm", job.getJsonObject("cover_letter").getString("source"), "the cached letter is used");
      }
      assertEquals(requests, llm.requests(), "the rerun sent no request");
      assertEquals(tokens, llm.totalTokens());
      assertEquals(0, api.get("/api/search/" + rerun, again).json().getJsonObject("llm").getLong("tokens"));
    }
  }

  @Test
  void pastTheDaysBudgetTheRunGoesOnWithoutTheLlmAndSaysSoOnce() {
    try (FakeOpenAi llm = FakeOpenAi.builder().groqFreeTier().start();
         Applyflow app = TestApp.start(Map.of("LLM_BASE_URL", llm.baseUrl(), "LLM_MODEL",
             "honest-day-" + UUID.randomUUID(), "LLM_TOKENS_PER_DAY", "1000", "APPLY_INSTANCES", "1"))) {
      Api api = new Api("http://127.0.0.1:" + app.port());
      String token = api.userWithProfile(Api.uniqueEmail("day"));
      long runId = run(api, token);

      assertTrue(llm.totalTokens() <= 1_000, "the day's 1,000 tokens hold: " + llm.totalTokens());
      assertTrue(llm.requests() < 2 * JOBS, "most requests were never sent: " + llm.requests());
      int templates = 0;
      for (JsonObject job : jobs(api, token, runId)) {
        templates += "template".equals(job.getJsonObject("cover_letter").getString("source")) ? 1 : 0;
      }
      assertTrue(templates >= JOBS - 1, "the jobs past the budget got the template letter: " + templates);
      JsonArray problems = api.get("/api/search/" + runId, token).json().getJsonArray("problems");
      List<Object> llmNotices = problems.stream().filter(p -> "llm".equals(((JsonObject) p).getString("kind")))
          .toList();
      assertEquals(1, llmNotices.size(), "said once for the run, though every job met it: " + problems.encode());
      String message = ((JsonObject) llmNotices.get(0)).getString("message");
      assertTrue(message.startsWith("the LLM's token budget for today is spent") && message.contains("of 1000 tokens")
          && message.contains("without the LLM"), message);
    }
  }
}
