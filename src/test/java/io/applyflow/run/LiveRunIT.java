package io.applyflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.Applyflow;
import io.applyflow.job.JobBus;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.http.HttpServer;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run page and its streams (issue 12, items 4, 5 and 6) against the whole app: a finished run's stream sends
 * its state, then {@code done}, and ends; the streams of a node share one consumer of {@code run.progress} and each
 * still gets its updates; a job a stage takes shows as queued or worked on; the search's problems (a board answering
 * 500, an unknown board) are lines on the run page and in the run API. Runs and jobs whose state a test needs are
 * written straight into Postgres, with the run's lease held by no conductor of this app ({@code owner}).
 */
class LiveRunIT {
  private static final String PASSWORD = "correct horse 1";
  private static Api api;
  private static Applyflow app;
  private static final List<Long> runsMade = new ArrayList<>();

  @BeforeAll
  static void start() {
    app = TestApp.shared();
    api = TestApp.api();
  }

  /** The runs written here as running are finished, so no later start-up on this database resumes them. */
  @AfterAll
  static void finishRuns() throws SQLException {
    try (Connection c = db(); PreparedStatement st = c.prepareStatement(
        "update runs set status = 'failed', error = 'test over', finished_at = now() where status = 'running'"
            + " and id = any (?)")) {
      st.setArray(1, c.createArrayOf("bigint", runsMade.toArray()));
      st.executeUpdate();
    }
  }

  private record User(String email, String token, long id) {
  }

  private static User user(Api on, String who) throws SQLException {
    String email = Api.uniqueEmail(who);
    String token = on.newUserWithProfile(email);
    try (Connection c = db(); PreparedStatement st = c.prepareStatement("select id from users where lower(email) = ?")) {
      st.setString(1, email.toLowerCase());
      ResultSet rs = st.executeQuery();
      assertTrue(rs.next());
      return new User(email, token, rs.getLong(1));
    }
  }

  private static Connection db() throws SQLException {
    return DriverManager.getConnection(TestDatabase.shared().jdbcUrl(), "postgres", null);
  }

  /** A run written straight into Postgres, its lease held by a node that is not this app's conductor. */
  private static long run(User u, String status) throws SQLException {
    try (Connection c = db(); PreparedStatement st = c.prepareStatement("""
        insert into runs (user_id, position, level, job_limit, mode, status, owner, owner_until, searched_at,
          finished_at)
        values (?, 'Software Engineer', 'mid', 5, 'review', ?, 'live-run-it', now() + interval '1 hour', now(),
          case when ? = 'running' then null else now() end) returning id""")) {
      st.setLong(1, u.id());
      st.setString(2, status);
      st.setString(3, status);
      ResultSet rs = st.executeQuery();
      rs.next();
      long id = rs.getLong(1);
      runsMade.add(id);
      return id;
    }
  }

  /** A job of {@code runId} in {@code status}; {@code lease} is an SQL expression for lease_until (or null). */
  private static long job(User u, long runId, String title, String status, String lease) throws SQLException {
    try (Connection c = db(); PreparedStatement st = c.prepareStatement("""
        insert into jobs (run_id, user_id, source, board, external_id, api_url, url, title, company, location, status,
          lease_owner, lease_until)
        values (?, ?, 'greenhouse', 'acme', ?, 'http://127.0.0.1/x', 'http://127.0.0.1/x', ?, 'Acme', 'Remote', ?,
          """ + (lease == null ? "null, null" : "'node-x', " + lease) + ") returning id")) {
      st.setLong(1, runId);
      st.setLong(2, u.id());
      st.setString(3, title + "-" + System.nanoTime());
      st.setString(4, title);
      st.setString(5, status);
      ResultSet rs = st.executeQuery();
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sql(String statement, Object... args) throws SQLException {
    try (Connection c = db(); PreparedStatement st = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        st.setObject(i + 1, args[i]);
      }
      st.executeUpdate();
    }
  }

  // --- item 6: streams that end -------------------------------------------------------------------------------

  @Test
  void aFinishedRunsStreamSendsItsStateThenDoneAndEnds() throws Exception {
    User u = user(api, "live-done");
    long runId = run(u, "done");
    job(u, runId, "Platform Engineer", "submitted", null);
    HttpClient http = HttpClient.newHttpClient();
    // the whole body arrives: the server ends the response (old code: the stream never ends, the wait times out)
    String body = http.sendAsync(HttpRequest.newBuilder(URI.create(api.base + "/api/search/" + runId + "/events"))
            .header("Authorization", "Bearer " + u.token()).build(), HttpResponse.BodyHandlers.ofString())
        .get(60, TimeUnit.SECONDS).body();
    List<String> events = eventNames(body);
    assertEquals(List.of("run", "done"), events, body);
    JsonObject state = new JsonObject(data(body, "run"));
    assertEquals("done", state.getString("status"));
    assertEquals("Platform Engineer", state.getJsonArray("jobs").getJsonObject(0).getString("title"));

    HttpClient browser = signedIn(api, u);
    String page = browser.sendAsync(HttpRequest.newBuilder(URI.create(api.base + "/runs/" + runId + "/events"))
        .build(), HttpResponse.BodyHandlers.ofString()).get(60, TimeUnit.SECONDS).body();
    List<String> pageEvents = eventNames(page);
    assertEquals("done", pageEvents.get(pageEvents.size() - 1), page);
    assertTrue(pageEvents.containsAll(List.of("run-jobs", "run-summary", "run-problems")), page);

    // the finished run's page joins late: it gets the state above, then done, and closes on it
    Document doc = Jsoup.parse(get(browser, "/runs/" + runId));
    Element live = doc.getElementById("run-live");
    assertNotNull(live);
    assertEquals("done", live.attr("sse-close"), live.outerHtml());
  }

  @Test
  void aRunningRunsStreamEndsWithDoneWhenTheRunFinishes() throws Exception {
    User u = user(api, "live-finish");
    long runId = run(u, "running");
    job(u, runId, "Data Engineer", "awaiting_approval", null);
    HttpClient browser = signedIn(api, u);
    Document doc = Jsoup.parse(get(browser, "/runs/" + runId));
    Element live = doc.getElementById("run-live");
    assertEquals("/runs/" + runId + "/events", live.attr("sse-connect"));
    assertEquals("done", live.attr("sse-close"), "htmx closes the event source on done: " + live.outerHtml());

    HttpResponse<InputStream> s = browser.send(HttpRequest.newBuilder(URI.create(api.base + "/runs/" + runId
        + "/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, s.statusCode());
    try (InputStream in = s.body()) {
      String first = readUntilEvent(in, "run-jobs");
      assertFalse(first.contains("event: done"), first);
      sql("update runs set status = 'done', finished_at = now() where id = ?", runId);
      JobBus.publish(app.vertx().eventBus(), new JobBus.Progress(runId, 0, u.id(), "done"));
      // the rest of the stream, to its end (old code: it never ends, and the wait gives up)
      String rest = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(60, TimeUnit.SECONDS);
      List<String> events = eventNames(rest);
      assertEquals("done", events.get(events.size() - 1), rest);
    }
  }

  /**
   * Real Chromium on a running run's page: the run finishes, the page shows it, htmx's SSE extension closes the
   * stream on {@code done} (no reconnect), and the tab's notices move to their own stream.
   */
  @Test
  void theRunPageClosesItsStreamOnDoneInABrowser() throws Exception {
    User u = user(api, "live-browser");
    long runId = run(u, "running");
    job(u, runId, "Site Engineer", "awaiting_approval", null);
    try (io.applyflow.support.Browsing b = io.applyflow.support.Browsing.start();
         com.microsoft.playwright.BrowserContext context = b.browser.newContext()) {
      com.microsoft.playwright.Page page = context.newPage();
      AtomicInteger streams = new AtomicInteger();
      page.onRequest(r -> {
        if (r.url().endsWith("/runs/" + runId + "/events")) {
          streams.incrementAndGet();
        }
      });
      page.navigate(api.base + "/login");
      page.fill("#email", u.email());
      page.fill("#password", PASSWORD);
      page.click("#login-form button[type=submit]");
      page.waitForURL(url -> !url.endsWith("/login"));
      page.navigate(api.base + "/runs/" + runId);
      page.evaluate("document.addEventListener('htmx:sseClose', function () { window.__sseClosed = true; })");
      page.waitForSelector("#run-status[data-status=running]");
      sql("update runs set status = 'done', finished_at = now() where id = ?", runId);
      JobBus.publish(app.vertx().eventBus(), new JobBus.Progress(runId, 0, u.id(), "done"));
      page.waitForSelector("#run-status[data-status=done]");
      page.waitForFunction("() => window.__sseClosed === true");
      page.waitForSelector("#notices[sse-connect='/notices/events']",
          new com.microsoft.playwright.Page.WaitForSelectorOptions().setState(
              com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
      assertEquals(1, streams.get(), "the page opened its run stream once and did not reconnect after done");
    }
  }

  // --- item 6: one consumer per node ---------------------------------------------------------------------------

  @Test
  void theStreamsOfANodeShareOneConsumerAndEachGetsItsUpdates() throws Exception {
    User u = user(api, "live-hub");
    long runId = run(u, "running");
    long jobId = job(u, runId, "Backend Engineer", "described", null);
    Vertx vertx = app.vertx();
    AtomicInteger deliveries = new AtomicInteger();
    // every delivery of this run's progress to a consumer on this node passes here once per consumer
    Handler<DeliveryContext<Object>> counter = dc -> {
      if (JobBus.PROGRESS.equals(dc.message().address()) && dc.body() instanceof JobBus.Progress p
          && p.runId() == runId) {
        deliveries.incrementAndGet();
      }
      dc.next();
    };
    vertx.eventBus().addInboundInterceptor(counter);
    int n = 5;
    HttpClient http = HttpClient.newHttpClient();
    List<InputStream> streams = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        HttpResponse<InputStream> s = http.send(HttpRequest.newBuilder(URI.create(api.base + "/api/search/" + runId
            + "/events")).header("Authorization", "Bearer " + u.token()).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, s.statusCode());
        streams.add(s.body());
        assertTrue(readUntilEvent(s.body(), "run").contains("Backend Engineer"));
      }
      assertEquals(n, Hub.streams(vertx), "the node's open streams");
      assertEquals(1, Hub.consumers(vertx), "one consumer of run.progress for all of them");

      sql("update jobs set title = 'Backend Engineer II', status = 'scored' where id = ?", jobId);
      JobBus.publish(vertx.eventBus(), new JobBus.Progress(runId, jobId, u.id(), "scored"));
      for (InputStream in : streams) {
        String update = readUntilEvent(in, "run");
        assertTrue(update.contains("Backend Engineer II"), "every stream gets the update: " + update);
      }
      assertEquals(1, deliveries.get(), "the update reached one consumer on this node, not one per stream");
    } finally {
      vertx.eventBus().removeInboundInterceptor(counter);
      for (InputStream in : streams) {
        in.close();
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while ((Hub.streams(vertx) > 0 || Hub.consumers(vertx) > 0) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(0, Hub.streams(vertx), "closed streams leave the registry");
    assertEquals(0, Hub.consumers(vertx), "with no stream open the node holds no consumer of run.progress");
  }

  // --- item 4: queued or worked on ------------------------------------------------------------------------------

  @Test
  void aJobAStageTakesShowsAsQueuedOrWorkedOnByItsLease() throws Exception {
    User u = user(api, "live-queued");
    long runId = run(u, "running");
    long waiting = job(u, runId, "Queued Engineer", "tailored", null);
    long expired = job(u, runId, "Expired Engineer", "discovered", "now() - interval '1 minute'");
    long working = job(u, runId, "Leased Engineer", "accepted", "now() + interval '10 minutes'");
    long yours = job(u, runId, "Approval Engineer", "awaiting_approval", null);

    JsonArray jobs = api.get("/api/search/" + runId, u.token()).json().getJsonArray("jobs");
    JsonObject q = byId(jobs, waiting);
    assertEquals(Boolean.TRUE, q.getBoolean("queued"));
    assertEquals("render", q.getString("stage"));
    JsonObject e = byId(jobs, expired);
    assertEquals(Boolean.TRUE, e.getBoolean("queued"), "an expired lease holds nothing");
    assertEquals("describe", e.getString("stage"));
    JsonObject w = byId(jobs, working);
    assertEquals(Boolean.FALSE, w.getBoolean("queued"));
    assertEquals("tailor", w.getString("stage"));
    JsonObject y = byId(jobs, yours);
    assertEquals(Boolean.FALSE, y.getBoolean("queued"));
    assertNull(y.getValue("stage"), "a job waiting for the user is in no stage");

    Document doc = Jsoup.parse(get(signedIn(api, u), "/runs/" + runId));
    Element wq = doc.selectFirst("#job-" + waiting + " .activity");
    assertNotNull(wq, doc.select("#run-jobs").outerHtml());
    assertTrue(wq.hasClass("queued"));
    assertEquals("Waiting for a free PDF slot", wq.text());
    assertEquals("Waiting for a free reading slot", doc.selectFirst("#job-" + expired + " .activity").text());
    Element ww = doc.selectFirst("#job-" + working + " .activity");
    assertTrue(ww.hasClass("working"));
    assertEquals("Tailoring the resume now", ww.text());
    assertNull(doc.selectFirst("#job-" + yours + " .activity"));
  }

  // --- item 5: surfaced problems --------------------------------------------------------------------------------

  /**
   * A node whose watch-list has three Greenhouse boards on a local Job Board API: one lists no postings, one answers
   * 500, one does not exist (404). The run finishes, and both failing boards are lines on its page and in its API.
   */
  @Test
  void aBoardThatFailsIsALineOnTheRunPageAndInTheApi() throws Exception {
    Vertx fakes = Vertx.vertx();
    HttpServer greenhouse = fakes.createHttpServer().requestHandler(r -> {
      if (r.path().equals("/v1/boards/steady/jobs")) {
        r.response().putHeader("content-type", "application/json").end("{\"jobs\":[],\"meta\":{\"total\":0}}");
      } else if (r.path().equals("/v1/boards/broken/jobs")) {
        r.response().setStatusCode(500).putHeader("content-type", "text/html").end("<h1>Internal Server Error</h1>");
      } else {
        r.response().setStatusCode(404).putHeader("content-type", "application/json")
            .end("{\"status\":404,\"error\":\"Job not found\"}");
      }
    }).listen(0, "127.0.0.1").await();
    // web and scrape only (search and the conductor): no posting is found, so no other stage is needed
    try (Applyflow node = TestApp.start(Map.of("ROLES", "web,scrape",
        "WATCHLIST", "greenhouse:steady,greenhouse:broken,greenhouse:nosuch",
        "GREENHOUSE_API_URL", "http://127.0.0.1:" + greenhouse.actualPort() + "/v1"))) {
      Api own = new Api("http://127.0.0.1:" + node.port());
      User u = user(own, "live-problems");
      long runId = own.post("/api/search", u.token(), new JsonObject().put("position", "Software Engineer")
          .put("level", "mid").put("limit", 3)).json().getLong("run_id");
      runsMade.add(runId);
      JsonObject run = own.awaitRun(runId, u.token(), Duration.ofMinutes(2));
      assertEquals("done", run.getString("status"), run.encodePrettily());
      JsonArray problems = run.getJsonArray("problems");
      assertNotNull(problems, "the run API shows the search's problems: " + run.encodePrettily());
      assertEquals(2, problems.size(), problems.encodePrettily());
      JsonObject broken = bySource(problems, "greenhouse:broken");
      assertTrue(broken.getString("message").contains("500"), broken.encode());
      assertNotNull(broken.getString("at"));
      JsonObject nosuch = bySource(problems, "greenhouse:nosuch");
      assertTrue(nosuch.getString("message").contains("404") && nosuch.getString("message").contains("no such board"),
          nosuch.encode());

      Document doc = Jsoup.parse(get(signedIn(own, u), "/runs/" + runId));
      List<String> lines = doc.select("#run-problems li.problem").eachText();
      assertEquals(2, lines.size(), doc.select("main").outerHtml());
      assertTrue(lines.stream().anyMatch(l -> l.contains("greenhouse:broken") && l.contains("500")), lines.toString());
      assertTrue(lines.stream().anyMatch(l -> l.contains("greenhouse:nosuch") && l.contains("404")), lines.toString());
    } finally {
      fakes.close().await();
    }
  }

  // --- helpers --------------------------------------------------------------------------------------------------

  private static JsonObject byId(JsonArray jobs, long id) {
    for (Object o : jobs) {
      if (((JsonObject) o).getLong("job_id") == id) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no job " + id + " in " + jobs.encode());
  }

  private static JsonObject bySource(JsonArray problems, String source) {
    for (Object o : problems) {
      if (source.equals(((JsonObject) o).getString("source"))) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no problem of " + source + " in " + problems.encode());
  }

  /** The names of the events in an SSE body, in order. */
  static List<String> eventNames(String body) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^event: (.+)$").matcher(body);
    while (m.find()) {
      out.add(m.group(1).trim());
    }
    return out;
  }

  /** The data of the first event named {@code name}. */
  private static String data(String body, String name) {
    int at = body.indexOf("event: " + name + "\n");
    assertTrue(at >= 0, body);
    StringBuilder sb = new StringBuilder();
    for (String line : body.substring(at).split("\n")) {
      if (line.isEmpty()) {
        break;
      }
      if (line.startsWith("data: ")) {
        sb.append(sb.isEmpty() ? "" : "\n").append(line.substring(6));
      }
    }
    return sb.toString();
  }

  /** Reads the stream up to the end of the next event named {@code name}; what was read. */
  private static String readUntilEvent(InputStream in, String name) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    String marker = "event: " + name + "\n";
    while ((c = in.read()) >= 0) {
      sb.append((char) c);
      int at = sb.indexOf(marker);
      if (at >= 0 && sb.indexOf("\n\n", at) >= 0) {
        return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("the stream ended before an event " + name + ": " + sb);
  }

  private static HttpClient signedIn(Api on, User u) throws IOException, InterruptedException {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    String login = browser.send(HttpRequest.newBuilder(URI.create(on.base + "/login")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"").matcher(login);
    assertTrue(m.find(), "no CSRF token on the login page");
    String form = "_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&email="
        + URLEncoder.encode(u.email(), StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(on.base + "/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(303, r.statusCode(), r.body());
    browserBase.put(browser, on.base);
    return browser;
  }

  private static final Map<HttpClient, String> browserBase = new java.util.concurrent.ConcurrentHashMap<>();

  private static String get(HttpClient browser, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(browserBase.get(browser) + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }
}
