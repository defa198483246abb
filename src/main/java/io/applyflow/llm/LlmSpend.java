package io.applyflow.llm;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What LLM requests cost, in Postgres ({@code llm_calls}, one row per request or cache hit), and the budgets they
 * must fit: the provider account's tokens for the day (UTC) and the run's. Shared by every node, kept across restarts.
 *
 * <p>{@link #reserve} counts a request before it is sent: under a transaction-scoped advisory lock on the account it
 * sums what the account spent today and the run spent so far (reservations in flight included) and inserts the
 * request as {@code reserved} only if both budgets still hold its cost; otherwise it fails with a CONFLICT whose
 * message starts with {@link #DAY_SPENT} or {@link #RUN_SPENT}. The answer {@link #settle}s the row to what the
 * server reported, a request without an answer gives its tokens back ({@link #giveBack}). A node that dies in
 * between leaves its reservation counted.
 */
public final class LlmSpend {
  /** How the message of a failure for the day's budget starts. */
  public static final String DAY_SPENT = "the LLM's token budget for today is spent";
  /** How the message of a failure for the run's budget starts. */
  public static final String RUN_SPENT = "the LLM's token budget for this run is spent";

  private static final Logger LOG = LoggerFactory.getLogger(LlmSpend.class);

  private final Pool pool;

  public LlmSpend(Pool pool) {
    this.pool = pool;
  }

  /** Who asks, for what, counted against which budgets. {@code runId}/{@code jobId} may be null. */
  public record Charge(long userId, Long runId, Long jobId, String account, String model, String purpose,
                       long dayBudget, long runBudget) {
  }

  /** Tokens and requests of a job, a run, or a user's day or month. */
  public record Usage(long tokens, long requests, long cached) {
    /** {@code {tokens, requests, cached}}, as the API gives it. */
    public io.vertx.core.json.JsonObject json() {
      return new io.vertx.core.json.JsonObject().put("tokens", tokens).put("requests", requests).put("cached", cached);
    }
  }

  /** True when {@code t} is a refusal for one of the budgets. */
  public static boolean isBudget(Throwable t) {
    String m = t == null ? null : t.getMessage();
    return m != null && (m.startsWith(DAY_SPENT) || m.startsWith(RUN_SPENT));
  }

  /** Reserves {@code tokens} for a request; answers the row's id, or fails naming the budget it would break. */
  public Future<Long> reserve(Charge c, long tokens) {
    return pool.withTransaction(conn -> conn
        .preparedQuery("select pg_advisory_xact_lock(hashtextextended('llm:' || $1, 13))")
        .execute(Tuple.of(c.account()))
        .compose(v -> conn.preparedQuery("""
                select coalesce(sum(tokens) filter (where account = $1 and day = (now() at time zone 'utc')::date), 0)
                         as today,
                       coalesce(sum(tokens) filter (where run_id = $2), 0) as run
                from llm_calls
                where (account = $1 and day = (now() at time zone 'utc')::date) or run_id = $2""")
            .execute(Tuple.of(c.account(), c.runId())))
        .compose(rs -> {
          Row r = rs.iterator().next();
          long today = r.getLong("today");
          long run = r.getLong("run");
          if (today + tokens > c.dayBudget()) {
            return Future.failedFuture(Failure.CONFLICT.with(DAY_SPENT + ": " + today + " of " + c.dayBudget()
                + " tokens used today (UTC), and this request may cost " + tokens));
          }
          if (c.runId() != null && run + tokens > c.runBudget()) {
            return Future.failedFuture(Failure.CONFLICT.with(RUN_SPENT + ": " + run + " of " + c.runBudget()
                + " tokens used by this run, and this request may cost " + tokens));
          }
          return conn.preparedQuery("""
                  insert into llm_calls (user_id, run_id, job_id, account, model, purpose, state, counted_tokens, tokens)
                  values ($1, $2, $3, $4, $5, $6, 'reserved', $7, $7) returning id""")
              .execute(Tuple.of(c.userId(), c.runId(), c.jobId(), c.account(), c.model(), c.purpose(), tokens))
              .map(ins -> ins.iterator().next().getLong("id"));
        }));
  }

  /** Replaces a reservation by what the server reported. Never fails: an unsettled reservation stays counted. */
  public Future<Void> settle(long id, long promptTokens, long completionTokens) {
    return pool.preparedQuery("""
            update llm_calls set state = 'answered', prompt_tokens = $2::int, completion_tokens = $3::int,
              tokens = $2::int + $3::int
            where id = $1""")
        .execute(Tuple.of(id, promptTokens, completionTokens)).<Void>mapEmpty()
        .recover(t -> {
          LOG.warn("could not settle LLM request {}; its reservation stays counted: {}", id, t.getMessage());
          return Future.succeededFuture();
        });
  }

  /** A request that got no answer costs nothing. Never fails. */
  public Future<Void> giveBack(long id) {
    return pool.preparedQuery("update llm_calls set state = 'failed', tokens = 0 where id = $1")
        .execute(Tuple.of(id)).<Void>mapEmpty()
        .recover(t -> {
          LOG.warn("could not give back LLM request {}; its reservation stays counted: {}", id, t.getMessage());
          return Future.succeededFuture();
        });
  }

  /** Records a cache hit (0 tokens), so the job and run pages can say what the cache saved. Never fails. */
  public Future<Void> cached(Charge c) {
    return pool.preparedQuery("""
            insert into llm_calls (user_id, run_id, job_id, account, model, purpose, state, counted_tokens, tokens)
            values ($1, $2, $3, $4, $5, $6, 'cached', 0, 0)""")
        .execute(Tuple.of(c.userId(), c.runId(), c.jobId(), c.account(), c.model(), c.purpose())).<Void>mapEmpty()
        .recover(t -> {
          LOG.warn("could not record an LLM cache hit: {}", t.getMessage());
          return Future.succeededFuture();
        });
  }

  /** What {@code jobId} cost its owner. */
  public Future<Usage> job(long jobId, long userId) {
    return usage("job_id = $1 and user_id = $2", Tuple.of(jobId, userId));
  }

  /** What {@code runId} cost its owner. */
  public Future<Usage> run(long runId, long userId) {
    return usage("run_id = $1 and user_id = $2", Tuple.of(runId, userId));
  }

  /** What {@code userId} spent today (UTC day). */
  public Future<Usage> userToday(long userId) {
    return usage("user_id = $1 and day = (now() at time zone 'utc')::date", Tuple.of(userId));
  }

  /** What {@code userId} spent this calendar month (UTC), today included. */
  public Future<Usage> userMonth(long userId) {
    return usage("user_id = $1 and day >= date_trunc('month', now() at time zone 'utc')::date", Tuple.of(userId));
  }

  /** What {@code account} spent today (UTC), every user of it together. */
  public Future<Usage> accountToday(String account) {
    return usage("account = $1 and day = (now() at time zone 'utc')::date", Tuple.of(account));
  }

  private Future<Usage> usage(String where, Tuple args) {
    return pool.preparedQuery("""
            select coalesce(sum(tokens), 0) as tokens,
                   count(*) filter (where state in ('reserved', 'answered')) as requests,
                   count(*) filter (where state = 'cached') as cached
            from llm_calls where\s""" + where)
        .execute(args)
        .map(rs -> {
          Row r = rs.iterator().next();
          return new Usage(r.getLong("tokens"), r.getLong("requests"), r.getLong("cached"));
        });
  }
}
