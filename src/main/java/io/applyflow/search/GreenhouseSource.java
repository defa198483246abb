package io.applyflow.search;

import io.applyflow.job.Jobs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Greenhouse's Job Board API ({@link GreenhouseApi}) as an {@link AtsSource}: a board's postings with
 * {@code content=true}; one posting with {@code questions=true}, its entity-escaped {@code content} unescaped once and
 * sanitised, its questions, location questions, compliance and demographic questions kept as the form schema
 * ({@code "form_source": "api"}).
 */
public final class GreenhouseSource implements AtsSource {
  private final GreenhouseApi api;
  private final String base;

  /** @param base the API's base URL, e.g. {@code https://boards-api.greenhouse.io/v1} */
  public GreenhouseSource(GreenhouseApi api, String base) {
    this.api = api;
    this.base = base;
  }

  @Override
  public String name() {
    return "greenhouse";
  }

  public String base() {
    return base;
  }

  @Override
  public Future<List<Listing>> list(String board) {
    return api.listJobs(base, board).map(body -> {
      JsonArray jobs = body.getJsonArray("jobs", new JsonArray());
      List<Listing> out = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        if (jobs.getValue(i) instanceof JsonObject j) {
          Listing l = listing(board, j);
          if (l != null) {
            out.add(l);
          }
        }
      }
      return out;
    });
  }

  @Override
  public Future<Listing> one(String board, String id) {
    return api.job(GreenhouseApi.jobUrl(base, board, id)).compose(j -> {
      Listing l = listing(board, j);
      return l == null ? Future.failedFuture(io.applyflow.platform.bus.Failure.NOT_FOUND.with(
          "board " + board + " has no posting " + id)) : Future.succeededFuture(l);
    });
  }

  private Listing listing(String board, JsonObject j) {
    String title = j.getString("title", "").trim();
    Object rawId = j.getValue("id");
    if (title.isEmpty() || rawId == null) {
      return null;
    }
    String id = String.valueOf(rawId);
    JsonObject loc = j.getValue("location") instanceof JsonObject o ? o : null;
    return new Listing(new Jobs.Posting(name(), board, id, GreenhouseApi.jobUrl(base, board, id),
        SearchVerticle.postingLink(j.getValue("absolute_url")), title, j.getString("company_name", board),
        loc == null ? null : loc.getString("name")), null);
  }

  @Override
  public Future<Details> fetch(String board, String externalId, String apiUrl) {
    return api.job(apiUrl).map(posting -> {
      String html = Descriptions.sanitise(posting.getString("content"));
      JsonObject schema = new JsonObject()
          .put("questions", posting.getValue("questions"))
          .put("location_questions", posting.getValue("location_questions"))
          .put("compliance", posting.getValue("compliance"))
          .put("demographic_questions", posting.getValue("demographic_questions"))
          .put("form_source", "api");
      int questionCount = posting.getValue("questions") instanceof JsonArray q ? q.size() : 0;
      return new Details(html, schema, questionCount);
    });
  }
}
