package io.applyflow.bench;

import io.applyflow.Applyflow;
import io.applyflow.apply.Browsers;
import io.applyflow.platform.config.Config;
import io.applyflow.support.Api;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the pages a person uses, after a 5-job review run on the sandbox: each page's server time (request to last
 * byte, on loopback) and size, full page and htmx fragment, and how long a live page's stream takes to send its first
 * state. Prints figures; asserts nothing.
 *
 * <pre>mvn -B -Pbench test-compile exec:java -Dbench.main=io.applyflow.bench.PagesBench -Dbench.args=200</pre>
 */
public final class PagesBench {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private PagesBench() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("DATA_DIR", Files.createTempDirectory("applyflow-pages-bench").toString());
    env.put("APPLY_BOARD_INTERVAL_SECONDS", "0");
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    if (chromium != null) {
      env.put("CHROMIUM_PATH", chromium);
    }
    Applyflow app = Applyflow.start(Config.fromEnv(env));
    try {
      String base = "http://127.0.0.1:" + app.port();
      Api api = new Api(base);
      String token = api.userWithProfile(Api.uniqueEmail("pages-bench"));
      long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
          .put("level", "mid").put("limit", 5)).json().getLong("run_id");
      JsonObject run = api.awaitRun(runId, token, Duration.ofMinutes(10));
      long jobId = run.getJsonArray("jobs").getJsonObject(0).getLong("job_id");
      System.out.printf("Applyflow pages bench: %d requests per page after a 5-job review run, %d cores, JDK %s%n",
          rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      System.out.printf("%-22s %-9s %9s %9s %9s%n", "page", "as", "median", "p90", "bytes");
      Map<String, String> pages = new LinkedHashMap<>();
      pages.put("/", null);
      pages.put("/profile", "profile-form");
      pages.put("/runs", "run-list");
      pages.put("/runs/" + runId, "run-jobs");
      pages.put("/review", "review-queue");
      pages.put("/clarify", "clarify-queue");
      pages.put("/jobs/" + jobId, "job-decision");
      for (var p : pages.entrySet()) {
        time(base + p.getKey(), token, false, rounds, p.getKey(), "page");
        if (p.getValue() != null) {
          time(base + p.getKey(), token, true, rounds, p.getKey(), "fragment");
        }
      }
      for (String stream : List.of("/runs/" + runId + "/events", "/jobs/" + jobId + "/events", "/review/events")) {
        List<Long> us = new ArrayList<>();
        for (int i = 0; i < Math.min(rounds, 100); i++) {
          us.add(firstEvent(base + stream, token));
        }
        Collections.sort(us);
        System.out.printf("%-22s %-9s %7.1f ms %7.1f ms %9s%n", stream, "1st state", us.get(us.size() / 2) / 1000.0,
            us.get(us.size() * 9 / 10) / 1000.0, "");
      }
    } finally {
      app.close();
    }
    System.exit(0);
  }

  private static void time(String url, String token, boolean htmx, int rounds, String name, String as)
      throws Exception {
    List<Long> us = new ArrayList<>();
    int bytes = 0;
    for (int i = 0; i < rounds + 20; i++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
      if (htmx) {
        b.header("HX-Request", "true");
      }
      long t0 = System.nanoTime();
      HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      long t = (System.nanoTime() - t0) / 1000;
      if (r.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + r.statusCode());
      }
      if (i >= 20) { // the first 20 warm the JIT and the template cache
        us.add(t);
        bytes = r.body().length;
      }
    }
    Collections.sort(us);
    System.out.printf("%-22s %-9s %7.1f ms %7.1f ms %9d%n", name, as, us.get(us.size() / 2) / 1000.0,
        us.get(us.size() * 9 / 10) / 1000.0, bytes);
  }

  /** Microseconds from opening a live page's stream to its first named event (the state read from Postgres). */
  private static long firstEvent(String url, String token) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build();
    long t0 = System.nanoTime();
    HttpResponse<InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("event: ")) {
          return (System.nanoTime() - t0) / 1000;
        }
      }
    }
    throw new IllegalStateException(url + " ended before its first event");
  }
}
