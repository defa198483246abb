package io.applyflow.load;

import static io.applyflow.fault.Harness.say;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.apply.Browsers;
import io.applyflow.fault.Harness;
import io.applyflow.fault.Node;
import io.applyflow.fault.Outcome;
import io.applyflow.fault.Workload;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.sandbox.SandboxRecords;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 9: the load figures, printed as one table at the end (assertions only that the work was done).
 *
 * <ul>
 *   <li>(a) an auto run of 100 jobs on the sandbox with deterministic tailoring (no LLM): applications per minute from
 *       the first POST to the last run done; then a bare Playwright loop filling the same forms with the same fields at
 *       the same concurrency (as many browsers as {@code APPLY_INSTANCES}); the ratio of the two times. One sandbox
 *       search yields about 20 postings per user, so the 100 jobs are 6 users' runs started together.</li>
 *   <li>(b) the run page of a 100-job run ({@code /runs/{id}} and {@code /api/search/{id}}) at a fixed 200
 *       requests/s, open loop: p50/p99; the app JVM's heap after a full GC before and with 1,000 SSE clients on a live
 *       run's stream ({@code jcmd GC.run}, {@code GC.heap_info}). The 100-job run is the load run's jobs copied under
 *       one run by SQL (a search yields at most about 20).</li>
 *   <li>(c) start-up to {@code /ready} on a new data folder (its own embedded Postgres), after a clean stop, and after
 *       a kill -9.</li>
 * </ul>
 *
 * <pre>mvn -B -Pload verify [-Dload.jobs=100 -Dload.applyInstances=2 -Dload.rate=200 -Dload.seconds=20 -Dload.sse=1000]</pre>
 */
class PipelineLoad {
  private final String dbUrl = TestDatabase.shared().url();
  private final String jdbc = TestDatabase.shared().jdbcUrl();
  private final List<String[]> table = new ArrayList<>();

  private void row(String figure, String value) {
    table.add(new String[] {figure, value});
    say("  %s: %s", figure, value);
  }

  @Test
  void loadFigures() throws Exception {
    int jobs = Harness.intProp("load.jobs", 100);
    int instances = Harness.intProp("load.applyInstances", 2);
    int rate = Harness.intProp("load.rate", 200);
    int seconds = Harness.intProp("load.seconds", 20);
    int sseClients = Harness.intProp("load.sse", 1000);
    say("Load harness: %d jobs, %d apply instances, %d req/s for %d s, %d SSE clients, %d cores", jobs, instances, rate,
        seconds, sseClients, Runtime.getRuntime().availableProcessors());
    Map<String, String> env = Node.baseEnv(dbUrl, Harness.tempDir("applyflow-load-"), Node.freePort(),
        Node.freePort());
    env.put("APPLY_INSTANCES", String.valueOf(instances));
    List<String> problems = new ArrayList<>();
    try (Node node = Node.start("load-app", env)) {
      // a first small run pays for class loading, JIT, Playwright's driver and Chromium's launch
      Workload warm = Workload.start(node.api(), "warm", 2);
      Harness.awaitSettled(() -> Outcome.read(jdbc, warm.emails()), 600_000, 180_000);

      long t0 = System.nanoTime();
      Workload w = Workload.start(node.api(), "load", jobs);
      Outcome end = Harness.awaitSettled(() -> Outcome.read(jdbc, w.emails()), 30 * 60_000, 180_000);
      long appMs = (System.nanoTime() - t0) / 1_000_000;
      say("  load run: %s", end.summary());
      end.violations().stream().limit(10).forEach(v -> problems.add("(a) " + v));
      int sent = end.received.size();
      row("(a) auto run of " + end.jobs.size() + " jobs (" + w.users.size() + " users' runs, " + instances
          + " apply instances), POST to done", String.format("%d sent in %.1f s: %.1f applications/min; %s", sent,
          appMs / 1000.0, sent * 60_000.0 / appMs, end.statuses()));

      List<BareLoop.Form> forms = bareForms(w);
      String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
      BareLoop.Result bare = BareLoop.run(forms, instances, chromium);
      bare.problems().stream().limit(5).forEach(p -> say("    bare loop: %s", p));
      row("(a) bare Playwright loop, the same " + forms.size() + " forms, " + instances + " browsers",
          String.format("%d sent in %.1f s (%d failed): %.1f applications/min", bare.ok(), bare.ms() / 1000.0,
              bare.failed(), bare.ok() * 60_000.0 / Math.max(1, bare.ms())));
      row("(a) ratio, Applyflow time per application / bare loop's", bare.ok() == 0 || sent == 0 ? "n/a"
          : String.format("%.2f", (appMs / (double) sent) / (bare.ms() / (double) bare.ok())));

      Workload.User owner = w.users.get(0);
      long bigRun = hundredJobRun(w);
      String bigJobs = Harness.rows(jdbc, "select count(*) from jobs where run_id = any(?)", List.of(bigRun)).get(0);
      String base = "http://127.0.0.1:" + node.port;
      row("(b) GET /runs/{id} (" + bigJobs + " jobs) at " + rate + "/s open loop",
          Probes.openLoop(base + "/runs/" + bigRun, owner.token(), rate, seconds).toString());
      row("(b) GET /api/search/{id} (" + bigJobs + " jobs) at " + rate + "/s open loop",
          Probes.openLoop(base + "/api/search/" + bigRun, owner.token(), rate, seconds).toString());

      // the open loop may leave a backlog: wait until the app answers again (at most 5 minutes)
      long drain = System.currentTimeMillis() + 300_000;
      while (!answers(node) && System.currentTimeMillis() < drain) {
        Node.sleep(1000);
      }
      try {
        sseFigure(node, sseClients);
      } catch (RuntimeException e) {
        row("(b) app heap with " + sseClients + " SSE clients", "FAILED: " + e.getMessage());
      }
      node.stop();
    }
    restartFigures();

    say("");
    say("| Figure | Measured |");
    say("|---|---|");
    table.forEach(r -> say("| %s | %s |", r[0], r[1]));
    problems.forEach(p -> say("problem: %s", p));
    assertTrue(table.size() >= 8, "every figure was measured");
  }

  private static boolean answers(Node node) {
    try {
      return node.api().get("/health", null).status() == 200;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** (b) heap: a full GC and the heap in use, before and with {@code sseClients} streams of a live run. */
  private void sseFigure(Node node, int sseClients) throws java.io.IOException {
    {
      // a live run (a new user's auto run) so its stream has something to say and is not over
      Workload live = Workload.start(node.api(), "live", Workload.PER_RUN);
      Workload.User lu = live.users.get(0);
      Probes.heapAfterGcKb(node.pid());
      long before = Probes.heapAfterGcKb(node.pid());
      try (Probes.SseClients sse = new Probes.SseClients(node.port, "/api/search/" + lu.runId() + "/events",
          lu.token(), sseClients)) {
        Node.sleep(5_000);
        Probes.heapAfterGcKb(node.pid());
        long with = Probes.heapAfterGcKb(node.pid());
        row("(b) app heap after full GC, before / with " + sseClients + " SSE clients on a live run",
            String.format("%.1f MB / %.1f MB: +%.1f MB, %.1f KB per client (%d answered 200, %d still open)",
                before / 1024.0, with / 1024.0, (with - before) / 1024.0, (with - before) / (double) sseClients,
                sse.answered200(), sse.open()));
      }
    }
  }

  /** The forms of the applications the load run sent, to fill again under other applicant emails. */
  private List<BareLoop.Form> bareForms(Workload w) {
    Map<String, String> urlOf = new HashMap<>();
    Harness.rows(jdbc, "select source || ':' || board || ':' || external_id, url from jobs where run_id = any(?)",
        w.runIds()).forEach(r -> urlOf.put(r.substring(0, r.indexOf(' ')), r.substring(r.indexOf(' ') + 1)));
    List<BareLoop.Form> forms = new ArrayList<>();
    String tag = Long.toString(System.nanoTime() % 1_000_000, 36);
    for (String email : w.emails()) {
      for (Object o : SandboxRecords.ofEmail(email)) {
        JsonObject s = (JsonObject) o;
        String key = s.getString("source") + ":" + s.getString("board") + ":"
            + (s.getValue("job_id") != null ? String.valueOf(s.getLong("job_id")) : s.getString("posting_id"));
        String url = urlOf.get(key);
        if (url == null || url.isBlank()) {
          say("    bare loop: no URL for %s", key);
          continue;
        }
        byte[] resume = null;
        byte[] letter = null;
        for (Object f : s.getJsonArray("files")) {
          String field = ((JsonObject) f).getString("field");
          if ("resume".equals(field)) {
            resume = SandboxRecords.file(s.getLong("id"), field);
          } else if ("cover_letter".equals(field)) {
            letter = SandboxRecords.file(s.getLong("id"), field);
          }
        }
        forms.add(BareLoop.form(url, s, "bare-" + tag + "-" + forms.size() + "@example.com", resume, letter));
      }
    }
    return forms;
  }

  /**
   * A run of the first workload user holding every job of the workload's runs (copied by SQL, each posting's external
   * id suffixed so the copies stay distinct), done; returns its id.
   */
  private long hundredJobRun(Workload w) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbc, "postgres", null)) {
      List<String> runCols = columns(c, "runs", List.of("id"));
      List<String> jobCols = columns(c, "jobs", List.of("id", "run_id", "user_id", "external_id"));
      long runId;
      try (PreparedStatement st = c.prepareStatement("insert into runs (" + String.join(", ", runCols) + ") select "
          + String.join(", ", runCols) + " from runs where id = ? returning id")) {
        st.setLong(1, w.users.get(0).runId());
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          runId = rs.getLong(1);
        }
      }
      try (PreparedStatement st = c.prepareStatement("update runs set status = 'done', job_limit = 100 where id = ?")) {
        st.setLong(1, runId);
        st.executeUpdate();
      }
      try (PreparedStatement st = c.prepareStatement("insert into jobs (run_id, user_id, external_id, "
          + String.join(", ", jobCols) + ") select ?, ?, external_id || '~' || id, " + String.join(", ", jobCols)
          + " from jobs where run_id = any(?) order by id limit 100")) {
        st.setLong(1, runId);
        st.setLong(2, userId(c, w.users.get(0).email()));
        st.setArray(3, c.createArrayOf("bigint", w.runIds().toArray()));
        st.executeUpdate();
      }
      return runId;
    }
  }

  private static long userId(Connection c, String email) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("select id from users where lower(email) = lower(?)")) {
      st.setString(1, email);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static List<String> columns(Connection c, String table, List<String> except) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("""
        select column_name from information_schema.columns
         where table_schema = 'public' and table_name = ? and is_generated = 'NEVER' order by ordinal_position
        """)) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          if (!except.contains(rs.getString(1))) {
            out.add(rs.getString(1));
          }
        }
      }
    }
    return out;
  }

  /** (c): a node with its own embedded Postgres: first start, restart after a clean stop, restart after kill -9. */
  private void restartFigures() {
    Path data = Harness.tempDir("applyflow-restart-");
    Map<String, String> env = Node.baseEnv(null, data, Node.freePort(), Node.freePort());
    try {
      Node first = Node.start("restart-1-new-folder", env);
      row("(c) first start to /ready, new data folder (initdb, migrations)", first.startMs + " ms");
      first.stop();
      Node second = Node.start("restart-2-after-clean-stop", env);
      row("(c) restart to /ready on the initialised folder, after a clean stop", second.startMs + " ms");
      second.kill();
      long t0 = System.nanoTime();
      try {
        Node third = Node.start("restart-3-after-kill-9", env);
        row("(c) restart to /ready on the initialised folder, right after kill -9", third.startMs + " ms");
        third.stop();
      } catch (IllegalStateException e) {
        row("(c) restart to /ready on the initialised folder, right after kill -9",
            String.format("FAILED after %.1f s: %s", (System.nanoTime() - t0) / 1e9,
                e.getMessage().lines().filter(l -> l.contains("ERROR") || l.contains("could not")).findFirst()
                    .orElse(e.getMessage().lines().findFirst().orElse(""))));
      }
    } finally {
      killPostgresOf(data);
    }
  }

  /** Kills (by pid) any postmaster our nodes left running on {@code data} (a kill -9 orphans it on the old code). */
  private static void killPostgresOf(Path data) {
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
          if (cmd.contains("postgres") && cmd.contains(data.toString())) {
            long pid = Long.parseLong(p.getFileName().toString());
            say("    killing postgres pid %d left on %s", pid, data);
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
          }
        } catch (java.io.IOException | RuntimeException ignored) {
          // the process ended while we looked
        }
      }
    } catch (java.io.IOException e) {
      say("    could not list /proc: %s", e.getMessage());
    }
  }
}
