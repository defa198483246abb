package io.applyflow.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.JsonCodec;
import io.applyflow.platform.db.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pacing decision and the ledger row are one transaction: attempts fired at the same moment from several
 * threads, two Vert.x instances (two "nodes") and their own connections can neither put two attempts on one board
 * inside its interval nor go past the daily cap. Real Postgres.
 *
 * <p>Checked against the old read-then-insert path ({@code recent()}, {@link Pacing#decide}, then the insert) with the
 * same scenarios: 7 of 20 attempts on one board got a row (60 s interval), and 10 of 10 under a daily cap of 3.
 */
class SubmitLedgerIT {
  private static Vertx nodeA;
  private static Vertx nodeB;
  private static Pool poolA;
  private static Pool poolB;

  @BeforeAll
  static void start() {
    nodeA = Vertx.vertx();
    nodeB = Vertx.vertx();
    JsonCodec.register(nodeA.eventBus(), JobBus.Progress.class);
    JsonCodec.register(nodeB.eventBus(), JobBus.Progress.class);
    // a database of its own: the runs and jobs written here are never claimed by the shared app's stages
    io.applyflow.platform.db.Database db = TestDatabase.fresh("ledger");
    poolA = db.pool(nodeA, 10);
    poolB = db.pool(nodeB, 10);
  }

  @AfterAll
  static void stop() {
    nodeA.close().await();
    nodeB.close().await();
  }

  @Test
  void twentyPostingsOnOneBoardAtOnceGiveOneAttemptAndNineteenWaits() throws Exception {
    long userId = user();
    List<Job> jobs = postings(userId, "lever", i -> "acme", 20);

    Map<SubmitLedger.Outcome, Long> outcomes = fireAtOnce(jobs, new Pacing(Duration.ofSeconds(60), 0));

    assertEquals(Map.of(SubmitLedger.Outcome.ATTEMPTED, 1L, SubmitLedger.Outcome.WAIT, 19L), outcomes);
    assertEquals(1, rows(userId));
  }

  @Test
  void tenAttemptsAtOnceUnderADailyCapOfThreeGiveThreeRows() throws Exception {
    long userId = user();
    List<Job> jobs = postings(userId, "greenhouse", i -> "board-" + i, 10);

    Map<SubmitLedger.Outcome, Long> outcomes = fireAtOnce(jobs, new Pacing(Duration.ofSeconds(60), 3));

    assertEquals(Map.of(SubmitLedger.Outcome.ATTEMPTED, 3L, SubmitLedger.Outcome.CAPPED, 7L), outcomes);
    assertEquals(3, rows(userId));
  }

  @Test
  void anotherUsersAttemptsNeitherPaceNorCapThisUser() throws Exception {
    Pacing pacing = new Pacing(Duration.ofSeconds(60), 2);
    long busy = user();
    long other = user();
    SubmitLedger ledger = new SubmitLedger(poolA);
    for (String board : List.of("acme", "globex")) {
      assertEquals(SubmitLedger.Outcome.ATTEMPTED,
          ledger.attempt(postings(busy, "lever", i -> board, 1).get(0), pacing).await().outcome());
    }
    // the busy user has reached the cap and just used both boards; the other user has done nothing yet
    List<Job> jobs = new ArrayList<>(postings(other, "lever", i -> i == 0 ? "acme" : "globex", 2));
    jobs.addAll(postings(busy, "lever", i -> "initech", 1));

    List<SubmitLedger.Outcome> outcomes = fireAtOnceInOrder(jobs, pacing);

    assertEquals(List.of(SubmitLedger.Outcome.ATTEMPTED, SubmitLedger.Outcome.ATTEMPTED,
        SubmitLedger.Outcome.CAPPED), outcomes);
    assertEquals(2, rows(busy));
    assertEquals(2, rows(other));
  }

  @Test
  void theBoardIsKeyedBySourceAndBoardAndTheCapCountsEveryAts() {
    long userId = user();
    SubmitLedger ledger = new SubmitLedger(poolA);
    Pacing pacing = new Pacing(Duration.ofSeconds(60), 3);

    Job lever = postings(userId, "lever", i -> "acme", 1).get(0);
    assertEquals(SubmitLedger.Outcome.ATTEMPTED, ledger.attempt(lever, pacing).await().outcome());
    SubmitLedger.Attempt again = ledger.attempt(postings(userId, "lever", i -> "acme", 1).get(0), pacing).await();
    assertEquals(SubmitLedger.Outcome.WAIT, again.outcome());
    assertTrue(again.waitMillis() > 50_000 && again.waitMillis() <= 60_000, "waits out the rest: " + again);
    assertEquals(SubmitLedger.Outcome.ATTEMPTED, ledger.attempt(postings(userId, "greenhouse", i -> "acme", 1).get(0),
        pacing).await().outcome(), "Greenhouse's board 'acme' is another employer's");
    assertEquals(SubmitLedger.Outcome.ATTEMPTED, ledger.attempt(postings(userId, "ashby", i -> "acme", 1).get(0),
        pacing).await().outcome());
    assertEquals(SubmitLedger.Outcome.CAPPED, ledger.attempt(postings(userId, "lever", i -> "other", 1).get(0),
        pacing).await().outcome(), "the daily cap counts every ATS");

    SubmitLedger.Attempt twice = ledger.attempt(lever, Pacing.NONE).await();
    assertEquals(SubmitLedger.Outcome.ALREADY, twice.outcome());
    assertEquals(lever.id(), twice.already().jobId());
    assertEquals("attempted", twice.already().state());
    assertEquals(3, rows(userId));
  }

  /**
   * Every job's attempt from its own thread, released by one latch, alternating between the two nodes' pools (so
   * between connections of two Vert.x instances); the outcomes counted.
   */
  private static Map<SubmitLedger.Outcome, Long> fireAtOnce(List<Job> jobs, Pacing pacing) throws Exception {
    return fireAtOnceInOrder(jobs, pacing).stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
  }

  /** The outcomes of {@link #fireAtOnce}, in the order of {@code jobs}. */
  private static List<SubmitLedger.Outcome> fireAtOnceInOrder(List<Job> jobs, Pacing pacing) throws Exception {
    SubmitLedger[] ledgers = {new SubmitLedger(poolA), new SubmitLedger(poolB)};
    ExecutorService threads = Executors.newFixedThreadPool(jobs.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<java.util.concurrent.Future<SubmitLedger.Outcome>> results = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        Job job = jobs.get(i);
        SubmitLedger ledger = ledgers[i % 2];
        Callable<SubmitLedger.Outcome> call = () -> {
          go.await();
          return ledger.attempt(job, pacing).await().outcome();
        };
        results.add(threads.submit(call));
      }
      go.countDown();
      List<SubmitLedger.Outcome> outcomes = new ArrayList<>();
      for (var r : results) {
        outcomes.add(r.get());
      }
      return outcomes;
    } finally {
      threads.shutdownNow();
    }
  }

  private static long user() {
    return poolA.preparedQuery("insert into users (email, name, password_hash) values ($1, 'L', 'x') returning id")
        .execute(Tuple.of(UUID.randomUUID() + "@example.com")).await().iterator().next().getLong("id");
  }

  /** {@code n} discovered jobs of one finished run, each its own posting, on the board {@code board.apply(i)}. */
  private static List<Job> postings(long userId, String source, java.util.function.IntFunction<String> board, int n) {
    Runs runs = new Runs(poolA, nodeA.eventBus());
    Jobs jobs = new Jobs(poolA, nodeA.eventBus());
    long runId = runs.create(userId, "Engineer", "mid", null, n, "review", 1).await();
    List<Job> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String posting = UUID.randomUUID().toString();
      long id = jobs.insertDiscovered(runId, userId, new Jobs.Posting(source, board.apply(i), posting,
          "https://api.example.com/" + posting, "https://jobs.example.com/" + posting, "Engineer", "Acme", null))
          .await();
      out.add(jobs.get(id, userId).await());
    }
    runs.finish(runId, userId, "done", null).await();
    return out;
  }

  private static long rows(long userId) {
    return poolA.preparedQuery("select count(*) from submit_ledger where user_id = $1").execute(Tuple.of(userId))
        .await().iterator().next().getLong(0);
  }
}
