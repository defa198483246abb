package io.applyflow.bench;

import io.applyflow.Applyflow;
import io.applyflow.apply.Browsers;
import io.applyflow.platform.config.Config;
import io.applyflow.support.Api;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the whole pipeline on the sandbox board: start-up, then POST /api/search (auto mode) until the run is
 * done, per apply-instance count, with the median time each stage took per job. Prints figures; asserts nothing.
 *
 * <pre>mvn -B -Pbench test-compile exec:java -Dbench.args="5 1,2"</pre>
 */
public final class PipelineBench {
  private PipelineBench() {
  }

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String[] instanceCounts = (args.length > 1 ? args[1] : "1,2").split(",");
    String position = args.length > 2 ? args[2] : "Software Engineer";
    Path dataDir = Files.createTempDirectory("applyflow-bench");
    System.out.printf("Applyflow pipeline bench: %d jobs per run, position '%s', %d cores, JDK %s%n", jobs, position,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    boolean first = true;
    for (String count : instanceCounts) {
      Map<String, String> env = new HashMap<>();
      env.put("PORT", "0");
      env.put("DATA_DIR", dataDir.toString());
      env.put("APPLY_INSTANCES", count.trim());
      env.put("APPLY_BOARD_INTERVAL_SECONDS", "0");
      String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
      if (chromium != null) {
        env.put("CHROMIUM_PATH", chromium);
      }
      long t0 = System.nanoTime();
      Applyflow app = Applyflow.start(Config.fromEnv(env));
      long startMs = ms(t0);
      System.out.printf("%napply instances: %s%n  start-up: %d ms (%s)%n", count.trim(), startMs,
          first ? "new data directory: Postgres binaries unpacked, initdb" : "existing data directory");
      first = false;
      try {
        Api api = new Api("http://127.0.0.1:" + app.port());
        // the first run pays for class loading, JIT, Playwright's driver and Chromium's launch
        Result cold = run(api, position, Math.min(jobs, 2));
        System.out.printf("  first run (%d jobs, cold browser and JIT): %d ms POST→done%n", cold.jobs, cold.ms);
        Result warm = run(api, position, jobs);
        System.out.printf("  warm run (%d jobs): %d ms POST→done, %.1f applications/minute, %d submitted%n",
            warm.jobs, warm.ms, warm.jobs * 60_000.0 / warm.ms, warm.submitted);
        warm.stageMedians.forEach((stage, ms) -> System.out.printf("    %-9s median %5d ms per job%n", stage, ms));
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("  JVM heap in use after GC: %d MB (max %d MB)%n",
            (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
      } finally {
        app.close();
      }
    }
    System.exit(0);
  }

  private record Result(int jobs, long ms, int submitted, Map<String, Long> stageMedians) {
  }

  private static Result run(Api api, String position, int limit) {
    String email = Api.uniqueEmail("bench");
    String token = api.userWithProfile(email);
    long t0 = System.nanoTime();
    long runId = api.post("/api/search", token, new JsonObject().put("position", position).put("level", "mid")
        .put("mode", "auto").put("limit", limit)).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofMinutes(10));
    long ms = ms(t0);
    JsonArray jobs = run.getJsonArray("jobs");
    int submitted = (int) jobs.stream().filter(j -> "submitted".equals(((JsonObject) j).getString("status"))).count();
    return new Result(jobs.size(), ms, submitted, stageMedians(run.getJsonArray("events")));
  }

  /** For each stage, the median time from the job's previous event to the stage's last event. */
  private static Map<String, Long> stageMedians(JsonArray events) {
    Map<Long, OffsetDateTime> previous = new HashMap<>();
    Map<String, Map<Long, Long>> perStageJob = new java.util.LinkedHashMap<>();
    for (Object o : events) {
      JsonObject e = (JsonObject) o;
      long job = e.getLong("job_id");
      OffsetDateTime at = OffsetDateTime.parse(e.getString("at"));
      OffsetDateTime before = previous.getOrDefault(job, at);
      perStageJob.computeIfAbsent(e.getString("stage"), k -> new HashMap<>())
          .merge(job, Duration.between(before, at).toMillis(), Long::sum);
      previous.put(job, at);
    }
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    perStageJob.forEach((stage, byJob) -> {
      List<Long> values = new ArrayList<>(byJob.values());
      Collections.sort(values);
      out.put(stage, values.get(values.size() / 2));
    });
    return out;
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
