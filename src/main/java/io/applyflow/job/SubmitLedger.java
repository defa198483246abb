package io.applyflow.job;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * The submit ledger: one row per (user, source, board, posting), written in its own transaction before the
 * submit click and confirmed only after the confirmation page. The table's unique constraint is what makes a
 * second submission impossible, whatever crashes.
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
    return pool.preparedQuery("""
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

  /**
   * The newest attempt on a board (one board of one ATS: the same name on two ATSs is two employers) and the number
   * of attempts in the last 24 hours, for pacing.
   */
  public record Recent(java.time.Instant lastOnBoard, long last24h) {
  }

  public Future<Recent> recent(long userId, String source, String board) {
    return pool.preparedQuery("""
            select (select max(attempted_at) from submit_ledger
                      where user_id = $1 and source = $3 and board = $2) as last_on_board,
                   (select count(*) from submit_ledger where user_id = $1
                      and attempted_at > now() - interval '24 hours') as last_24h""")
        .execute(Tuple.of(userId, board, source))
        .map(rs -> {
          Row r = rs.iterator().next();
          var last = r.getOffsetDateTime("last_on_board");
          return new Recent(last == null ? null : last.toInstant(), r.getLong("last_24h"));
        });
  }

  /** Records the attempt; false when this posting already has a row (someone submitted or is submitting it). */
  public Future<Boolean> attempt(Job job) {
    return pool.preparedQuery("""
            insert into submit_ledger (user_id, job_id, source, board, external_id) values ($1, $2, $3, $4, $5)
            on conflict on constraint submit_ledger_once do nothing returning id""")
        .execute(Tuple.of(job.userId(), job.id(), job.source(), job.board(), job.externalId()))
        .map(rs -> rs.iterator().hasNext());
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
