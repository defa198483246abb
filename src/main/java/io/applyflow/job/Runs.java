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

  /** A running run this node's conductor now owns, and whether its search already finished. */
  public record Owned(long id, long userId, boolean searched) {
  }

  /**
   * Takes ownership of up to {@code max} running runs that no live lease holds ({@code FOR UPDATE SKIP LOCKED}, so
   * two conductors never take the same run): the lease runs {@code ttl} from now and is renewed by {@link Leases}.
   */
  public Future<List<Owned>> claim(String node, java.time.Duration ttl, int max) {
    return pool.preparedQuery("""
            update runs r set owner = $1, owner_until = now() + make_interval(secs => $2)
            where r.id in (select id from runs where status = 'running'
                             and (owner is null or owner_until < now()) order by id limit $3
                           for update skip locked)
            returning r.id, r.user_id, (r.searched_at is not null) as searched""")
        .execute(Tuple.of(node, (double) ttl.toSeconds(), max))
        .map(rs -> {
          List<Owned> out = new ArrayList<>();
          rs.forEach(r -> out.add(new Owned(r.getLong("id"), r.getLong("user_id"), r.getBoolean("searched"))));
          return out;
        });
  }

  /** Records that the run's search finished (its jobs are all in); false when {@code node} no longer owns it. */
  public Future<Boolean> searched(long runId, String node) {
    return pool.preparedQuery("""
            update runs set searched_at = now() where id = $1 and owner = $2 and status = 'running' returning id""")
        .execute(Tuple.of(runId, node)).map(rs -> rs.iterator().hasNext());
  }

  /** The run as its owner sees it, or null when {@code node} does not own it (any more) or it ended. */
  public Future<Owned> ownedState(long runId, String node) {
    return pool.preparedQuery("""
            select id, user_id, (searched_at is not null) as searched from runs
            where id = $1 and owner = $2 and status = 'running'""")
        .execute(Tuple.of(runId, node))
        .map(rs -> {
          if (!rs.iterator().hasNext()) {
            return null;
          }
          Row r = rs.iterator().next();
          return new Owned(r.getLong("id"), r.getLong("user_id"), r.getBoolean("searched"));
        });
  }

  /** How many of the run's jobs are still on their way (neither final nor waiting for the user). */
  public Future<Long> unsettled(long runId) {
    String[] moving = java.util.Arrays.stream(JobStatus.values()).filter(s -> !s.isSettled()).map(JobStatus::db)
        .toArray(String[]::new);
    return pool.preparedQuery("select count(*) as n from jobs where run_id = $1 and status = any($2)")
        .execute(Tuple.tuple().addLong(runId).addArrayOfString(moving)).map(rs -> rs.iterator().next().getLong("n"));
  }

  /**
   * Ends a run this node owns ({@code done} or {@code failed}) and gives up its lease; false when another owner
   * (or nobody: it already ended) holds it.
   */
  public Future<Boolean> finishOwned(long runId, long userId, String status, String error, String node) {
    return pool.preparedQuery("""
            update runs set status = $3, error = $4, finished_at = now(), owner = null, owner_until = null
            where id = $1 and user_id = $2 and owner = $5 and status = 'running' returning id""")
        .execute(Tuple.of(runId, userId, status, error, node))
        .map(rs -> {
          boolean ended = rs.iterator().hasNext();
          if (ended) {
            JobBus.publish(bus, new JobBus.Progress(runId, 0, userId, status));
          }
          return ended;
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
