package io.applyflow.profile;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Reads and writes a user's profile; every query is keyed by the user's id. */
public final class Profiles {
  private final Pool pool;

  public Profiles(Pool pool) {
    this.pool = pool;
  }

  /** Validates and stores {@code {resume, applicant}} for the user, replacing what was there. */
  public Future<Void> save(long userId, JsonObject profile) {
    try {
      ProfileValidator.validate(profile);
    } catch (Failure.Coded e) {
      return Future.failedFuture(e);
    }
    JsonObject applicant = profile.getJsonObject("applicant", new JsonObject());
    return pool.preparedQuery("""
            insert into profiles (user_id, resume, applicant, updated_at) values ($1, $2, $3, now())
            on conflict (user_id) do update set resume = excluded.resume, applicant = excluded.applicant,
              updated_at = now()""")
        .execute(Tuple.of(userId, profile.getJsonObject("resume"), applicant))
        .mapEmpty();
  }

  /** The stored profile, or NOT_FOUND. */
  public Future<JsonObject> load(long userId) {
    return find(userId).compose(p -> p == null
        ? Future.failedFuture(Failure.NOT_FOUND.with("no profile yet; PUT /api/profile with your resume first"))
        : Future.succeededFuture(p));
  }

  /** The stored profile, or null. */
  public Future<JsonObject> find(long userId) {
    return pool.preparedQuery("select resume, applicant, updated_at from profiles where user_id = $1")
        .execute(Tuple.of(userId))
        .map(rs -> {
          if (!rs.iterator().hasNext()) {
            return null;
          }
          Row row = rs.iterator().next();
          return new JsonObject()
              .put("resume", row.getJsonObject("resume"))
              .put("applicant", row.getJsonObject("applicant"))
              .put("updated_at", row.getOffsetDateTime("updated_at").toString());
        });
  }
}
