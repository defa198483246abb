package io.applyflow;

import io.applyflow.platform.config.Config;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Starts Applyflow from the environment: {@code java -jar target/applyflow.jar [--cluster]}. */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (Arrays.asList(args).contains("--cluster")) {
      env.put("CLUSTER", "true");
    }
    Config config;
    try {
      config = Config.fromEnv(env);
    } catch (IllegalArgumentException e) {
      org.slf4j.LoggerFactory.getLogger(Main.class).error("configuration error: {}", e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Applyflow app = Applyflow.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(app::close, "applyflow-shutdown"));
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Main.class).error("Applyflow could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }
}
