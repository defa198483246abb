package io.applyflow.bench;

import io.applyflow.platform.bus.FairGate;
import io.applyflow.platform.bus.FairLimiter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;

/**
 * The conductor's scheduling cost: N tasks through one stage's {@link FairGate} (4 running, queues bounded as in
 * RunVerticle: 8 per user, 64 in all, the rest held back), each task a reply that arrives on the event loop one turn
 * later (as an event-bus reply does, with no work behind it), submitted by 1 user or spread over 50. Prints tasks per
 * second for each; asserts nothing.
 *
 * <pre>mvn -B -Pbench test-compile exec:java -Dbench.main=io.applyflow.bench.FairLimiterBench -Dbench.args=200000</pre>
 */
public final class FairLimiterBench {
  private FairLimiterBench() {
  }

  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Vertx vertx = Vertx.vertx();
    try {
      Context loop = vertx.getOrCreateContext();
      System.out.printf("FairLimiterBench: %d tasks per round, %d cores, JDK %s%n", tasks,
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      for (int round = 0; round < 2; round++) {
        boolean warm = round == 1;
        for (int users : new int[] {1, 50}) {
          long ns = time(loop, tasks, users);
          if (warm) {
            System.out.printf("  %2d user(s): %,10.0f tasks/s (%.2f µs per task)%n", users,
                tasks * 1e9 / ns, ns / 1000.0 / tasks);
          }
        }
      }
    } finally {
      vertx.close().await();
    }
    System.exit(0);
  }

  private static long time(Context loop, int tasks, int users) throws Exception {
    CompletableFuture<Long> took = new CompletableFuture<>();
    loop.runOnContext(v -> {
      FairGate<Integer> gate = new FairGate<>(new FairLimiter<>(4, 8, 64));
      long t0 = System.nanoTime();
      int[] done = {0};
      for (int i = 0; i < tasks; i++) {
        gate.run(i % users, () -> {
          Promise<Void> reply = Promise.promise();
          loop.runOnContext(x -> reply.complete());
          return reply.future();
        }).onComplete(ar -> {
          if (++done[0] == tasks) {
            took.complete(System.nanoTime() - t0);
          }
        });
      }
    });
    return took.get();
  }
}
