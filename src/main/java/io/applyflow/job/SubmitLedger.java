package io.applyflow.job;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;

/**
 * The submit ledger: one row per (user, source, board, posting), written in its own transaction before the
 * submit click, together with the pacing decision that allows it ({@link #attempt}), and confirmed only after the
 * confirmation page. The table's unique constraint is what makes a second submission impossible, whatever crashes.
 */
public final class SubmitLedger {
  private final Pool pool;

  public SubmitLedger(Pool pool) {
    this.pool = pool;
  }

  /** A ledger entry: which job attempted the posting, and whether it was confirmed. */
  public record Entry(long jobId, String state, String attemptedAt) {
    public boolean confirmed() {
      return "confirmed".equals(state);
    }
  }

  public Future<Entry> find(Job job) {
    return find(pool, job);
  }

  private static Future<Entry> find(SqlClient client, Job job) {
    return client.preparedQuery("""
            select job_id, state, attempted_at from submit_ledger
            where user_id = $1 and source = $2 and board = $3 and external_id = $4""")
        .execute(Tuple.of(job.userId(), job.source(), job.board(), job.externalId()))
        .map(rs -> {
          if (!rs.iterator().hasNext()) {
            return null;
          }
          Row r = rs.iterator().next();
          return new Entry(r.getLong("job_id"), r.getString("state"), r.getOffsetDateTime("attempted_at").toString());
        });
  }

  /** What {@link #attempt} decided. */
  public enum Outcome {
    /** The attempt row is committed: click submit. */
    ATTEMPTED,
    /** The board's interval is not over: ask again in {@link Attempt#waitMillis()}; nothing was recorded. */
    WAIT,
    /** The daily cap is reached: nothing was recorded, nothing may be sent. */
    CAPPED,
    /** This posting already has a row ({@link Attempt#already()}): someone submitted or is submitting it. */
    ALREADY
  }

  /** The decision: {@code waitMillis} only for WAIT, {@code already} only for ALREADY. */
  public record Attempt(Outcome outcome, long waitMillis, Entry already) {
  }

  /** Keys the ledger's advisory lock apart from any other use of advisory locks ("LEDG"). */
  private static final long LEDGER_LOCK = 0x4C454447_00000000L;

  /**
   * Decides whether {@code job} may be submitted now and, only when it may, records the attempt, in ONE transaction
   * under a per-user advisory lock: the posting's own row, the newest attempt on the job's board (one board of one
   * ATS: the same name on two ATSs is two employers), the user's attempts in the last 24 hours (every ATS) and the
   * insert are read and written by one writer at a time, so no interleaving of apply instances, nodes or Submit
   * clicks can put two attempts inside one board interval or go past the daily cap. The clock is the database's
   * ({@code clock_timestamp()} once the lock is held), the same clock that stamps {@code attempted_at}.
   */
  public Future<Attempt> attempt(Job job, Pacing pacing) {
    Tuple user = Tuple.of(LEDGER_LOCK ^ job.userId());
    return pool.withTransaction(conn -> conn.preparedQuery("select pg_advisory_xact_lock($1)").execute(user)
        .compose(locked -> find(conn, job))
        .compose(entry -> entry != null
            ? Future.succeededFuture(new Attempt(Outcome.ALREADY, 0, entry))
            : conn.preparedQuery("""
                    with clock as (select clock_timestamp() as now)
                    select clock.now,
                           (select max(attempted_at) from submit_ledger
                             where user_id = $1 and source = $2 and board = $3) as last_on_board,
                           (select count(*) from submit_ledger
                             where user_id = $1 and attempted_at > clock.now - interval '24 hours') as last_24h
                    from clock""")
                .execute(Tuple.of(job.userId(), job.source(), job.board()))
                .compose(rs -> {
                  Row r = rs.iterator().next();
                  OffsetDateTime now = r.getOffsetDateTime("now");
                  OffsetDateTime last = r.getOffsetDateTime("last_on_board");
                  Pacing.Decision d = pacing.decide(now.toInstant(), last == null ? null : last.toInstant(),
                      r.getLong("last_24h"));
                  if (d.capReached()) {
                    return Future.succeededFuture(new Attempt(Outcome.CAPPED, 0, null));
                  }
                  if (d.waitMillis() > 0) {
                    return Future.succeededFuture(new Attempt(Outcome.WAIT, d.waitMillis(), null));
                  }
                  return insert(conn, job, now);
                })));
  }

  private static Future<Attempt> insert(SqlConnection conn, Job job, OffsetDateTime now) {
    return conn.preparedQuery("""
            insert into submit_ledger (user_id, job_id, source, board, external_id, attempted_at)
            values ($1, $2, $3, $4, $5, $6)
            on conflict on constraint submit_ledger_once do nothing returning id""")
        .execute(Tuple.of(job.userId(), job.id(), job.source(), job.board(), job.externalId(), now))
        // a conflict here means a row written outside this lock; it is still the posting's row
        .compose(rs -> rs.iterator().hasNext() ? Future.succeededFuture(new Attempt(Outcome.ATTEMPTED, 0, null))
            : find(conn, job).map(entry -> new Attempt(Outcome.ALREADY, 0, entry)));
  }

  /**
   * Marks the attempt confirmed, inside the transaction that marks the job submitted.
   *
   * @param receipt the ATS's own id for the application when its response or confirmation named one, else null
   */
  public static Future<Void> confirm(SqlConnection conn, Job job, String receipt) {
    return conn.preparedQuery("""
            update submit_ledger set state = 'confirmed', confirmed_at = now(), receipt = $3
            where user_id = $1 and job_id = $2 and state = 'attempted'""")
        .execute(Tuple.of(job.userId(), job.id(), receipt)).mapEmpty();
  }

  /**
   * Removes an attempt the form itself rejected (validation errors shown, nothing received), so the user may
   * fix the problem and submit again. Never called when the outcome is unknown.
   */
  public Future<Void> withdraw(Job job) {
    return pool.preparedQuery("""
            delete from submit_ledger where user_id = $1 and job_id = $2 and state = 'attempted'""")
        .execute(Tuple.of(job.userId(), job.id())).mapEmpty();
  }
}
