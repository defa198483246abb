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
      try {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DATA_DIR", Files.createTempDirectory("applyflow-test-app").toString());
        env.put("DATABASE_URL", TestDatabase.shared().url());
        env.put("APPLY_INSTANCES", "2");
        env.put("APPLY_BOARD_INTERVAL_SECONDS", "0");
        String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
        if (chromium != null) {
          env.put("CHROMIUM_PATH", chromium);
        }
        app = Applyflow.start(Config.fromEnv(env));
        Applyflow started = app;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return app;
  }

  public static Api api() {
    return new Api("http://127.0.0.1:" + shared().port());
  }
}
