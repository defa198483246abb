package io.applyflow.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watchdog's shell loop against real processes: {@code sleep} stands in for the JVM and the postmaster. */
class WatchdogTest {
  private static final long BOUND_SECONDS = 30; // a generous bound for a loaded machine, not a timing assertion

  /**
   * A stand-in for the postmaster that dies of SIGINT as Postgres stops on it, even when this JVM was started in the
   * background of a shell without job control, where SIGINT and SIGQUIT are ignored and a plain {@code sleep} would
   * inherit that (Postgres installs its own handlers; {@code sleep} does not). Perl is part of every Debian system.
   */
  private static Process postmasterStandIn() throws java.io.IOException {
    return new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; $SIG{QUIT} = 'DEFAULT'; sleep 600").start();
  }

  @Test
  void whenTheJvmIsGoneThePostmasterIsAskedToStop() throws Exception {
    Process jvm = new ProcessBuilder("sleep", "600").start();
    Process postmaster = postmasterStandIn();
    try {
      Watchdog dog = Watchdog.start(jvm.pid(), postmaster.pid()).orElseThrow();
      assertFalse(postmaster.waitFor(1500, TimeUnit.MILLISECONDS), "left alone while the JVM lives");
      jvm.destroyForcibly();
      assertTrue(postmaster.waitFor(BOUND_SECONDS, TimeUnit.SECONDS), "stopped once the JVM is gone");
      assertEquals(128 + 2, postmaster.exitValue(), "by SIGINT, Postgres' fast shutdown");
      assertTrue(dog.process().waitFor(BOUND_SECONDS, TimeUnit.SECONDS), "the watchdog ends with it");
    } finally {
      jvm.destroyForcibly();
      postmaster.destroyForcibly();
    }
  }

  @Test
  void whenThePostmasterStopsNormallyTheWatchdogEndsAndTheJvmIsUntouched() throws Exception {
    Process jvm = new ProcessBuilder("sleep", "600").start();
    Process postmaster = new ProcessBuilder("sleep", "600").start();
    try {
      Watchdog dog = Watchdog.start(jvm.pid(), postmaster.pid()).orElseThrow();
      postmaster.destroy();
      assertTrue(dog.process().waitFor(BOUND_SECONDS, TimeUnit.SECONDS), "the watchdog ends");
      assertEquals(0, dog.process().exitValue());
      assertTrue(jvm.isAlive());
    } finally {
      jvm.destroyForcibly();
      postmaster.destroyForcibly();
    }
  }

  @Test
  void closingEndsTheWatchdogAndLeavesThePostmasterRunning() throws Exception {
    Process postmaster = new ProcessBuilder("sleep", "600").start();
    try {
      Watchdog dog = Watchdog.start(postmaster.pid()).orElseThrow();
      dog.close();
      assertTrue(dog.process().waitFor(BOUND_SECONDS, TimeUnit.SECONDS));
      assertTrue(postmaster.isAlive(), "stopping Postgres is Database.close's job, not the watchdog's");
    } finally {
      postmaster.destroyForcibly();
    }
  }
}
