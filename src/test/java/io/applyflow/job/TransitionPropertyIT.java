package io.applyflow.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.JsonCodec;
import io.applyflow.platform.db.Database;
import io.applyflow.platform.db.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A property of the one transition function: whatever interleaving of stage replies (current or stale claims),
 * timeouts (revoked claims), and the user's approve, discard, submit and retry hits it at once, every job's history
 * is a walk through the table of allowed transitions: no job leaves a final state, and none becomes submitted
 * without its confirmed ledger row (nor keeps a confirmed row without being submitted). Random but seeded
 * ({@code -Dtransitions.seed=...} replays a run); several concurrent connections, real Postgres.
 */
class TransitionPropertyIT {
  private static final Set<JobStatus> CLAIMABLE = EnumSet.of(JobStatus.DISCOVERED, JobStatus.DESCRIBED,
      JobStatus.SCORED, JobStatus.ACCEPTED, JobStatus.TAILORED, JobStatus.RENDERED, JobStatus.APPLYING);
  private static final List<JobStatus> STARTS = List.of(JobStatus.DISCOVERED, JobStatus.DESCRIBED, JobStatus.CLARIFY,
      JobStatus.ACCEPTED, JobStatus.TAILORED, JobStatus.RENDERED, JobStatus.AWAITING_APPROVAL, JobStatus.APPLYING,
      JobStatus.NEEDS_INPUT, JobStatus.NEEDS_ATTENTION);

  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    JsonCodec.register(vertx.eventBus(), JobBus.Progress.class);
    Database db = TestDatabase.fresh("transitions");
    pool = db.pool(vertx, 8);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void noInterleavingLeavesTheTableOrSkipsTheLedger() {
    long seed = Long.getLong("transitions.seed", System.nanoTime());
    System.out.println("TransitionPropertyIT seed " + seed + " (replay with -Dtransitions.seed=" + seed + ")");
    Random random = new Random(seed);
    Jobs jobs = new Jobs(pool, vertx.eventBus());
    List<Claims> nodes = List.of(new Claims(pool, "n1", Duration.ofSeconds(60)),
        new Claims(pool, "n2", Duration.ofSeconds(60)), new Claims(pool, "n3", Duration.ofSeconds(60)));
    long user = JobFixtures.user(pool);
    long run = JobFixtures.run(pool, user, "done");
    List<Long> ids = new ArrayList<>();
    for (JobStatus s : STARTS) {
      ids.addAll(JobFixtures.jobs(pool, run, user, s, 4));
    }
    List<Claims.Claimed> outstanding = new CopyOnWriteArrayList<>();
    JobStatus[] all = JobStatus.values();
    for (int wave = 0; wave < 50; wave++) {
      List<Future<?>> ops = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        long job = ids.get(random.nextInt(ids.size()));
        JobBus.JobCommand mine = new JobBus.JobCommand(job, user);
        JobStatus target = all[random.nextInt(all.length)];
        int op = random.nextInt(9);
        Future<?> f = switch (op) {
          case 0, 1 -> nodes.get(random.nextInt(nodes.size())).claim(CLAIMABLE, 1 + random.nextInt(3))
              .onSuccess(outstanding::addAll);
          case 2, 3 -> outstanding.isEmpty() ? Future.succeededFuture()
              : reply(jobs, outstanding.get(random.nextInt(outstanding.size())), target);
          case 4 -> outstanding.isEmpty() ? Future.succeededFuture()
              : nodes.get(0).revoke(outstanding.get(random.nextInt(outstanding.size())));
          case 5 -> jobs.approveSubmission(mine, "submit");
          case 6 -> jobs.moveIfIn(mine, EnumSet.of(JobStatus.CLARIFY), JobStatus.ACCEPTED, "score", "approve");
          case 7 -> jobs.moveIfIn(mine, EnumSet.of(JobStatus.CLARIFY, JobStatus.AWAITING_APPROVAL,
              JobStatus.NEEDS_INPUT, JobStatus.NEEDS_ATTENTION), JobStatus.DISCARDED, "review", "discard");
          default -> jobs.moveIfIn(mine, EnumSet.of(JobStatus.NEEDS_ATTENTION), JobStatus.RENDERED, "review", "retry");
        };
        ops.add(f.recover(t -> Future.succeededFuture()));
      }
      Future.join(ops).await();
    }

    Map<Long, List<JobStatus>> histories = new HashMap<>();
    for (Row r : pool.preparedQuery("select job_id, status from job_events where user_id = $1 order by id")
        .execute(Tuple.of(user)).await()) {
      histories.computeIfAbsent(r.getLong("job_id"), k -> new ArrayList<>()).add(JobStatus.of(r.getString("status")));
    }
    int moves = 0;
    int finals = 0;
    for (long id : ids) {
      List<JobStatus> h = histories.get(id);
      for (int i = 1; i < h.size(); i++) {
        assertTrue(h.get(i - 1).allows(h.get(i)), "job " + id + " moved " + h.get(i - 1) + " → " + h.get(i)
            + " (history " + h + ", seed " + seed + ")");
        moves++;
      }
      JobStatus now = JobFixtures.status(pool, id);
      assertEquals(h.get(h.size() - 1), now, "job " + id + "'s status is its last event's (seed " + seed + ")");
      boolean confirmed = pool.preparedQuery("select count(*) as n from submit_ledger where job_id = $1 and state = "
          + "'confirmed'").execute(Tuple.of(id)).await().iterator().next().getLong("n") > 0;
      assertEquals(now == JobStatus.SUBMITTED, confirmed, "job " + id + " is " + now + "; confirmed ledger row: "
          + confirmed + " (seed " + seed + ")");
      if (now.isFinal()) {
        finals++;
      }
    }
    System.out.println("TransitionPropertyIT: " + moves + " moves over " + ids.size() + " jobs, " + finals
        + " ended final");
    assertTrue(moves >= 30 && finals >= 5, "the interleavings moved jobs: " + moves + " moves, " + finals
        + " final (seed " + seed + ")");
  }

  /** A stage's reply under claim {@code c}: a move to {@code target}; to submitted, the ledger is confirmed with it. */
  private static Future<?> reply(Jobs jobs, Claims.Claimed c, JobStatus target) {
    String stage = c.status().stage();
    Function<SqlConnection, Future<?>> extra = target != JobStatus.SUBMITTED ? null
        : conn -> conn.preparedQuery("""
            insert into submit_ledger (user_id, job_id, source, board, external_id, state)
            select user_id, id, source, board, external_id, 'confirmed' from jobs where id = $1""")
            .execute(Tuple.of(c.jobId()));
    return jobs.transition(c.command(), stage, target, "reply of claim " + c.token(), null, extra);
  }
}
