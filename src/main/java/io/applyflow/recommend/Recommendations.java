package io.applyflow.recommend;

import io.applyflow.platform.bus.Failure;
import io.applyflow.job.Jobs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's discovery settings (own watch-list, interval, saved searches) and recommendations feed in Postgres; every
 * query is keyed by the user's id, except {@link #claimDue}, which picks the users whose discovery is due.
 */
public final class Recommendations {
  private final Pool pool;

  public Recommendations(Pool pool) {
    this.pool = pool;
  }

  /** A user's discovery settings. {@code intervalHours} null: the default ({@code RECOMMEND_EVERY_HOURS}). */
  public record Setup(List<String> watchlist, Integer intervalHours, List<Discovery.SavedSearch> searches,
                      OffsetDateTime lastRunAt) {
    public JsonObject toJson(int defaultHours) {
      List<JsonObject> s = searches.stream().map(x -> new JsonObject().put("id", x.id()).put("position", x.position())
          .put("level", x.level()).put("location", x.location())).toList();
      return new JsonObject().put("watchlist", watchlist).put("interval_hours", intervalHours == null ? defaultHours
              : intervalHours).put("default_interval_hours", defaultHours).put("searches", s)
          .put("last_run_at", lastRunAt == null ? null : lastRunAt.toString());
    }
  }

  /** One row of the feed. */
  public record Item(long id, String source, String board, String title, String company, String location, String url,
                     Integer score, OffsetDateTime foundAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("source", source).put("board", board).put("title", title)
          .put("company", company).put("location", location).put("url", url).put("score", score)
          .put("found_at", foundAt.toString());
    }
  }

  public Future<Setup> setup(long userId) {
    return pool.preparedQuery("""
            select watchlist, interval_hours, last_run_at from recommend_settings where user_id = $1""")
        .execute(Tuple.of(userId))
        .compose(rs -> searches(userId).map(searches -> {
          if (!rs.iterator().hasNext()) {
            return new Setup(List.of(), null, searches, null);
          }
          Row r = rs.iterator().next();
          return new Setup(List.of(r.getArrayOfStrings("watchlist")), r.getInteger("interval_hours"), searches,
              r.getOffsetDateTime("last_run_at"));
        }));
  }

  private Future<List<Discovery.SavedSearch>> searches(long userId) {
    return pool.preparedQuery("""
            select id, position, level, location from recommend_searches where user_id = $1 order by id""")
        .execute(Tuple.of(userId))
        .map(rs -> {
          List<Discovery.SavedSearch> out = new ArrayList<>();
          rs.forEach(r -> out.add(new Discovery.SavedSearch(r.getLong("id"), r.getString("position"),
              r.getString("level"), r.getString("location"))));
          return out;
        });
  }

  /** Replaces the user's own watch-list and interval (null: the default). */
  public Future<Void> saveSettings(long userId, List<String> watchlist, Integer intervalHours) {
    return pool.preparedQuery("""
            insert into recommend_settings (user_id, watchlist, interval_hours, updated_at) values ($1, $2, $3, now())
            on conflict (user_id) do update set watchlist = excluded.watchlist,
              interval_hours = excluded.interval_hours, updated_at = now()""")
        .execute(Tuple.of(userId, watchlist.toArray(new String[0]), intervalHours))
        .mapEmpty();
  }

  /** Adds a saved search (and the user's settings row, so the scheduler sees the user); answers its id. */
  public Future<Long> addSearch(long userId, String position, String level, String location) {
    return pool.withTransaction(conn -> conn.preparedQuery("""
            insert into recommend_settings (user_id) values ($1) on conflict (user_id) do nothing""")
        .execute(Tuple.of(userId))
        .compose(v -> conn.preparedQuery("select count(*) as n from recommend_searches where user_id = $1")
            .execute(Tuple.of(userId)))
        .compose(rs -> rs.iterator().next().getLong("n") >= 20
            ? Future.failedFuture(Failure.BAD_INPUT.with("position: you have 20 saved searches, the most there may be;"
                + " remove one first"))
            : conn.preparedQuery("""
                    insert into recommend_searches (user_id, position, level, location) values ($1, $2, $3, $4)
                    returning id""")
                .execute(Tuple.of(userId, position, level, location))
                .map(r -> r.iterator().next().getLong("id"))));
  }

  /** Removes one of the user's saved searches; false when the user has no such search. */
  public Future<Boolean> removeSearch(long userId, long id) {
    return pool.preparedQuery("delete from recommend_searches where id = $1 and user_id = $2")
        .execute(Tuple.of(id, userId)).map(rs -> rs.rowCount() > 0);
  }

  /** Replaces all of the user's saved searches (the API's PUT). */
  public Future<Void> replaceSearches(long userId, List<Discovery.SavedSearch> searches) {
    return pool.withTransaction(conn -> {
      Future<?> chain = conn.preparedQuery("delete from recommend_searches where user_id = $1")
          .execute(Tuple.of(userId));
      for (Discovery.SavedSearch s : searches) {
        chain = chain.compose(v -> conn.preparedQuery("""
                insert into recommend_searches (user_id, position, level, location) values ($1, $2, $3, $4)""")
            .execute(Tuple.of(userId, s.position(), s.level(), s.location())));
      }
      return chain.mapEmpty();
    });
  }

  /**
   * Claims up to {@code max} users whose discovery is due and marks them run now, in one statement: a user with a
   * profile and something to discover from (an own watch-list or a saved search) whose last pass is older than their
   * interval ({@code defaultHours} when unset). {@code for update skip locked} and the re-checked condition make two
   * nodes claiming at once take disjoint users, so a user is never run twice for one interval.
   */
  public Future<List<Long>> claimDue(int defaultHours, int max) {
    return pool.preparedQuery("""
            update recommend_settings s set last_run_at = now()
            where s.user_id in (
                select d.user_id from recommend_settings d
                where (d.last_run_at is null
                    or d.last_run_at <= now() - make_interval(hours => coalesce(d.interval_hours, $1)))
                  and exists (select 1 from profiles p where p.user_id = d.user_id)
                  and (cardinality(d.watchlist) > 0
                    or exists (select 1 from recommend_searches r where r.user_id = d.user_id))
                order by d.last_run_at nulls first
                limit $2
                for update skip locked)
              and (s.last_run_at is null
                or s.last_run_at <= now() - make_interval(hours => coalesce(s.interval_hours, $1)))
            returning s.user_id""")
        .execute(Tuple.of(defaultHours, max))
        .map(rs -> {
          List<Long> ids = new ArrayList<>();
          rs.forEach(r -> ids.add(r.getLong("user_id")));
          return ids;
        });
  }

  /**
   * A manual refresh: at most one a minute per user. Answers 0 when it may run now (and marks it, and the scheduled
   * pass, as run now), else the seconds until the next one is allowed.
   */
  public Future<Long> claimRefresh(long userId) {
    return pool.preparedQuery("""
            insert into recommend_settings (user_id, last_run_at, last_refresh_at) values ($1, now(), now())
            on conflict (user_id) do update set last_run_at = now(), last_refresh_at = now()
              where recommend_settings.last_refresh_at is null
                or recommend_settings.last_refresh_at <= now() - interval '1 minute'
            returning user_id""")
        .execute(Tuple.of(userId))
        .compose(rs -> rs.rowCount() > 0 ? Future.succeededFuture(0L) : pool.preparedQuery("""
                select greatest(1, ceil(extract(epoch from last_refresh_at + interval '1 minute' - now())))::bigint
                  as wait from recommend_settings where user_id = $1""")
            .execute(Tuple.of(userId)).map(w -> w.iterator().next().getLong("wait")));
  }

  /** The keys ({@link Discovery#key}) of every posting in the user's feed, dismissed ones too. */
  public Future<Set<String>> knownKeys(long userId) {
    return pool.preparedQuery("select source, board, external_id from recommendations where user_id = $1")
        .execute(Tuple.of(userId))
        .map(rs -> {
          Set<String> keys = new HashSet<>();
          rs.forEach(r -> keys.add(r.getString("source") + ":" + r.getString("board") + ":"
              + r.getString("external_id")));
          return keys;
        });
  }

  /** Adds a scored posting to the feed; false when the user already has it (the posting appears once). */
  public Future<Boolean> insert(long userId, Jobs.Posting p, Integer score, JsonObject detail, OffsetDateTime found) {
    return pool.preparedQuery("""
            insert into recommendations (user_id, source, board, external_id, title, company, location, url, api_url,
              score, score_detail, found_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            on conflict on constraint recommendations_once do nothing""")
        .execute(Tuple.from(new Object[] {userId, p.source(), p.board(), p.externalId(), p.title(), p.company(),
            p.location(), p.url() == null || p.url().isEmpty() ? null : p.url(), p.apiUrl(), score, detail, found}))
        .map(rs -> rs.rowCount() > 0);
  }

  /** The user's feed, not dismissed: newest pass first, highest score first within it. */
  public Future<List<Item>> feed(long userId, int limit) {
    return pool.preparedQuery("""
            select id, source, board, title, company, location, url, score, found_at from recommendations
            where user_id = $1 and dismissed_at is null
            order by found_at desc, score desc nulls last, id desc
            limit $2""")
        .execute(Tuple.of(userId, limit))
        .map(rs -> {
          List<Item> out = new ArrayList<>();
          rs.forEach(r -> out.add(new Item(r.getLong("id"), r.getString("source"), r.getString("board"),
              r.getString("title"), r.getString("company"), r.getString("location"), r.getString("url"),
              r.getInteger("score"), r.getOffsetDateTime("found_at"))));
          return out;
        });
  }

  /** Dismisses one of the user's recommendations (again is fine); NOT_FOUND when the user has none with this id. */
  public Future<Void> dismiss(long userId, long id) {
    return pool.preparedQuery("""
            update recommendations set dismissed_at = coalesce(dismissed_at, now()) where id = $1 and user_id = $2""")
        .execute(Tuple.of(id, userId))
        .compose(rs -> rs.rowCount() > 0 ? Future.<Void>succeededFuture()
            : Future.failedFuture(Failure.NOT_FOUND.with("You have no recommendation " + id + ".")));
  }
}
