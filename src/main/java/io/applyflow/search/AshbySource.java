package io.applyflow.search;

import io.applyflow.platform.bus.Failure;
import io.applyflow.job.Jobs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Entities;

/**
 * Ashby's public job posting API as an {@link AtsSource} (EXTERNAL_APIS.md §4): {@code {base}/{board}
 * ?includeCompensation=true} answers {@code {apiVersion, jobs}}; postings with {@code isListed: false} are skipped.
 * There is no single-posting endpoint, so a posting's API URL is its board's, and {@link #one} and {@link #fetch} read
 * the board and pick the posting by id. The description is {@code descriptionHtml} (plain HTML, sanitised as it is;
 * {@code descriptionPlain} when it has none). Ashby publishes no form questions: the schema is {@link #FORM_FROM_PAGE}.
 */
public final class AshbySource implements AtsSource {
  private final AtsHttp http;
  private final String base;

  /** @param base the job-board API, e.g. {@code https://api.ashbyhq.com/posting-api/job-board} */
  public AshbySource(WebClient client, String base) {
    this.http = new AtsHttp(client, "ashby");
    this.base = base;
  }

  @Override
  public String name() {
    return "ashby";
  }

  public String base() {
    return base;
  }

  public String boardUrl(String board) {
    return base + "/" + board + "?includeCompensation=true";
  }

  @Override
  public Future<List<Listing>> list(String board) {
    return listed(boardUrl(board)).map(jobs -> {
      List<Listing> out = new ArrayList<>();
      for (JsonObject j : jobs) {
        Listing l = listing(board, j);
        if (l != null) {
          out.add(l);
        }
      }
      return out;
    });
  }

  @Override
  public Future<Listing> one(String board, String id) {
    return listed(boardUrl(board)).compose(jobs -> {
      for (JsonObject j : jobs) {
        if (id.equals(j.getValue("id"))) {
          Listing l = listing(board, j);
          if (l != null) {
            return Future.succeededFuture(l);
          }
        }
      }
      return Future.failedFuture(Failure.NOT_FOUND.with("Ashby board " + board + " lists no posting " + id));
    });
  }

  @Override
  public Future<Details> fetch(String board, String externalId, String apiUrl) {
    return listed(apiUrl).compose(jobs -> {
      for (JsonObject j : jobs) {
        if (externalId.equals(j.getValue("id"))) {
          return Future.succeededFuture(new Details(Descriptions.sanitiseHtml(descriptionHtml(j)),
              FORM_FROM_PAGE.copy(), 0));
        }
      }
      return Future.failedFuture(Failure.NOT_FOUND.with("Ashby board " + board + " no longer lists posting "
          + externalId));
    });
  }

  /** The board's postings that are listed ({@code isListed} absent counts as listed). */
  private Future<List<JsonObject>> listed(String url) {
    return http.object(url).compose(body -> {
      if (!(body.getValue("jobs") instanceof JsonArray jobs)) {
        return Future.failedFuture(Failure.UPSTREAM.with(url + " answered without a jobs list"));
      }
      List<JsonObject> out = new ArrayList<>();
      for (Object o : jobs) {
        if (o instanceof JsonObject j && !Boolean.FALSE.equals(j.getValue("isListed"))) {
          out.add(j);
        }
      }
      return Future.succeededFuture(out);
    });
  }

  private Listing listing(String board, JsonObject j) {
    String id = j.getValue("id") instanceof String s ? s : null;
    String title = j.getValue("title") instanceof String s ? s.strip() : "";
    if (id == null || title.isEmpty()) {
      return null;
    }
    String location = j.getValue("location") instanceof String s ? s : null;
    String employmentType = j.getValue("employmentType") instanceof String s ? s : null;
    return new Listing(new Jobs.Posting(name(), board, id, boardUrl(board), SearchVerticle.postingLink(j.getValue("jobUrl")),
        title, board, location), employmentType);
  }

  static String descriptionHtml(JsonObject j) {
    if (j.getValue("descriptionHtml") instanceof String html && !html.isBlank()) {
      return html;
    }
    if (j.getValue("descriptionPlain") instanceof String plain && !plain.isBlank()) {
      StringBuilder out = new StringBuilder();
      for (String para : plain.split("\\n\\s*\\n")) {
        out.append("<p>").append(Entities.escape(para.strip())).append("</p>");
      }
      return out.toString();
    }
    return "";
  }
}
