package io.applyflow.fault;

import static io.applyflow.fault.Harness.say;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * F2 and F3: Applyflow as a cluster of processes on loopback (Hazelcast TCP join on 127.0.0.1, one Postgres: the test
 * JVM's embedded one, the sandbox board served by node A on a fixed port every node is told).
 *
 * <ul>
 *   <li>F2: node A (web, scrape), node B (tailor, render, apply); B is killed (SIGKILL) while the run is applying, a
 *       new B is started: the run finishes, nothing is submitted twice or lost.</li>
 *   <li>F3: the same with two scrape nodes sharing the runs: A (web, scrape) and B start, several runs are started, a
 *       second scrape node A2 joins while they run, B is killed and replaced: every run is driven once (no job is
 *       described or scored twice), all finish, no duplicate, nothing lost.</li>
 * </ul>
 *
 * <pre>mvn -B -Pfault verify -Dit.test=ClusterFault [-Dfault.clusterJobs=17 -Dfault.sharedRuns=4]</pre>
 */
class ClusterFault {
  private final String dbUrl = TestDatabase.shared().url();
  private final String jdbc = TestDatabase.shared().jdbcUrl();

  private Map<String, String> env(String roles, int port, int sandboxPort) {
    Map<String, String> env = Node.baseEnv(dbUrl, Harness.tempDir("applyflow-cluster-"), port, sandboxPort);
    env.put("CLUSTER", "true");
    env.put("CLUSTER_MEMBERS", "127.0.0.1");
    env.put("ROLES", roles);
    env.put("APPLY_INSTANCES", "2");
    return env;
  }

  /** Waits (at most 60 s) until node {@code a}'s log shows a Hazelcast member list of {@code size}; says if not. */
  private static void awaitMembers(Node a, int size) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        String log = Files.readString(a.log, StandardCharsets.UTF_8);
        int at = log.lastIndexOf("Members {size:");
        if (at >= 0 && log.startsWith("Members {size:" + size + ",", at)) {
          return;
        }
      } catch (java.io.IOException e) {
        // not yet
      }
      Node.sleep(500);
    }
    say("    (node %s's log shows no member list of size %d after 60 s)", a.name, size);
  }

  /** Waits until the workload has at least {@code n} jobs applying or sent (ledger rows), at most 10 minutes. */
  private void awaitApplying(Workload w, int n) {
    long deadline = System.currentTimeMillis() + 600_000;
    while (System.currentTimeMillis() < deadline) {
      Outcome o = Outcome.read(jdbc, w.emails());
      if (o.ledger.size() >= n || o.statuses().getOrDefault("applying", 0) > 0 && o.ledger.size() >= n / 2) {
        return;
      }
      Node.sleep(500);
    }
    say("    no job reached the apply stage within 10 minutes");
  }

  /** Jobs a stage handled twice (two conductors drove them): more than one event of a forward status up to rendered. */
  private List<String> doubled(Workload w) {
    return Harness.rows(jdbc, """
        select job_id, status, count(*) from job_events
         where job_id in (select id from jobs where run_id = any(?))
           and status in ('discovered', 'described', 'scored', 'accepted', 'clarify', 'rejected', 'tailored', 'rendered')
         group by job_id, status having count(*) > 1 order by job_id
        """, w.runIds());
  }

  private List<String> check(String name, Workload w, long t0) {
    Outcome end = Harness.awaitSettled(() -> Outcome.read(jdbc, w.emails()), 15 * 60_000, Harness.stuckMs());
    List<String> v = new ArrayList<>(end.violations());
    doubled(w).forEach(row -> v.add("doubled: job, status, events: " + row));
    say("  %s end (t=%d s): %s; %d violation(s)", name, (System.currentTimeMillis() - t0) / 1000, end.summary(),
        v.size());
    v.stream().limit(25).forEach(line -> say("    %s", line));
    return v;
  }

  @Test
  void applyNodeKilledMidRunAndReplacedFinishesTheRunWithoutADuplicate() {
    int jobs = Harness.intProp("fault.clusterJobs", 17);
    int sandboxPort = Node.freePort();
    say("F2 two nodes: A (web,scrape), B (tailor,render,apply), %d jobs; B killed while applying, B' started", jobs);
    long t0 = System.currentTimeMillis();
    List<String> v;
    try (Node a = Node.start("f2-A", env("web,scrape", Node.freePort(), sandboxPort))) {
      Node b = Node.start("f2-B", env("tailor,render,apply", 0, sandboxPort));
      Node b2 = null;
      try {
        awaitMembers(a, 2);
        Workload w = Workload.start(a.api(), "f2", jobs);
        say("  F2 runs %s", w.runIds());
        awaitApplying(w, 2);
        Outcome before = Outcome.read(jdbc, w.emails());
        b.kill();
        say("  F2 SIGKILL B (pid %d) at t=%d s: %s", b.pid(), (System.currentTimeMillis() - t0) / 1000,
            before.summary());
        b2 = Node.start("f2-B2", env("tailor,render,apply", 0, sandboxPort));
        say("  F2 B' up in %d ms", b2.startMs);
        v = check("F2", w, t0);
      } finally {
        b.close();
        if (b2 != null) {
          b2.stop();
        }
      }
      a.stop();
    }
    assertTrue(v.isEmpty(), String.join("\n", v));
  }

  @Test
  void twoScrapeNodesShareRunsWithoutDrivingOneTwice() {
    int runs = Harness.intProp("fault.sharedRuns", 4);
    int perRun = Harness.intProp("fault.sharedRunJobs", 8);
    int sandboxPort = Node.freePort();
    say("F3 shared runs: A (web,scrape) + B (tailor,render,apply), %d runs of %d jobs; A2 (scrape) joins while they "
        + "run; B killed while applying, B' started", runs, perRun);
    long t0 = System.currentTimeMillis();
    List<String> v;
    try (Node a = Node.start("f3-A", env("web,scrape", Node.freePort(), sandboxPort))) {
      Node b = Node.start("f3-B", env("tailor,render,apply", 0, sandboxPort));
      Node a2 = null;
      Node b2 = null;
      try {
        awaitMembers(a, 2);
        Workload w = Workload.start(a.api(), "f3", runs * perRun, perRun);
        say("  F3 runs %s", w.runIds());
        a2 = Node.start("f3-A2", env("scrape", 0, sandboxPort));
        say("  F3 A2 up in %d ms (t=%d s): %s", a2.startMs, (System.currentTimeMillis() - t0) / 1000,
            Outcome.read(jdbc, w.emails()).summary());
        awaitApplying(w, 2);
        Outcome before = Outcome.read(jdbc, w.emails());
        b.kill();
        say("  F3 SIGKILL B (pid %d) at t=%d s: %s", b.pid(), (System.currentTimeMillis() - t0) / 1000,
            before.summary());
        b2 = Node.start("f3-B2", env("tailor,render,apply", 0, sandboxPort));
        v = check("F3", w, t0);
      } finally {
        b.close();
        if (b2 != null) {
          b2.stop();
        }
        if (a2 != null) {
          a2.stop();
        }
      }
      a.stop();
    }
    assertTrue(v.isEmpty(), String.join("\n", v));
  }
}
