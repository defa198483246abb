package io.applyflow.bench;

import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small load client for the run read (issue 12): starts the app (as the tests do: shared embedded Postgres, the
 * sandbox board), makes a 7-job review-mode run, waits until it settles, then reads {@code GET /api/search/{run}}
 * over loopback HTTP/1.1 keep-alive with 1 and 10 concurrent connections for a fixed time each, and prints req/s, p50
 * and p99; {@code /api/profile} is measured the same way for comparison. Not a test: run it by hand with
 * {@code mvn -B -o test-compile exec:java -Dexec.mainClass=io.applyflow.bench.RunReadBench
 * -Dexec.classpathScope=test} (or from an IDE). Args: seconds per measurement (default 8).
 */
public final class RunReadBench {
  private RunReadBench() {
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    Api api = TestApp.api();
    String token = api.userWithProfile(Api.uniqueEmail("bench"));
    long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "mid").put("limit", 7).put("mode", "review")).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofMinutes(5));
    long settle = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (run.getJsonArray("jobs").stream().map(o -> ((JsonObject) o).getString("status"))
        .anyMatch(s -> !Arrays.asList("awaiting_approval", "needs_input", "needs_attention", "clarify", "rejected",
            "failed", "duplicate", "submitted").contains(s)) && System.nanoTime() < settle) {
      Thread.sleep(500);
      run = api.get("/api/search/" + runId, token).json();
    }
    System.out.printf("run %d: %d jobs, %d bytes of JSON%n", runId, run.getJsonArray("jobs").size(),
        api.get("/api/search/" + runId, token).body().length);
    String[] paths = {"/api/search/" + runId, "/api/profile"};
    System.out.println("| path | connections | req/s | p50 ms | p99 ms |");
    System.out.println("|---|---|---|---|---|");
    for (String path : paths) {
      measure(api.base + path, token, 1, 2); // warm-up
      for (int c : new int[] {1, 10}) {
        Result r = measure(api.base + path, token, c, seconds);
        System.out.printf("| %s | %d | %.0f | %.2f | %.2f |%n", path.startsWith("/api/search") ? "/api/search/{run}"
            : path, c, r.perSecond, r.p50, r.p99);
      }
    }
    System.exit(0);
  }

  record Result(double perSecond, double p50, double p99) {
  }

  /** {@code connections} threads, each with its own client (one keep-alive connection), for {@code seconds}. */
  static Result measure(String url, String token, int connections, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<long[]>> all = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      all.add(pool.submit(() -> {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build();
        long[] lat = new long[1 << 16];
        int n = 0;
        while (System.nanoTime() < end) {
          long t0 = System.nanoTime();
          HttpResponse<byte[]> res = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
          if (res.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + res.statusCode());
          }
          if (n == lat.length) {
            lat = Arrays.copyOf(lat, n * 2);
          }
          lat[n++] = System.nanoTime() - t0;
        }
        return Arrays.copyOf(lat, n);
      }));
    }
    long[] merged = new long[0];
    for (Future<long[]> f : all) {
      long[] l = f.get();
      long[] m = Arrays.copyOf(merged, merged.length + l.length);
      System.arraycopy(l, 0, m, merged.length, l.length);
      merged = m;
    }
    pool.shutdown();
    Arrays.sort(merged);
    return new Result(merged.length / (double) seconds, merged[merged.length / 2] / 1e6,
        merged[(int) Math.min(merged.length - 1, Math.floor(merged.length * 0.99))] / 1e6);
  }
}
