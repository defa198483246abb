package io.applyflow.support;

import io.applyflow.Applyflow;
import io.applyflow.apply.Browsers;
import io.applyflow.platform.config.Config;
import io.applyflow.platform.db.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole application, started once per test JVM the way {@code java -jar} starts it: real embedded Postgres
 * (the shared test database), every role, the sandbox board, real Chromium, a free port.
 */
public final class TestApp {
  private static Applyflow app;

  private TestApp() {
  }

  public static synchronized Applyflow shared() {
    if (app == null) {
      // the add-by-URL fetcher may reach the tests' local pages on loopback (never the metadata address)
      app = start(Map.of("APPLY_INSTANCES", "2", "FETCH_ALLOWED_NETWORKS", "127.0.0.0/8"));
      Applyflow started = app;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return app;
  }

  /**
   * Another application instance (a free port, its own data directory, real Chromium, no pacing interval), with
   * {@code overrides} applied to that environment. The caller closes it. Every node on one database shares that
   * database's work (its stages claim any job, its conductor any run: that is the product), so an instance that runs
   * stages gets a database of its own, unless {@code DATABASE_URL} says which one to share; otherwise the shared
   * app's workers would take its jobs and do them with their own configuration. A web-only instance does no work and
   * shares the test database.
   */
  public static Applyflow start(Map<String, String> overrides) {
    try {
      Map<String, String> env = new HashMap<>();
      env.put("PORT", "0");
      env.put("DATA_DIR", Files.createTempDirectory("applyflow-test-app").toString());
      String roles = overrides.getOrDefault("ROLES", "web,scrape,tailor,render,apply");
      boolean works = java.util.Arrays.stream(roles.split(",")).map(String::trim).anyMatch(r -> !r.equals("web"));
      env.put("DATABASE_URL", works ? TestDatabase.fresh("app").url() : TestDatabase.shared().url());
      env.put("APPLY_BOARD_INTERVAL_SECONDS", "0");
      // every test user signs up from 127.0.0.1; the limit itself is tested with its own instance (AccountsIT)
      env.put("SIGNUPS_PER_HOUR", "1000000");
      env.put("SANDBOX_POSTS_PER_MINUTE", "1000000"); // every test posts from 127.0.0.1
      String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
      if (chromium != null) {
        env.put("CHROMIUM_PATH", chromium);
      }
      env.putAll(overrides);
      return Applyflow.start(Config.fromEnv(env));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Api api() {
    return new Api("http://127.0.0.1:" + shared().port());
  }
}
