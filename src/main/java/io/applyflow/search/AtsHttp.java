package io.applyflow.search;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** GETs a JSON document from an ATS's public API: NOT_FOUND on 404, UPSTREAM on anything else that is not JSON. */
final class AtsHttp {
  private static final long TIMEOUT_MS = 15_000;

  private final WebClient client;
  /** The ATS's name in the outbound-call metrics ({@code lever}, {@code ashby}). */
  private final String target;

  AtsHttp(WebClient client, String target) {
    this.client = client;
    this.target = target;
  }

  Future<JsonObject> object(String url) {
    return get(url).compose(body -> body instanceof JsonObject o ? Future.succeededFuture(o)
        : Future.failedFuture(Failure.UPSTREAM.with(url + " did not answer with a JSON object")));
  }

  Future<JsonArray> array(String url) {
    return get(url).compose(body -> body instanceof JsonArray a ? Future.succeededFuture(a)
        : Future.failedFuture(Failure.UPSTREAM.with(url + " did not answer with a JSON array")));
  }

  private Future<Object> get(String url) {
    return client.getAbs(url).timeout(TIMEOUT_MS).putHeader("accept", "application/json").send()
        .onComplete(ar -> io.applyflow.platform.metrics.Metrics.httpCall(target, ar.succeeded() && ar.result().statusCode() < 500))
        .recover(t -> Future.failedFuture(Failure.UPSTREAM.with("could not reach " + url + ": " + t.getMessage())))
        .compose(resp -> parse(url, resp));
  }

  private static Future<Object> parse(String url, HttpResponse<Buffer> resp) {
    if (resp.statusCode() == 404) {
      return Future.failedFuture(Failure.NOT_FOUND.with(url + " answered 404"));
    }
    if (resp.statusCode() / 100 != 2) {
      return Future.failedFuture(Failure.UPSTREAM.with(url + " answered " + resp.statusCode()));
    }
    try {
      Object body = resp.body() == null ? null : Json.decodeValue(resp.body());
      return body == null ? Future.failedFuture(Failure.UPSTREAM.with(url + " answered with no JSON"))
          : Future.succeededFuture(body);
    } catch (RuntimeException e) {
      return Future.failedFuture(Failure.UPSTREAM.with(url + " did not answer with JSON"));
    }
  }
}
