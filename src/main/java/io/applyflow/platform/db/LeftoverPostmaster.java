package io.applyflow.platform.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check before the embedded Postgres starts: a JVM killed with SIGKILL (OOM killer, {@code kill -9})
 * leaves its postmaster running on the data folder, or a stale {@code postmaster.pid} when the postmaster died too.
 * Either makes the next start fail. This finds what was left and clears it:
 * <ul>
 *   <li>a postmaster still running on this data directory (its command line says {@code postgres -D <this dir>} and
 *   the lock file names this directory) is stopped: SIGINT (fast shutdown), then SIGQUIT, then SIGKILL;</li>
 *   <li>a lock file naming a dead pid, or a pid now used by an unrelated process (left alone), is removed, with
 *   the Unix socket's lock file if it names the same pid.</li>
 * </ul>
 * It only acts while holding the data folder's {@code epg-lock} (the lock every running embedded Postgres holds
 * from its JVM), so it never touches the Postgres of another running Applyflow.
 */
public final class LeftoverPostmaster {
  private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
  /** The file zonky's EmbeddedPostgres locks in the data directory for as long as its JVM uses it. */
  static final String JVM_LOCK = "epg-lock";
  private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");

  /** What the check found. */
  public enum Found { NOTHING, STALE_PID_FILE, UNRELATED_PROCESS, RUNNING_POSTMASTER, UNSURE }

  /** What the check found and the one line it logged. */
  public record Outcome(Found found, String line) {
  }

  private LeftoverPostmaster() {
  }

  /**
   * Clears what a crashed run left in {@code pgData}; waits up to {@code grace} for a running postmaster's fast
   * shutdown before escalating.
   *
   * @throws IllegalStateException when another running process holds the data folder
   */
  public static Outcome clear(Path pgData, Duration grace) throws IOException {
    Path dir = pgData.toAbsolutePath().normalize();
    Optional<PostmasterPid> read;
    try {
      read = PostmasterPid.read(dir);
    } catch (IllegalArgumentException e) {
      return inUseGuard(dir, () -> {
        Files.deleteIfExists(dir.resolve(PostmasterPid.FILE));
        return outcome(Found.STALE_PID_FILE, "unreadable " + PostmasterPid.FILE + " (" + e.getMessage()
            + ") left by a crash: removed it");
      });
    }
    if (read.isEmpty()) {
      return outcome(Found.NOTHING, "no " + PostmasterPid.FILE + ": nothing left over");
    }
    PostmasterPid file = read.get();
    return inUseGuard(dir, () -> clear(dir, file, grace));
  }

  private static Outcome clear(Path dir, PostmasterPid file, Duration grace) throws IOException {
    String named = PostmasterPid.FILE + " names pid " + file.pid();
    Optional<ProcessHandle> handle = ProcessHandle.of(file.pid()).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return outcome(Found.STALE_PID_FILE, named + ", which is not running: removed the stale "
          + PostmasterPid.FILE + removeLeftovers(dir, file));
    }
    Optional<List<String>> argv = commandLine(file.pid());
    if (argv.isEmpty()) {
      return outcome(Found.UNSURE, named + ", which is running but its command line cannot be read: left it and "
          + PostmasterPid.FILE + " alone (Postgres decides)");
    }
    String cmd = String.join(" ", argv.get());
    boolean onThisDir = isPostmasterOn(argv.get(), dir);
    if (onThisDir && !sameDir(file.dataDir(), dir)) {
      return outcome(Found.UNSURE, named + ", a postmaster on " + dir + ", but the file names " + file.dataDir()
          + ": left both alone (Postgres decides)");
    }
    if (!onThisDir) {
      return outcome(Found.UNRELATED_PROCESS, named + ", now an unrelated process ('" + abbreviate(cmd)
          + "'): left it alone, removed the stale " + PostmasterPid.FILE + removeLeftovers(dir, file));
    }
    long started = System.nanoTime();
    String how = stop(handle.get(), grace);
    long ms = (System.nanoTime() - started) / 1_000_000;
    if (handle.get().isAlive()) {
      throw new IllegalStateException("a postmaster (pid " + file.pid() + ") left running on " + dir
          + " by a previous run did not stop after " + how);
    }
    awaitGone(dir.resolve(PostmasterPid.FILE), Duration.ofSeconds(2));
    return outcome(Found.RUNNING_POSTMASTER, named + ", a postmaster still running on this data folder (left by a "
        + "crashed run): stopped it with " + how + " in " + ms + " ms" + removeLeftovers(dir, file));
  }

  /** True when {@code argv} is a postgres server started with {@code -D dir}. */
  static boolean isPostmasterOn(List<String> argv, Path dir) {
    if (argv.isEmpty()) {
      return false;
    }
    Path exe = Path.of(argv.get(0)).getFileName();
    String name = exe == null ? "" : exe.toString();
    if (!name.equals("postgres") && !name.equals("postgres.exe") && !name.equals("postmaster")) {
      return false;
    }
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("-D") && i + 1 < argv.size() && sameDir(Path.of(argv.get(i + 1)), dir)) {
        return true;
      }
      if (a.startsWith("-D") && a.length() > 2 && sameDir(Path.of(a.substring(2)), dir)) {
        return true;
      }
    }
    // `ps` joins the arguments with spaces: a data directory with a space in it arrives split
    String joined = String.join(" ", argv);
    String abs = dir.toString();
    return joined.contains(" -D " + abs + " ") || joined.endsWith(" -D " + abs);
  }

  static boolean sameDir(Path a, Path b) {
    Path x = a.toAbsolutePath().normalize();
    Path y = b.toAbsolutePath().normalize();
    if (x.equals(y)) {
      return true;
    }
    try {
      return Files.exists(x) && Files.exists(y) && Files.isSameFile(x, y);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The process's command line: {@code /proc/<pid>/cmdline} on Linux, {@link ProcessHandle.Info} elsewhere,
   * {@code ps} as the last resort; empty when none can be read.
   */
  static Optional<List<String>> commandLine(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
    if (Files.isReadable(proc)) {
      try {
        byte[] bytes = Files.readAllBytes(proc);
        String s = new String(bytes, StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>(Arrays.asList(s.split("\0")));
        argv.removeIf(String::isEmpty);
        if (!argv.isEmpty()) {
          return Optional.of(argv);
        }
      } catch (IOException e) {
        // the process exited or is not ours to read: try the other ways
      }
    }
    Optional<ProcessHandle.Info> info = ProcessHandle.of(pid).map(ProcessHandle::info);
    if (info.isPresent() && info.get().command().isPresent() && info.get().arguments().isPresent()) {
      List<String> argv = new ArrayList<>();
      argv.add(info.get().command().get());
      argv.addAll(Arrays.asList(info.get().arguments().get()));
      return Optional.of(argv);
    }
    if (WINDOWS) {
      return Optional.empty();
    }
    try {
      Process ps = new ProcessBuilder("ps", "-o", "command=", "-p", Long.toString(pid))
          .redirectErrorStream(true).start();
      String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (ps.waitFor() == 0 && !out.isEmpty()) {
        return Optional.of(Arrays.asList(out.split("\\s+")));
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  /** Fast shutdown, then immediate shutdown, then SIGKILL; returns the signal that ended it. */
  private static String stop(ProcessHandle pm, Duration grace) {
    if (signal(pm, "INT") && awaitExit(pm, grace)) {
      return "SIGINT (fast shutdown)";
    }
    if (signal(pm, "QUIT") && awaitExit(pm, Duration.ofSeconds(5))) {
      return "SIGQUIT (immediate shutdown) after SIGINT did not end it within " + grace.toSeconds() + " s";
    }
    pm.destroyForcibly();
    awaitExit(pm, Duration.ofSeconds(5));
    return "SIGKILL after SIGINT and SIGQUIT did not end it";
  }

  /** Sends {@code SIG<name>} with {@code kill}; where that is impossible, SIGTERM (Postgres' smart shutdown). */
  static boolean signal(ProcessHandle p, String name) {
    if (!WINDOWS) {
      try {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid()))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0) {
          return true;
        }
      } catch (IOException e) {
        // no kill(1): fall through
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return p.destroy();
  }

  private static boolean awaitExit(ProcessHandle p, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (p.isAlive() && System.nanoTime() < deadline) {
      pause();
    }
    return !p.isAlive();
  }

  private static void awaitGone(Path file, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (Files.exists(file) && System.nanoTime() < deadline) {
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Removes the lock file and the socket's lock file (and socket) when they still name the old pid. */
  private static String removeLeftovers(Path dir, PostmasterPid file) throws IOException {
    StringBuilder done = new StringBuilder();
    Optional<PostmasterPid> still;
    try {
      still = PostmasterPid.read(dir);
    } catch (IllegalArgumentException e) {
      still = Optional.of(file);
    }
    if (still.isPresent() && still.get().pid() == file.pid()) {
      Files.deleteIfExists(dir.resolve(PostmasterPid.FILE));
    }
    Optional<Path> lock = file.socketLock();
    if (lock.isPresent() && Files.isRegularFile(lock.get())) {
      List<String> lines = Files.readAllLines(lock.get(), StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(0).strip().equals(Long.toString(file.pid()))) {
        Files.deleteIfExists(lock.get());
        Path socket = lock.get().resolveSibling(".s.PGSQL." + file.port());
        Files.deleteIfExists(socket);
        done.append(" and its socket lock ").append(lock.get());
      }
    }
    return done.toString();
  }

  private interface Check {
    Outcome run() throws IOException;
  }

  /** Runs {@code check} while holding the data folder's JVM lock; refuses when a running JVM holds it. */
  private static Outcome inUseGuard(Path dir, Check check) throws IOException {
    try (FileChannel ch = FileChannel.open(dir.resolve(JVM_LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IllegalStateException(dir + " is in use by another running process (it holds " + JVM_LOCK
            + "): is another Applyflow running on this DATA_DIR?");
      }
      try {
        return check.run();
      } finally {
        lock.release();
      }
    }
  }

  private static Outcome outcome(Found found, String what) {
    String line = "start-up check of the embedded Postgres: " + what;
    if (found == Found.UNSURE) {
      log.warn(line);
    } else {
      log.info(line);
    }
    return new Outcome(found, line);
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
