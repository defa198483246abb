package io.applyflow.job;



import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.JsonCodec;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.job.Job;
import io.applyflow.job.Jobs;
import io.applyflow.job.Runs;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pacing reads the ledger per (source, board): a board of the same name on another ATS is another employer, and
 * does not wait for it; the daily figure counts every ATS. Real Postgres.
 */
class SubmitLedgerIT {
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    JsonCodec.register(vertx.eventBus(), JobBus.Progress.class);
    pool = TestDatabase.shared().pool(vertx, 2);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void theNewestAttemptOnABoardIsKeyedBySourceAndBoard() {
    long userId = pool.preparedQuery("insert into users (email, name, password_hash) values ($1, 'L', 'x') returning id")
        .execute(Tuple.of(UUID.randomUUID() + "@example.com")).await().iterator().next().getLong("id");
    Runs runs = new Runs(pool, vertx.eventBus());
    Jobs jobs = new Jobs(pool, vertx.eventBus());
    long runId = runs.create(userId, "Engineer", "mid", null, 5, "review", 1).await();
    try {
      long jobId = jobs.insertDiscovered(runId, userId, new Jobs.Posting("lever", "acme",
          "ee8203b5-2cf7-4eae-afd6-3f9724761ad9", "https://api.lever.co/v0/postings/acme/ee8203b5-2cf7-4eae-afd6-3f9724761ad9",
          "https://jobs.lever.co/acme/ee8203b5-2cf7-4eae-afd6-3f9724761ad9", "Engineer", "acme", null)).await();
      Job job = jobs.get(jobId, userId).await();
      SubmitLedger ledger = new SubmitLedger(pool);
      assertTrue(ledger.attempt(job).await());

      SubmitLedger.Recent lever = ledger.recent(userId, "lever", "acme").await();
      assertNotNull(lever.lastOnBoard());
      assertEquals(1, lever.last24h());
      SubmitLedger.Recent greenhouse = ledger.recent(userId, "greenhouse", "acme").await();
      assertNull(greenhouse.lastOnBoard(), "Greenhouse's board 'acme' is another employer's");
      assertEquals(1, greenhouse.last24h(), "the daily cap counts every ATS");
      assertNull(ledger.recent(userId, "lever", "other").await().lastOnBoard());
    } finally {
      runs.finish(runId, userId, "done", null).await();
    }
  }
}
