package io.applyflow.platform.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * The way into a {@link FairLimiter} that never refuses: a task that finds no room (its key's queue or the whole
 * queue at its bound) is held back, neither started nor queued, and let in as room frees, round-robin across keys
 * and each behind its own key's earlier ones. Holding costs the caller nothing but the wait: the work itself is not
 * begun until the limiter takes it, so whatever state it reads, it reads then. Not thread-safe: one event loop.
 */
public final class FairGate<K> {
  private final FairLimiter<K> limiter;
  private final RoundRobin<K, Runnable> held = new RoundRobin<>();

  public FairGate(FairLimiter<K> limiter) {
    this.limiter = limiter.onRoom(this::letIn);
  }

  /** Runs the task through the limiter now, or holds it back until the limiter has room for it. */
  public <T> Future<T> run(K key, Supplier<Future<T>> task) {
    if (held.size(key) == 0 && limiter.hasRoom(key)) {
      return limiter.run(key, task);
    }
    Promise<T> done = Promise.promise();
    held.add(key, () -> limiter.run(key, task).onComplete(done));
    return done.future();
  }

  /** Tasks held back now, of every key. */
  public int held() {
    return held.size();
  }

  /** Tasks of {@code key} held back now. */
  public int held(K key) {
    return held.size(key);
  }

  public FairLimiter<K> limiter() {
    return limiter;
  }

  private void letIn() {
    Runnable next;
    // when the whole queue is full no key has room: stop before walking every key's turn for nothing
    while (!limiter.full() && (next = held.poll(limiter::hasRoom)) != null) {
      next.run();
    }
  }
}
