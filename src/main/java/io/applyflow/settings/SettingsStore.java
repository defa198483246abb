package io.applyflow.settings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Reads and writes a user's settings; every query is keyed by the user's id. No row means the defaults. */
public final class SettingsStore {
  private final Pool pool;

  public SettingsStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Settings> load(long userId) {
    return pool.preparedQuery("""
            select accept_threshold, clarify_threshold, send_cover_letter_in_auto, resume_template, paper,
              resume_pages from user_settings
            where user_id = $1""")
        .execute(Tuple.of(userId))
        .map(rs -> {
          if (!rs.iterator().hasNext()) {
            return Settings.DEFAULTS;
          }
          Row r = rs.iterator().next();
          return new Settings(r.getInteger("accept_threshold"), r.getInteger("clarify_threshold"),
              r.getBoolean("send_cover_letter_in_auto"), r.getString("resume_template"), r.getString("paper"),
              r.getInteger("resume_pages"));
        });
  }

  public Future<Settings> save(long userId, Settings s) {
    return pool.preparedQuery("""
            insert into user_settings (user_id, accept_threshold, clarify_threshold, send_cover_letter_in_auto,
              resume_template, paper, resume_pages, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, now())
            on conflict (user_id) do update set accept_threshold = excluded.accept_threshold,
              clarify_threshold = excluded.clarify_threshold,
              send_cover_letter_in_auto = excluded.send_cover_letter_in_auto,
              resume_template = excluded.resume_template, paper = excluded.paper,
              resume_pages = excluded.resume_pages, updated_at = now()""")
        .execute(Tuple.of(userId, s.acceptThreshold(), s.clarifyThreshold(), s.sendCoverLetterInAuto(),
            s.resumeTemplate(), s.paper(), s.resumePages()))
        .map(rs -> s);
  }
}
