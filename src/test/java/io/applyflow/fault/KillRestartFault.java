package io.applyflow.fault;

import static io.applyflow.fault.Harness.say;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.db.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * F1: kill -9 at random points of an auto run of 50 jobs, restart on the same data, five rounds. Every job must end
 * final or waiting, every run done; the employer (the sandbox board) never receives two applications for one posting
 * from one applicant and the ledger never holds two rows for one; nothing is lost: every application received has its
 * ledger row and its job is submitted (or needs_attention with the attempt unconfirmed), and every submitted job was
 * received exactly once.
 *
 * <p>One Applyflow process (every role, {@code APPLY_INSTANCES} apply workers) on the test JVM's embedded Postgres; the
 * kill points are seeded random delays after each (re)start ({@code -Dfault.seed=} repeats a sequence).
 *
 * <pre>
 * mvn -B -Pfault verify -Dit.test=KillRestartFault [-Dfault.seed=42 -Dfault.rounds=5 -Dfault.kills=5 -Dfault.jobs=50]
 * </pre>
 */
class KillRestartFault {
  @org.junit.jupiter.api.Test
  void killNineAtRandomPointsNeitherDoublesNorLosesASubmission() {
    long seed = Long.getLong("fault.seed", System.nanoTime() % 1_000_000);
    int rounds = Harness.intProp("fault.rounds", 5);
    int kills = Harness.intProp("fault.kills", 5);
    int jobs = Harness.intProp("fault.jobs", 50);
    int instances = Harness.intProp("fault.applyInstances", 2);
    int minDelay = Harness.intProp("fault.minDelayMs", 2_000);
    int maxDelay = Harness.intProp("fault.maxDelayMs", 25_000);
    Random random = new Random(seed);
    String dbUrl = TestDatabase.shared().url();
    String jdbc = TestDatabase.shared().jdbcUrl();
    say("F1 kill -9: seed %d, %d rounds x %d kills, %d jobs per round, %d apply instances, kill delays %d-%d ms "
        + "after each start", seed, rounds, kills, jobs, instances, minDelay, maxDelay);
    List<String> failures = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      int round = r;
      Path data = Harness.tempDir("applyflow-f1-");
      Map<String, String> env = Node.baseEnv(dbUrl, data, Node.freePort(), Node.freePort());
      env.put("APPLY_INSTANCES", String.valueOf(instances));
      Node node = Node.start("f1-round" + round + "-start0", env);
      long t0 = System.currentTimeMillis();
      try {
        Workload w = Workload.start(node.api(), "f1r" + round, jobs);
        say("  round %d: users %s, runs %s (limits %s)", round, w.emails(), w.runIds(),
            w.users.stream().map(Workload.User::limit).toList());
        for (int k = 1; k <= kills; k++) {
          long delay = minDelay + (long) random.nextInt(Math.max(1, maxDelay - minDelay));
          Node.sleep(delay);
          Outcome before = Outcome.read(jdbc, w.emails());
          node.kill();
          say("  round %d kill %d: SIGKILL pid %d %d ms after its start was up (t=%d s): %s", round, k, node.pid(),
              delay, (System.currentTimeMillis() - t0) / 1000, before.summary());
          node = Node.start("f1-round" + round + "-start" + k, env);
          say("  round %d restart %d: up in %d ms", round, k, node.startMs);
        }
        Outcome end = Harness.awaitSettled(() -> Outcome.read(jdbc, w.emails()), 15 * 60_000, Harness.stuckMs());
        List<String> v = end.violations();
        say("  round %d end (t=%d s): %s; %d violation(s)", round, (System.currentTimeMillis() - t0) / 1000,
            end.summary(), v.size());
        v.stream().limit(25).forEach(line -> say("    %s", line));
        end.jobs.stream().filter(j -> v.stream().anyMatch(l -> l.contains("job " + j.id() + " "))).limit(3)
            .forEach(j -> say("    events of job %d: %s", j.id(), Harness.events(jdbc, j.id(), 6)));
        if (end.jobs.size() < jobs * 8 / 10) {
          failures.add("round " + round + ": only " + end.jobs.size() + " jobs were found (wanted " + jobs + ")");
        }
        v.forEach(line -> failures.add("round " + round + ": " + line));
      } finally {
        node.stop();
      }
    }
    say("F1 seed %d: %d violation(s) over %d rounds", seed, failures.size(), rounds);
    assertTrue(failures.isEmpty(), "seed " + seed + ":\n" + String.join("\n", failures.stream().limit(60).toList()));
  }
}
