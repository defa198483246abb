package io.applyflow.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.db.LeftoverPostmaster.Found;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check against real processes and files; the running-postmaster case is in RestartAfterCrashIT. */
class LeftoverPostmasterTest {
  private static void writePidFile(Path pgData, long pid, int port, Path socketDir) throws Exception {
    Files.write(pgData.resolve(PostmasterPid.FILE), List.of(Long.toString(pid), pgData.toString(), "1796225485",
        Integer.toString(port), socketDir.toString(), "localhost", "  2623002    131080", "ready   "));
  }

  @Test
  void aDataFolderWithoutALockFileIsLeftAsItIs(@TempDir Path pgData) throws Exception {
    assertEquals(Found.NOTHING, LeftoverPostmaster.clear(pgData, Duration.ofSeconds(1)).found());
    assertFalse(Files.exists(pgData.resolve(LeftoverPostmaster.JVM_LOCK)), "nothing is created before initdb");
  }

  @Test
  void aLockFileNamingADeadPidIsRemovedWithItsSocketLock(@TempDir Path pgData, @TempDir Path sockets)
      throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    writePidFile(pgData, gone.pid(), 45678, sockets);
    Path socketLock = sockets.resolve(".s.PGSQL.45678.lock");
    Files.write(socketLock, List.of(Long.toString(gone.pid()), pgData.toString()));
    Path otherLock = sockets.resolve(".s.PGSQL.45679.lock");
    Files.write(otherLock, List.of("1", pgData.toString()));

    LeftoverPostmaster.Outcome out = LeftoverPostmaster.clear(pgData, Duration.ofSeconds(1));

    assertEquals(Found.STALE_PID_FILE, out.found(), out.line());
    assertTrue(out.line().contains("names pid " + gone.pid() + ", which is not running"), out.line());
    assertFalse(Files.exists(pgData.resolve(PostmasterPid.FILE)));
    assertFalse(Files.exists(socketLock));
    assertTrue(Files.exists(otherLock), "another server's socket lock is not ours to remove");
  }

  @Test
  void aLockFileNamingAPidNowUsedByAnUnrelatedProcessIsRemovedAndThatProcessLeftAlone(@TempDir Path pgData)
      throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "300").start();
    try {
      writePidFile(pgData, sleeper.pid(), 45680, pgData);

      LeftoverPostmaster.Outcome out = LeftoverPostmaster.clear(pgData, Duration.ofSeconds(1));

      assertEquals(Found.UNRELATED_PROCESS, out.found(), out.line());
      assertTrue(out.line().contains("sleep 300"), out.line());
      assertFalse(Files.exists(pgData.resolve(PostmasterPid.FILE)));
      assertFalse(sleeper.waitFor(1, TimeUnit.SECONDS), "the unrelated process still runs");
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void anUnreadableLockFileLeftByACrashIsRemoved(@TempDir Path pgData) throws Exception {
    Files.writeString(pgData.resolve(PostmasterPid.FILE), "");
    assertEquals(Found.STALE_PID_FILE, LeftoverPostmaster.clear(pgData, Duration.ofSeconds(1)).found());
    assertFalse(Files.exists(pgData.resolve(PostmasterPid.FILE)));
  }

  @Test
  void refusesADataFolderAnotherRunningProcessHolds(@TempDir Path pgData) throws Exception {
    writePidFile(pgData, ProcessHandle.current().pid(), 45681, pgData);
    try (FileChannel ch = FileChannel.open(pgData.resolve(LeftoverPostmaster.JVM_LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock held = ch.lock()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> LeftoverPostmaster.clear(pgData, Duration.ofSeconds(1)));
      assertTrue(e.getMessage().contains("another Applyflow running on this DATA_DIR"), e.getMessage());
      assertTrue(held.isValid());
    }
    assertTrue(Files.exists(pgData.resolve(PostmasterPid.FILE)), "left for its owner");
  }

  @Test
  void recognisesAPostmasterOnlyOnItsOwnDataDirectory(@TempDir Path pgData) {
    String d = pgData.toString();
    assertTrue(LeftoverPostmaster.isPostmasterOn(List.of("/x/bin/postgres", "-D", d, "-p", "5432"), pgData));
    assertTrue(LeftoverPostmaster.isPostmasterOn(List.of("/x/bin/postgres", "-D" + d), pgData));
    assertTrue(LeftoverPostmaster.isPostmasterOn(List.of("/x/bin/postgres", "-D", d + "/./"), pgData));
    assertFalse(LeftoverPostmaster.isPostmasterOn(List.of("/x/bin/postgres", "-D", d + "-other"), pgData));
    assertFalse(LeftoverPostmaster.isPostmasterOn(List.of("postgres: checkpointer "), pgData));
    assertFalse(LeftoverPostmaster.isPostmasterOn(List.of("/bin/sleep", "-D", d), pgData));
    assertFalse(LeftoverPostmaster.isPostmasterOn(List.of(), pgData));
  }

  @Test
  void readsTheCommandLineOfARunningProcess() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "301").start();
    try {
      List<String> argv = LeftoverPostmaster.commandLine(sleeper.pid()).orElseThrow();
      assertTrue(argv.get(0).endsWith("sleep"), argv.toString());
      assertEquals("301", argv.get(argv.size() - 1));
    } finally {
      sleeper.destroyForcibly();
    }
  }
}
