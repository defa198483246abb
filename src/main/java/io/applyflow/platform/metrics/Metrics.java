package io.applyflow.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application's own measurements, recorded from anywhere (plain static calls, cheap, never throwing), exposed
 * at {@code GET /metrics} in Prometheus format. Stage latencies and outcomes, claims, submissions, stale writes,
 * LLM and HTTP calls, SSE connections; jobs per status and queue depths are read from Postgres when scraped.
 *
 * <p>One registry per JVM: the same one holds Vert.x's own meters (HTTP server and client, event bus, SQL pool),
 * given to every Vert.x instance this JVM builds ({@link #vertxOptions}, {@link #vertxFactory}). Labels never carry
 * user data: stages, outcomes, statuses, targets and route patterns only (no ids, emails, paths or addresses).
 */
public final class Metrics {
  private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /** Stage latency buckets: a describe is milliseconds, a tailoring with an LLM a minute, an apply a few minutes. */
  private static final Duration[] STAGE_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(1),
      Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(300)};
  private static final AtomicLong SSE = new AtomicLong();
  private static final Map<String, AtomicLong> GAUGES = new ConcurrentHashMap<>();

  static {
    Gauge.builder("applyflow.sse.connections", SSE, AtomicLong::get)
        .description("Open server-sent-event streams on this node").register(REGISTRY);
  }

  private Metrics() {
  }

  /** The registry {@code /metrics} scrapes. */
  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }

  /**
   * {@code options} with Vert.x's Micrometer metrics switched on (HTTP server and client, event bus, pools, by
   * method, status code, route pattern and pool name; JVM metrics too), reporting into {@link #registry()}.
   */
  public static VertxOptions vertxOptions(VertxOptions options) {
    return options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .addLabels(Label.HTTP_ROUTE));
  }

  /** The factory that makes Vert.x report into {@link #registry()} (with {@code Vertx.builder().withMetrics}). */
  public static VertxMetricsFactory vertxFactory() {
    return new MicrometerMetricsFactory(REGISTRY);
  }

  /** One stage call finished: {@code outcome} is {@code ok}, {@code failed} or {@code abandoned}. */
  public static void stage(String stage, String outcome, long nanos) {
    try {
      Timer.builder("applyflow.stage").description("Time a pipeline stage took for one job, by outcome")
          .tags("stage", label(stage), "outcome", label(outcome)).serviceLevelObjectives(STAGE_BUCKETS)
          .register(REGISTRY).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      // measurements never break the work they measure
    }
  }

  /** A stage claimed {@code n} jobs from Postgres. */
  public static void claimed(String stage, int n) {
    count("applyflow.claims", "Jobs a stage claimed from Postgres", n, "stage", stage);
  }

  /** A status change lost to a newer writer or a guard (stale lease, status no longer allowed). */
  public static void staleWrite(String stage) {
    count("applyflow.stale.writes", "Status changes refused because another writer got there first", 1,
        "stage", stage);
  }

  /** A submission decision: {@code attempted}, {@code confirmed}, {@code duplicate}, {@code capped}, {@code paced}. */
  public static void submission(String outcome) {
    count("applyflow.submissions", "Submission decisions by outcome", 1, "outcome", outcome);
  }

  /** One LLM call; {@code ok} false for an error or a refused answer. */
  public static void llmCall(String outcome) {
    count("applyflow.llm.calls", "LLM questions by outcome (ok; cached: answered from the cache, free; budget: not "
        + "sent, a budget would break; failed: an error or an invalid answer)", 1, "outcome", outcome);
  }

  /** Tokens an LLM server reported for one answer. */
  public static void llmTokens(long prompt, long completion) {
    count("applyflow.llm.tokens", "LLM tokens the servers reported, by kind", prompt, "kind", "prompt");
    count("applyflow.llm.tokens", "LLM tokens the servers reported, by kind", completion, "kind", "completion");
  }

  /** One outbound HTTP call to {@code target} (e.g. {@code greenhouse}, {@code serper}). */
  public static void httpCall(String target, boolean ok) {
    count("applyflow.outbound.calls", "Outbound HTTP calls by target and outcome", 1, "target", target,
        "outcome", ok ? "ok" : "failed");
  }

  /** A request refused for load ({@code database_busy}: the database pool's wait queue was full). */
  public static void refused(String reason) {
    count("applyflow.http.refused", "Requests answered 503 for load, by reason", 1, "reason", reason);
  }

  /** An SSE connection opened (+1) or closed (-1). */
  public static void sse(int delta) {
    SSE.addAndGet(delta);
  }

  /** Jobs in {@code status} right now (all users), as read from Postgres when scraped. */
  public static void jobs(String status, long n) {
    gauge("applyflow.jobs", "Jobs per status (all users), read from Postgres", n, "status", status);
  }

  /**
   * The stage's jobs right now: {@code queued} in a status the stage claims without a live lease, {@code inFlight}
   * with one.
   */
  public static void queue(String stage, long queued, long inFlight) {
    gauge("applyflow.stage.queued", "Jobs waiting for a stage (claimable status, no live lease)", queued,
        "stage", stage);
    gauge("applyflow.stage.in.flight", "Jobs a stage is working on (claimable status, live lease)", inFlight,
        "stage", stage);
  }

  /** Whether the last read of the job gauges from Postgres succeeded (1) or not (0: the job gauges are stale). */
  public static void databaseUp(boolean up) {
    gauge("applyflow.database.up", "1 when the last read of the job gauges from Postgres succeeded", up ? 1 : 0);
  }

  private static void count(String name, String description, double n, String... tags) {
    try {
      Counter.builder(name).description(description).tags(labels(tags)).register(REGISTRY).increment(n);
    } catch (RuntimeException e) {
      // measurements never break the work they measure
    }
  }

  private static void gauge(String name, String description, long value, String... tags) {
    try {
      Tags t = labels(tags);
      AtomicLong holder = GAUGES.computeIfAbsent(name + t, k -> {
        AtomicLong h = new AtomicLong();
        Gauge.builder(name, h, AtomicLong::get).description(description).tags(t).register(REGISTRY);
        return h;
      });
      holder.set(value);
    } catch (RuntimeException e) {
      // measurements never break the work they measure
    }
  }

  private static Tags labels(String... kv) {
    String[] out = kv.clone();
    for (int i = 1; i < out.length; i += 2) {
      out[i] = label(out[i]);
    }
    return Tags.of(out);
  }

  private static String label(String value) {
    return value == null || value.isBlank() ? "unknown" : value;
  }
}
