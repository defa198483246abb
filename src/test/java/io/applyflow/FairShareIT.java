package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fair sharing (issue 8): a cap on the runs a user has going (409 naming it), on the live streams a user holds
 * open (429), and stage queues served round-robin across users so one user's big run does not hold up another's.
 * The caps are tried on a web-only node (no conductor: a started run stays "running", so the count is exact);
 * fairness on a whole node of its own with one apply worker. Both share the test database and are closed after.
 */
class FairShareIT {
  private static final int RUNS_CAP = 2;
  private static final int STREAMS_CAP = 2;
  private static final JsonObject SEARCH = new JsonObject().put("position", "Software Engineer").put("level", "mid")
      .put("limit", 1);

  private static Applyflow web;
  private static Api api;
  private static final List<String> users = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void webOnlyNode() {
    // a database of its own: no stage worker or conductor ever takes this web node's runs, so they stay running
    web = TestApp.start(Map.of("ROLES", "web", "RUNS_PER_USER", String.valueOf(RUNS_CAP),
        "SSE_PER_USER", String.valueOf(STREAMS_CAP), "DATABASE_URL", TestDatabase.fresh("fairshare").url()));
    api = new Api("http://127.0.0.1:" + web.port());
  }

  /** No conductor drove the web node's runs: finish them, so no later start-up on this database resumes them. */
  @AfterAll
  static void finishTheirRuns() throws SQLException {
    try {
      try (Connection c = DriverManager.getConnection(web.database().jdbcUrl(), "postgres", null);
           PreparedStatement st = c.prepareStatement("""
               update runs set status = 'failed', error = 'test node closed', finished_at = now()
               where status = 'running' and user_id in (select id from users where email = any (?))""")) {
        st.setArray(1, c.createArrayOf("text", users.toArray()));
        st.executeUpdate();
      }
    } finally {
      web.close();
    }
  }

  private record User(String email, String token) {
  }

  private static User user(String who) {
    String email = Api.uniqueEmail(who);
    users.add(email.toLowerCase());
    return new User(email, api.newUserWithProfile(email));
  }

  @Test
  void aRunPastTheCapIsRefusedWith409NamingItWhileAnotherUserStillStarts() throws SQLException {
    User a = user("cap-a");
    for (int i = 0; i < RUNS_CAP; i++) {
      Api.Response ok = api.post("/api/search", a.token(), SEARCH);
      assertEquals(202, ok.status(), ok.text());
    }
    Api.Response refused = api.post("/api/search", a.token(), SEARCH);
    assertEquals(409, refused.status(), refused.text());
    assertEquals("conflict", refused.json().getString("error"));
    String detail = refused.json().getString("detail");
    assertTrue(detail.contains("You already have 2 runs going") && detail.contains("RUNS_PER_USER"), detail);
    assertEquals(RUNS_CAP, runningOf(a));

    User b = user("cap-b");
    Api.Response other = api.post("/api/search", b.token(), SEARCH);
    assertEquals(202, other.status(), "another user is not held back by a's cap: " + other.text());
  }

  @Test
  void startsAtTheSameMomentCannotPassTheCapTogether() throws Exception {
    User c = user("cap-race");
    int tries = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(tries);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < tries; i++) {
        Callable<Integer> start = () -> {
          go.await();
          return api.post("/api/search", c.token(), SEARCH).status();
        };
        statuses.add(pool.submit(start));
      }
      go.countDown();
      int accepted = 0;
      int refused = 0;
      for (Future<Integer> s : statuses) {
        int status = s.get();
        if (status == 202) {
          accepted++;
        } else if (status == 409) {
          refused++;
        }
      }
      assertEquals(RUNS_CAP, accepted, "accepted starts");
      assertEquals(tries - RUNS_CAP, refused, "refused starts");
      assertEquals(RUNS_CAP, runningOf(c));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theRunFormShowsTheCapRefusalInsteadOfStarting() throws Exception {
    User u = user("cap-page");
    for (int i = 0; i < RUNS_CAP; i++) {
      assertEquals(202, api.post("/api/search", u.token(), SEARCH).status());
    }
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String login = page(browser, "/login").body();
    HttpResponse<String> signedIn = form(browser, "/login", csrf(login), false,
        "email", u.email(), "password", "correct horse 1");
    assertEquals(303, signedIn.statusCode(), signedIn.body());
    String form = page(browser, "/runs/new").body();
    HttpResponse<String> refused = form(browser, "/runs", csrf(form), true,
        "position", "Data Engineer", "level", "mid", "limit", "1", "mode", "review");
    assertEquals(409, refused.statusCode(), refused.body());
    assertTrue(refused.headers().firstValue("content-type").orElse("").startsWith("text/html"));
    assertTrue(refused.body().contains("id=\"run-error\"") && refused.body().contains("You already have 2 runs going"),
        refused.body());
    assertTrue(refused.body().contains("value=\"Data Engineer\""), "what was typed is kept: " + refused.body());
    assertEquals(RUNS_CAP, runningOf(u));
  }

  @Test
  void aStreamPastTheCapIs429UntilOneCloses() throws Exception {
    User d = user("streams");
    long runId = api.post("/api/search", d.token(), SEARCH).json().getLong("run_id");
    String events = "/api/search/" + runId + "/events";
    List<HttpResponse<InputStream>> open = new ArrayList<>();
    try {
      for (int i = 0; i < STREAMS_CAP; i++) {
        HttpResponse<InputStream> s = stream(events, d.token());
        assertEquals(200, s.statusCode());
        open.add(s);
        assertTrue(firstLine(s.body()).startsWith(": connected"));
      }
      HttpResponse<InputStream> refused = stream(events, d.token());
      assertEquals(429, refused.statusCode());
      String detail = new JsonObject(new String(refused.body().readAllBytes(), StandardCharsets.UTF_8))
          .getString("detail");
      assertTrue(detail.contains("SSE_PER_USER") && detail.contains(STREAMS_CAP + " live pages"), detail);

      // another user's streams are counted apart
      User e = user("streams-other");
      long otherRun = api.post("/api/search", e.token(), SEARCH).json().getLong("run_id");
      HttpResponse<InputStream> other = stream("/api/search/" + otherRun + "/events", e.token());
      assertEquals(200, other.statusCode());
      open.add(other);

      // closing one gives its place back: a new stream opens once the server has seen the close
      open.remove(0).body().close();
      HttpResponse<InputStream> again = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        HttpResponse<InputStream> s = stream(events, d.token());
        if (s.statusCode() == 200) {
          again = s;
          break;
        }
        assertEquals(429, s.statusCode());
        s.body().close();
        Thread.sleep(200);
      }
      assertTrue(again != null, "no stream opened after one was closed");
      open.add(again);
      assertTrue(firstLine(again.body()).startsWith(": connected"));
    } finally {
      for (HttpResponse<InputStream> s : open) {
        s.body().close();
      }
    }
  }

  /**
   * User A's run floods every stage; user B starts a one-job run once A's jobs are being applied. B's run is done
   * while A's is still going: B's job waited its turn, not behind all of A's. Order, not time, is asserted.
   */
  @Test
  void aSmallRunIsNotHeldUpBehindAnotherUsersBigOne() {
    try (Applyflow node = TestApp.start(Map.of("APPLY_INSTANCES", "1"))) {
      Api own = new Api("http://127.0.0.1:" + node.port());
      String a = own.userWithProfile(Api.uniqueEmail("fair-a"));
      String b = own.userWithProfile(Api.uniqueEmail("fair-b"));
      long big = own.post("/api/search", a, new JsonObject().put("position", "Software Engineer").put("level", "mid")
          .put("limit", 8)).json().getLong("run_id");
      // wait (by state, not by time) until A's jobs fill the pipeline and the apply stage serves A
      JsonObject bigRun = awaitState(own, big, a, run -> run.getJsonArray("jobs").size() >= 5
          && count(run.getJsonArray("jobs"), "awaiting_approval") >= 1);
      int bigJobs = bigRun.getJsonArray("jobs").size();

      long small = own.post("/api/search", b, new JsonObject().put("position", "Software Engineer").put("level", "mid")
          .put("limit", 1)).json().getLong("run_id");
      JsonObject smallRun = own.awaitRun(small, b, Duration.ofMinutes(5));
      assertEquals("done", smallRun.getString("status"), smallRun.encodePrettily());
      assertEquals(1, count(smallRun.getJsonArray("jobs"), "awaiting_approval"), smallRun.encodePrettily());

      JsonObject bigNow = own.get("/api/search/" + big, a).json();
      System.out.printf("fairness: when B's run was done, A's run had %d of %d jobs filled%n",
          count(bigNow.getJsonArray("jobs"), "awaiting_approval"), bigJobs);
      assertEquals("running", bigNow.getString("status"),
          "A's run settled before B's one job was done: " + bigNow.encodePrettily());
      // and A's jobs are not starved either: every one of them settles
      JsonObject bigDone = own.awaitRun(big, a, Duration.ofMinutes(10));
      assertEquals("done", bigDone.getString("status"), bigDone.encodePrettily());
      assertEquals(bigJobs, bigDone.getJsonArray("jobs").size());
      // each waits for A: a filled Greenhouse form for approval, or a Lever/Ashby form's question only A can answer
      assertEquals(bigJobs, bigDone.getJsonArray("jobs").stream()
          .filter(j -> ((JsonObject) j).getBoolean("waiting", false)).count(), bigDone.encodePrettily());
    }
  }

  private static JsonObject awaitState(Api own, long runId, String token,
                                       java.util.function.Predicate<JsonObject> ready) {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    JsonObject run = null;
    while (System.nanoTime() < deadline) {
      run = own.get("/api/search/" + runId, token).json();
      if (ready.test(run)) {
        return run;
      }
      assertEquals("running", run.getString("status"), "the big run ended before it filled the pipeline: "
          + run.encodePrettily());
      sleep(200);
    }
    throw new AssertionError("run never reached the awaited state: " + (run == null ? "" : run.encodePrettily()));
  }

  private static long count(JsonArray jobs, String status) {
    return jobs.stream().filter(j -> status.equals(((JsonObject) j).getString("status"))).count();
  }

  /** The user's runs marked running, read from Postgres. */
  private static long runningOf(User u) throws SQLException {
    try (Connection c = DriverManager.getConnection(web.database().jdbcUrl(), "postgres", null);
         PreparedStatement st = c.prepareStatement("""
             select count(*) from runs r join users u on u.id = r.user_id
             where u.email = ? and r.status = 'running'""")) {
      st.setString(1, u.email().toLowerCase());
      try (var rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private HttpResponse<InputStream> stream(String path, String token) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(api.base + path)).header("Authorization", "Bearer " + token)
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static String firstLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      sb.append((char) c);
    }
    return sb.toString();
  }

  private static HttpResponse<String> page(HttpClient browser, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(api.base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r;
  }

  private static HttpResponse<String> form(HttpClient browser, String path, String csrf, boolean htmx,
                                           String... fields) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder("_csrf=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
    for (int i = 0; i < fields.length; i += 2) {
      body.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base + path))
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (htmx) {
      b.header("HX-Request", "true");
    }
    return browser.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(String html) {
    Matcher m = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find(), "no CSRF token in the page");
    return m.group(1);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
