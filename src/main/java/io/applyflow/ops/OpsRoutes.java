package io.applyflow.ops;

import io.applyflow.job.JobStatus;
import io.applyflow.platform.metrics.Metrics;
import io.applyflow.platform.web.Http;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's endpoints, unauthenticated like {@code /health} and free of user data: {@code GET /metrics}
 * (Prometheus text: Vert.x's meters and the application's, with jobs per status and stage queues read from Postgres
 * at most every {@link #JOB_GAUGES_MAX_AGE_MS} ms) and {@code GET /ready} (200 only when the database answers, its
 * schema has every migration on the classpath, and every role of this node has deployed; else 503 naming what is not).
 */
public final class OpsRoutes {
  private static final Logger log = LoggerFactory.getLogger(OpsRoutes.class);
  /** Scrapes closer together than this reuse the last read of the job gauges. */
  static final long JOB_GAUGES_MAX_AGE_MS = 5_000;
  private static final List<String> STAGES = List.of("describe", "score", "tailor", "render", "apply");

  private final Vertx vertx;
  private final Pool pool;
  private final Collection<String> roles;
  private final AtomicLong gaugesReadAt = new AtomicLong(Long.MIN_VALUE / 2);

  private OpsRoutes(Vertx vertx, Pool pool, Collection<String> roles) {
    this.vertx = vertx;
    this.pool = pool;
    this.roles = roles;
  }

  /** Mounts {@code GET /metrics} and {@code GET /ready}; {@code roles} are the roles this node was configured with. */
  public static void mount(Router router, Vertx vertx, Pool pool, Collection<String> roles) {
    OpsRoutes ops = new OpsRoutes(vertx, pool, roles);
    router.get("/metrics").handler(ops::refreshJobGauges)
        .handler(PrometheusScrapingHandler.create(Metrics.registry()));
    router.get("/ready").handler(ops::ready);
  }

  private void refreshJobGauges(RoutingContext ctx) {
    long now = System.currentTimeMillis();
    long last = gaugesReadAt.get();
    if (now - last < JOB_GAUGES_MAX_AGE_MS || !gaugesReadAt.compareAndSet(last, now)) {
      ctx.next();
      return;
    }
    pool.query("""
            select status,
                   count(*) filter (where lease_until is null or lease_until < now()) as unleased,
                   count(*) filter (where lease_until >= now()) as leased,
                   count(*) as total
              from jobs group by status""").execute()
        .onSuccess(rows -> {
          record(rows);
          Metrics.databaseUp(true);
        })
        .onFailure(t -> {
          log.warn("reading the job gauges failed: {}", t.getMessage());
          Metrics.databaseUp(false);
          gaugesReadAt.set(Long.MIN_VALUE / 2); // retry at the next scrape
        })
        .onComplete(x -> ctx.next());
  }

  private static void record(RowSet<Row> rows) {
    Map<JobStatus, long[]> counts = new HashMap<>();
    for (Row r : rows) {
      counts.put(JobStatus.of(r.getString("status")),
          new long[] {r.getLong("unleased"), r.getLong("leased"), r.getLong("total")});
    }
    for (JobStatus s : JobStatus.values()) {
      Metrics.jobs(s.db(), counts.getOrDefault(s, new long[3])[2]);
    }
    for (String stage : STAGES) {
      long queued = 0;
      long inFlight = 0;
      for (JobStatus s : JobStatus.claimedBy(stage)) {
        long[] c = counts.getOrDefault(s, new long[3]);
        queued += c[0];
        inFlight += c[1];
      }
      Metrics.queue(stage, queued, inFlight);
    }
  }

  private void ready(RoutingContext ctx) {
    Set<String> notDeployed = Readiness.pending(vertx, roles);
    Future<Set<String>> onClasspath = vertx.executeBlocking(Migrations::onClasspath, false);
    pool.query("select 1").execute()
        .<String>map(rs -> null)
        .otherwise(t -> {
          log.warn("/ready: the database does not answer: {}", t.getMessage());
          return "the database does not answer";
        })
        .compose(database -> database != null
            ? Future.succeededFuture(new Check(database, null))
            : onClasspath.compose(this::pendingMigrations).map(p -> new Check(null, p))
                .otherwise(t -> new Check(null, List.of("unknown: " + t.getMessage()))))
        .onComplete(ar -> {
          Check check = ar.result();
          JsonObject body = new JsonObject();
          JsonArray notReady = new JsonArray();
          if (check.database() != null) {
            notReady.add("database");
            body.put("database", check.database());
          } else {
            body.put("database", "ok");
          }
          if (check.pendingMigrations() == null) {
            body.put("migrations", "not checked: the database does not answer");
          } else if (!check.pendingMigrations().isEmpty()) {
            notReady.add("migrations");
            body.put("migrations", "pending: " + String.join(", ", check.pendingMigrations()));
          } else {
            body.put("migrations", "ok");
          }
          if (!notDeployed.isEmpty()) {
            notReady.add("roles");
            body.put("roles", "not deployed yet: " + String.join(", ", notDeployed));
          } else {
            body.put("roles", "ok: " + String.join(", ", new TreeSet<>(roles)));
          }
          if (notReady.isEmpty()) {
            Http.json(ctx, 200, body.put("status", "ready"));
          } else {
            Http.json(ctx, 503, body.put("status", "not_ready").put("not_ready", notReady));
          }
        });
  }

  /** The database's answer and the classpath's migrations that {@code flyway_schema_history} lacks (sorted). */
  private record Check(String database, List<String> pendingMigrations) {
  }

  private Future<List<String>> pendingMigrations(Set<String> onClasspath) {
    return pool.query("select version from flyway_schema_history where success and version is not null").execute()
        .map(rows -> {
          Set<String> applied = new HashSet<>();
          rows.forEach(r -> applied.add(r.getString("version")));
          return onClasspath.stream().filter(v -> !applied.contains(v))
              .sorted((a, b) -> compareVersions(a, b)).toList();
        });
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? Long.parseLong(x[i]) : 0;
      long q = i < y.length ? Long.parseLong(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }
}
