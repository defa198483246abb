package io.applyflow.support;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * A user and finished runs written straight into a test database, for tests that need real owners for their rows
 * (foreign keys) but no pipeline: a finished run is never claimed by a conductor sharing the database.
 */
public final class JobRows {
  private JobRows() {
  }

  /** A new user with a unique e-mail address; its id. */
  public static long user(Pool pool) {
    return pool.preparedQuery("insert into users (email, name, password_hash) values ($1, 'T', 'x') returning id")
        .execute(Tuple.of(UUID.randomUUID() + "@example.com")).await().iterator().next().getLong("id");
  }

  /** A new finished run of {@code userId}; its id. */
  public static long run(Pool pool, long userId) {
    return pool.preparedQuery("""
            insert into runs (user_id, position, level, job_limit, mode, status) values ($1, 'Engineer', 'mid', 5,
              'review', 'done') returning id""")
        .execute(Tuple.of(userId)).await().iterator().next().getLong("id");
  }
}
