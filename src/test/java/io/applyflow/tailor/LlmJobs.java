package io.applyflow.tailor;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.llm.LlmClient;
import io.applyflow.llm.LlmConfig;
import io.applyflow.profile.Contact;
import io.applyflow.search.RealPostings;
import io.applyflow.support.Fixtures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Jobs tailored with the LLM as the tailor stage does it (the two requests of {@link LlmTailoring}, {@code slots} jobs
 * at once), without the rest of the pipeline: the real postings of the ATS fixtures against the fixture resumes (the
 * one in nine scripts included), for {@code LlmRateLimitIT} and {@code LlmRateBench}.
 */
public final class LlmJobs {
  /** What the jobs cost and what the fact gate made of the rewordings. */
  public record Result(int complete, List<String> failures, List<Long> tokensPerJob, int reworded, int passed,
                       int resumes) {
    public long maxTokens() {
      return tokensPerJob.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public long meanTokens() {
      return tokensPerJob.isEmpty() ? 0 : tokensPerJob.stream().mapToLong(Long::longValue).sum() / tokensPerJob.size();
    }
  }

  private LlmJobs() {
  }

  /**
   * Tailors {@code jobs} jobs for {@code asker} with {@code config}'s server, {@code slots} at a time; each job has a
   * title of its own, so no two ask the same question (the cache would answer the second).
   */
  public static Result run(LlmTailoring tailoring, LlmConfig config, LlmClient.Asker asker, int jobs, int slots)
      throws IOException {
    List<String> names = new ArrayList<>(Fixtures.RESUMES);
    names.add("multiscript");
    List<JsonNode> resumes = new ArrayList<>();
    for (String name : names) {
      resumes.add(Fixtures.resume(name));
    }
    List<RealPostings.Real> postings = new ArrayList<>(RealPostings.all());
    while (postings.size() < jobs) {
      postings.addAll(RealPostings.all());
    }
    ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < jobs; i++) {
      queue.add(i);
    }
    AtomicInteger complete = new AtomicInteger();
    AtomicInteger reworded = new AtomicInteger();
    AtomicInteger passed = new AtomicInteger();
    List<Long> tokensPerJob = new CopyOnWriteArrayList<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    IntFunction<Future<Void>> work = i -> {
      RealPostings.Real p = postings.get(i);
      JsonNode resume = resumes.get(i % resumes.size());
      String title = p.title() + " #" + i;
      TailoredResume t = Tailor.tailor(resume, Contact.of(new JsonObject()), p.text(), Tailor.Budget.ONE_PAGE);
      FactGate gate = FactGate.of(resume, List.of(p.company(), title));
      LlmTailoring.JobAsked job = new LlmTailoring.JobAsked(config, asker, title, p.company(), p.descriptionHtml());
      return tailoring.reword(job, t, gate)
          .compose(r -> tailoring.letterAndQuestions(job, LlmTailoring.apply(t, r.rewordings()), gate, gate)
              .<Void>map(w -> {
                tokensPerJob.add(r.tokens() + w.tokens());
                for (LlmTailoring.Rewording x : r.rewordings()) {
                  // not asked about, or given back unchanged: kept as written, neither a rewording nor a refusal
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
    };
    List<Future<Void>> all = new ArrayList<>();
    for (int s = 0; s < slots; s++) {
      all.add(slot(queue, work));
    }
    Future.all(all).await();
    return new Result(complete.get(), failures, tokensPerJob, reworded.get(), passed.get(), resumes.size());
  }

  private static Future<Void> slot(ConcurrentLinkedQueue<Integer> queue, IntFunction<Future<Void>> work) {
    Integer next = queue.poll();
    return next == null ? Future.succeededFuture() : work.apply(next).compose(v -> slot(queue, work));
  }
}
