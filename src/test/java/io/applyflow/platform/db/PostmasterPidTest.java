package io.applyflow.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmasterPidTest {
  /** As PostgreSQL 18 wrote it for the embedded server (see a running DATA_DIR/postgres/postmaster.pid). */
  private static final List<String> WRITTEN = List.of("31888", "/tmp/rs-exp.dyXY/postgres", "1796225485", "43303",
      "/tmp", "localhost", "  2623002    131080", "ready   ");

  @Test
  void readsEveryLineOfAFileWrittenByARunningServer() {
    PostmasterPid f = PostmasterPid.parse(WRITTEN);
    assertEquals(31888, f.pid());
    assertEquals(Path.of("/tmp/rs-exp.dyXY/postgres"), f.dataDir());
    assertEquals(1796225485L, f.startedEpochSeconds());
    assertEquals(43303, f.port());
    assertEquals("/tmp", f.socketDir());
    assertEquals("ready", f.status());
    assertEquals(Optional.of(Path.of("/tmp/.s.PGSQL.43303.lock")), f.socketLock());
  }

  @Test
  void aFileCutShortAfterTheDataDirectoryStillNamesThePid() {
    PostmasterPid f = PostmasterPid.parse(List.of("123", "/data/postgres"));
    assertEquals(123, f.pid());
    assertEquals(0, f.port());
    assertEquals("", f.status());
    assertEquals(Optional.empty(), f.socketLock());
  }

  @Test
  void aServerWithoutUnixSocketsHasNoSocketLock() {
    PostmasterPid f = PostmasterPid.parse(List.of("123", "/d", "1", "5432", "", "*", "", "ready"));
    assertEquals(Optional.empty(), f.socketLock());
  }

  @Test
  void rejectsFilesWithoutAUsablePidOrDataDirectory() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PostmasterPid.parse(List.of()))
        .getMessage().contains("0 line(s)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PostmasterPid.parse(List.of("12")))
        .getMessage().contains("1 line(s)"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PostmasterPid.parse(List.of("abc", "/d")))
        .getMessage().contains("pid line is not a number: 'abc'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PostmasterPid.parse(List.of("-5", "/d")))
        .getMessage().contains("pid -5"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PostmasterPid.parse(List.of("5", " ")))
        .getMessage().contains("empty data directory"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PostmasterPid.parse(List.of("5", "/d", "1", "x")))
        .getMessage().contains("port line"));
  }

  @Test
  void readingADataDirectoryWithoutTheFileFindsNothing(@TempDir Path dir) throws Exception {
    assertEquals(Optional.empty(), PostmasterPid.read(dir));
    Files.write(dir.resolve(PostmasterPid.FILE), WRITTEN);
    assertEquals(31888, PostmasterPid.read(dir).orElseThrow().pid());
  }
}
