package io.applyflow.run;

import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Sse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A live page: an SSE stream that sends the page's fragments as read from Postgres now (reconnects and late joiners
 * see the truth), then again after every {@code run.progress} the page cares about, coalesced so a burst of changes
 * costs one rendering. Each event is named after its fragment ({@code event: run-jobs}); the page swaps it with
 * htmx's SSE extension. The consumer and timers go away when the browser closes the stream. A user holds at most
 * {@code SSE_PER_USER} streams on a node; one more is refused with 429 until one closes (htmx's SSE extension retries
 * with back-off, so the refused page comes alive when a tab is closed).
 */
final class Live {
  private static final long COALESCE_MS = 150;

  private final Vertx vertx;
  private final Sse.PerUser streams;

  Live(Vertx vertx, Sse.PerUser streams) {
    this.vertx = vertx;
    this.streams = streams;
  }

  /**
   * Opens the stream.
   *
   * @param cares  which progress messages (already filtered to the user) make the page render again
   * @param render the fragments to send, by event name; a failed rendering is skipped (the next change retries)
   */
  void open(RoutingContext ctx, long userId, Predicate<RunBus.Progress> cares,
            Supplier<Future<Map<String, String>>> render) {
    if (!streams.tryOpen(userId)) {
      Http.error(ctx, 429, "too_many_streams", streams.refusal());
      return;
    }
    long[] pending = {-1};
    @SuppressWarnings("unchecked")
    MessageConsumer<RunBus.Progress>[] consumer = new MessageConsumer[1];
    Sse sse = Sse.open(vertx, ctx.response(), () -> {
      streams.closed(userId);
      if (consumer[0] == null) {
        return; // closed while opening: nothing registered yet
      }
      consumer[0].unregister();
      if (pending[0] >= 0) {
        vertx.cancelTimer(pending[0]);
      }
    });
    if (sse.isClosed()) {
      return;
    }
    Runnable push = () -> render.get().onSuccess(fragments -> fragments.forEach(sse::send));
    consumer[0] = vertx.eventBus().<RunBus.Progress>consumer(RunBus.PROGRESS, m -> {
      if (m.body().userId() == userId && cares.test(m.body()) && pending[0] < 0 && !sse.isClosed()) {
        pending[0] = vertx.setTimer(COALESCE_MS, t -> {
          pending[0] = -1;
          push.run();
        });
      }
    });
    consumer[0].completion().onComplete(ar -> push.run());
  }

  /** Opens the stream after checking that the thing it follows exists and is the user's (else the usual error). */
  void openIf(RoutingContext ctx, long userId, Future<?> owned, Predicate<RunBus.Progress> cares,
              Supplier<Future<Map<String, String>>> render) {
    owned.onSuccess(v -> open(ctx, userId, cares, render)).onFailure(t -> Http.fail(ctx, t));
  }
}
