package io.applyflow.bench;

import io.applyflow.llm.LlmClient;
import io.applyflow.llm.LlmConfig;
import io.applyflow.llm.LlmLimits;
import io.applyflow.llm.RetryPolicy;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.FakeOpenAi;
import io.applyflow.support.JobRows;
import io.applyflow.tailor.LlmJobs;
import io.applyflow.tailor.LlmTailoring;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.UUID;

/**
 * The LLM path under Groq's free tier at the real minute: {@link FakeOpenAi} announces and enforces 30 requests and
 * 12,000 tokens per minute (and 1,000 requests and 100,000 tokens per day), {@code jobs} jobs of real postings and
 * the fixture resumes are tailored 4 at once through the real client and Postgres ({@link LlmJobs}). Prints the wall
 * time, the jobs per minute against the floor the token limit sets, the 429s, the tokens per job and the fact gate's
 * pass rate. Asserts nothing.
 *
 * <p>Args: jobs (20), header style {@code groq} (requests per day, tokens per minute: the client knows the per-minute
 * figures as it does for api.groq.com) or {@code openai} (both per minute, the client knows nothing beforehand),
 * seconds per minute (60).
 *
 * <pre>mvn -B -Pbench test-compile exec:java -Dbench.main=io.applyflow.bench.LlmRateBench -Dbench.args="20 groq 60"</pre>
 */
public final class LlmRateBench {
  private LlmRateBench() {
  }

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    boolean groq = args.length <= 1 || args[1].equals("groq");
    int minute = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    Vertx vertx = Vertx.vertx();
    FakeOpenAi.Builder b = FakeOpenAi.builder().minute(Duration.ofSeconds(minute));
    FakeOpenAi fake = (groq ? b.groqFreeTier()
        : b.requestsPerMinute(30).tokensPerMinute(12_000).headers(FakeOpenAi.HeaderStyle.OPENAI)).start();
    try {
      Pool pool = TestDatabase.shared().pool(vertx, 4);
      long user = JobRows.user(pool);
      LlmLimits.Settings limits = new LlmLimits.Settings(0, 1_000_000, LlmLimits.DEFAULT_TOKENS_PER_JOB,
          groq ? 30 : 0, groq ? 12_000 : 0);
      LlmClient client = new LlmClient(vertx, WebClient.create(vertx), pool, limits, RetryPolicy.DEFAULT,
          LlmClient.DEFAULT_TIMEOUT, Duration.ofSeconds(Math.max(180, 4L * minute)));
      long t0 = System.nanoTime();
      LlmJobs.Result r = LlmJobs.run(new LlmTailoring(client, LlmLimits.DEFAULT_TOKENS_PER_JOB),
          new LlmConfig(fake.baseUrl(), null, "honest-bench-" + UUID.randomUUID()),
          new LlmClient.Asker(user, JobRows.run(pool, user), null), jobs, 4);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long charged = fake.calls().stream().mapToLong(FakeOpenAi.Call::charged).sum();
      // the first minute's 12,000 are there at once; every further 12,000 needs another minute
      double floor = Math.max(0, charged - 12_000) / 12_000.0 * minute;
      System.out.printf("LLM rate bench: %d jobs, %s headers, %d s minute, 4 slots%n", jobs, groq ? "Groq" : "OpenAI",
          minute);
      System.out.printf("  done %d, failed %d %s%n", r.complete(), r.failures().size(), r.failures());
      System.out.printf("  wall %.1f s (%.1f jobs/min); the token limit alone allows no less than %.1f s for the %d "
              + "tokens charged at admission (prompt + max_tokens)%n", seconds, jobs / seconds * 60, floor, charged);
      System.out.printf("  requests %d, 429s %d, tokens %d (mean %d, max %d per job)%n", fake.requests(),
          fake.rateLimited(), fake.totalTokens(), r.meanTokens(), r.maxTokens());
      System.out.printf("  fact gate passed %d of %d honest rewordings%n", r.passed(), r.reworded());
    } finally {
      fake.close();
      vertx.close().await();
    }
  }
}
