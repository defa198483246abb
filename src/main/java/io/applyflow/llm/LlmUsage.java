package io.applyflow.llm;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * What a user's LLM calls cost, read from {@code llm_calls} with the user's id only: the tokens the server reported
 * (a reservation still in flight counts with its reserved tokens, a failed request and a cache hit with 0), the
 * requests it answered and the requests answered from the cache. Days are UTC days, as {@code llm_calls.day}.
 */
public final class LlmUsage {
  private final Pool pool;

  public LlmUsage(Pool pool) {
    this.pool = pool;
  }

  /**
   * @param tokens   the tokens of the period
   * @param requests requests the server answered ({@code state = 'answered'})
   * @param cached   requests answered from the cache ({@code state = 'cached'}), at no cost
   */
  public record Usage(long tokens, long requests, long cached) {
    public io.vertx.core.json.JsonObject toJson() {
      return new io.vertx.core.json.JsonObject().put("tokens", tokens).put("requests", requests).put("cached", cached);
    }
  }

  /** The user's usage of today (UTC). */
  public Future<Usage> today(long userId) {
    return usage("""
        select coalesce(sum(tokens), 0) as tokens, count(*) filter (where state = 'answered') as requests,
          count(*) filter (where state = 'cached') as cached
        from llm_calls
        where user_id = $1 and day = (now() at time zone 'utc')::date""", userId);
  }

  /** The user's usage of this calendar month (UTC), today included. */
  public Future<Usage> month(long userId) {
    return usage("""
        select coalesce(sum(tokens), 0) as tokens, count(*) filter (where state = 'answered') as requests,
          count(*) filter (where state = 'cached') as cached
        from llm_calls
        where user_id = $1 and day >= date_trunc('month', now() at time zone 'utc')::date
          and day <= (now() at time zone 'utc')::date""", userId);
  }

  private Future<Usage> usage(String sql, long userId) {
    return pool.preparedQuery(sql).execute(Tuple.of(userId)).map(rs -> {
      Row r = rs.iterator().next();
      return new Usage(r.getLong("tokens"), r.getLong("requests"), r.getLong("cached"));
    });
  }
}
