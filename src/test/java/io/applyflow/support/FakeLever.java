package io.applyflow.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for Lever's public postings API v0 (EXTERNAL_APIS.md §3), serving the real captured postings
 * (test resources {@code lever/*.json}): sites {@code spotify} and {@code metabase}, more with {@link #site}.
 * {@code GET /v0/postings/{site}?mode=json[&skip=N&limit=N]} answers a bare JSON array (all postings without
 * {@code limit}, like Lever); without {@code mode=json} it answers HTML, as Lever does; {@code GET
 * /v0/postings/{site}/{id}} one posting; an unknown site or posting 404 {@code {"ok":false,"error":"Document not
 * found"}}. With {@code pagesHere}, every {@code hostedUrl}/{@code applyUrl} is rewritten from {@code jobs.lever.co}
 * to this server's own origin, so nothing a test stores points at the internet. Every request is recorded.
 */
public final class FakeLever implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, JsonArray> sites = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final boolean pagesHere;

  public FakeLever(boolean pagesHere) {
    this.pagesHere = pagesHere;
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
    site("spotify", resource("/lever/hunt_postings_spotify_trimmed.json"));
    site("metabase", resource("/lever/apply-engine_postings_metabase_trimmed.json"));
  }

  /** The postings API base, e.g. {@code http://127.0.0.1:41234/v0/postings} (LEVER_API_URL). */
  public String apiBase() {
    return origin() + "/v0/postings";
  }

  public String origin() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Serves {@code postings} as {@code site} (their URLs rewritten when this fake hosts the pages). */
  public FakeLever site(String site, JsonArray postings) {
    JsonArray copy = postings.copy();
    if (pagesHere) {
      for (Object o : copy) {
        JsonObject p = (JsonObject) o;
        for (String key : List.of("hostedUrl", "applyUrl")) {
          p.put(key, p.getString(key).replaceFirst("^https://jobs(\\.eu)?\\.lever\\.co", origin()));
        }
      }
    }
    sites.put(site, copy);
    return this;
  }

  /** The requests received, as {@code METHOD uri}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpServerRequest r) {
    requests.add(r.method() + " " + r.uri());
    String[] seg = r.path().split("/");
    // "", "v0", "postings", site[, id]
    if (seg.length < 4 || seg.length > 5 || !seg[1].equals("v0") || !seg[2].equals("postings")) {
      notFound(r);
      return;
    }
    JsonArray postings = sites.get(seg[3]);
    if (postings == null) {
      notFound(r);
      return;
    }
    if (seg.length == 5) {
      for (Object o : postings) {
        if (((JsonObject) o).getString("id").equals(seg[4])) {
          json(r, ((JsonObject) o).encode());
          return;
        }
      }
      notFound(r);
      return;
    }
    if (!"json".equals(r.getParam("mode"))) {
      r.response().putHeader("content-type", "text/html; charset=utf-8").end("<html><body><h1>Jobs</h1></body></html>");
      return;
    }
    int skip = r.getParam("skip") == null ? 0 : Integer.parseInt(r.getParam("skip"));
    int limit = r.getParam("limit") == null ? Integer.MAX_VALUE : Integer.parseInt(r.getParam("limit"));
    JsonArray page = new JsonArray();
    for (int i = skip; i < postings.size() && page.size() < limit; i++) {
      page.add(postings.getValue(i));
    }
    json(r, page.encode());
  }

  private static void json(HttpServerRequest r, String body) {
    r.response().putHeader("content-type", "application/json; charset=utf-8").end(body);
  }

  private static void notFound(HttpServerRequest r) {
    r.response().setStatusCode(404).putHeader("content-type", "application/json")
        .end("{\"ok\":false,\"error\":\"Document not found\"}");
  }

  /** A test resource as a JSON array. */
  public static JsonArray resource(String path) {
    try (InputStream in = FakeLever.class.getResourceAsStream(path)) {
      return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
