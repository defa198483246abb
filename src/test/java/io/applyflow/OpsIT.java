package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator's endpoints of a running node: {@code GET /ready} (200 on a started app; 503 naming the database once
 * its Postgres is stopped) and {@code GET /metrics} after a small sandbox run (Prometheus text that parses, with the
 * run's jobs, the stages' queues, the outbound calls and Vert.x's own meters, and no user data).
 */
class OpsIT {
  private final Api api = TestApp.api();

  @Test
  void aStartedNodeIsReadyWithItsDatabaseSchemaAndEveryRole() {
    Api.Response r = api.get("/ready", null);
    assertEquals(200, r.status(), r.text());
    JsonObject body = r.json();
    assertEquals("ready", body.getString("status"));
    assertEquals("ok", body.getString("database"));
    assertEquals("ok", body.getString("migrations"));
    assertEquals("ok: apply, render, scrape, tailor, web", body.getString("roles"));
  }

  @Test
  void aNodeWhosePostgresStoppedIsNotReadyAndSaysTheDatabase() {
    // its own embedded Postgres (no DATABASE_URL), web role only; then that Postgres is stopped under it
    try (Applyflow app = TestApp.start(Map.of("DATABASE_URL", "", "ROLES", "web"))) {
      Api own = new Api("http://127.0.0.1:" + app.port());
      Api.Response before = own.get("/ready", null);
      assertEquals(200, before.status(), before.text());
      assertEquals("ok: web", before.json().getString("roles"));

      app.database().close();

      Api.Response after = own.get("/ready", null);
      assertEquals(503, after.status(), after.text());
      JsonObject body = after.json();
      assertEquals("not_ready", body.getString("status"));
      assertEquals(List.of("database"), body.getJsonArray("not_ready").getList(), body.encode());
      assertEquals("the database does not answer", body.getString("database"));
      assertEquals(200, own.get("/health", null).status(), "alive, only not ready");
    }
  }

  @Test
  void metricsAfterASandboxRunShowItsJobsQueuesCallsAndVertxMetersWithoutUserData() {
    Map<String, Double> samples = runAndScrape();
    assertTrue(value(samples, "applyflow_jobs", "status=\"submitted\"") >= 3, "jobs per status");
    assertTrue(value(samples, "applyflow_jobs", "status=\"rejected\"") >= 2, "jobs per status");
    for (String stage : List.of("describe", "score", "tailor", "render", "apply")) {
      assertNotNull(find(samples, "applyflow_stage_queued", "stage=\"" + stage + "\""), stage + " queue depth");
      assertNotNull(find(samples, "applyflow_stage_in_flight", "stage=\"" + stage + "\""), stage + " in flight");
    }
    assertEquals(1.0, value(samples, "applyflow_database_up", ""));
    for (String target : List.of("greenhouse", "lever", "ashby")) {
      assertTrue(value(samples, "applyflow_outbound_calls_total", "outcome=\"ok\",target=\"" + target + "\"") > 0,
          target + " calls");
    }
    assertNotNull(find(samples, "applyflow_sse_connections", ""), "SSE connections gauge");
    // Vert.x's own: the HTTP server by route pattern, the SQL pool, the event bus
    assertTrue(value(samples, "vertx_http_server_requests_total", "route=\"/api/search/:run_id\"") > 0,
        "HTTP server requests by route pattern (the pattern, never the run's id)");
    assertTrue(sum(samples, "vertx_pool_completed_total", "pool_type=\"sql\"") > 0, "SQL pool usage");
    assertTrue(sum(samples, "vertx_eventbus_processed_total", "") > 0, "event bus messages");
  }

  @Test
  void metricsTimeEveryStageAndCountSubmissions() {
    Map<String, Double> samples = runAndScrape();
    for (String stage : List.of("describe", "score", "tailor", "render", "apply")) {
      assertTrue(value(samples, "applyflow_stage_seconds_count", "outcome=\"ok\",stage=\"" + stage + "\"") > 0,
          stage + " timer");
    }
    assertTrue(value(samples, "applyflow_submissions_total", "outcome=\"confirmed\"") >= 3, "submissions");
  }

  private static Map<String, Double> lastScrape;

  /** One auto run of the sandbox (five jobs, three submitted) by a fresh user, then one scrape (once per class). */
  private synchronized Map<String, Double> runAndScrape() {
    if (lastScrape != null) {
      return lastScrape;
    }
    String email = Api.uniqueEmail("ops");
    String token = api.newUserWithProfile(email);
    Api.Response started = api.post("/api/search", token,
        new JsonObject().put("position", "Software Engineer").put("level", "mid").put("mode", "auto"));
    assertEquals(202, started.status(), started.text());
    JsonObject run = api.awaitRun(started.json().getLong("run_id"), token, Duration.ofSeconds(180));
    assertEquals("done", run.getString("status"), run.encodePrettily());

    long t0 = System.nanoTime();
    Api.Response r = api.get("/metrics", null);
    long firstMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(200, r.status(), r.text());
    assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
    String text = r.text();
    assertFalse(text.contains(email), "no email in the metrics");
    assertFalse(text.contains("@"), "no email-like label in the metrics");
    assertFalse(text.contains("user_id") || text.contains("userId"), "no user ids in the metrics");
    // the scrape's cost, for the report (not asserted): a first scrape reads Postgres, the next within 5 s does not
    long t1 = System.nanoTime();
    int again = api.get("/metrics", null).body().length;
    System.out.printf("OpsIT: /metrics %d bytes (%d lines); first scrape %d ms, cached %d ms%n", r.body().length,
        text.split("\n").length, firstMs, (System.nanoTime() - t1) / 1_000_000);
    assertTrue(again > 0);
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of("target", "metrics-after-a-run.txt"), text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    // several scrapes in a row, for the report
    long t2 = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      api.get("/metrics", null);
    }
    System.out.printf("OpsIT: 20 more scrapes, %.1f ms each%n", (System.nanoTime() - t2) / 20 / 1e6);
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = cpu.getCurrentThreadCpuTime();
    long w0 = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      io.applyflow.platform.metrics.Metrics.registry().scrape();
    }
    System.out.printf("OpsIT: registry.scrape() in-process: %.2f ms wall, %.2f ms CPU each (200 scrapes)%n",
        (System.nanoTime() - w0) / 200 / 1e6, (cpu.getCurrentThreadCpuTime() - c0) / 200 / 1e6);
    lastScrape = parse(text);
    return lastScrape;
  }

  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)\\})? "
          + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?\\d+)?");

  /** Prometheus text format 0.0.4: every line a comment or a sample; samples by {@code name{labels}}. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    List<String> bad = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        bad.add(line);
        continue;
      }
      String labels = m.group(3) == null ? "" : m.group(3).replaceAll(",$", "");
      out.put(m.group(1) + "{" + labels + "}", Double.parseDouble(m.group(4).replace("+Inf", "Infinity")));
    }
    if (!bad.isEmpty()) {
      fail("lines that are not Prometheus text: " + bad);
    }
    return out;
  }

  /** The sample of {@code name} whose labels contain {@code labels} (in Prometheus's sorted order), or null. */
  private static Double find(Map<String, Double> samples, String name, String labels) {
    for (Map.Entry<String, Double> e : samples.entrySet()) {
      if (e.getKey().startsWith(name + "{") && e.getKey().contains(labels)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static double value(Map<String, Double> samples, String name, String labels) {
    Double v = find(samples, name, labels);
    assertNotNull(v, "no " + name + "{" + labels + "} in " + samples.keySet().stream()
        .filter(k -> k.startsWith(name.split("_")[0] + "_" + name.split("_")[1])).toList());
    return v;
  }

  private static double sum(Map<String, Double> samples, String name, String labels) {
    double total = 0;
    for (Map.Entry<String, Double> e : samples.entrySet()) {
      if (e.getKey().startsWith(name + "{") && e.getKey().contains(labels)) {
        total += e.getValue();
      }
    }
    return total;
  }
}
