package io.applyflow.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.bus.JsonCodec;
import io.applyflow.platform.db.Database;
import io.applyflow.platform.db.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Work claimed from Postgres by several nodes at once (each a {@link Claims} with its own node id and pool), runs
 * owned by one conductor at a time, and the guarded transition under a claim's fencing token. A database of its own,
 * so no running app's stage workers claim these rows.
 */
class ClaimsIT {
  private static Vertx vertx;
  private static Database db;
  private static Pool poolA;
  private static Pool poolB;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    JsonCodec.register(vertx.eventBus(), JobBus.Progress.class);
    db = TestDatabase.fresh("claims");
    poolA = db.pool(vertx, 4);
    poolB = db.pool(vertx, 4);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static Claims node(Pool pool, String name, Duration ttl) {
    return new Claims(pool, name, ttl);
  }

  @Test
  void twoNodesClaimingAtOnceNeverTakeTheSameJob() {
    List<Long> all = new ArrayList<>();
    for (int u = 0; u < 4; u++) {
      long user = JobFixtures.user(poolA);
      all.addAll(JobFixtures.jobs(poolA, JobFixtures.run(poolA, user, "done"), user, JobStatus.DESCRIBED, 10));
    }
    Claims a = node(poolA, "node-a", Duration.ofSeconds(60));
    Claims b = node(poolB, "node-b", Duration.ofSeconds(60));
    List<Future<List<Claims.Claimed>>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add((i % 2 == 0 ? a : b).claim(EnumSet.of(JobStatus.DESCRIBED), 3));
    }
    Future.all(calls).await();
    List<Long> claimed = new ArrayList<>();
    calls.forEach(f -> f.result().forEach(c -> claimed.add(c.jobId())));
    claimed.addAll(a.claim(EnumSet.of(JobStatus.DESCRIBED), 100).await().stream().map(Claims.Claimed::jobId).toList());
    assertEquals(new HashSet<>(all), new HashSet<>(claimed), "every job claimed");
    assertEquals(all.size(), claimed.size(), "and none twice: " + claimed);
    assertTrue(a.claim(EnumSet.of(JobStatus.DESCRIBED), 5).await().isEmpty(), "nothing left while the leases live");
  }

  @Test
  void claimsServeUsersInTurns() {
    long heavy = JobFixtures.user(poolA);
    long light = JobFixtures.user(poolA);
    JobFixtures.jobs(poolA, JobFixtures.run(poolA, heavy, "done"), heavy, JobStatus.RENDERED, 12);
    List<Long> lightJob = JobFixtures.jobs(poolA, JobFixtures.run(poolA, light, "done"), light, JobStatus.RENDERED, 1);
    List<Claims.Claimed> two = node(poolA, "node-turns", Duration.ofSeconds(60))
        .claim(EnumSet.of(JobStatus.RENDERED), 2).await();
    assertEquals(2, two.size());
    assertEquals(Set.of(heavy, light), Set.of(two.get(0).userId(), two.get(1).userId()),
        "the second user's one job comes in the first turn, not after the first user's twelve");
    assertTrue(two.stream().anyMatch(c -> c.jobId() == lightJob.get(0)));
  }

  @Test
  void oneSlotAtATimeTheUserServedLeastRecentlyGoesFirst() {
    Pool own = TestDatabase.fresh("turns").pool(vertx, 2); // no other test's jobs in the queue
    long early = JobFixtures.user(own);
    long late = JobFixtures.user(own);
    Claims node = node(own, "node-one-slot", Duration.ofSeconds(60));
    JobFixtures.jobs(own, JobFixtures.run(own, early, "done"), early, JobStatus.TAILORED, 4);
    Claims.Claimed first = node.claim(EnumSet.of(JobStatus.TAILORED), 1).await().get(0);
    assertEquals(early, first.userId());
    node.release(first).await();
    // the other user's job arrives later than all of the first user's: it still gets the next slot
    JobFixtures.jobs(own, JobFixtures.run(own, late, "done"), late, JobStatus.TAILORED, 1);
    List<Long> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Claims.Claimed next = node.claim(EnumSet.of(JobStatus.TAILORED), 1).await().get(0);
      order.add(next.userId());
      if (next.userId() == early) {
        node.release(next).await(); // early's jobs keep coming back as if each were given back to the queue
      }
    }
    assertEquals(late, order.get(0), "served least recently, not the oldest job: " + order);
  }

  @Test
  void aLeaseThatRunsOutIsClaimedAgainAndTheOldClaimLosesItsWrites() throws Exception {
    long user = JobFixtures.user(poolA);
    long job = JobFixtures.jobs(poolA, JobFixtures.run(poolA, user, "done"), user, JobStatus.ACCEPTED, 1).get(0);
    Jobs jobsA = new Jobs(poolA, vertx.eventBus());
    Claims a = node(poolA, "node-dies", Duration.ofSeconds(1));
    Claims.Claimed first = only(a.claim(EnumSet.of(JobStatus.ACCEPTED), 100).await(), job);
    // node-dies stops renewing: wait until Postgres says its lease ran out
    while (poolA.preparedQuery("select lease_until < now() as gone from jobs where id = $1").execute(Tuple.of(job))
        .await().iterator().next().getBoolean("gone") != Boolean.TRUE) {
      Thread.sleep(100);
    }
    Claims b = node(poolB, "node-takes-over", Duration.ofSeconds(60));
    Claims.Claimed second = only(b.claim(EnumSet.of(JobStatus.ACCEPTED), 5).await(), job);
    assertTrue(second.token() > first.token(), "a new fencing token");
    assertEquals(2, second.claims(), "the claim is counted");

    Failure.Coded lost = (Failure.Coded) assertThrows(Failure.Coded.class, () -> jobsA.transition(first.command(),
        "tailor", JobStatus.TAILORED, "late write of the first claim", null).await());
    assertEquals(Failure.STALE, lost.failure, lost.getMessage());
    assertEquals(JobStatus.ACCEPTED, JobFixtures.status(poolA, job), "the stale writer changed nothing");

    new Jobs(poolB, vertx.eventBus()).transition(second.command(), "tailor", JobStatus.TAILORED, "the new claim",
        null).await();
    assertEquals(JobStatus.TAILORED, JobFixtures.status(poolA, job));
    assertEquals(1L, poolA.preparedQuery("select count(*) as n from jobs where id = $1 and lease_owner is null")
        .execute(Tuple.of(job)).await().iterator().next().getLong("n"), "tailored belongs to render: lease freed");
  }

  @Test
  void aRevokedClaimLosesItsWritesAndTheJobIsClaimableAgain() {
    long user = JobFixtures.user(poolA);
    long job = JobFixtures.jobs(poolA, JobFixtures.run(poolA, user, "done"), user, JobStatus.DISCOVERED, 1).get(0);
    Claims a = node(poolA, "node-slow", Duration.ofSeconds(60));
    Claims.Claimed slow = only(a.claim(EnumSet.of(JobStatus.DISCOVERED), 100).await(), job);
    assertTrue(a.revoke(slow).await());
    assertThrows(Failure.Coded.class, () -> new Jobs(poolA, vertx.eventBus()).transition(slow.command(), "describe",
        JobStatus.DESCRIBED, "an answer after the time was up", null).await());
    assertEquals(JobStatus.DISCOVERED, JobFixtures.status(poolA, job));
    only(a.claim(EnumSet.of(JobStatus.DISCOVERED), 100).await(), job);
  }

  @Test
  void aJobIsNeverSubmittedWithoutItsConfirmedLedgerRow() {
    long user = JobFixtures.user(poolA);
    long job = JobFixtures.jobs(poolA, JobFixtures.run(poolA, user, "done"), user, JobStatus.APPLYING, 1).get(0);
    Jobs jobs = new Jobs(poolA, vertx.eventBus());
    JobBus.JobCommand cmd = new JobBus.JobCommand(job, user);
    assertThrows(Failure.Coded.class, () -> jobs.transition(cmd, "apply", JobStatus.SUBMITTED, "no ledger", null)
        .await());
    assertEquals(JobStatus.APPLYING, JobFixtures.status(poolA, job));
    poolA.preparedQuery("""
            insert into submit_ledger (user_id, job_id, source, board, external_id, state)
            select user_id, id, source, board, external_id, 'confirmed' from jobs where id = $1""")
        .execute(Tuple.of(job)).await();
    jobs.transition(cmd, "apply", JobStatus.SUBMITTED, "confirmed", null).await();
    assertEquals(JobStatus.SUBMITTED, JobFixtures.status(poolA, job));
  }

  @Test
  void theDatabaseRefusesAStatusThatIsNotInTheTable() {
    long user = JobFixtures.user(poolA);
    long job = JobFixtures.jobs(poolA, JobFixtures.run(poolA, user, "done"), user, JobStatus.DISCOVERED, 1).get(0);
    RuntimeException e = assertThrows(RuntimeException.class, () -> poolA.preparedQuery(
        "update jobs set status = 'approved' where id = $1").execute(Tuple.of(job)).await());
    assertTrue(e.getMessage().contains("jobs_status_check"), e.getMessage());
  }

  @Test
  void aRunIsOwnedByOneConductorAtATimeAndTakenOverWhenItsLeaseRunsOut() throws Exception {
    long user = JobFixtures.user(poolA);
    long run = JobFixtures.run(poolA, user, "running");
    Runs runsA = new Runs(poolA, vertx.eventBus());
    Runs runsB = new Runs(poolB, vertx.eventBus());
    List<Future<List<Runs.Owned>>> both = List.of(runsA.claim("conductor-a", Duration.ofSeconds(1), 50),
        runsB.claim("conductor-b", Duration.ofSeconds(1), 50));
    Future.all(both).await();
    long owners = both.stream().filter(f -> f.result().stream().anyMatch(o -> o.id() == run)).count();
    assertEquals(1, owners, "exactly one conductor owns the run");
    String owner = poolA.preparedQuery("select owner from runs where id = $1").execute(Tuple.of(run)).await()
        .iterator().next().getString("owner");
    String other = "conductor-a".equals(owner) ? "conductor-b" : "conductor-a";
    Runs otherRuns = "conductor-a".equals(owner) ? runsA : runsB;
    while (poolA.preparedQuery("select owner_until < now() as gone from runs where id = $1").execute(Tuple.of(run))
        .await().iterator().next().getBoolean("gone") != Boolean.TRUE) {
      Thread.sleep(100);
    }
    assertTrue(otherRuns.claim(other, Duration.ofSeconds(60), 50).await().stream().anyMatch(o -> o.id() == run),
        "the other conductor takes the run over");
    assertFalse(otherRuns.finishOwned(run, user, "done", null, owner).await(), "the old owner can no longer end it");
    assertTrue(otherRuns.finishOwned(run, user, "done", null, other).await());
  }

  @Test
  void aGracefulShutdownReleasesTheNodesLeasesAndNoOneElses() {
    long user = JobFixtures.user(poolA);
    long run = JobFixtures.run(poolA, user, "done");
    List<Long> ids = JobFixtures.jobs(poolA, run, user, JobStatus.SCORED, 2);
    Claims leaving = node(poolA, "node-leaving", Duration.ofSeconds(60));
    Claims staying = node(poolB, "node-staying", Duration.ofSeconds(60));
    only(leaving.claim(EnumSet.of(JobStatus.SCORED), 1).await(), ids.get(0));
    only(staying.claim(EnumSet.of(JobStatus.SCORED), 1).await(), ids.get(1));
    new Leases(poolA, leaving).close(Duration.ZERO);
    List<Long> free = new ArrayList<>();
    poolA.preparedQuery("select id from jobs where id = any($1) and lease_owner is null")
        .execute(Tuple.of(ids.toArray(new Long[0]))).await().forEach(r -> free.add(r.getLong("id")));
    assertEquals(List.of(ids.get(0)), free, "the leaving node's job is free at once, the other node's is not");
    assertEquals("node-staying", poolA.preparedQuery("select lease_owner from jobs where id = $1")
        .execute(Tuple.of(ids.get(1))).await().iterator().next().getString("lease_owner"));
    only(staying.claim(EnumSet.of(JobStatus.SCORED), 5).await(), ids.get(0));
  }

  @Test
  void aRestartFreesTheLeasesOfThisHostsDeadNodesAtOnceAndNoOneElses() {
    Pool own = TestDatabase.fresh("restart").pool(vertx, 2); // no other test's leases
    long user = JobFixtures.user(own);
    long run = JobFixtures.run(own, user, "done");
    List<Long> ids = JobFixtures.jobs(own, run, user, JobStatus.SCORED, 2);
    String host = Leases.hostOf(Leases.newNodeId());
    String dead = Integer.MAX_VALUE + "@" + host + "/deadbeef"; // no process has this pid
    String elsewhere = "1@another-host-" + System.nanoTime() + "/cafebabe";
    own.preparedQuery("""
            update jobs set lease_owner = case when id = $1 then $3 else $4 end,
              lease_until = now() + interval '1 hour' where id = any($2)""")
        .execute(Tuple.of(ids.get(0), ids.toArray(new Long[0]), dead, elsewhere)).await();
    Leases restarted = new Leases(own, node(own, Leases.newNodeId(), Duration.ofSeconds(60)));
    restarted.start(vertx).await();
    try {
      assertEquals(null, own.preparedQuery("select lease_owner from jobs where id = $1").execute(Tuple.of(ids.get(0)))
          .await().iterator().next().getString("lease_owner"), "the dead node's lease is freed at once");
      assertEquals(elsewhere, own.preparedQuery("select lease_owner from jobs where id = $1")
          .execute(Tuple.of(ids.get(1))).await().iterator().next().getString("lease_owner"),
          "another host's node may be alive: its lease runs out on its own");
    } finally {
      restarted.close(Duration.ZERO);
    }
  }

  private static Claims.Claimed only(List<Claims.Claimed> claimed, long jobId) {
    return claimed.stream().filter(c -> c.jobId() == jobId).findFirst()
        .orElseThrow(() -> new AssertionError("job " + jobId + " was not claimed: " + claimed));
  }
}
