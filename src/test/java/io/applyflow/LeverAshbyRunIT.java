package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.Api;
import io.applyflow.support.FakeAshby;
import io.applyflow.support.FakeLever;
import io.applyflow.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real run (review mode) of the whole application whose watch-list names a Lever site and an Ashby board, every
 * ATS API pointed at loopback fakes serving the real captured payloads ({@link FakeLever}, {@link FakeAshby}, whose
 * posting pages are on their own origins): the search lists both through their APIs, the describe stage reads each
 * posting from its own source, and the stored jobs carry the ATS's source, board, posting id, page and description.
 */
class LeverAshbyRunIT {
  private static final String CI = "ee8203b5-2cf7-4eae-afd6-3f9724761ad9";
  private static final String STAFF_UK = "4f0ab5c4-4bfe-4f3c-aa58-bca8fdd8c3ca";

  @Test
  void aWatchListOfLeverAndAshbyBoardsIsSearchedAndDescribedThroughTheirApis() {
    Vertx vertx = Vertx.vertx();
    try (FakeLever lever = new FakeLever(true); FakeAshby ashby = new FakeAshby(true);
         Applyflow app = TestApp.start(Map.of("WATCHLIST", "lever:metabase, ashby:Nango",
             "LEVER_API_URL", lever.apiBase(), "LEVER_EU_API_URL", lever.apiBase(), "ASHBY_API_URL", ashby.apiBase(),
             "GREENHOUSE_API_URL", "http://127.0.0.1:9/v1"))) {
      Api api = new Api("http://127.0.0.1:" + app.port());
      Pool pool = app.database().pool(vertx, 2);
      String token = api.userWithProfile(Api.uniqueEmail("lever-ashby"));

      List<Row> ci = run(api, token, pool, "CI Engineer", "mid");
      assertEquals(1, ci.size());
      Row job = ci.get(0);
      assertEquals(List.of("lever", "metabase", CI, lever.origin() + "/metabase/" + CI,
          lever.apiBase() + "/metabase/" + CI, "CI Engineer", "Global Remote"), fields(job));
      assertEquals(new JsonObject().put("form_source", "page"), job.getJsonObject("questions"));
      String text = job.getString("description_text");
      assertTrue(text.startsWith("Metabase is the easiest way for people to get insights"), text);
      assertTrue(text.contains("What You'll Do") && text.contains("Own and proactively improve our GitHub Actions"),
          text);
      assertTrue(job.getString("description_html").contains("<h3>What You'll Do</h3>"));

      List<Row> backend = run(api, token, pool, "Backend Engineer", "senior");
      assertEquals(1, backend.size());
      Row staff = backend.get(0);
      assertEquals(List.of("ashby", "Nango", STAFF_UK, ashby.origin() + "/Nango/" + STAFF_UK,
          ashby.apiBase() + "/Nango?includeCompensation=true", "Staff Backend Engineer (Remote, UK)", "UK"),
          fields(staff));
      assertEquals(new JsonObject().put("form_source", "page"), staff.getJsonObject("questions"));
      assertTrue(staff.getString("description_text").startsWith("(Remote — Americas or Europe)"),
          staff.getString("description_text"));

      // everything came from the loopback fakes' APIs: listings, Lever's posting, Ashby's board (read again to describe)
      assertTrue(lever.requests().contains("GET /v0/postings/metabase?mode=json&skip=0&limit=100"), lever.requests()
          .toString());
      assertTrue(lever.requests().contains("GET /v0/postings/metabase/" + CI), lever.requests().toString());
      assertTrue(ashby.requests().stream().filter(r -> r.equals("GET /posting-api/job-board/Nango?includeCompensation=true"))
          .count() >= 2, ashby.requests().toString());
      List<String> other = new ArrayList<>(lever.requests().stream().filter(r -> !r.startsWith("GET /v0/postings/"))
          .toList());
      other.addAll(ashby.requests().stream().filter(r -> !r.startsWith("GET /posting-api/job-board/")).toList());
      assertEquals(List.of(), other, "no posting page was opened: these fakes' pages are on no allow-list");
    } finally {
      vertx.close().await();
    }
  }

  private static List<Object> fields(Row r) {
    return List.of(r.getString("source"), r.getString("board"), r.getString("external_id"), r.getString("url"),
        r.getString("api_url"), r.getString("title"), r.getString("location"));
  }

  /** Runs a review-mode search of one posting and returns the run's stored jobs. */
  private static List<Row> run(Api api, String token, Pool pool, String position, String level) {
    long runId = api.post("/api/search", token, new JsonObject().put("position", position).put("level", level)
        .put("mode", "review").put("limit", 1)).json().getLong("run_id");
    JsonArray jobs = api.awaitRun(runId, token, Duration.ofSeconds(180)).getJsonArray("jobs");
    assertEquals(1, jobs.size(), jobs.encodePrettily());
    // the apply side for Lever/Ashby lands at integration; here the fakes' pages are on no allow-list, so nothing opens
    JsonObject job = api.get("/api/job/" + jobs.getJsonObject(0).getLong("job_id"), token).json();
    assertEquals("needs_attention", job.getString("status"), job.encodePrettily());
    JsonArray events = job.getJsonArray("events");
    assertTrue(events.getJsonObject(events.size() - 1).getString("message").contains("refused to open the posting's link"),
        events.encodePrettily());
    List<Row> rows = new ArrayList<>();
    pool.preparedQuery("""
            select source, board, external_id, url, api_url, title, location, questions, description_html,
              description_text from jobs where run_id = $1 and id = $2""")
        .execute(Tuple.of(runId, jobs.getJsonObject(0).getLong("job_id"))).await().forEach(rows::add);
    return rows;
  }
}
