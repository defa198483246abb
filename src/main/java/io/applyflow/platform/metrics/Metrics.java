package io.applyflow.platform.metrics;

/**
 * The application's own measurements, recorded from anywhere (plain static calls, cheap, never throwing), exposed
 * at {@code GET /metrics} in Prometheus format. Stage latencies and outcomes, claims, submissions, stale writes,
 * LLM and HTTP calls, SSE connections; jobs per status and queue depths are read from Postgres when scraped.
 */
public final class Metrics {
  private Metrics() {
  }

  /** One stage call finished: {@code outcome} is {@code ok}, {@code failed} or {@code abandoned}. */
  public static void stage(String stage, String outcome, long nanos) {
  }

  /** A stage claimed {@code n} jobs from Postgres. */
  public static void claimed(String stage, int n) {
  }

  /** A status change lost to a newer writer or a guard (stale lease, status no longer allowed). */
  public static void staleWrite(String stage) {
  }

  /** A submission decision: {@code attempted}, {@code confirmed}, {@code duplicate}, {@code capped}, {@code paced}. */
  public static void submission(String outcome) {
  }

  /** One LLM call; {@code ok} false for an error or a refused answer. */
  public static void llmCall(boolean ok) {
  }

  /** One outbound HTTP call to {@code target} (e.g. {@code greenhouse}, {@code serper}). */
  public static void httpCall(String target, boolean ok) {
  }

  /** An SSE connection opened (+1) or closed (-1). */
  public static void sse(int delta) {
  }
}
