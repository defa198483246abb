package io.applyflow.job;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Work claimed from Postgres. A stage takes its next jobs with {@code FOR UPDATE SKIP LOCKED}: jobs in the states
 * it takes ({@link JobStatus#claimedBy}) that no live lease holds, served round-robin across users: each user's
 * oldest job first, then everyone's second, ..., and among users with a job in the same round, the one the stage
 * served least recently ({@code stage_turns}) first, so one user's hundreds of jobs delay another's by one turn. A claim
 * sets the lease (owner, expiry) and raises the job's fencing token; the status changes made under the claim carry
 * the token ({@link Jobs#transition}), so a claim taken over after its lease expired loses its writes.
 */
public final class Claims {
  /** A job claimed by a stage: what it needs to send the work, and the claim's fencing token. */
  public record Claimed(long jobId, long userId, long runId, JobStatus status, long token, int claims,
                        boolean submitApproved) {
    public JobBus.JobCommand command() {
      return new JobBus.JobCommand(jobId, userId, token);
    }
  }

  private final Pool pool;
  private final String node;
  private final Duration ttl;

  public Claims(Pool pool, String node, Duration ttl) {
    this.pool = pool;
    this.node = node;
    this.ttl = ttl;
  }

  public String node() {
    return node;
  }

  public Duration ttl() {
    return ttl;
  }

  /** Claims up to {@code max} jobs in {@code states} for this node; an empty list when there is no work. */
  public Future<List<Claimed>> claim(Set<JobStatus> states, int max) {
    if (max <= 0 || states.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String[] names = states.stream().map(JobStatus::db).toArray(String[]::new);
    String stage = states.iterator().next().stage();
    return pool.preparedQuery("""
            with turn as (
              select id, row_number() over (partition by user_id order by updated_at, id) as n from jobs
              where status = any($1) and (lease_until is null or lease_until < now())
            ), picked as (
              select j.id from jobs j join turn t on t.id = j.id
                left join stage_turns s on s.stage = $5 and s.user_id = j.user_id
              where j.status = any($1) and (j.lease_until is null or j.lease_until < now())
              order by t.n, s.served_at nulls first, j.updated_at, j.id
              limit $2
              for update of j skip locked
            ), claimed as (
              update jobs j set lease_owner = $3, lease_until = now() + make_interval(secs => $4),
                lease_token = j.lease_token + 1, claims = j.claims + 1
              from picked where j.id = picked.id
              returning j.id, j.user_id, j.run_id, j.status, j.lease_token, j.claims, j.submit_approved
            ), served as (
              insert into stage_turns (stage, user_id, served_at)
              select $5, user_id, clock_timestamp() from claimed group by user_id
              on conflict on constraint stage_turns_pkey do update set served_at = excluded.served_at
            )
            select * from claimed""")
        .execute(Tuple.of(names, max, node, (double) ttl.toSeconds(), stage))
        .map(rs -> {
          List<Claimed> out = new ArrayList<>();
          for (Row r : rs) {
            out.add(new Claimed(r.getLong("id"), r.getLong("user_id"), r.getLong("run_id"),
                JobStatus.of(r.getString("status")), r.getLong("lease_token"), r.getInteger("claims"),
                r.getBoolean("submit_approved")));
          }
          return out;
        });
  }

  /** Ends a claim: frees the job's lease if the claim still holds it (the stage's last move may have freed it). */
  public Future<Void> release(Claimed c) {
    return pool.preparedQuery("""
            update jobs set lease_owner = null, lease_until = null where id = $1 and lease_token = $2
              and lease_owner = $3""")
        .execute(Tuple.of(c.jobId(), c.token(), node)).mapEmpty();
  }

  /**
   * Takes a claim back from work that did not answer in time: the token is raised (whatever the work writes later
   * loses) and the lease freed, so the job is claimed again (and counted: {@link Claimed#claims}).
   */
  public Future<Boolean> revoke(Claimed c) {
    return pool.preparedQuery("""
            update jobs set lease_token = lease_token + 1, lease_owner = null, lease_until = null
            where id = $1 and lease_token = $2 returning id""")
        .execute(Tuple.of(c.jobId(), c.token())).map(rs -> rs.iterator().hasNext());
  }

  /** Extends the leases this node holds on {@code jobIds}; returns how many it still holds. */
  public Future<Integer> renew(List<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return pool.preparedQuery("""
            update jobs set lease_until = now() + make_interval(secs => $3)
            where id = any($1) and lease_owner = $2""")
        .execute(Tuple.of(jobIds.toArray(new Long[0]), node, (double) ttl.toSeconds()))
        .map(rs -> rs.rowCount());
  }

  /** Frees every lease this node holds (a graceful shutdown): the jobs are claimed at once by another node. */
  public Future<Integer> releaseAll() {
    return pool.preparedQuery("update jobs set lease_owner = null, lease_until = null where lease_owner = $1")
        .execute(Tuple.of(node)).map(rs -> rs.rowCount());
  }
}
