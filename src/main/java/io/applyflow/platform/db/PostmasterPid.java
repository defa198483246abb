package io.applyflow.platform.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The lock file Postgres keeps in its data directory ({@code postmaster.pid}) while it runs: the postmaster's
 * pid, the data directory, its start time, port, first socket directory, listen address, shared memory key and
 * status, one per line (PostgreSQL's {@code LOCK_FILE_LINE_*}). A crash of the postmaster leaves it behind.
 *
 * @param socketDir the first Unix socket directory, empty when Postgres listens on TCP only
 * @param status {@code starting}, {@code ready}, {@code stopping} or empty (older servers, or not yet written)
 */
public record PostmasterPid(long pid, Path dataDir, long startedEpochSeconds, int port, String socketDir,
                            String status) {
  public static final String FILE = "postmaster.pid";

  /** The lock file of {@code pgData}, or empty when there is none. */
  public static Optional<PostmasterPid> read(Path pgData) throws IOException {
    try {
      return Optional.of(parse(Files.readAllLines(pgData.resolve(FILE), StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses the file's lines. Needs at least the pid and the data directory; a file cut short by a crash during
   * start-up may lack the rest (then port 0, empty socket directory and status).
   *
   * @throws IllegalArgumentException naming what is wrong when the pid or data directory is missing or malformed
   */
  public static PostmasterPid parse(List<String> lines) {
    if (lines.size() < 2) {
      throw new IllegalArgumentException(FILE + " has " + lines.size() + " line(s); a pid and a data directory are needed");
    }
    long pid = number(lines.get(0), "pid");
    if (pid <= 0) {
      throw new IllegalArgumentException(FILE + " names pid " + pid + "; a pid is positive");
    }
    String dir = lines.get(1).strip();
    if (dir.isEmpty()) {
      throw new IllegalArgumentException(FILE + " has an empty data directory line");
    }
    long started = lines.size() > 2 && !lines.get(2).isBlank() ? number(lines.get(2), "start time") : 0;
    int port = lines.size() > 3 && !lines.get(3).isBlank() ? (int) number(lines.get(3), "port") : 0;
    String socketDir = lines.size() > 4 ? lines.get(4).strip() : "";
    String status = lines.size() > 7 ? lines.get(7).strip() : "";
    return new PostmasterPid(pid, Path.of(dir), started, port, socketDir, status);
  }

  /** The Unix socket's lock file ({@code <socket dir>/.s.PGSQL.<port>.lock}), when the server had one. */
  public Optional<Path> socketLock() {
    return socketDir.isEmpty() || port <= 0 ? Optional.empty()
        : Optional.of(Path.of(socketDir, ".s.PGSQL." + port + ".lock"));
  }

  private static long number(String line, String what) {
    try {
      return Long.parseLong(line.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(FILE + ": the " + what + " line is not a number: '" + line.strip() + "'");
    }
  }
}
