package io.applyflow.platform.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Runs at most {@code max} asynchronous tasks at once and queues the rest per key (a user), served round-robin
 * across keys ({@link RoundRobin}): one key's hundred tasks delay another key's first task by at most one turn.
 * The queue is bounded, per key and in all: {@link #hasRoom} says whether a task would be accepted now, and
 * {@link #run} refuses one that would not. A caller that gets no room keeps its work where it is and tries again
 * when {@link #onRoom} calls back (after a task ends or leaves the queue).
 * Not thread-safe: used on one event loop.
 */
public final class FairLimiter<K> {
  private final int max;
  private final int queuePerKey;
  private final int queueTotal;
  private final RoundRobin<K, Runnable> waiting = new RoundRobin<>();
  private int running;
  private Runnable onRoom = () -> { };
  private boolean notifying;
  private boolean notifyAgain;

  /**
   * @param max         tasks running at once
   * @param queuePerKey tasks one key may have waiting
   * @param queueTotal  tasks all keys together may have waiting
   */
  public FairLimiter(int max, int queuePerKey, int queueTotal) {
    if (max < 1 || queuePerKey < 0 || queueTotal < queuePerKey) {
      throw new IllegalArgumentException("need max >= 1 and 0 <= queuePerKey <= queueTotal; got " + max + ", "
          + queuePerKey + ", " + queueTotal);
    }
    this.max = max;
    this.queuePerKey = queuePerKey;
    this.queueTotal = queueTotal;
  }

  /** Called (on the limiter's loop) whenever room may have freed: a task ended or left the queue. */
  public FairLimiter<K> onRoom(Runnable listener) {
    this.onRoom = listener;
    return this;
  }

  /** Whether {@link #run} would accept a task of {@code key} now: a free slot, or room in both queue bounds. */
  public boolean hasRoom(K key) {
    return running < max || (waiting.size(key) < queuePerKey && waiting.size() < queueTotal);
  }

  /**
   * Starts the task now if a slot is free, else queues it behind {@code key}'s earlier tasks. The future completes
   * with the task's. A task that throws fails its future and frees its slot like any other.
   *
   * @throws IllegalStateException when there is no room ({@link #hasRoom} is false); nothing was queued
   */
  public <T> Future<T> run(K key, Supplier<Future<T>> task) {
    if (!hasRoom(key)) {
      throw new IllegalStateException("no room for another task of " + key + " (check hasRoom first)");
    }
    Promise<T> promise = Promise.promise();
    if (running < max) {
      start(task, promise);
    } else {
      waiting.add(key, () -> start(task, promise));
    }
    return promise.future();
  }

  /** No room for anyone: every slot busy and the whole queue at its bound. */
  public boolean full() {
    return running >= max && waiting.size() >= queueTotal;
  }

  public int running() {
    return running;
  }

  public int queued() {
    return waiting.size();
  }

  public int queued(K key) {
    return waiting.size(key);
  }

  private <T> void start(Supplier<Future<T>> task, Promise<T> promise) {
    running++;
    Future<T> f;
    try {
      f = task.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      running--;
      // the freed slot goes to the next in turn before anyone reacting to this result can take it
      Runnable next = running < max ? waiting.poll() : null;
      if (next != null) {
        next.run();
      }
      promise.handle(ar);
      roomFreed();
    });
  }

  /** Tells the listener, without recursing when the listener's own tasks end at once (a loop, not a deep stack). */
  private void roomFreed() {
    if (notifying) {
      notifyAgain = true;
      return;
    }
    notifying = true;
    try {
      do {
        notifyAgain = false;
        onRoom.run();
      } while (notifyAgain);
    } finally {
      notifying = false;
    }
  }
}
