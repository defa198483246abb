package io.applyflow.platform.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long a request waits for one of the app's 8 connections behind a burst of others, to size the pool's wait
 * queue ({@link Database#MAX_WAIT_QUEUE}): bursts of N concurrent reads of a run's jobs (the run page's query) on a
 * pool of 8 with an unbounded queue; prints the throughput and the wait of the last in line. Asserts nothing.
 * {@code mvn -B -o -Pbench test-compile exec:java -Dbench.main=io.applyflow.platform.db.PoolQueueBench -Dbench.args=""}
 */
public final class PoolQueueBench {
  private PoolQueueBench() {
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    Pool pool = TestDatabase.shared().pool(vertx, 8, -1);
    String sql = """
        select id, run_id, status, title, company, location, score, url, updated_at, lease_until
          from jobs where run_id = $1 order by id""";
    try {
      for (int warm = 0; warm < 3; warm++) {
        burst(pool, sql, 2000);
      }
      for (int n : new int[] {64, 256, 1024, 4096}) {
        long[] ms = burst(pool, sql, n);
        Arrays.sort(ms);
        long total = ms[ms.length - 1];
        System.out.printf("burst %5d: all done in %5d ms (%6.0f queries/s); wait p50 %4d ms, p99 %4d ms, last %4d ms%n",
            n, total, n * 1000.0 / Math.max(1, total), ms[n / 2], ms[(int) (n * 0.99)], total);
      }
    } finally {
      pool.close().await();
      vertx.close().await();
      System.exit(0);
    }
  }

  /** Fires {@code n} queries at once; each one's time from being asked to its answer, in ms. */
  private static long[] burst(Pool pool, String sql, int n) {
    long start = System.nanoTime();
    long[] ms = new long[n];
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      all.add(pool.preparedQuery(sql).execute(Tuple.of((long) (i % 50) + 1))
          .onSuccess(rows -> ms[k] = (System.nanoTime() - start) / 1_000_000));
    }
    Future.all(all).await();
    return ms;
  }
}
