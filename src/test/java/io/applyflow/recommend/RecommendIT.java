package io.applyflow.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.db.TestDatabase;
import io.applyflow.sandbox.SandboxBoards;
import io.applyflow.search.Level;
import io.applyflow.search.TitleMatch;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recommendations against the real app (embedded Postgres, the sandbox board as the ATSs' APIs): settings saved and
 * a bad watch-list line refused naming it, a discovery pass finding, scoring and storing the postings of a watched
 * board once, a saved search over the default (sandbox) boards, one user's feed invisible to another, dismiss, and no
 * job, run or application created by discovery.
 */
class RecommendIT {
  private static final Api api = TestApp.api();
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void database() {
    vertx = Vertx.vertx();
    pool = TestDatabase.shared().pool(vertx, 2);
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  private static long count(String sql, long userId) {
    return pool.preparedQuery(sql).execute(Tuple.of(userId)).await().iterator().next().getLong(0);
  }

  private static long userId(String email) {
    return pool.preparedQuery("select id from users where email = $1").execute(Tuple.of(email)).await()
        .iterator().next().getLong("id");
  }

  private static HttpResponse<String> form(String path, String token, boolean htmx, String... fields)
      throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      body.append(body.length() == 0 ? "" : "&").append(fields[i]).append('=')
          .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base + path))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (htmx) {
      b.header("HX-Request", "true");
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void discoversScoresAndListsAWatchedBoardOnceForItsOwnerOnly() throws Exception {
    String email = Api.uniqueEmail("recommend");
    String token = api.newUserWithProfile(email);
    long me = userId(email);
    String board = SandboxBoards.get().boardTokens().get(0);

    Api.Response bad = api.put("/api/recommendations/settings", token, new JsonObject()
        .put("watchlist", new JsonArray().add("greenhouse:" + board).add("workday:acme")));
    assertEquals(400, bad.status(), bad.text());
    assertTrue(bad.json().getString("detail").startsWith("watchlist entry 2: 'workday:acme' is not one of"),
        bad.text());

    Api.Response saved = api.put("/api/recommendations/settings", token, new JsonObject()
        .put("watchlist", new JsonArray().add("greenhouse:" + board)).put("interval_hours", 12));
    assertEquals(200, saved.status(), saved.text());
    JsonObject settings = api.get("/api/recommendations/settings", token).json();
    assertEquals(new JsonArray().add("greenhouse:" + board), settings.getJsonArray("watchlist"));
    assertEquals(12, settings.getInteger("interval_hours"));

    long started = System.nanoTime();
    Api.Response first = api.post("/api/recommendations/refresh", token, null);
    long passMs = (System.nanoTime() - started) / 1_000_000;
    assertEquals(200, first.status(), first.text());
    int listed = first.json().getInteger("listed");
    System.out.printf("recommendations: a first pass over greenhouse:%s read, scored and stored %d postings in %d ms%n",
        board, listed, passMs);
    assertTrue(listed > 5, first.text());
    assertEquals(List.of(), first.json().getJsonArray("problems").getList(), first.text());

    JsonArray feed = api.get("/api/recommendations", token).json().getJsonArray("recommendations");
    assertEquals(listed, feed.size(), "every posting of the watched board is recommended once: " + feed);
    Set<Long> ids = new HashSet<>();
    Set<String> urls = new HashSet<>();
    for (int i = 0; i < feed.size(); i++) {
      JsonObject r = feed.getJsonObject(i);
      ids.add(r.getLong("id"));
      urls.add(r.getString("url"));
      assertEquals(board, r.getString("board"));
      assertNotNull(r.getInteger("score"), r.encode());
      assertTrue(r.getInteger("score") >= 0 && r.getInteger("score") <= 100, r.encode());
    }
    assertEquals(listed, ids.size());
    assertEquals(listed, urls.size());
    for (int i = 1; i < feed.size(); i++) {
      assertTrue(feed.getJsonObject(i - 1).getInteger("score") >= feed.getJsonObject(i).getInteger("score")
          || !feed.getJsonObject(i - 1).getString("found_at").equals(feed.getJsonObject(i).getString("found_at")),
          "highest score first within a pass: " + feed);
    }
    assertTrue(count("select count(distinct score) from recommendations where user_id = $1", me) > 1,
        "the postings are scored against the resume, not given one score");

    Api.Response again = api.post("/api/recommendations/refresh", token, null);
    assertEquals(429, again.status(), again.text());
    assertTrue(again.json().getString("detail").contains("less than a minute ago"), again.text());

    started = System.nanoTime();
    RecommendBus.Pass second = RecommendBus.discover(TestApp.shared().vertx().eventBus(), me).await();
    System.out.printf("recommendations: a second pass (nothing new) took %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    assertEquals(listed, second.listed());
    assertEquals(0, second.added(), "a second pass adds nothing new");
    assertEquals(listed, count("select count(*) from recommendations where user_id = $1", me));

    String otherEmail = Api.uniqueEmail("recommend-other");
    String other = api.newUserWithProfile(otherEmail);
    assertEquals(0, api.get("/api/recommendations", other).json().getJsonArray("recommendations").size());
    long firstId = feed.getJsonObject(0).getLong("id");
    assertEquals(404, api.post("/api/recommendations/" + firstId + "/dismiss", other, null).status(),
        "another user's recommendation is not theirs to dismiss");
    Document otherPage = Jsoup.parse(api.get("/recommendations", other).text());
    assertNotNull(otherPage.getElementById("recommend-empty"));
    assertTrue(otherPage.select("[data-recommendation-id]").isEmpty());

    Api.Response dismissed = api.post("/api/recommendations/" + firstId + "/dismiss", token, null);
    assertEquals(200, dismissed.status(), dismissed.text());
    JsonArray after = api.get("/api/recommendations", token).json().getJsonArray("recommendations");
    assertEquals(listed - 1, after.size());
    assertFalse(after.stream().anyMatch(o -> ((JsonObject) o).getLong("id") == firstId));

    // the page lists them with the three actions, and a plain form dismisses with a redirect back
    long secondId = after.getJsonObject(0).getLong("id");
    String html = api.get("/recommendations", token).text();
    System.out.printf("recommendations: the page with %d rows is %d bytes of HTML%n", listed - 1,
        html.getBytes(StandardCharsets.UTF_8).length);
    Document page = Jsoup.parse(html);
    assertEquals(listed - 1, page.select("#recommend-feed li[data-recommendation-id]").size());
    assertNotNull(page.getElementById("recommend-refresh"));
    assertEquals("/recommendations/refresh", page.getElementById("recommend-refresh").attr("hx-post"));
    assertNotNull(page.getElementById("start-run-" + secondId));
    assertEquals("/runs", page.getElementById("start-run-" + secondId).parent().attr("action"));
    assertEquals("closest li", page.getElementById("dismiss-" + secondId).parent().attr("hx-target"));
    HttpResponse<String> plain = form("/recommendations/" + secondId + "/dismiss", token, false, "back", "/");
    assertEquals(303, plain.statusCode());
    assertEquals("/", plain.headers().firstValue("Location").orElse(""));
    assertEquals(listed - 2, api.get("/api/recommendations", token).json().getJsonArray("recommendations").size());

    assertEquals(0, count("select count(*) from jobs where user_id = $1", me), "discovery creates no job");
    assertEquals(0, count("select count(*) from runs where user_id = $1", me), "discovery starts no run");
    assertEquals(0, count("select count(*) from applications where user_id = $1", me),
        "discovery creates no application");
  }

  @Test
  void aSavedSearchRecommendsOnlyMatchingPostingsOfTheDefaultBoards() {
    String email = Api.uniqueEmail("recommend-search");
    String token = api.newUserWithProfile(email);
    Api.Response saved = api.put("/api/recommendations/settings", token, new JsonObject()
        .put("searches", new JsonArray().add(new JsonObject().put("position", "Backend Software Engineer")
            .put("level", "mid"))));
    assertEquals(200, saved.status(), saved.text());
    Api.Response refresh = api.post("/api/recommendations/refresh", token, null);
    assertEquals(200, refresh.status(), refresh.text());
    JsonArray feed = api.get("/api/recommendations", token).json().getJsonArray("recommendations");
    assertEquals(refresh.json().getInteger("added"), feed.size());
    assertTrue(feed.size() >= 1, refresh.text());
    assertTrue(feed.size() < refresh.json().getInteger("listed"), "only matching postings: " + refresh.text());
    for (int i = 0; i < feed.size(); i++) {
      String title = feed.getJsonObject(i).getString("title");
      assertTrue(TitleMatch.matches("Backend Software Engineer", Level.MID, title), title);
    }
  }

  @Test
  void theSettingsPageRefusesABadLineNextToTheFieldAndSavesSearches() throws Exception {
    String token = api.newUserWithProfile(Api.uniqueEmail("recommend-page"));
    Document settings = Jsoup.parse(api.get("/settings", token).text());
    assertNotNull(settings.getElementById("settings-form"), "the existing settings stay");
    assertNotNull(settings.getElementById("recommend-watchlist"));
    assertEquals("/settings/recommendations", settings.getElementById("recommend-sources").attr("hx-post"));

    HttpResponse<String> bad = form("/settings/recommendations", token, true,
        "watchlist", "greenhouse:acme-robotics\nlever tidewater", "interval_hours", "");
    assertEquals(400, bad.statusCode());
    Document fragment = Jsoup.parse(bad.body());
    assertNotNull(fragment.getElementById("recommend-sources"));
    assertTrue(fragment.getElementById("recommend-watchlist-error").text()
        .startsWith("watchlist line 2: 'lever tidewater' is not one of"), bad.body());
    assertTrue(fragment.getElementById("recommend-watchlist").text().contains("lever tidewater"),
        "what was typed is kept");

    HttpResponse<String> plainBad = form("/settings/recommendations", token, false, "watchlist", "ashby:Meridian",
        "interval_hours", "0");
    assertEquals(400, plainBad.statusCode());
    assertTrue(Jsoup.parse(plainBad.body()).getElementById("recommend-interval-error").text()
        .contains("interval_hours must be from 1 to 720"), plainBad.body());

    HttpResponse<String> ok = form("/settings/recommendations", token, false, "watchlist",
        "ashby:Meridian\n\nlever:tidewater-energy", "interval_hours", "6");
    assertEquals(303, ok.statusCode());
    Document after = Jsoup.parse(api.get(ok.headers().firstValue("Location").orElseThrow().replace("#recommend-settings",
        ""), token).text());
    assertEquals("ashby:Meridian\nlever:tidewater-energy", after.getElementById("recommend-watchlist").wholeText());
    assertEquals("6", after.getElementById("recommend-interval").val());
    assertNotNull(after.getElementById("recommend-sources-notice"));

    HttpResponse<String> noPosition = form("/settings/recommendations/searches", token, true, "position", "Senior",
        "level", "senior", "location", "");
    assertEquals(400, noPosition.statusCode());
    assertTrue(Jsoup.parse(noPosition.body()).getElementById("recommend-search-position-error").text()
        .contains("no word to match"), noPosition.body());
    HttpResponse<String> added = form("/settings/recommendations/searches", token, true, "position",
        "Data Engineer", "level", "senior", "location", "Remote");
    assertEquals(200, added.statusCode(), added.body());
    Document searches = Jsoup.parse(added.body());
    assertNotNull(searches.getElementById("recommend-searches-notice"));
    JsonArray stored = api.get("/api/recommendations/settings", token).json().getJsonArray("searches");
    assertEquals(1, stored.size());
    long id = stored.getJsonObject(0).getLong("id");
    assertEquals("Remote", stored.getJsonObject(0).getString("location"));
    assertNotNull(searches.getElementById("remove-search-" + id));
    assertEquals(303, form("/settings/recommendations/searches/" + id + "/delete", token, false).statusCode());
    assertEquals(0, api.get("/api/recommendations/settings", token).json().getJsonArray("searches").size());
  }

  @Test
  void aDueUserIsClaimedOnceByConcurrentSchedulersAndNotAgainBeforeTheInterval() {
    String email = Api.uniqueEmail("recommend-due");
    String token = api.newUserWithProfile(email);
    long me = userId(email);
    assertEquals(200, api.put("/api/recommendations/settings", token, new JsonObject()
        .put("watchlist", new JsonArray().add("ashby:Meridian")).put("interval_hours", 12)).status());
    Recommendations recs = new Recommendations(pool);

    // two nodes' checks at the same moment: the user is taken by exactly one of them
    var one = recs.claimDue(24, 10_000);
    var two = recs.claimDue(24, 10_000);
    io.vertx.core.Future.all(one, two).await();
    long claims = java.util.stream.Stream.concat(one.result().stream(), two.result().stream())
        .filter(id -> id == me).count();
    assertEquals(1, claims, "claimed once: " + one.result() + " / " + two.result());
    assertFalse(recs.claimDue(24, 10_000).await().contains(me), "not due again right after its pass");

    // 13 hours later its own 12-hour interval has passed (the default 24 would not have)
    pool.preparedQuery("update recommend_settings set last_run_at = now() - interval '13 hours' where user_id = $1")
        .execute(Tuple.of(me)).await();
    assertTrue(recs.claimDue(24, 10_000).await().contains(me));
    pool.preparedQuery("""
            update recommend_settings set last_run_at = now() - interval '13 hours', interval_hours = null
            where user_id = $1""")
        .execute(Tuple.of(me)).await();
    assertFalse(recs.claimDue(24, 10_000).await().contains(me), "the default interval is 24 hours");
  }
}
