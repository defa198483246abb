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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serper.dev (Google search) used to discover Greenhouse postings: {@code site:} queries for both Greenhouse
 * hosts, result links normalised to (board, job id). The key travels only in the {@code X-API-KEY} header.
 */
public final class Serper {
  private static final Pattern GREENHOUSE_LINK = Pattern.compile(
      "https?://(?:job-boards|boards)(?:\\.eu)?\\.greenhouse\\.io/([A-Za-z0-9_.-]+)/jobs/(\\d+)");
  private static final long TIMEOUT_MS = 15_000;

  private final WebClient client;
  private final String baseUrl;
  private final String apiKey;

  public Serper(WebClient client, String baseUrl, String apiKey) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** A posting named by a search result. */
  public record Hit(String board, String jobId) {
  }

  /** The queries for a position and level, one per Greenhouse host. */
  static List<String> queries(String position, Level level) {
    String levelWords = switch (level == null ? Level.MID : level) {
      case ENTRY -> " (intern OR junior OR \"new grad\" OR associate)";
      case SENIOR -> " (senior OR staff OR principal OR lead)";
      case MID -> "";
    };
    String q = "\"" + position.replace("\"", "") + "\"" + levelWords;
    return List.of("site:job-boards.greenhouse.io " + q, "site:boards.greenhouse.io " + q);
  }

  /** Runs every query and returns the distinct Greenhouse postings in result order. */
  public Future<List<Hit>> search(String position, Level level, int wanted) {
    List<Future<JsonObject>> calls = new ArrayList<>();
    int num = Math.min(100, Math.max(10, wanted * 3));
    for (String q : queries(position, level)) {
      calls.add(client.postAbs(baseUrl + "/search").timeout(TIMEOUT_MS)
          .putHeader("X-API-KEY", apiKey).putHeader("content-type", "application/json")
          .sendJsonObject(new JsonObject().put("q", q).put("num", num).put("page", 1))
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
      Set<Hit> hits = new LinkedHashSet<>();
      for (int i = 0; i < calls.size(); i++) {
        hits.addAll(hits(all.<JsonObject>resultAt(i)));
      }
      return List.copyOf(hits);
    });
  }

  /** Greenhouse postings among the organic results ({@code organic} may be missing when nothing matched). */
  static List<Hit> hits(JsonObject response) {
    JsonArray organic = response == null ? null : response.getJsonArray("organic");
    List<Hit> out = new ArrayList<>();
    if (organic == null) {
      return out;
    }
    for (int i = 0; i < organic.size(); i++) {
      String link = organic.getJsonObject(i).getString("link", "");
      Matcher m = GREENHOUSE_LINK.matcher(link);
      if (m.find()) {
        out.add(new Hit(m.group(1), m.group(2)));
      }
    }
    return out;
  }
}
