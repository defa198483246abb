package io.applyflow.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Small helpers shared by the fault and load harnesses: printing, waiting on the database, settings. */
public final class Harness {
  private Harness() {
  }

  /** Prints a line to stdout (failsafe keeps it in the report) and appends it to {@code target/fault/harness.txt}. */
  public static synchronized void say(String format, Object... args) {
    String line = String.format(format, args);
    System.out.println(line);
    try {
      Files.createDirectories(Node.LOGS);
      Files.writeString(Node.LOGS.resolve("harness.txt"), line + "\n", java.nio.charset.StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // printing is enough
    }
  }

  /**
   * How long an outcome may stay unchanged before a wait gives up ({@code -Dfault.stuckSeconds}, default 330 s: longer
   * than the old conductor's 300 s bus timeout, so a stage reply that never comes has had its chance to time out).
   */
  public static long stuckMs() {
    return intProp("fault.stuckSeconds", 330) * 1000L;
  }

  public static int intProp(String name, int dflt) {
    return Integer.getInteger(name, dflt);
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until every run of the outcome is no longer running, re-reading it every 2 s; gives up after {@code maxMs},
   * or earlier when nothing has changed (jobs by status, ledger, received) for {@code stuckMs}. Returns the last read.
   */
  public static Outcome awaitSettled(Supplier<Outcome> read, long maxMs, long stuckMs) {
    long t0 = System.currentTimeMillis();
    long changed = t0;
    String last = null;
    Outcome o = read.get();
    while (true) {
      boolean running = o.runs.containsValue("running");
      if (!running || o.runs.isEmpty() && System.currentTimeMillis() - t0 > 10_000) {
        return o;
      }
      String now = o.summary();
      if (!now.equals(last)) {
        last = now;
        changed = System.currentTimeMillis();
      }
      long time = System.currentTimeMillis();
      if (time - t0 > maxMs || time - changed > stuckMs) {
        say("    gave up waiting after %d s (%s): %s", (time - t0) / 1000,
            time - t0 > maxMs ? "time limit" : "nothing changed for " + stuckMs / 1000 + " s", now);
        return o;
      }
      Node.sleep(2000);
      o = read.get();
    }
  }

  /** Rows of a query with one {@code bigint[]} parameter, each row's columns joined by a space. */
  public static List<String> rows(String jdbcUrl, String sql, List<Long> ids) {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null);
         PreparedStatement st = c.prepareStatement(sql)) {
      st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      try (ResultSet rs = st.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder b = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            b.append(i > 1 ? " " : "").append(rs.getString(i));
          }
          out.add(b.toString());
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return out;
  }

  /** The last events of a job, oldest first: "at stage status message". */
  public static List<String> events(String jdbcUrl, long jobId, int last) {
    return rows(jdbcUrl, """
        select * from (select at::text, stage, status, left(message, 160) from job_events
         where job_id = any(?) order by id desc limit %d) e order by 1
        """.formatted(last), List.of(jobId));
  }
}
