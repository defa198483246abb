package io.applyflow.fault;

import io.applyflow.apply.Browsers;
import io.applyflow.support.Api;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Applyflow process started the way {@code java -jar} starts it: the java of this JVM, this JVM's (test) class
 * path, {@code io.applyflow.Main} and an environment of its own; its output goes to {@code target/fault/<name>.log}
 * (appended, so a restart under the same name keeps the history). {@link #kill()} is a SIGKILL (no shutdown hook runs).
 *
 * <p>A node with the web role is up when {@code /ready} answers 200; one without it when its log says
 * "Applyflow ready".
 */
public final class Node implements AutoCloseable {
  public static final Path LOGS = Path.of("target", "fault");
  private static final Duration START = Duration.ofSeconds(150);

  public final String name;
  public final int port;
  public final Process process;
  public final Path log;
  public final Map<String, String> env;
  /** Milliseconds from the process's start to /ready (or the log's "ready" line). */
  public final long startMs;

  private Node(String name, int port, Process process, Path log, Map<String, String> env, long startMs) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
    this.env = env;
    this.startMs = startMs;
  }

  /** A free TCP port on loopback. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The environment of a fast, deterministic node: no pacing, no daily cap to speak of, no LLM (deterministic
   * tailoring), sign-ups and sandbox posts unthrottled (everything comes from 127.0.0.1), Chromium found as the tests
   * find it. {@code databaseUrl} null: the node's own embedded Postgres in {@code dataDir}.
   */
  public static Map<String, String> baseEnv(String databaseUrl, Path dataDir, int port, int sandboxPort) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", String.valueOf(port));
    env.put("SANDBOX_PORT", String.valueOf(sandboxPort));
    env.put("DATA_DIR", dataDir.toString());
    if (databaseUrl != null) {
      env.put("DATABASE_URL", databaseUrl);
    }
    env.put("APPLY_BOARD_INTERVAL_SECONDS", "0");
    env.put("APPLY_DAILY_CAP", "10000");
    env.put("AUTO_SUBMIT_MIN_SCORE", "0");
    env.put("SIGNUPS_PER_HOUR", "1000000");
    env.put("SANDBOX_POSTS_PER_MINUTE", "1000000");
    env.put("SSE_PER_USER", "1000");
    env.put("RUNS_PER_USER", "100");
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    if (chromium != null) {
      env.put("CHROMIUM_PATH", chromium);
    }
    return env;
  }

  /** Starts a node and waits until it is up; fails with the log's tail when it dies or does not come up. */
  public static Node start(String name, Map<String, String> env) {
    try {
      Files.createDirectories(LOGS);
      Path log = LOGS.resolve(name + ".log");
      Files.writeString(log, "\n===== start " + name + " at " + java.time.Instant.now() + " env " + shown(env) + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx768m", "-Dvertx.disableDnsResolver=true",
          "-cp", System.getProperty("java.class.path"), "io.applyflow.Main");
      pb.environment().putAll(env);
      pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      long t0 = System.nanoTime();
      Process p = pb.start();
      boolean web = !env.containsKey("ROLES") || List.of(env.get("ROLES").split(",")).contains("web");
      int port = web ? Integer.parseInt(env.get("PORT")) : 0;
      long logOffset = Files.size(log);
      long deadline = System.nanoTime() + START.toNanos();
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException(name + " exited with " + p.exitValue() + " before it was up:\n" + tail(log));
        }
        if (web ? ready(port) : logSince(log, logOffset).contains("Applyflow ready")) {
          return new Node(name, port, p, log, Map.copyOf(env), (System.nanoTime() - t0) / 1_000_000);
        }
        sleep(100);
      }
      p.destroyForcibly();
      throw new IllegalStateException(name + " was not up after " + START + ":\n" + tail(log));
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
    }
  }

  private static String shown(Map<String, String> env) {
    Map<String, String> m = new java.util.TreeMap<>(env);
    m.remove("CHROMIUM_PATH");
    return m.toString();
  }

  static boolean ready(int port) {
    try {
      return new Api("http://127.0.0.1:" + port).get("/ready", null).status() == 200;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static String logSince(Path log, long offset) throws IOException {
    byte[] all = Files.readAllBytes(log);
    return offset >= all.length ? "" : new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
  }

  /** The last 40 lines of a log. */
  public static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  public Api api() {
    return new Api("http://127.0.0.1:" + port);
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no lease released; waits until the process is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (pid " + pid() + ") survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM (the JVM's shutdown path); SIGKILL after 60 s. */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
