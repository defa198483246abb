package io.applyflow.run;

import io.applyflow.job.Job;
import io.applyflow.job.JobStatus;
import io.applyflow.job.Jobs;
import io.applyflow.job.JobBus;

import io.applyflow.platform.metrics.Metrics;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Sse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A live page: an SSE stream that sends the page's fragments as read from Postgres now (reconnects and late joiners
 * see the truth), then again after every {@code run.progress} the page cares about, coalesced so a burst of changes
 * costs one rendering. Each event is named after its fragment ({@code event: run-jobs}); the page swaps it with
 * htmx's SSE extension. The consumer and timers go away when the browser closes the stream. A user holds at most
 * {@code SSE_PER_USER} streams on a node; one more is refused with 429 until one closes (htmx's SSE extension retries
 * with back-off, so the refused page comes alive when a tab is closed).
 *
 * <p>The streams of a node share one consumer of {@code run.progress} ({@link Hub}): it hands each message to the
 * node's open streams of that user, on each stream's own event loop. A stream of something that finishes (a run)
 * ends with {@code event: done} ({@link #openUntil}).
 *
 * <p>Every stream also carries the user's <b>notices</b>: when one of their jobs becomes submitted, needs input or
 * needs attention, an {@code event: notice} with one line of JSON {@code {id, job_id, title, company, status,
 * label, href}} (read from Postgres; sent only if the job is still in that state). The page's script shows it as a
 * toast ({@code static/js/app.js}); {@code id} is the same for the same change, so a tab shows it once. A page
 * without fragments of its own opens {@link #notices}, a stream that carries only notices: one stream per tab
 * either way, counted in the same per-user limit.
 */
public final class Live {
  private static final long COALESCE_MS = 150;
  /** The event that ends a stream whose subject is finished; pages close on it ({@code sse-close="done"}). */
  public static final String DONE = "done";
  /** The changes of a job that every page of its owner tells them about. */
  static final Set<JobStatus> NOTABLE = EnumSet.of(JobStatus.SUBMITTED, JobStatus.NEEDS_INPUT,
      JobStatus.NEEDS_ATTENTION);

  private final Vertx vertx;
  private final Sse.PerUser streams;
  private final Jobs jobs;

  Live(Vertx vertx, Sse.PerUser streams, Jobs jobs) {
    this.vertx = vertx;
    this.streams = streams;
    this.jobs = jobs;
  }

  /** What one rendering sends: the fragments by event name, and whether the stream ends after them. */
  public record Frames(Map<String, String> fragments, boolean last) {
  }

  /**
   * Opens the stream.
   *
   * @param cares  which progress messages (already filtered to the user) make the page render again
   * @param render the fragments to send, by event name; a failed rendering is skipped (the next change retries)
   */
  public void open(RoutingContext ctx, long userId, Predicate<JobBus.Progress> cares,
                   Supplier<Future<Map<String, String>>> render) {
    openUntil(ctx, userId, cares, () -> render.get().map(f -> new Frames(f, false)));
  }

  /**
   * Opens a stream that ends: after a rendering marked {@link Frames#last} (the thing it follows is finished) it
   * sends {@code event: done} and ends the response; the page's {@code sse-close="done"} closes the event source, so
   * the browser does not reconnect. A late joiner gets the current state, then {@code done}.
   */
  void openUntil(RoutingContext ctx, long userId, Predicate<JobBus.Progress> cares, Supplier<Future<Frames>> render) {
    if (!streams.tryOpen(userId)) {
      Http.error(ctx, 429, "too_many_streams", streams.refusal());
      return;
    }
    Metrics.sse(1);
    long[] pending = {-1};
    Hub.Subscription[] sub = new Hub.Subscription[1];
    Sse sse = Sse.open(vertx, ctx.response(), () -> {
      streams.closed(userId);
      Metrics.sse(-1);
      if (sub[0] != null) {
        sub[0].close();
      }
      if (pending[0] >= 0) {
        vertx.cancelTimer(pending[0]);
      }
    });
    if (sse.isClosed()) {
      return;
    }
    Runnable push = () -> render.get().onSuccess(frames -> {
      if (sse.isClosed()) {
        return;
      }
      frames.fragments().forEach(sse::send);
      if (frames.last()) {
        sse.send(DONE, "{\"done\":true}");
        sse.end();
      }
    });
    sub[0] = Hub.subscribe(vertx, userId, p -> {
      if (sse.isClosed()) {
        return;
      }
      notice(p).onSuccess(n -> {
        if (n != null) {
          sse.send("notice", n.encode());
        }
      });
      if (cares.test(p) && pending[0] < 0) {
        pending[0] = vertx.setTimer(COALESCE_MS, t -> {
          pending[0] = -1;
          push.run();
        });
      }
    });
    sub[0].ready().onComplete(ar -> push.run());
  }

  /** A stream with no fragments: only the user's notices (and the heartbeat), for pages without a stream. */
  public void notices(RoutingContext ctx, long userId) {
    open(ctx, userId, p -> false, () -> Future.succeededFuture(Map.of()));
  }

  /**
   * The notice for a progress message, or null: only for a job (not the run) that became one of {@link #NOTABLE}
   * and is still in that state now (read through the user's id).
   */
  Future<JsonObject> notice(JobBus.Progress p) {
    JobStatus said;
    try {
      said = p.jobId() > 0 && p.status() != null ? JobStatus.of(p.status()) : null;
    } catch (IllegalArgumentException e) {
      said = null;
    }
    if (said == null || !NOTABLE.contains(said)) {
      return Future.succeededFuture(null);
    }
    JobStatus expected = said;
    return jobs.get(p.jobId(), p.userId())
        .compose(job -> job.status() != expected ? Future.succeededFuture((JsonObject) null)
            : job.status() != JobStatus.NEEDS_INPUT ? Future.succeededFuture(notice(job, false))
            : jobs.codeWaits(p.userId(), job.id()).map(codes -> notice(job, codes.containsKey(job.id()))))
        .otherwise((JsonObject) null);
  }

  /** The notice of a job in its current state; {@code code}: it waits for an emailed security code. */
  static JsonObject notice(Job job, boolean code) {
    boolean questions = job.status() == JobStatus.NEEDS_INPUT && !code;
    String href = "/jobs/" + job.id() + (questions ? "#job-questions" : "");
    long stamp = job.updatedAt() == null ? 0 : job.updatedAt().toInstant().toEpochMilli();
    return new JsonObject().put("id", job.id() + "-" + job.status().db() + "-" + stamp).put("job_id", job.id())
        .put("title", job.title()).put("company", job.company()).put("status", job.status().db())
        .put("label", code ? "Needs the security code the employer emailed you" : job.status().label)
        .put("href", href);
  }

  /** Opens the stream after checking that the thing it follows exists and is the user's (else the usual error). */
  void openIf(RoutingContext ctx, long userId, Future<?> owned, Predicate<JobBus.Progress> cares,
              Supplier<Future<Map<String, String>>> render) {
    owned.onSuccess(v -> open(ctx, userId, cares, render)).onFailure(t -> Http.fail(ctx, t));
  }
}
