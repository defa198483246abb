package io.applyflow.search;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Serper.dev (Google search) used to discover postings: {@code site:} queries for both Greenhouse hosts, Lever's and
 * Ashby's, result links normalised to (source, board, posting id) by {@link AtsLinks}. The key travels only in the
 * {@code X-API-KEY} header.
 */
public final class Serper {
  private static final long TIMEOUT_MS = 15_000;

  private final WebClient client;
  private final String baseUrl;
  private final String apiKey;

  public Serper(WebClient client, String baseUrl, String apiKey) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** The hosts searched, one {@code site:} query each: Greenhouse's two, Lever's and Ashby's. */
  static final List<String> SITES = List.of("job-boards.greenhouse.io", "boards.greenhouse.io", "jobs.lever.co",
      "jobs.ashbyhq.com");

  /** The queries for a position and level, one per ATS host ({@link #SITES}). */
  static List<String> queries(String position, Level level) {
    String levelWords = switch (level == null ? Level.MID : level) {
      case ENTRY -> " (intern OR junior OR \"new grad\" OR associate)";
      case SENIOR -> " (senior OR staff OR principal OR lead)";
      case MID -> "";
    };
    String q = "\"" + position.replace("\"", "") + "\"" + levelWords;
    return SITES.stream().map(site -> "site:" + site + " " + q).toList();
  }

  /** Runs every query and returns the distinct postings of known ATSs in result order. */
  public Future<List<AtsLinks.AtsLink>> search(String position, Level level, int wanted) {
    List<Future<JsonObject>> calls = new ArrayList<>();
    int num = Math.min(100, Math.max(10, wanted * 3));
    for (String q : queries(position, level)) {
      calls.add(client.postAbs(baseUrl + "/search").timeout(TIMEOUT_MS)
          .putHeader("X-API-KEY", apiKey).putHeader("content-type", "application/json")
          .sendJsonObject(new JsonObject().put("q", q).put("num", num).put("page", 1))
          .onComplete(ar -> io.applyflow.platform.metrics.Metrics.httpCall("serper", ar.succeeded() && ar.result().statusCode() < 500))
          .recover(t -> Future.failedFuture(Failure.UPSTREAM.with("could not reach Serper: " + t.getMessage())))
          .compose(resp -> {
            if (resp.statusCode() == 401 || resp.statusCode() == 403) {
              return Future.failedFuture(Failure.UPSTREAM.with("Serper refused the key (" + resp.statusCode() + ")"));
            }
            if (resp.statusCode() / 100 != 2) {
              return Future.failedFuture(Failure.UPSTREAM.with("Serper answered " + resp.statusCode()));
            }
            return Future.succeededFuture(resp.bodyAsJsonObject());
          }));
    }
    return Future.all(calls).map(all -> {
      Set<AtsLinks.AtsLink> hits = new LinkedHashSet<>();
      for (int i = 0; i < calls.size(); i++) {
        hits.addAll(hits(all.<JsonObject>resultAt(i)));
      }
      return List.copyOf(hits);
    });
  }

  /** Postings of known ATSs among the organic results ({@code organic} may be missing when nothing matched). */
  static List<AtsLinks.AtsLink> hits(JsonObject response) {
    JsonArray organic = response == null || !(response.getValue("organic") instanceof JsonArray a) ? null : a;
    List<AtsLinks.AtsLink> out = new ArrayList<>();
    if (organic == null) {
      return out;
    }
    for (int i = 0; i < organic.size(); i++) {
      if (organic.getValue(i) instanceof JsonObject result && result.getValue("link") instanceof String link) {
        AtsLinks.parse(link).ifPresent(out::add);
      }
    }
    return out;
  }
}
