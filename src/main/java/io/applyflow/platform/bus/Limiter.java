package io.applyflow.platform.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * Runs at most {@code max} asynchronous tasks at once, the rest in arrival order. Used on one event loop
 * (not thread-safe), so a request is only sent when the stage behind it has a free worker.
 */
public final class Limiter {
  private final int max;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int running;

  public Limiter(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    this.max = max;
  }

  public <T> Future<T> run(Supplier<Future<T>> task) {
    Promise<T> promise = Promise.promise();
    Runnable start = () -> {
      running++;
      Future<T> f;
      try {
        f = task.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        running--;
        Runnable next = waiting.poll();
        if (next != null) {
          next.run();
        }
        promise.handle(ar);
      });
    };
    if (running < max) {
      start.run();
    } else {
      waiting.add(start);
    }
    return promise.future();
  }

}
