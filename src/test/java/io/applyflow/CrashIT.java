package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.applyflow.apply.Browsers;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.Api;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Kills the application (SIGKILL, a separate JVM) after the submit ledger's attempt row is committed and the
 * employer has received the application, but before the confirmation page arrives (the sandbox's slow form holds
 * it back); restarts it on the same database and checks that nothing is submitted a second time.
 */
class CrashIT {
  private static final Path LOGS = Paths.get("target", "crash-it");
  /** Both processes' database, of their own: no other test's app takes their work. */
  private static final io.applyflow.platform.db.Database DATABASE = TestDatabase.fresh("crash");

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Process start(String name, int port, int sandboxPort) throws IOException {
    Files.createDirectories(LOGS);
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-Dvertx.disableDnsResolver=true", "-cp",
        System.getProperty("java.class.path"), "io.applyflow.Main");
    Map<String, String> env = pb.environment();
    env.put("PORT", String.valueOf(port));
    env.put("DATA_DIR", Files.createTempDirectory("applyflow-crash").toString());
    env.put("DATABASE_URL", DATABASE.url());
    env.put("SANDBOX_SLOW_MS", "30000");
    env.put("SANDBOX_PORT", String.valueOf(sandboxPort)); // the same sandbox origin before and after the crash
    env.put("SIGNUPS_PER_HOUR", "1000000"); // every test signs up from 127.0.0.1
    env.put("APPLY_BOARD_INTERVAL_SECONDS", "0");
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    if (chromium != null) {
      env.put("CHROMIUM_PATH", chromium);
    }
    pb.redirectErrorStream(true).redirectOutput(LOGS.resolve(name + ".log").toFile());
    Process p = pb.start();
    Api api = new Api("http://127.0.0.1:" + port);
    await("the " + name + " process to serve", Duration.ofSeconds(90), () -> {
      try {
        return api.get("/health", null).status() == 200;
      } catch (IllegalStateException e) {
        return false;
      }
    });
    return p;
  }

  private static void await(String what, Duration max, BooleanSupplier done) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    fail("timed out waiting for " + what);
  }

  private static String ledgerState(long runId) {
    try (Connection c = DriverManager.getConnection(DATABASE.jdbcUrl(), "postgres", null);
         PreparedStatement st = c.prepareStatement(
             "select l.state from submit_ledger l join jobs j on j.id = l.job_id where j.run_id = ?")) {
      st.setLong(1, runId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aKillBetweenTheLedgerAttemptAndTheConfirmationNeverLeadsToASecondSubmission() throws Exception {
    int port1 = freePort();
    int sandboxPort = freePort();
    Process first = start("first", port1, sandboxPort);
    Api api = new Api("http://127.0.0.1:" + port1);
    String email = Api.uniqueEmail("crash");
    long runId;
    try {
      String token = api.userWithProfile(email);
      runId = api.post("/api/search", token, new JsonObject().put("position", "Solutions Engineer Latency")
          .put("level", "mid").put("mode", "auto").put("limit", 1)).json().getLong("run_id");
      long run = runId;
      await("the ledger's attempt row", Duration.ofSeconds(120), () -> "attempted".equals(ledgerState(run)));
      await("the employer to receive the application", Duration.ofSeconds(30),
          () -> api.submissionsOf(email).size() == 1);
      first.destroyForcibly();
      assertTrue(first.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the process died");
      assertEquals("attempted", ledgerState(runId), "killed before the confirmation was recorded");

      int port2 = freePort();
      Process second = start("second", port2, sandboxPort);
      try {
        Api api2 = new Api("http://127.0.0.1:" + port2);
        String token2 = api2.post("/api/login", null, new JsonObject().put("email", email)
            .put("password", "correct horse 1")).json().getString("token");
        JsonObject finished = api2.awaitRun(runId, token2, Duration.ofSeconds(120));
        assertEquals("done", finished.getString("status"), finished.encodePrettily());
        JsonObject job = finished.getJsonArray("jobs").getJsonObject(0);
        assertEquals("needs_attention", job.getString("status"), finished.encodePrettily());
        JsonArray events = api2.get("/api/job/" + job.getLong("job_id"), token2).json().getJsonArray("events");
        assertTrue(events.getJsonObject(events.size() - 1).getString("message").contains("submit outcome unknown"),
            events.encodePrettily());
        assertEquals(1, api2.submissionsOf(email).size(), "exactly one application reached the employer");
        assertEquals("attempted", ledgerState(runId), "the attempt stays unconfirmed for the user to check");
      } finally {
        second.destroyForcibly();
        second.waitFor();
      }
    } finally {
      first.destroyForcibly();
    }
  }
}
