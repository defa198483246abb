package io.applyflow.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.db.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database pool whose wait queue is full refuses at once, and the HTTP edge says so: 503 with {@code Retry-After}
 * and a message naming the cause, not a 500 and not an unbounded wait. A real pool of one connection and a wait
 * queue of one on the test Postgres, really saturated: the connection held, one request waiting.
 */
class BusyPoolIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Vertx vertx;
  private Pool pool;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    pool = TestDatabase.shared().pool(vertx, 1, 1);
    vertx.eventBus().<String>consumer("test.count", msg -> pool.query("select count(*) from users").execute()
        .onSuccess(rows -> msg.reply(String.valueOf(rows.iterator().next().getLong(0))))
        .onFailure(t -> Failure.reply(msg, t)));
    Router router = Router.router(vertx);
    router.get("/api/direct").handler(ctx -> pool.query("select 1 as one").execute()
        .onSuccess(rows -> Http.json(ctx, 200, new JsonObject().put("one", rows.iterator().next().getInteger(0))))
        .onFailure(t -> Http.fail(ctx, t)));
    router.get("/api/over-the-bus").handler(ctx -> vertx.eventBus().<String>request("test.count", "")
        .onSuccess(m -> Http.json(ctx, 200, new JsonObject().put("users", m.body())))
        .onFailure(t -> Http.fail(ctx, t)));
    port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort();
  }

  @AfterEach
  void stop() {
    pool.close().await();
    vertx.close().await();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFullWaitQueueIsA503WithRetryAfterAndTheRequestsAfterItSucceed() throws Exception {
    assertEquals(200, get("/api/direct").statusCode(), "the pool works");

    SqlConnection held = pool.getConnection().await(); // the only connection
    Future<?> waiting = pool.query("select 2").execute(); // the only place in the wait queue
    try {
      for (String path : new String[] {"/api/direct", "/api/over-the-bus"}) {
        HttpResponse<String> busy = get(path);
        assertEquals(503, busy.statusCode(), path + ": " + busy.body());
        assertEquals("1", busy.headers().firstValue("retry-after").orElse(null), path);
        JsonObject body = new JsonObject(busy.body());
        assertEquals("busy", body.getString("error"), body.encode());
        assertTrue(body.getString("detail").contains("waiting for the database"), body.encode());
        assertTrue(body.getString("detail").contains("retry"), body.encode());
      }
      assertTrue(!waiting.isComplete(), "the waiter is still queued, not refused");
    } finally {
      held.close().await();
    }
    waiting.await(); // the queued query ran once the connection came back
    assertEquals(200, get("/api/direct").statusCode());
    assertEquals(200, get("/api/over-the-bus").statusCode());
  }
}
