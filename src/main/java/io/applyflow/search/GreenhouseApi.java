package io.applyflow.search;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;

/**
 * The public Greenhouse Job Board API (no key): list a board's postings, read one posting with its form schema.
 * The base URL is configurable so tests and the sandbox point it at local servers.
 */
public final class GreenhouseApi {
  private static final long TIMEOUT_MS = 15_000;

  private final WebClient client;

  public GreenhouseApi(WebClient client) {
    this.client = client;
  }

  /** {@code GET {base}/boards/{board}/jobs?content=true}. */
  public Future<JsonObject> listJobs(String base, String board) {
    return getJson(base + "/boards/" + board + "/jobs?content=true");
  }

  /** {@code GET {jobUrl}?questions=true} where jobUrl is {@code {base}/boards/{board}/jobs/{id}}. */
  public Future<JsonObject> job(String jobUrl) {
    return getJson(jobUrl + "?questions=true");
  }

  public static String jobUrl(String base, String board, String id) {
    return base + "/boards/" + board + "/jobs/" + id;
  }

  private Future<JsonObject> getJson(String url) {
    return client.getAbs(url).timeout(TIMEOUT_MS).putHeader("accept", "application/json").send()
        .onComplete(ar -> io.applyflow.platform.metrics.Metrics.httpCall("greenhouse", ar.succeeded() && ar.result().statusCode() < 500))
        .recover(t -> Future.failedFuture(Failure.UPSTREAM.with("could not reach " + url + ": " + t.getMessage())))
        .compose(resp -> parse(url, resp));
  }

  private static Future<JsonObject> parse(String url, HttpResponse<Buffer> resp) {
    if (resp.statusCode() == 404) {
      return Future.failedFuture(Failure.NOT_FOUND.with(url + " answered 404"));
    }
    if (resp.statusCode() / 100 != 2) {
      return Future.failedFuture(Failure.UPSTREAM.with(url + " answered " + resp.statusCode()));
    }
    try {
      return Future.succeededFuture(resp.bodyAsJsonObject());
    } catch (RuntimeException e) {
      return Future.failedFuture(Failure.UPSTREAM.with(url + " did not answer with a JSON object"));
    }
  }
}
