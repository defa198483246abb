package io.applyflow.sandbox;

import io.applyflow.platform.db.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;

/**
 * Test helper: the sandbox board on its own loopback listener (random port), started the way the app starts it
 * ({@link SandboxVerticle}), against the shared migrated embedded Postgres. Call from a test thread
 * (it blocks with {@code await()}).
 */
public final class SandboxServer implements AutoCloseable {
  /** The scenario postings' hosted pages (see boards.json). */
  public static final String EVERY_FIELD = "/sandbox/job-boards/acme-robotics/jobs/4012085";
  public static final String KNOCKOUT = "/sandbox/job-boards/acme-robotics/jobs/4012092";
  public static final String LOGIN_WALL = "/sandbox/job-boards/acme-robotics/jobs/4012099";
  public static final String REJECT_FIRST = "/sandbox/job-boards/northwind-data/jobs/5023085";
  public static final String SLOW = "/sandbox/job-boards/northwind-data/jobs/5023092";
  public static final String CAPTCHA = "/sandbox/job-boards/northwind-data/jobs/5023099";
  public static final String CLASSIC = "/sandbox/job-boards/lumen-health/jobs/6034085";
  /** The widget postings' hosted pages: APG select-only comboboxes; popover list + radio; radios only; all three. */
  public static final String LISTBOX = "/sandbox/job-boards/acme-robotics/jobs/4012113";
  public static final String PORTAL = "/sandbox/job-boards/acme-robotics/jobs/4012120";
  public static final String RADIOS = "/sandbox/job-boards/northwind-data/jobs/5023113";
  public static final String MIXED = "/sandbox/job-boards/northwind-data/jobs/5023120";
  /** The posting Acme embeds in its careers page (the absolute_url), and what the careers page frames. */
  public static final String CAREERS = "/sandbox/company/acme-robotics/careers?gh_jid=4012127";
  public static final String EMBED_JOB_APP = "/sandbox/embed/job_app?for=acme-robotics&token=4012127";

  private final Vertx vertx;
  private final Pool pool;
  private final WebClient client;
  private final int port;

  private SandboxServer(Vertx vertx, Pool pool, int port) {
    this.vertx = vertx;
    this.pool = pool;
    this.port = port;
    this.client = WebClient.create(vertx);
  }

  /** The sandbox's own listener as the app starts it ({@link SandboxVerticle}, default limits). */
  public static SandboxServer start() {
    // every test posts from 127.0.0.1: the throttle is tested on a server of its own
    return start(new SandboxRoutes.Limits(SandboxRoutes.Limits.DEFAULT.bodyBytes(), 1_000_000));
  }

  public static SandboxServer start(SandboxRoutes.Limits limits) {
    Vertx vertx = Vertx.vertx();
    Pool pool = TestDatabase.shared().pool(vertx, 4);
    SandboxVerticle verticle = new SandboxVerticle("127.0.0.1", 0, pool, limits);
    vertx.deployVerticle(verticle).await();
    return new SandboxServer(vertx, pool, verticle.actualPort());
  }

  public int port() {
    return port;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public WebClient client() {
    return client;
  }

  /** {@code GET path} on the sandbox's listener, waited for. */
  public io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> get(String path) {
    return client.get(port, "127.0.0.1", path).send().await();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Every submission the employer received, straight from the database (no route lists them). */
  public JsonArray submissions() {
    return new SandboxSubmissions(pool).all(null, null).await();
  }

  @Override
  public void close() {
    client.close();
    pool.close().await();
    vertx.close().await();
  }
}
