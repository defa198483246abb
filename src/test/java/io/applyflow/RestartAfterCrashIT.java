package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.applyflow.platform.db.Database;
import io.applyflow.support.Api;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Starts Applyflow as a separate JVM on its own DATA_DIR with the embedded Postgres (no DATABASE_URL), kills it
 * with SIGKILL and starts it again on the same data folder: the embedded Postgres must not outlive the JVM for
 * long (the watchdog), and the next start must clear whatever was left (a running postmaster, a stale
 * postmaster.pid) and serve.
 */
class RestartAfterCrashIT {
  private static final Path LOGS = Paths.get("target", "restart-it");
  /** Bounds for waiting, generous for a loaded 2-core machine; nothing here asserts a duration. */
  private static final long START_SECONDS = 120;
  private static final long STOP_SECONDS = 60;

  private final List<Process> started = new ArrayList<>();
  private final List<Path> dataDirs = new ArrayList<>();

  private Path freshDataDir() throws IOException {
    Path dir = Files.createTempDirectory("applyflow-restart");
    dataDirs.add(dir);
    return dir;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts the app on {@code dataDir} and waits until it serves /health. */
  private Process start(String name, Path dataDir) throws IOException {
    Files.createDirectories(LOGS);
    int port = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-Dvertx.disableDnsResolver=true", "-cp",
        System.getProperty("java.class.path"), "io.applyflow.Main");
    Map<String, String> env = pb.environment();
    env.remove("DATABASE_URL"); // the embedded Postgres in DATA_DIR is what this is about
    env.put("PORT", String.valueOf(port));
    env.put("DATA_DIR", dataDir.toString());
    env.put("SANDBOX_PORT", String.valueOf(freePort()));
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    env.put("ROLES", "web"); // serves /health; the other roles add nothing to a restart but start-up time
    pb.redirectErrorStream(true).redirectOutput(LOGS.resolve(name + ".log").toFile());
    Process p = pb.start();
    started.add(p);
    Api api = new Api("http://127.0.0.1:" + port);
    await("the " + name + " process to serve /health (log: " + LOGS.resolve(name + ".log") + ")", START_SECONDS,
        () -> {
          if (!p.isAlive()) {
            fail("the " + name + " process exited with " + p.exitValue() + " (log: " + LOGS.resolve(name + ".log")
                + ")");
          }
          try {
            return api.get("/health", null).status() == 200;
          } catch (IllegalStateException e) {
            return false;
          }
        });
    return p;
  }

  private static void await(String what, long seconds, BooleanSupplier done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    fail("timed out after " + seconds + " s waiting for " + what);
  }

  private static Path pidFile(Path dataDir) {
    return dataDir.resolve("postgres").resolve("postmaster.pid");
  }

  private static long postmasterPid(Path dataDir) throws IOException {
    return Long.parseLong(Files.readAllLines(pidFile(dataDir)).get(0).strip());
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void kill9(Process p) throws InterruptedException {
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed JVM exited");
  }

  @Test
  void aJvmKilledWithSigkillIsFollowedByAStartThatServesOnTheSameDataFolder() throws Exception {
    Path data = freshDataDir();
    Process first = start("first", data);
    long firstPostmaster = postmasterPid(data);
    assertTrue(alive(firstPostmaster));

    // 1. the watchdog: the killed JVM's Postgres stops by itself, before anything else starts
    kill9(first);
    await("the killed JVM's postmaster " + firstPostmaster + " to stop", STOP_SECONDS, () -> !alive(firstPostmaster));
    Process second = start("second", data);
    long secondPostmaster = postmasterPid(data);
    assertNotEquals(firstPostmaster, secondPostmaster, "a new postmaster serves");

    // 2. no watchdog (taken away first, as if the machine killed it too): only the start-up check is left
    second.toHandle().descendants()
        .filter(h -> h.info().arguments().map(a -> List.of(a).contains("applyflow-postgres-watchdog")).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
    kill9(second);
    assertTrue(alive(secondPostmaster), "the postmaster outlived its JVM: an orphan holds the data folder");
    start("third", data);
    await("the orphaned postmaster " + secondPostmaster + " to be gone", STOP_SECONDS, () -> !alive(secondPostmaster));
    assertNotEquals(secondPostmaster, postmasterPid(data));
    assertTrue(alive(postmasterPid(data)));
  }

  @Test
  void aStaleLockFileNamingAPidNowUsedByAnUnrelatedProcessDoesNotBlockTheStart() throws Exception {
    Path data = freshDataDir();
    List<String> lockFile;
    try (Database initialised = Database.embedded(data)) { // initdb, as a first run would
      lockFile = Files.readAllLines(pidFile(data));
    }
    assertFalse(Files.exists(pidFile(data)), "a clean stop leaves no lock file");

    // the postmaster died with the machine; its pid now belongs to someone else's process
    Process unrelated = new ProcessBuilder("sleep", "600").start();
    started.add(unrelated);
    List<String> stale = new ArrayList<>(lockFile);
    stale.set(0, Long.toString(unrelated.pid()));
    Files.write(pidFile(data), stale);

    start("over-a-stale-lock-file", data);
    assertNotEquals(unrelated.pid(), postmasterPid(data));
    assertTrue(unrelated.isAlive(), "the unrelated process is left alone");
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (Process p : started) {
      p.destroy(); // SIGTERM: the app's shutdown hooks stop its Postgres
    }
    for (Process p : started) {
      if (!p.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    for (Path dir : dataDirs) {
      Path pg = dir.resolve("postgres");
      if (Files.exists(pidFile(dir))) { // a postmaster this test left (e.g. on the old code): stop it
        long pid = postmasterPid(dir);
        ProcessHandle.of(pid).filter(h -> h.info().commandLine().orElse("").contains(pg.toString()))
            .ifPresent(ProcessHandle::destroy);
        await("the postmaster " + pid + " to stop", STOP_SECONDS, () -> !alive(pid));
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
