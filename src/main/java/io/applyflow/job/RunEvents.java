package io.applyflow.job;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to a run as a whole ({@code run_events}): today the problems of its search, one per source it could
 * not read (an unknown board, a board answering 500, Serper failing), so a failing board does not just disappear
 * from the run. Every read and write names the owner's user id; a write publishes {@code run.progress} with job id 0,
 * so the run page shows the line at once.
 */
public final class RunEvents {
  /** The kind of a source that could not be read. */
  public static final String PROBLEM = "problem";
  private static final int MAX_MESSAGE = 2000;

  private final Pool pool;
  private final EventBus bus;

  public RunEvents(Pool pool, EventBus bus) {
    this.pool = pool;
    this.bus = bus;
  }

  /** One problem as the run page and the API show it. */
  public record Problem(String at, String kind, String source, String message) {
    public JsonObject json() {
      return new JsonObject().put("at", at).put("kind", kind).put("source", source).put("message", message);
    }
  }

  /** Records that {@code source} (e.g. {@code greenhouse:acme}, {@code serper}) could not be read, and why. */
  public Future<Void> problem(long runId, long userId, String source, String message, JsonObject data) {
    String m = message == null || message.isBlank() ? "no reason given" : message.strip();
    return pool.preparedQuery("""
            insert into run_events (run_id, user_id, kind, source, message, data)
            values ($1, $2, $3, $4, $5, $6)""")
        .execute(Tuple.of(runId, userId, PROBLEM, clip(source, 300), clip(m, MAX_MESSAGE),
            data == null ? new JsonObject() : data))
        .onSuccess(rs -> JobBus.publish(bus, new JobBus.Progress(runId, 0, userId, PROBLEM)))
        .mapEmpty();
  }

  /** The kind of a notice about the run's LLM (its budget spent), said once per run and {@code which}. */
  public static final String LLM = "llm";

  /**
   * Says once per run that its LLM stopped helping, e.g. {@code which} "day" when the day's token budget is spent;
   * a second call for the same run and {@code which} changes nothing and publishes nothing.
   */
  public Future<Void> llmOnce(long runId, long userId, String which, String message) {
    return pool.preparedQuery("""
            insert into run_events (run_id, user_id, kind, source, message)
            select id, user_id, $3, $4, $5 from runs where id = $1 and user_id = $2
            on conflict (run_id, source) where kind = 'llm' do nothing""")
        .execute(Tuple.of(runId, userId, LLM, "llm:" + clip(which, 60), clip(message, MAX_MESSAGE)))
        .onSuccess(rs -> {
          if (rs.rowCount() > 0) {
            JobBus.publish(bus, new JobBus.Progress(runId, 0, userId, LLM));
          }
        })
        .mapEmpty();
  }

  /** The run's problems and LLM notices, oldest first (at most 200). */
  public Future<List<Problem>> problems(long runId, long userId) {
    return pool.preparedQuery("""
            select at, kind, source, message from run_events
            where run_id = $1 and user_id = $2 and kind in ($3, $4) order by id limit 200""")
        .execute(Tuple.of(runId, userId, PROBLEM, LLM))
        .map(rs -> {
          List<Problem> out = new ArrayList<>();
          for (Row r : rs) {
            out.add(new Problem(r.getOffsetDateTime("at").toString(), r.getString("kind"), r.getString("source"),
                r.getString("message")));
          }
          return out;
        });
  }

  private static String clip(String s, int max) {
    String t = s == null || s.isBlank() ? "unknown" : s;
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }
}
