package io.applyflow.job;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's leases: the jobs its stages are working on and the runs its conductor owns. Renews them every third of
 * their time to live while the work goes on, and releases them all at a graceful shutdown (the work is taken up at
 * once by another node, or by this one after a restart). A node that dies stops renewing: its leases expire and
 * the work is claimed again.
 */
public final class Leases {
  private static final Logger log = LoggerFactory.getLogger(Leases.class);

  private final Pool pool;
  private final Claims claims;
  private final Set<Long> jobs = ConcurrentHashMap.newKeySet();
  private final Set<Long> runs = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;
  private Vertx vertx;
  private long timer = -1;

  public Leases(Pool pool, Claims claims) {
    this.pool = pool;
    this.claims = claims;
  }

  /** A name for this node, unique across restarts: host, pid and a random part. */
  public static String newNodeId() {
    String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    return runtime + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  public String node() {
    return claims.node();
  }

  public Duration ttl() {
    return claims.ttl();
  }

  /**
   * Starts renewing, and first frees the leases of earlier nodes of this host whose process is gone (a restart after
   * a crash takes its own work up at once instead of waiting out the leases). A node is known dead only when its id
   * names this host and a pid no process has; anything else is left to its lease's expiry.
   */
  public Future<Void> start(Vertx vertx) {
    this.vertx = vertx;
    long every = Math.max(500, claims.ttl().toMillis() / 3);
    timer = vertx.setPeriodic(every, t -> renew());
    return freeDeadNodesOfThisHost();
  }

  private Future<Void> freeDeadNodesOfThisHost() {
    String host = hostOf(node());
    if (host == null) {
      return Future.succeededFuture();
    }
    return pool.query("""
            select lease_owner as owner from jobs where lease_owner is not null union
            select owner from runs where owner is not null""").execute()
        .compose(rs -> {
          java.util.List<String> dead = new ArrayList<>();
          rs.forEach(r -> {
            String owner = r.getString("owner");
            if (!owner.equals(node()) && host.equals(hostOf(owner)) && !alive(pidOf(owner))) {
              dead.add(owner);
            }
          });
          if (dead.isEmpty()) {
            return Future.succeededFuture();
          }
          String[] owners = dead.toArray(new String[0]);
          return pool.preparedQuery("""
                  update jobs set lease_owner = null, lease_until = null where lease_owner = any($1)""")
              .execute(Tuple.tuple().addArrayOfString(owners))
              .compose(jobsFreed -> pool.preparedQuery(
                      "update runs set owner = null, owner_until = null where owner = any($1)")
                  .execute(Tuple.tuple().addArrayOfString(owners))
                  .map(runsFreed -> {
                    log.info("start-up: freed the leases of {} jobs and {} runs left by {} (no such process on this "
                        + "host any more)", jobsFreed.rowCount(), runsFreed.rowCount(), dead);
                    return null;
                  }));
        })
        .<Void>mapEmpty()
        .recover(t -> {
          log.warn("start-up: could not look for leases left by earlier nodes of this host: {}", t.getMessage());
          return Future.succeededFuture();
        });
  }

  /** The host part of a node id {@code pid@host/random}, or null. */
  static String hostOf(String node) {
    int at = node.indexOf('@');
    int slash = node.lastIndexOf('/');
    return at < 0 || slash < at ? null : node.substring(at + 1, slash);
  }

  /** The pid part of a node id, or -1. */
  static long pidOf(String node) {
    int at = node.indexOf('@');
    try {
      return at < 0 ? -1 : Long.parseLong(node.substring(0, at));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean alive(long pid) {
    return pid < 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** True once a shutdown began: no new work is claimed. */
  public boolean closing() {
    return closing;
  }

  public void hold(long jobId) {
    jobs.add(jobId);
  }

  public void drop(long jobId) {
    jobs.remove(jobId);
  }

  public void holdRun(long runId) {
    runs.add(runId);
  }

  public void dropRun(long runId) {
    runs.remove(runId);
  }

  public boolean ownsRun(long runId) {
    return runs.contains(runId);
  }

  public Set<Long> ownedRuns() {
    return Set.copyOf(runs);
  }

  private void renew() {
    claims.renew(new ArrayList<>(jobs))
        .onFailure(t -> log.warn("could not renew the leases of {} jobs: {}", jobs.size(), t.getMessage()));
    if (!runs.isEmpty()) {
      pool.preparedQuery("""
              update runs set owner_until = now() + make_interval(secs => $3) where id = any($1) and owner = $2""")
          .execute(Tuple.of(runs.toArray(new Long[0]), node(), (double) ttl().toSeconds()))
          .onFailure(t -> log.warn("could not renew the leases of {} runs: {}", runs.size(), t.getMessage()));
    }
  }

  /**
   * A graceful shutdown: stops claiming, waits up to {@code grace} for the work in flight to end, then releases
   * every lease this node still holds. Blocking: call it from a plain thread (the shutdown hook), not an event loop.
   */
  public void close(Duration grace) {
    closing = true;
    long deadline = System.nanoTime() + grace.toNanos();
    while (!jobs.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (vertx != null && timer >= 0) {
      vertx.cancelTimer(timer);
    }
    try {
      int jobsFreed = claims.releaseAll().await();
      int runsFreed = pool.preparedQuery("update runs set owner = null, owner_until = null where owner = $1")
          .execute(Tuple.of(node())).map(rs -> rs.rowCount()).await();
      log.info("shutdown: released the leases of {} jobs and {} runs held by node {}", jobsFreed, runsFreed, node());
    } catch (Exception e) { // await() rethrows the cause as it is, a connection's checked exception too
      log.warn("shutdown: could not release this node's leases ({}); they expire within {} s", e.getMessage(),
          ttl().toSeconds());
    }
  }
}
