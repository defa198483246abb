package io.applyflow.profile;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.text.Normalizer;

/** Reads and writes a user's profile; every query is keyed by the user's id. */
public final class Profiles {
  private final Pool pool;

  public Profiles(Pool pool) {
    this.pool = pool;
  }

  /**
   * Validates and stores {@code {resume, applicant}} for the user, replacing what was there. The resume's text is
   * kept as the client sent its keys (JSON objects keep their order here; jsonb would not).
   */
  public Future<Void> save(long userId, JsonObject profile) {
    Object resume = profile.getValue("resume");
    return save(userId, profile, resume instanceof JsonObject r ? r.encodePrettily() : null);
  }

  /**
   * Validates and stores {@code {resume, applicant}} with {@code resumeText}, the resume exactly as the user wrote
   * it (shown back on the profile page), replacing what was there.
   */
  public Future<Void> save(long userId, JsonObject profile, String resumeText) {
    try {
      ProfileValidator.validate(profile);
    } catch (Failure.Coded e) {
      return Future.failedFuture(e);
    }
    JsonObject applicant = profile.getJsonObject("applicant", new JsonObject()).copy();
    // names in any script, stored in one Unicode form (NFC) so "é" typed two ways is one name; the resume's own text
    // is kept exactly as written
    for (String key : new String[] {"first_name", "last_name", "preferred_name"}) {
      if (applicant.getValue(key) instanceof String name) {
        applicant.put(key, Normalizer.normalize(name, Normalizer.Form.NFC));
      }
    }
    return pool.preparedQuery("""
            insert into profiles (user_id, resume, applicant, resume_text, updated_at) values ($1, $2, $3, $4, now())
            on conflict (user_id) do update set resume = excluded.resume, applicant = excluded.applicant,
              resume_text = excluded.resume_text, updated_at = now()""")
        .execute(Tuple.of(userId, profile.getJsonObject("resume"), applicant, resumeText))
        .mapEmpty();
  }

  /** The stored profile, or NOT_FOUND. */
  public Future<JsonObject> load(long userId) {
    return find(userId).compose(p -> p == null
        ? Future.failedFuture(Failure.NOT_FOUND.with("no profile yet; PUT /api/profile with your resume first"))
        : Future.succeededFuture(p));
  }

  /**
   * The stored profile, or null: {@code resume} (in the user's key order when their text is kept), {@code applicant},
   * {@code resume_text} (the text as written; a pretty rendering for profiles stored before it was kept) and
   * {@code updated_at}.
   */
  public Future<JsonObject> find(long userId) {
    // one text to parse: the user's own when it is kept, else jsonb's rendering (profiles stored before V5)
    return pool.preparedQuery("""
            select coalesce(resume_text, resume::text) as resume_source, resume_text is not null as kept, applicant,
              updated_at
            from profiles where user_id = $1""")
        .execute(Tuple.of(userId))
        .map(rs -> {
          if (!rs.iterator().hasNext()) {
            return null;
          }
          Row row = rs.iterator().next();
          String source = row.getString("resume_source");
          JsonObject resume = new JsonObject(source);
          String text = row.getBoolean("kept") ? source : resume.encodePrettily();
          return new JsonObject()
              .put("resume", resume)
              .put("resume_text", text)
              .put("applicant", row.getJsonObject("applicant"))
              .put("updated_at", row.getOffsetDateTime("updated_at").toString());
        });
  }
}
