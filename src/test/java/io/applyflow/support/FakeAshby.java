package io.applyflow.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for Ashby's public job posting API (EXTERNAL_APIS.md §4), serving the real captured boards
 * (test resources {@code ashby/*.json}): {@code Nango}, {@code Xlabs} and the empty {@code anara}, more with
 * {@link #board}. {@code GET /posting-api/job-board/{board}[?includeCompensation=true]} answers {@code {apiVersion,
 * jobs}} (board names are case-sensitive); an unknown board 404s. With {@code pagesHere}, every {@code jobUrl} and
 * {@code applyUrl} is rewritten from {@code jobs.ashbyhq.com} to this server's own origin. Every request is recorded.
 */
public final class FakeAshby implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, JsonObject> boards = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final boolean pagesHere;

  public FakeAshby(boolean pagesHere) {
    this.pagesHere = pagesHere;
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
    board("Nango", resource("/ashby/posting-api_job-board_Nango.json"));
    board("Xlabs", resource("/ashby/posting-api_job-board_Xlabs.json"));
    board("anara", resource("/ashby/posting-api_job-board_anara.json"));
  }

  /** The job-board API base, e.g. {@code http://127.0.0.1:41234/posting-api/job-board} (ASHBY_API_URL). */
  public String apiBase() {
    return origin() + "/posting-api/job-board";
  }

  public String origin() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Serves {@code body} ({@code {apiVersion, jobs}}) as {@code board}. */
  public FakeAshby board(String board, JsonObject body) {
    JsonObject copy = body.copy();
    if (pagesHere) {
      for (Object o : copy.getJsonArray("jobs")) {
        JsonObject j = (JsonObject) o;
        for (String key : List.of("jobUrl", "applyUrl")) {
          j.put(key, j.getString(key).replaceFirst("^https://jobs\\.ashbyhq\\.com", origin()));
        }
      }
    }
    boards.put(board, copy);
    return this;
  }

  /** The requests received, as {@code METHOD uri}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpServerRequest r) {
    requests.add(r.method() + " " + r.uri());
    String prefix = "/posting-api/job-board/";
    JsonObject body = r.path().startsWith(prefix) ? boards.get(r.path().substring(prefix.length())) : null;
    if (body == null) {
      r.response().setStatusCode(404).putHeader("content-type", "application/json")
          .end("{\"success\":false,\"error\":\"Not found\"}");
      return;
    }
    r.response().putHeader("content-type", "application/json; charset=utf-8").end(body.encode());
  }

  /** A test resource as a JSON object. */
  public static JsonObject resource(String path) {
    try (InputStream in = FakeAshby.class.getResourceAsStream(path)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
