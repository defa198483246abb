package io.applyflow.platform.security;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;

/**
 * The installation's own random secrets, kept in Postgres (table {@code server_secrets}) so every node of a cluster
 * and every restart uses the same one. The first node to start creates it; the others read that one.
 */
public final class ServerSecret {
  private ServerSecret() {
  }

  /** The secret called {@code name} (32 random bytes), created on first use. */
  public static Future<byte[]> load(Pool pool, String name) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    return pool.preparedQuery("insert into server_secrets (name, value) values ($1, $2) on conflict (name) do nothing")
        .execute(Tuple.of(name, Buffer.buffer(fresh)))
        .compose(v -> pool.preparedQuery("select value from server_secrets where name = $1").execute(Tuple.of(name)))
        .map(rs -> rs.iterator().next().getBuffer("value").getBytes());
  }
}
