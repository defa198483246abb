package io.applyflow.platform.db;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded Postgres from outliving its JVM: {@code pg_ctl} detaches the postmaster, so a JVM killed
 * with SIGKILL (no shutdown hook runs) would leave it running. A small {@code /bin/sh} loop, started with no pipes
 * to the JVM (stdin from /dev/null, output discarded), checks every second that both the JVM and the postmaster
 * live; when the JVM is gone it asks the postmaster for a fast shutdown (SIGINT), then an immediate one (SIGQUIT)
 * if it is still there 30 s later. It exits by itself when the postmaster stops; {@link #close()} ends it at once.
 */
final class Watchdog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
  /** The name the loop runs under ({@code $0}), so {@code ps} shows what it is. */
  static final String NAME = "applyflow-postgres-watchdog";
  static final String SCRIPT = """
      jvm=$1; pm=$2
      while kill -0 "$jvm" 2>/dev/null && kill -0 "$pm" 2>/dev/null; do sleep 1; done
      kill -0 "$pm" 2>/dev/null || exit 0
      kill -INT "$pm" 2>/dev/null
      n=0
      while kill -0 "$pm" 2>/dev/null && [ "$n" -lt 30 ]; do sleep 1; n=$((n + 1)); done
      kill -0 "$pm" 2>/dev/null && kill -QUIT "$pm" 2>/dev/null
      exit 0
      """;

  private final Process process;

  private Watchdog(Process process) {
    this.process = process;
  }

  /** Starts the loop for {@code postmasterPid}, or logs why there is none (no /bin/sh, as on Windows). */
  static Optional<Watchdog> start(long postmasterPid) {
    return start(ProcessHandle.current().pid(), postmasterPid);
  }

  /** Watches {@code jvmPid} (this JVM but in tests) and stops {@code postmasterPid} when it is gone. */
  static Optional<Watchdog> start(long jvmPid, long postmasterPid) {
    Path sh = Path.of("/bin/sh");
    if (!Files.isExecutable(sh)) {
      log.warn("no /bin/sh: the embedded Postgres (pid {}) has no watchdog and outlives a killed JVM; the next start "
          + "stops it", postmasterPid);
      return Optional.empty();
    }
    try {
      Process p = new ProcessBuilder(sh.toString(), "-c", SCRIPT, NAME, Long.toString(jvmPid),
          Long.toString(postmasterPid))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      log.info("watchdog (pid {}) stops the embedded Postgres (pid {}) within seconds if this JVM dies", p.pid(),
          postmasterPid);
      return Optional.of(new Watchdog(p));
    } catch (IOException e) {
      log.warn("could not start the embedded Postgres' watchdog: {}; the next start stops a postmaster left running",
          e.getMessage());
      return Optional.empty();
    }
  }

  Process process() {
    return process;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
