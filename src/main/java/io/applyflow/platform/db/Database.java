package io.applyflow.platform.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Postgres Applyflow talks to: an external one named by {@code DATABASE_URL}, or an embedded one
 * (PostgreSQL binaries from Maven, data kept in {@code DATA_DIR/postgres}) that starts even as root.
 * Flyway migrates the schema before anything else uses it.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** How long a postmaster left running by a crashed run gets for its fast shutdown before SIGQUIT. */
  private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(15);

  private final PgConnectOptions options;
  private final EmbeddedPostgres embedded;
  private final Watchdog watchdog;

  private Database(PgConnectOptions options, EmbeddedPostgres embedded, Watchdog watchdog) {
    this.options = options;
    this.embedded = embedded;
    this.watchdog = watchdog;
  }

  /**
   * Starts an embedded Postgres whose data lives in {@code dataDir} and survives restarts. First clears what a
   * crashed run left there (a postmaster still running, a stale {@code postmaster.pid}); then starts a watchdog
   * that stops the postmaster if this JVM dies without running its shutdown hooks.
   */
  public static Database embedded(Path dataDir) {
    try {
      Path data = dataDir.resolve("postgres").toAbsolutePath().normalize();
      Path bin = dataDir.resolve("postgres-bin").toAbsolutePath().normalize();
      Files.createDirectories(bin);
      LeftoverPostmaster.clear(data, LEFTOVER_GRACE);
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setOverrideWorkingDirectory(bin.toFile())
          .setDataDirectory(data)
          .setCleanDataDirectory(false)
          // Applyflow.close stops it, after the node has released its leases (zonky's own hook would run alongside and
          // stop it first); the watchdog stops it when the JVM dies without closing
          .setRegisterShutdownHook(false)
          .setPort(0)
          .start();
      Watchdog watchdog = watchdog(data);
      PgConnectOptions opts = new PgConnectOptions().setHost("127.0.0.1").setPort(pg.getPort())
          .setDatabase("postgres").setUser("postgres");
      return new Database(opts, pg, watchdog);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("could not start the embedded Postgres in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static Watchdog watchdog(Path data) throws IOException {
    try {
      var pidFile = PostmasterPid.read(data);
      if (pidFile.isEmpty()) {
        log.warn("no {} after the embedded Postgres started: it has no watchdog", PostmasterPid.FILE);
        return null;
      }
      return Watchdog.start(pidFile.get().pid()).orElse(null);
    } catch (IllegalArgumentException e) {
      log.warn("the embedded Postgres has no watchdog: {}", e.getMessage());
      return null;
    }
  }

  /** Connects to an external Postgres given as {@code postgresql://user:pass@host:port/db} (a {@code jdbc:} prefix is accepted). */
  public static Database external(String url) {
    String u = url.startsWith("jdbc:") ? url.substring(5) : url;
    if (!u.startsWith("postgresql://") && !u.startsWith("postgres://")) {
      throw new IllegalArgumentException("DATABASE_URL must start with postgresql://, got '" + redact(url) + "'");
    }
    return new Database(PgConnectOptions.fromUri(u), null, null);
  }

  public Database migrate() {
    Flyway flyway = Flyway.configure()
        .dataSource(jdbcUrl(), options.getUser(), options.getPassword())
        .locations("classpath:db/migration")
        .load();
    var result = flyway.migrate();
    log.info("schema at version {} ({} migrations applied)", flyway.info().current().getVersion(),
        result.migrationsExecuted);
    return this;
  }

  /**
   * Requests that may wait for one of a pool's connections: past this, a query fails at once with Vert.x's
   * {@code ConnectionPoolTooBusyException}, which the HTTP edge answers with 503 and {@code Retry-After} instead of
   * letting waiters pile up without bound. Measured ({@code PoolQueueBench}, 8 connections, the run page's read of a
   * run's jobs, 2 shared cores): bursts of 256, 1,024 and 4,096 queries drained at 2,300, 2,600 and 1,900 queries/s;
   * the last of 1,024 waited 0.39 s, the last of 4,096 2.2 s (and throughput fell). So 1,024 waiters: a full queue
   * drains in about 0.4 s, and past that the node is overloaded and an immediate 503 beats a wait of seconds.
   */
  public static final int MAX_WAIT_QUEUE = 1024;

  /** A pool of {@code size} connections with at most {@link #MAX_WAIT_QUEUE} requests waiting for one. */
  public Pool pool(Vertx vertx, int size) {
    return pool(vertx, size, MAX_WAIT_QUEUE);
  }

  /** A pool of {@code size} connections with at most {@code maxWaitQueue} requests waiting for one. */
  public Pool pool(Vertx vertx, int size, int maxWaitQueue) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setMaxWaitQueueSize(maxWaitQueue))
        .connectingTo(new PgConnectOptions(options))
        .using(vertx)
        .build();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  /** A URL other processes (tests, a second node) can use; carries no password. */
  public String url() {
    String auth = options.getUser() == null ? "" : options.getUser() + "@";
    return "postgresql://" + auth + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  /** One line for the start-up banner, never with a password. */
  public String describe() {
    String where = options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
    return embedded != null ? "embedded PostgreSQL at " + where : "PostgreSQL at " + where;
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        log.warn("embedded Postgres did not stop cleanly: {}", e.getMessage());
      }
    }
    if (watchdog != null) {
      watchdog.close();
    }
  }

  private static String redact(String url) {
    try {
      URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
      return uri.getUserInfo() == null ? url : url.replace(uri.getUserInfo(), "***");
    } catch (IllegalArgumentException e) {
      return "(unparseable)";
    }
  }
}
