package io.applyflow.analyze;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The analyser's history ({@code analyses}) and the application an added URL becomes ({@code applications} with its
 * {@code created} event, V13). Every query is keyed by the user's id.
 */
public final class Analyses {
  /** The history lists this many analyses, newest first. */
  static final int HISTORY = 50;

  private final Pool pool;

  public Analyses(Pool pool) {
    this.pool = pool;
  }

  /** Stores an analysis ({@code result} as {@link #view} shows it) and returns it with its id and time. */
  public Future<JsonObject> insert(long userId, JsonObject result) {
    return pool.preparedQuery("""
            insert into analyses (user_id, title, company, url, score, result) values ($1, $2, $3, $4, $5, $6)
            returning id, at""")
        .execute(Tuple.of(userId, result.getString("title"), result.getString("company"), result.getString("url"),
            result.getInteger("score"), result))
        .map(rs -> {
          Row row = rs.iterator().next();
          return result.copy().put("id", row.getLong("id")).put("at", at(row.getOffsetDateTime("at")));
        });
  }

  /** The user's latest analyses, newest first, without their details: id, at, title, company, url, score. */
  public Future<JsonArray> list(long userId) {
    return pool.preparedQuery("""
            select id, at, title, company, url, score from analyses where user_id = $1
            order by at desc, id desc limit $2""")
        .execute(Tuple.of(userId, HISTORY))
        .map(rs -> {
          JsonArray out = new JsonArray();
          for (Row row : rs) {
            out.add(new JsonObject().put("id", row.getLong("id")).put("at", at(row.getOffsetDateTime("at")))
                .put("title", row.getString("title")).put("company", row.getString("company"))
                .put("url", row.getString("url")).put("score", row.getInteger("score")));
          }
          return out;
        });
  }

  /** One of the user's analyses with its id and time, or null when the user has none with that id. */
  public Future<JsonObject> find(long userId, long id) {
    return pool.preparedQuery("select id, at, result from analyses where user_id = $1 and id = $2")
        .execute(Tuple.of(userId, id))
        .map(rs -> {
          if (!rs.iterator().hasNext()) {
            return null;
          }
          Row row = rs.iterator().next();
          return row.getJsonObject("result").copy().put("id", row.getLong("id"))
              .put("at", at(row.getOffsetDateTime("at")));
        });
  }

  private static String at(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toString();
  }
}
