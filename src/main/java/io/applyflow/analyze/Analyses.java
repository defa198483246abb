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

  /**
   * Inserts an application in status NEW from a URL ({@code origin 'url'}) with the posting's fields, its score and
   * analysis, and its {@code created} event, in one transaction; returns the application.
   */
  public Future<JsonObject> insertApplication(long userId, UrlPosting posting, JsonObject analysis) {
    int score = analysis.getInteger("score");
    return pool.withTransaction(conn -> conn.preparedQuery("""
                insert into applications (user_id, status, origin, company, position, url, location, salary,
                  description, score, analysis)
                values ($1, 'NEW', 'url', $2, $3, $4, $5, $6, $7, $8, $9)
                returning id, status, origin, company, position, url, location, salary, description, score, analysis,
                  created_at, updated_at""")
            .execute(Tuple.from(new Object[] {userId, posting.company(), posting.title().isEmpty() ? null
                : posting.title(), posting.url(), posting.location(), posting.salary(), posting.descriptionHtml(),
                score, analysis}))
            .compose(rs -> {
              Row row = rs.iterator().next();
              long id = row.getLong("id");
              String what = posting.title().isEmpty() ? "the posting" : posting.title();
              String message = "Added from " + posting.url() + ": " + what
                  + (posting.company() == null ? "" : " at " + posting.company()) + ", score " + score;
              return conn.preparedQuery("""
                      insert into application_events (application_id, user_id, kind, to_status, message)
                      values ($1, $2, 'created', 'NEW', $3)""")
                  .execute(Tuple.of(id, userId, message))
                  .map(v -> new JsonObject().put("id", id).put("status", row.getString("status"))
                      .put("origin", row.getString("origin")).put("company", row.getString("company"))
                      .put("position", row.getString("position")).put("title", row.getString("position"))
                      .put("url", row.getString("url")).put("location", row.getString("location"))
                      .put("salary", row.getString("salary")).put("description", row.getString("description"))
                      .put("score", row.getInteger("score")).put("analysis", row.getJsonObject("analysis"))
                      .put("created_at", at(row.getOffsetDateTime("created_at")))
                      .put("updated_at", at(row.getOffsetDateTime("updated_at"))));
            }));
  }

  private static String at(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toString();
  }
}
