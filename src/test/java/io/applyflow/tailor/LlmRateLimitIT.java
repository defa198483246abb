package io.applyflow.tailor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.llm.LlmClient;
import io.applyflow.llm.LlmConfig;
import io.applyflow.llm.LlmLimits;
import io.applyflow.llm.RetryPolicy;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.FakeOpenAi;
import io.applyflow.support.JobRows;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * No 429 under limits the provider announces: {@link FakeOpenAi} announces (OpenAI-style headers) and enforces 30
 * requests and 12,000 tokens per minute, and 20 jobs built from the real postings of the ATS fixtures and the five
 * fixture resumes are tailored 4 at once, as the tailor stage does ({@link LlmJobs}), through the real client and
 * Postgres. Every job gets both answers from the model (no deterministic fallback), within its 2,000 tokens, and the
 * server answers no 429.
 *
 * <p>The fake's minute lasts {@value #MINUTE_MS} ms, so the test takes seconds instead of minutes: the client knows no
 * window length and reads only what the headers say ({@code remaining} until {@code reset}), so a shorter minute
 * changes the waits, not the decisions. The 20 jobs need about three times the per-minute tokens, so the client has
 * to wait windows out. {@code LlmRateBench} runs the same at the real minute.
 */
class LlmRateLimitIT {
  private static final int JOBS = 20;
  private static final long MINUTE_MS = 4_000;

  @Test
  void twentyJobsUnderAnnouncedFreeTierLimitsGetEveryAnswerWithoutA429() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (FakeOpenAi fake = FakeOpenAi.builder().requestsPerMinute(30).tokensPerMinute(12_000)
        .headers(FakeOpenAi.HeaderStyle.OPENAI).minute(Duration.ofMillis(MINUTE_MS)).start()) {
      Pool pool = TestDatabase.shared().pool(vertx, 4);
      long user = JobRows.user(pool);
      LlmClient client = new LlmClient(vertx, WebClient.create(vertx), pool,
          new LlmLimits.Settings(0, 1_000_000, LlmLimits.DEFAULT_TOKENS_PER_JOB, 0, 0),
          new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(10)), Duration.ofSeconds(20),
          Duration.ofSeconds(120));
      LlmJobs.Result r = LlmJobs.run(new LlmTailoring(client, LlmLimits.DEFAULT_TOKENS_PER_JOB),
          new LlmConfig(fake.baseUrl(), null, "honest-rate-" + UUID.randomUUID()),
          new LlmClient.Asker(user, JobRows.run(pool, user), null), JOBS, 4);

      assertEquals(List.of(), r.failures(), "every job got both answers from the model");
      assertEquals(JOBS, r.complete());
      assertEquals(0, fake.rateLimited(), "no 429: " + fake.calls().stream().filter(c -> c.status() == 429).toList());
      assertEquals(2 * JOBS, fake.requests(), "two requests per job, no retry");
      long charged = fake.calls().stream().mapToLong(FakeOpenAi.Call::charged).sum();
      assertTrue(charged > 2 * 12_000, "the jobs needed about three minutes' tokens (" + charged
          + " charged), so the client had to wait");
      assertTrue(r.maxTokens() <= LlmLimits.DEFAULT_TOKENS_PER_JOB, "every job within its tokens: " + r.tokensPerJob());
      assertEquals(r.reworded(), r.passed(), "the honest fake's rewordings pass the fact gate");
      System.out.printf("Rate limits: %d jobs (%d resumes), %d requests, %d tokens (%d charged at admission, 12,000 per "
              + "%d ms minute), 0 × 429; tokens per job mean %d, max %d; fact gate passed %d of %d honest rewordings%n",
          JOBS, r.resumes(), fake.requests(), fake.totalTokens(), charged, MINUTE_MS, r.meanTokens(), r.maxTokens(),
          r.passed(), r.reworded());
    } finally {
      vertx.close().await();
    }
  }
}
