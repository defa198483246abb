package io.applyflow.run;

import io.applyflow.job.JobBus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One consumer of {@code run.progress} per node (per {@link Vertx}), fanning each message out to the node's open
 * live streams of that message's user, each on its own context (event loop). The consumer is registered with the
 * first stream and unregistered with the last, so a node with no open stream holds no registration, and a node with
 * a thousand holds one. Opening and closing take a lock; delivering does not.
 */
final class Hub {
  private static final Map<Vertx, Hub> HUBS = new ConcurrentHashMap<>();
  private static final Object LOCK = new Object();

  private final Vertx vertx;
  private final Map<Long, Set<Subscription>> byUser = new ConcurrentHashMap<>();
  private MessageConsumer<JobBus.Progress> consumer;
  private Future<Void> registered;
  private int subscriptions;

  private Hub(Vertx vertx) {
    this.vertx = vertx;
  }

  /** An open stream's place in the hub. */
  static final class Subscription {
    private final Hub hub;
    private final long userId;
    private final Consumer<JobBus.Progress> handler;
    private final Context context;
    private final Future<Void> ready;
    private volatile boolean closed;

    private Subscription(Hub hub, long userId, Consumer<JobBus.Progress> handler, Context context,
                         Future<Void> ready) {
      this.hub = hub;
      this.userId = userId;
      this.handler = handler;
      this.context = context;
      this.ready = ready;
    }

    /** Completes when the node's consumer is registered (on a cluster: known to the other nodes). */
    Future<Void> ready() {
      return ready;
    }

    /** Leaves the hub (idempotent); the last one out unregisters the node's consumer. */
    void close() {
      if (!closed) {
        closed = true;
        hub.remove(this);
      }
    }

    private void deliver(JobBus.Progress p) {
      if (closed) {
        return;
      }
      if (context == null || Vertx.currentContext() == context) {
        handler.accept(p);
      } else {
        context.runOnContext(v -> {
          if (!closed) {
            handler.accept(p);
          }
        });
      }
    }
  }

  /** Adds a stream of {@code userId} on this node; {@code handler} gets the user's progress on the caller's context. */
  static Subscription subscribe(Vertx vertx, long userId, Consumer<JobBus.Progress> handler) {
    synchronized (LOCK) {
      Hub hub = HUBS.computeIfAbsent(vertx, Hub::new);
      if (hub.consumer == null) {
        hub.consumer = vertx.eventBus().consumer(JobBus.PROGRESS, m -> hub.deliver(m.body()));
        hub.registered = hub.consumer.completion();
      }
      Subscription s = new Subscription(hub, userId, handler, Vertx.currentContext(), hub.registered);
      hub.byUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(s);
      hub.subscriptions++;
      return s;
    }
  }

  private void remove(Subscription s) {
    synchronized (LOCK) {
      Set<Subscription> mine = byUser.get(s.userId);
      if (mine == null || !mine.remove(s)) {
        return;
      }
      if (mine.isEmpty()) {
        byUser.remove(s.userId);
      }
      if (--subscriptions == 0) {
        consumer.unregister();
        consumer = null;
        registered = null;
        HUBS.remove(vertx, this);
      }
    }
  }

  private void deliver(JobBus.Progress p) {
    Set<Subscription> mine = byUser.get(p.userId());
    if (mine != null) {
      mine.forEach(s -> s.deliver(p));
    }
  }

  /** The consumers of {@code run.progress} the live streams of this node hold registered now: 1 with any open, else 0. */
  static int consumers(Vertx vertx) {
    synchronized (LOCK) {
      Hub hub = HUBS.get(vertx);
      return hub == null || hub.consumer == null ? 0 : 1;
    }
  }

  /** The live streams open on this node, all users together. */
  static int streams(Vertx vertx) {
    synchronized (LOCK) {
      Hub hub = HUBS.get(vertx);
      return hub == null ? 0 : hub.byUser.values().stream().mapToInt(Set::size).sum();
    }
  }
}
