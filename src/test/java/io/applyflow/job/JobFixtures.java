package io.applyflow.job;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Users, runs and jobs written straight into a test database, for the tests of the job core. */
final class JobFixtures {
  private JobFixtures() {
  }

  static long user(Pool pool) {
    return pool.preparedQuery("insert into users (email, name, password_hash) values ($1, 'T', 'x') returning id")
        .execute(Tuple.of(UUID.randomUUID() + "@example.com")).await().iterator().next().getLong("id");
  }

  static long run(Pool pool, long userId, String status) {
    return pool.preparedQuery("""
            insert into runs (user_id, position, level, job_limit, mode, status) values ($1, 'Engineer', 'mid', 50,
              'auto', $2) returning id""")
        .execute(Tuple.of(userId, status)).await().iterator().next().getLong("id");
  }

  /** {@code n} jobs of the run in {@code status}, each with its first event; their ids in insertion order. */
  static List<Long> jobs(Pool pool, long runId, long userId, JobStatus status, int n) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long id = pool.preparedQuery("""
              insert into jobs (run_id, user_id, source, board, external_id, api_url, url, title, company, location,
                status) values ($1, $2, 'greenhouse', 'acme', $3, 'http://127.0.0.1/api', 'http://127.0.0.1/job',
                'Engineer', 'Acme', '', $4) returning id""")
          .execute(Tuple.of(runId, userId, UUID.randomUUID().toString(), status.db()))
          .await().iterator().next().getLong("id");
      pool.preparedQuery("""
              insert into job_events (job_id, user_id, stage, status, message) values ($1, $2, 'test', $3, 'made')""")
          .execute(Tuple.of(id, userId, status.db())).await();
      ids.add(id);
    }
    return ids;
  }

  static JobStatus status(Pool pool, long jobId) {
    return JobStatus.of(pool.preparedQuery("select status from jobs where id = $1").execute(Tuple.of(jobId)).await()
        .iterator().next().getString("status"));
  }
}
