package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a restart finds in Postgres and what it does with it: the state a stopped process leaves is written into
 * the database directly, then a fresh Applyflow starts on the same database and picks it up.
 */
class RecoveryIT {
  private final Api api = TestApp.api();

  private static Connection db() throws SQLException {
    return DriverManager.getConnection(TestDatabase.shared().jdbcUrl(), "postgres", null);
  }

  private static long update(String sql, Object... args) throws SQLException {
    try (Connection c = db(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      if (sql.trim().startsWith("insert") && sql.contains("returning")) {
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
      return st.executeUpdate();
    }
  }

  private static Applyflow restarted() {
    // the jobs were found on the shared app's sandbox, which keeps running: the restarted node may open its origin
    return TestApp.start(Map.of("APPLY_ALLOWED_ORIGINS", TestApp.shared().sandboxUrl()));
  }

  @Test
  void aRestartFinishesRunsAndNeverResubmitsAnInterruptedApproval() throws Exception {
    String email = Api.uniqueEmail("restart");
    String token = api.userWithProfile(email);
    long userId = userIdOf(email);

    // 1. a run the process accepted but never searched for
    long orphanRun = update("""
        insert into runs (user_id, position, level, job_limit, mode) values (?, 'Software Engineer', 'entry', 1, 'review')
        returning id""", userId);

    // 2. two approved review jobs that were applying when the process stopped; one had reached the ledger
    long reviewRun = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "mid").put("limit", 3)).json().getLong("run_id");
    var jobs = api.awaitRun(reviewRun, token, Duration.ofSeconds(120)).getJsonArray("jobs");
    long clean = jobs.getJsonObject(0).getLong("job_id");
    long attempted = jobs.getJsonObject(1).getLong("job_id");
    long stranded = jobs.getJsonObject(2).getLong("job_id");
    update("update jobs set status = 'applying' where id in (?, ?)", clean, attempted);
    // 3. a job of a finished run interrupted between stages (approved from the clarify queue, say), under the lease of
    //    a node that died: any node takes it up once the lease has run out, whatever its run's status
    update("""
        update jobs set status = 'accepted', lease_owner = 'a-node-that-died', lease_until = now() - interval '1 second'
        where id = ?""", stranded);
    update("""
        insert into submit_ledger (user_id, job_id, source, board, external_id)
        select user_id, id, source, board, external_id from jobs where id = ?""", attempted);

    try (Applyflow second = restarted()) {
      Api api2 = new Api("http://127.0.0.1:" + second.port());
      JsonObject run = api2.awaitRun(orphanRun, token, Duration.ofSeconds(120));
      assertEquals("done", run.getString("status"), run.encodePrettily());
      assertEquals(1, run.getJsonArray("jobs").size());
      assertEquals("awaiting_approval", run.getJsonArray("jobs").getJsonObject(0).getString("status"));

      api2.awaitJob(clean, token, "awaiting_approval", Duration.ofSeconds(60));
      JsonObject unknown = api2.awaitJob(attempted, token, "needs_attention", Duration.ofSeconds(60));
      var events = unknown.getJsonArray("events");
      assertTrue(events.getJsonObject(events.size() - 1).getString("message").contains("submit outcome unknown"));
      JsonObject resumed = api2.awaitJob(stranded, token, "awaiting_approval", Duration.ofSeconds(120));
      var after = resumed.getJsonArray("events");
      assertTrue(after.stream().map(e -> ((JsonObject) e).getString("stage")).filter("tailor"::equals).count() >= 2,
          "tailored again after it was stranded: " + after.encodePrettily());
      assertEquals(0, api2.submissionsOf(email).size(), "nothing was submitted by the recovery");
    }
  }

  private static long userIdOf(String email) throws SQLException {
    try (Connection c = db(); PreparedStatement st = c.prepareStatement("select id from users where email = ?")) {
      st.setString(1, email.toLowerCase());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
