package io.applyflow.sandbox;

import io.applyflow.platform.db.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;

/**
 * Test helper: the sandbox board on a loopback HTTP server (random port), with {@code /static/*} served
 * like the real app does, against the shared migrated embedded Postgres. Call from a test thread
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

  public static SandboxServer start() {
    Vertx vertx = Vertx.vertx();
    Pool pool = TestDatabase.shared().pool(vertx, 4);
    Router router = Router.router(vertx);
    router.route("/static/*").handler(StaticHandler.create("static"));
    SandboxRoutes.mount(router, pool);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    return new SandboxServer(vertx, pool, server.actualPort());
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

  public Vertx vertx() {
    return vertx;
  }

  /** {@code GET /sandbox/submissions} as JSON. */
  public JsonArray submissions() {
    var res = client.get(port, "127.0.0.1", "/sandbox/submissions").send().await();
    if (res.statusCode() != 200) {
      throw new IllegalStateException("GET /sandbox/submissions answered " + res.statusCode() + ": " + res.bodyAsString());
    }
    return res.bodyAsJsonArray();
  }

  @Override
  public void close() {
    client.close();
    pool.close().await();
    vertx.close().await();
  }
}
