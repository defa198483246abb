package io.applyflow.tailor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.llm.LlmClient;
import io.applyflow.llm.LlmConfig;
import io.applyflow.llm.LlmLimits;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.profile.Contact;
import io.applyflow.search.RealPostings;
import io.applyflow.support.FakeOpenAi;
import io.applyflow.support.Fixtures;
import io.applyflow.support.JobRows;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LlmTailoring} with the real client and Postgres against {@link FakeOpenAi}: an answer the fact gate refused
 * is cached as refused and never asked for again, and a job whose tokens leave room for no bullet asks nothing.
 */
class LlmTailoringIT {
  private static Vertx vertx;
  private static Pool pool;
  private static FakeOpenAi fake;
  private static LlmClient client;
  private static long user;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = TestDatabase.shared().pool(vertx, 2);
    fake = FakeOpenAi.start();
    client = new LlmClient(vertx, WebClient.create(vertx), pool);
    user = JobRows.user(pool);
  }

  @AfterAll
  static void stop() {
    fake.close();
    vertx.close().await();
  }

  private record Job(LlmTailoring.JobAsked asked, TailoredResume resume, FactGate gate) {
  }

  private static Job job(String model) throws Exception {
    JsonNode resume = Fixtures.resume("senior-engineer");
    RealPostings.Real p = RealPostings.all().get(0);
    TailoredResume t = Tailor.tailor(resume, Contact.of(new JsonObject()), p.text(), Tailor.Budget.ONE_PAGE);
    return new Job(new LlmTailoring.JobAsked(new LlmConfig(fake.baseUrl(), null, model),
        new LlmClient.Asker(user, JobRows.run(pool, user), null), p.title(), p.company(), p.descriptionHtml()), t,
        FactGate.of(resume, List.of(p.company(), p.title())));
  }

  @Test
  void aRewordingTheFactGateRefusedIsCachedAsRefusedAndNotAskedAgain() throws Exception {
    Job job = job("invent-" + UUID.randomUUID());
    LlmTailoring tailoring = new LlmTailoring(client, 2_000);
    int before = fake.requests();

    LlmTailoring.Reworded first = tailoring.reword(job.asked(), job.resume(), job.gate()).await();
    assertEquals(before + 1, fake.requests());
    assertTrue(first.rewordings().stream().anyMatch(r -> r.offending().contains(FakeOpenAi.INVENTED_EMPLOYER)),
        first.rewordings().toString());
    assertFalse(first.cached());
    String verdict = pool.query("select verdict from llm_cache order by created_at desc limit 1").execute().await()
        .iterator().next().getString("verdict");
    assertEquals("refused", verdict);

    LlmTailoring.Reworded again = tailoring.reword(job.asked(), job.resume(), job.gate()).await();
    assertEquals(before + 1, fake.requests(), "the refused answer is not asked for again");
    assertTrue(again.cached());
    assertEquals(0, again.tokens());
    assertEquals(first.rewordings(), again.rewordings(), "and is refused again, term for term");
  }

  @Test
  void aJobWhoseTokensLeaveNoRoomForABulletAsksNothing() throws Exception {
    Job job = job("honest-" + UUID.randomUUID());
    int before = fake.requests();
    LlmTailoring.Reworded r = new LlmTailoring(client, 800).reword(job.asked(), job.resume(), job.gate()).await();
    assertEquals(before, fake.requests());
    assertEquals(0, r.asked());
    assertTrue(r.rewordings().stream().noneMatch(LlmTailoring.Rewording::accepted));
    assertEquals(job.resume().bullets().size(), r.rewordings().size(), "every bullet kept as written");
    assertTrue(LlmLimits.DEFAULT_TOKENS_PER_JOB > 800);
  }

  @Test
  void theIssuesCaseAThousandWordPostingAndAFortyBulletResumeOnTwoPagesCostsAtMostTwoThousandTokensInTwoRequests()
      throws Exception {
    // the fixtures' real postings are at most ~380 words: the longest ones joined, in full, make a 1,000-word posting
    List<RealPostings.Real> byLength = new java.util.ArrayList<>(RealPostings.all());
    byLength.sort(java.util.Comparator.comparingInt((RealPostings.Real p) -> -p.text().split("\\s+").length));
    StringBuilder html = new StringBuilder();
    int words = 0;
    for (RealPostings.Real p : byLength) {
      if (words >= 1_000) {
        break;
      }
      html.append(p.descriptionHtml());
      words += p.text().split("\\s+").length;
    }
    RealPostings.Real longest = new RealPostings.Real("joined", byLength.get(0).title(), byLength.get(0).company(),
        html.toString());
    assertTrue(words >= 1_000, words + " words");
    JsonNode resume = Fixtures.fortyBulletResume();
    TailoredResume t = Tailor.tailor(resume, Contact.of(new JsonObject()), longest.text(), Tailor.Budget.TWO_PAGES);
    FactGate gate = FactGate.of(resume, List.of(longest.company(), longest.title()));
    LlmTailoring.JobAsked job = new LlmTailoring.JobAsked(new LlmConfig(fake.baseUrl(), null,
        "honest-long-" + UUID.randomUUID()), new LlmClient.Asker(user, JobRows.run(pool, user), null),
        longest.title(), longest.company(), longest.descriptionHtml());
    LlmTailoring tailoring = new LlmTailoring(client, LlmLimits.DEFAULT_TOKENS_PER_JOB);
    int requests = fake.requests();
    long tokens = fake.totalTokens();

    LlmTailoring.Reworded r = tailoring.reword(job, t, gate).await();
    LlmTailoring.Written w = tailoring.letterAndQuestions(job, LlmTailoring.apply(t, r.rewordings()), gate, gate)
        .await();

    assertEquals(requests + 2, fake.requests());
    long spent = fake.totalTokens() - tokens;
    assertEquals(spent, r.tokens() + w.tokens(), "the client's figures are the server's");
    assertTrue(spent <= LlmLimits.DEFAULT_TOKENS_PER_JOB, spent + " tokens");
    assertFalse(w.letter().texts().isEmpty());
    System.out.printf("The issue's case: a %d-word posting, a 40-bullet resume (%d chosen for two pages, %d asked "
        + "about): %d tokens in 2 requests%n", words, t.bullets().size(), r.asked(), spent);
  }
}
