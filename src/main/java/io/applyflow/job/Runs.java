package io.applyflow.job;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Runs in Postgres, always read through the owner's id. */
public final class Runs {
  private final Pool pool;
  private final EventBus bus;

  public Runs(Pool pool, EventBus bus) {
    this.pool = pool;
    this.bus = bus;
  }

  public record Run(long id, long userId, String position, String level, String location, int limit, String mode,
                    String status, String error, String createdAt, String finishedAt) {
    static Run from(Row r) {
      return new Run(r.getLong("id"), r.getLong("user_id"), r.getString("position"), r.getString("level"),
          r.getString("location"), r.getInteger("job_limit"), r.getString("mode"), r.getString("status"),
          r.getString("error"), r.getOffsetDateTime("created_at").toString(),
          r.getOffsetDateTime("finished_at") == null ? null : r.getOffsetDateTime("finished_at").toString());
    }

    public JsonObject json() {
      return new JsonObject().put("run_id", id).put("status", status).put("position", position).put("level", level)
          .put("location", location).put("limit", limit).put("mode", mode).put("error", error)
          .put("created_at", createdAt).put("finished_at", finishedAt);
    }
  }

  private static final String COLUMNS =
      "id, user_id, position, level, location, job_limit, mode, status, error, created_at, finished_at";

  /** Keys the advisory lock of starting a run apart from any other use of advisory locks. */
  private static final long START_LOCK = 0x52554E53_00000000L;

  /**
   * Creates a run unless the user already has {@code maxRunning} runs going (CONFLICT naming the cap and the
   * count). A per-user advisory lock makes the count and the insert one step, so two starts at once cannot both
   * pass the check.
   */
  public Future<Long> create(long userId, String position, String level, String location, int limit, String mode,
                             int maxRunning) {
    return pool.withTransaction(conn -> conn.preparedQuery("select pg_advisory_xact_lock($1)")
        .execute(Tuple.of(START_LOCK ^ userId))
        .compose(v -> conn.preparedQuery("select count(*) as n from runs where user_id = $1 and status = 'running'")
            .execute(Tuple.of(userId)))
        .compose(rs -> {
          long going = rs.iterator().next().getLong("n");
          if (going >= maxRunning) {
            return Future.failedFuture(Failure.CONFLICT.with(tooMany(going, maxRunning)));
          }
          return conn.preparedQuery("""
                  insert into runs (user_id, position, level, location, job_limit, mode)
                  values ($1, $2, $3, $4, $5, $6) returning id""")
              .execute(Tuple.of(userId, position, level, location, limit, mode))
              .map(ids -> ids.iterator().next().getLong("id"));
        }));
  }

  /** The refusal of a run past the cap, in words a person can act on. */
  static String tooMany(long going, int max) {
    return "You already have " + going + (going == 1 ? " run" : " runs") + " going, and " + max
        + " at a time is the limit (RUNS_PER_USER); wait for one to finish, then start this one.";
  }

  public Future<Run> get(long runId, long userId) {
    return pool.preparedQuery("select " + COLUMNS + " from runs where id = $1 and user_id = $2")
        .execute(Tuple.of(runId, userId))
        .compose(rs -> rs.iterator().hasNext()
            ? Future.succeededFuture(Run.from(rs.iterator().next()))
            : Future.failedFuture(Failure.NOT_FOUND.with("no run " + runId)));
  }

  public Future<List<Run>> ofUser(long userId, int limit) {
    return pool.preparedQuery("select " + COLUMNS + " from runs where user_id = $1 order by id desc limit $2")
        .execute(Tuple.of(userId, limit))
        .map(rs -> {
          List<Run> out = new ArrayList<>();
          rs.forEach(r -> out.add(Run.from(r)));
          return out;
        });
  }

  /** Runs still marked running, of every user: the recovery list at start-up. */
  public Future<List<Run>> unfinished() {
    return pool.query("select " + COLUMNS + " from runs where status = 'running' order by id").execute()
        .map(rs -> {
          List<Run> out = new ArrayList<>();
          rs.forEach(r -> out.add(Run.from(r)));
          return out;
        });
  }

  public Future<Void> finish(long runId, long userId, String status, String error) {
    return pool.preparedQuery("""
            update runs set status = $3, error = $4, finished_at = now() where id = $1 and user_id = $2""")
        .execute(Tuple.of(runId, userId, status, error))
        .onSuccess(rs -> JobBus.publish(bus, new JobBus.Progress(runId, 0, userId, status)))
        .mapEmpty();
  }
}
