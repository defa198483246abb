package io.applyflow.tailor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.llm.LlmClient;
import io.applyflow.llm.LlmConfig;
import io.applyflow.llm.LlmLimits;
import io.applyflow.llm.RetryPolicy;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.profile.Contact;
import io.applyflow.search.RealPostings;
import io.applyflow.support.FakeOpenAi;
import io.applyflow.support.Fixtures;
import io.applyflow.support.JobRows;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * No 429 under limits the provider announces: {@link FakeOpenAi} announces (OpenAI-style headers) and enforces 30
 * requests and 12,000 tokens per minute, and 20 jobs built from the real postings of the ATS fixtures and the
 * senior-engineer resume are tailored by 4 slots at once, as the tailor stage does, through the real client and
 * Postgres. Every job gets both answers from the model (no deterministic fallback) and the server answers no 429.
 *
 * <p>The fake's minute lasts {@value #MINUTE_MS} ms, so the test takes seconds instead of minutes: the client knows no
 * window length and reads only what the headers say ({@code remaining} until {@code reset}), so a shorter minute
 * changes the waits, not the decisions. The 20 jobs need about three times the per-minute tokens, so the client has
 * to wait windows out.
 */
class LlmRateLimitIT {
  private static final int JOBS = 20;
  private static final int SLOTS = 4;
  private static final long MINUTE_MS = 4_000;

  @Test
  void twentyJobsUnderAnnouncedFreeTierLimitsGetEveryAnswerWithoutA429() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (FakeOpenAi fake = FakeOpenAi.builder().requestsPerMinute(30).tokensPerMinute(12_000)
        .headers(FakeOpenAi.HeaderStyle.OPENAI).minute(Duration.ofMillis(MINUTE_MS)).start()) {
      Pool pool = TestDatabase.shared().pool(vertx, 4);
      long user = JobRows.user(pool);
      long run = JobRows.run(pool, user);
      LlmClient client = new LlmClient(vertx, WebClient.create(vertx), pool,
          new LlmLimits.Settings(0, 1_000_000, LlmLimits.DEFAULT_TOKENS_PER_JOB, 0, 0),
          new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(10)), Duration.ofSeconds(20),
          Duration.ofSeconds(120));
      LlmTailoring tailoring = new LlmTailoring(client, LlmLimits.DEFAULT_TOKENS_PER_JOB);
      LlmConfig config = new LlmConfig(fake.baseUrl(), null, "honest-rate-" + UUID.randomUUID());
      List<String> names = new ArrayList<>(Fixtures.RESUMES);
      names.add("multiscript");
      List<JsonNode> resumes = new ArrayList<>();
      for (String name : names) {
        resumes.add(Fixtures.resume(name));
      }
      List<Long> tokensPerJob = new java.util.concurrent.CopyOnWriteArrayList<>();
      AtomicInteger reworded = new AtomicInteger();
      AtomicInteger passed = new AtomicInteger();
      List<RealPostings.Real> postings = new ArrayList<>(RealPostings.all());
      while (postings.size() < JOBS) {
        postings.addAll(RealPostings.all());
      }
      ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
      for (int i = 0; i < JOBS; i++) {
        queue.add(i);
      }
      AtomicInteger complete = new AtomicInteger();
      List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      List<Future<Void>> slots = new ArrayList<>();
      for (int s = 0; s < SLOTS; s++) {
        slots.add(slot(queue, i -> {
          RealPostings.Real p = postings.get(i);
          JsonNode resume = resumes.get(i % resumes.size());
          // each job its own title, so no two jobs ask the same question (the cache would answer the second)
          String title = p.title() + " #" + i;
          TailoredResume t = Tailor.tailor(resume, Contact.of(new JsonObject()), p.text(), Tailor.Budget.ONE_PAGE);
          FactGate gate = FactGate.of(resume, List.of(p.company(), title));
          LlmTailoring.JobAsked job = new LlmTailoring.JobAsked(config, new LlmClient.Asker(user, run, null), title,
              p.company(), p.descriptionHtml());
          return tailoring.reword(job, t, gate)
              .compose(r -> tailoring.letterAndQuestions(job, LlmTailoring.apply(t, r.rewordings()), gate, gate)
                  .<Void>map(w -> {
                    tokensPerJob.add(r.tokens() + w.tokens());
                    for (LlmTailoring.Rewording x : r.rewordings()) {
                      if (x.proposed() != null && !x.proposed().equals(x.source())) {
                        reworded.incrementAndGet();
                        passed.addAndGet(x.accepted() ? 1 : 0);
                      }
                    }
                    complete.incrementAndGet();
                    return null;
                  }))
              .recover(e -> {
                failures.add("job " + i + ": " + e.getMessage());
                return Future.succeededFuture();
              });
        }));
      }
      Future.all(slots).await();

      assertEquals(List.of(), failures, "every job got both answers from the model");
      assertEquals(JOBS, complete.get());
      assertEquals(0, fake.rateLimited(), "no 429: " + fake.calls().stream().filter(c -> c.status() == 429).toList());
      assertEquals(2 * JOBS, fake.requests(), "two requests per job, no retry");
      long charged = fake.calls().stream().mapToLong(FakeOpenAi.Call::charged).sum();
      assertTrue(charged > 2 * 12_000, "the jobs needed about three minutes' tokens (" + charged
          + " charged), so the client had to wait");
      long max = tokensPerJob.stream().mapToLong(Long::longValue).max().orElse(0);
      System.out.printf("Rate limits: %d jobs (%d resumes), %d requests, %d tokens (%d charged at admission, 12,000 per "
              + "%d ms minute), 0 × 429; tokens per job mean %d, max %d; fact gate passed %d of %d honest rewordings%n",
          JOBS, resumes.size(), fake.requests(), fake.totalTokens(), charged, MINUTE_MS, fake.totalTokens() / JOBS, max,
          passed.get(), reworded.get());
      assertTrue(max <= LlmLimits.DEFAULT_TOKENS_PER_JOB, "every job within its tokens: " + tokensPerJob);
    } finally {
      vertx.close().await();
    }
  }

  /** Takes jobs off {@code queue} one after the other until it is empty. */
  private static Future<Void> slot(ConcurrentLinkedQueue<Integer> queue,
                                   java.util.function.IntFunction<Future<Void>> work) {
    Integer next = queue.poll();
    return next == null ? Future.succeededFuture() : work.apply(next).compose(v -> slot(queue, work));
  }
}
