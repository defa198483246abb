package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.Api;
import io.applyflow.support.Browsing;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard ({@code /}, {@code GET /api/stats}) against the real database, and the live notices in real
 * Chromium: a toast on a page without a stream of its own and on a live page, one EventSource per tab.
 */
class DashboardIT {
  private static final Path SHOTS = Paths.get("target", "screenshots");
  /** Counts the EventSources a page opens, by URL, before any script of the page runs. */
  private static final String COUNT_STREAMS = """
      window.__streams = [];
      (function () {
        var Native = window.EventSource;
        window.EventSource = class extends Native {
          constructor(url, options) { super(url, options); window.__streams.push(String(url)); }
        };
      })();""";
  private static Browsing web;
  private static Browser browser;
  private static String base;
  private static final Api api = TestApp.api();

  @BeforeAll
  static void start() {
    web = Browsing.start();
    browser = web.browser;
    base = web.base;
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
  }

  /**
   * The page weight as the browser loaded it: {@code [html, css, js]} bytes decoded and {@code [html, css, js]} on
   * the wire (Resource Timing; every resource is same-origin so the sizes are exposed); appended to
   * target/page-weight.txt.
   */
  private static List<Long> weigh(Page page, String name) throws java.io.IOException {
    page.reload();
    page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
    List<?> raw = (List<?>) page.evaluate("""
        () => {
          const nav = performance.getEntriesByType('navigation')[0];
          const out = [nav.decodedBodySize, 0, 0, nav.encodedBodySize, 0, 0];
          for (const r of performance.getEntriesByType('resource')) {
            const i = r.name.split('?')[0].endsWith('.css') ? 1 : r.name.split('?')[0].endsWith('.js') ? 2 : -1;
            if (i > 0) { out[i] += r.decodedBodySize; out[i + 3] += r.encodedBodySize; }
          }
          return out;
        }""");
    List<Long> w = raw.stream().map(o -> ((Number) o).longValue()).toList();
    String line = String.format("%s: html %d + css %d + js %d = %d bytes (on the wire %d + %d + %d = %d)%n", name,
        w.get(0), w.get(1), w.get(2), w.get(0) + w.get(1) + w.get(2), w.get(3), w.get(4), w.get(5),
        w.get(3) + w.get(4) + w.get(5));
    java.nio.file.Files.createDirectories(Paths.get("target"));
    java.nio.file.Files.writeString(Paths.get("target", "page-weight.txt"), line, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    System.out.print("PAGE WEIGHT " + line);
    assertTrue(w.get(0) > 0 && w.get(1) > 0 && w.get(2) > 0, line);
    assertTrue(w.get(0) + w.get(1) + w.get(2) < 200_000, "a page stays under 200 KB of HTML, CSS and JS: " + line);
    return w;
  }

  private static Connection db() throws SQLException {
    return DriverManager.getConnection(TestDatabase.shared().jdbcUrl(), "postgres", null);
  }

  private static long one(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), sql);
        return rs.getLong(1);
      }
    }
  }

  private static long userId(Connection c, String email) throws SQLException {
    return one(c, "select id from users where email = ?", email);
  }

  private static long job(Connection c, long user, long run, String status, String title) throws SQLException {
    return one(c, """
        insert into jobs (run_id, user_id, source, board, external_id, api_url, url, title, company, status)
        values (?, ?, 'greenhouse', 'acme', ?, 'http://127.0.0.1/x', 'http://127.0.0.1/x', ?, 'Acme', ?) returning id""",
        run, user, title + "-" + System.nanoTime(), title, status);
  }

  private static void jobEvent(Connection c, long user, long jobId, String status, String data) throws SQLException {
    one(c, "insert into job_events (job_id, user_id, stage, status, message, data) values (?, ?, 'test', ?, 'test', "
        + "cast(? as jsonb)) returning id", jobId, user, status, data);
  }

  private static long application(Connection c, long user, Long jobId, String status, String origin,
                                  boolean applied) throws SQLException {
    return one(c, "insert into applications (user_id, job_id, status, company, position, origin, applied_at) values "
        + "(?, ?, ?, 'Initech', 'Engineer', ?, " + (applied ? "now()" : "null") + ") returning id",
        user, jobId, status, origin);
  }

  private static void move(Connection c, long user, long app, String from, String to) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "update applications set status = ?, updated_at = now() where id = ? and user_id = ?")) {
      ps.setString(1, to);
      ps.setLong(2, app);
      ps.setLong(3, user);
      assertEquals(1, ps.executeUpdate());
    }
    one(c, "insert into application_events (application_id, user_id, kind, from_status, to_status, message) values "
        + "(?, ?, 'status', ?, ?, ?) returning id", app, user, from, to, "moved from " + from + " to " + to);
  }

  private static long funnel(JsonObject stats, String stage) {
    JsonArray f = stats.getJsonArray("funnel");
    for (int i = 0; i < f.size(); i++) {
      if (stage.equals(f.getJsonObject(i).getString("stage"))) {
        return f.getJsonObject(i).getLong("count");
      }
    }
    throw new AssertionError("no stage " + stage + " in " + f);
  }

  private static JsonObject stats(String token) {
    Api.Response r = api.get("/api/stats", token);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  /** Seeds: six jobs of a run and four applications (one from the run, three added by hand). */
  private static long[] seed(Connection c, long user) throws SQLException {
    long run = one(c, "insert into runs (user_id, position, level, job_limit, mode, status) values "
        + "(?, 'Engineer', 'mid', 6, 'review', 'done') returning id", user);
    long sent = job(c, user, run, "submitted", "Sent one");
    job(c, user, run, "awaiting_approval", "Waiting one");
    job(c, user, run, "rejected", "Not a match");
    job(c, user, run, "clarify", "Borderline");
    long tailoredThenDiscarded = job(c, user, run, "discarded", "Discarded late");
    jobEvent(c, user, tailoredThenDiscarded, "tailored", "null");
    long code = job(c, user, run, "needs_input", "Code one");
    jobEvent(c, user, code, "needs_input", "{\"kind\": \"security_code\", \"email\": \"a@example.com\"}");
    long fromRun = application(c, user, sent, "APPLIED", "run", true);
    application(c, user, null, "NEW", "manual", false);
    application(c, user, null, "WITHDRAWN", "manual", false); // withdrawn before it was ever sent
    long rejected = application(c, user, null, "APPLIED", "url", false);
    move(c, user, rejected, "APPLIED", "REJECTED");
    one(c, "insert into application_events (application_id, user_id, kind, to_status, message) values "
        + "(?, ?, 'status', 'APPLIED', 'applied') returning id", rejected, user);
    return new long[] {fromRun, rejected};
  }

  @Test
  void statsCountTheUsersOwnApplicationsAndTheFunnelMovesWithAnInterview() throws Exception {
    String emailA = Api.uniqueEmail("stats-a");
    String emailB = Api.uniqueEmail("stats-b");
    String tokenA = api.register(emailA, "Ada");
    String tokenB = api.register(emailB, "Bob");
    assertEquals(401, api.get("/api/stats", null).status(), "stats need a signed-in user");
    try (Connection c = db()) {
      long a = userId(c, emailA);
      long b = userId(c, emailB);
      JsonObject empty = stats(tokenA);
      assertEquals(9, empty.getJsonObject("statuses").size(), "all nine statuses, 0 included");
      assertEquals(0L, empty.getJsonObject("statuses").getLong("NEW"));
      assertEquals(List.of("discovered", "accepted", "submitted", "interview", "offer"),
          empty.getJsonArray("funnel").stream().map(o -> ((JsonObject) o).getString("stage")).toList());
      assertEquals(12, empty.getJsonArray("weeks").size());

      long[] appsA = seed(c, a);
      long[] appsB = seed(c, b);
      move(c, b, appsB[0], "APPLIED", "INTERVIEW");
      move(c, b, appsB[0], "INTERVIEW", "OFFER");

      JsonObject s = stats(tokenA);
      JsonObject statuses = s.getJsonObject("statuses");
      assertEquals(1L, statuses.getLong("NEW"));
      assertEquals(1L, statuses.getLong("APPLIED"));
      assertEquals(1L, statuses.getLong("REJECTED"));
      assertEquals(1L, statuses.getLong("WITHDRAWN"));
      assertEquals(0L, statuses.getLong("INTERVIEW"), "user B's interview is not counted for A");
      assertEquals(0L, statuses.getLong("OFFER"));
      assertEquals(9L, funnel(s, "discovered"), "six jobs and three applications added by hand or URL");
      assertEquals(7L, funnel(s, "accepted"), "sent, waiting, code, tailored-then-discarded, and the three own");
      assertEquals(2L, funnel(s, "submitted"), "the run's and the rejected one that was applied; not the withdrawn");
      assertEquals(0L, funnel(s, "interview"));
      assertEquals(0L, funnel(s, "offer"));
      JsonObject waiting = s.getJsonObject("waiting");
      assertEquals(1L, waiting.getLong("awaiting_approval"));
      assertEquals(1L, waiting.getLong("security_codes"));
      assertEquals(0L, waiting.getLong("needs_input"), "a security code is not counted as a question");
      assertEquals(1L, waiting.getLong("clarify"));
      assertEquals(2L, waiting.getLong("review"));
      assertEquals(3L, waiting.getLong("total"));
      JsonArray weeks = s.getJsonArray("weeks");
      String monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
      assertEquals(monday, weeks.getJsonObject(11).getString("week"), "the current ISO week is last");
      assertEquals(2L, weeks.getJsonObject(11).getLong("applications"), "both sent this week");
      assertEquals(2L, weeks.stream().mapToLong(w -> ((JsonObject) w).getLong("applications")).sum());

      move(c, a, appsA[0], "APPLIED", "INTERVIEW");
      JsonObject after = stats(tokenA);
      assertEquals(1L, funnel(after, "interview"), "moving to INTERVIEW shows in the funnel");
      assertEquals(2L, funnel(after, "submitted"));
      assertEquals(1L, after.getJsonObject("statuses").getLong("INTERVIEW"));
      move(c, a, appsA[0], "INTERVIEW", "REJECTED");
      JsonObject rejectedAfterInterview = stats(tokenA);
      assertEquals(1L, funnel(rejectedAfterInterview, "interview"), "it was in an interview: still counted");
      assertEquals(2L, funnel(rejectedAfterInterview, "submitted"));
      assertEquals(0L, funnel(rejectedAfterInterview, "offer"));

      JsonObject bStats = stats(tokenB);
      assertEquals(1L, funnel(bStats, "offer"), "B sees its own offer");
      assertEquals(1L, funnel(bStats, "interview"));
      assertEquals(1L, bStats.getJsonObject("statuses").getLong("OFFER"));
    }
  }

  @Test
  void theDashboardShowsWhatWaitsTheCountsAndBothChartsAndIsLive() throws Exception {
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      String email = web.signUp(page, "dashboard-page");
      try (Connection c = db()) {
        seed(c, userId(c, email));
      }
      Document d = Jsoup.parse(context.request().get(base + "/").text());
      Element live = d.getElementById("home-live");
      assertNotNull(live);
      assertEquals("sse", live.attr("hx-ext"));
      assertEquals("/home/events", live.attr("sse-connect"));
      for (String part : List.of("home-waiting", "home-stats", "home-activity", "home-runs")) {
        assertNotNull(d.selectFirst("#home-live [sse-swap=" + part + "] > section#" + part), part);
      }
      assertEquals("3", d.getElementById("home-waiting").attr("data-total"));
      assertNotNull(d.selectFirst("#home-waiting a#home-review[href=/review]"));
      assertNotNull(d.selectFirst("#home-waiting a#home-clarify[href=/clarify]"));
      assertNotNull(d.selectFirst("#home-waiting li[data-kind=security_code] a[href^=/jobs/]"));
      assertEquals(9, d.select("#home-statuses a[href^=/applications?status=]").size());
      assertEquals("1", d.selectFirst("#home-statuses a[data-status=NEW]").attr("data-count"));
      Element funnel = d.selectFirst("#home-funnel svg[role=img]");
      assertNotNull(funnel);
      assertEquals(funnel.id() + "-title " + funnel.id() + "-desc", funnel.attr("aria-labelledby"));
      assertEquals(5, funnel.select("g.row").size());
      assertEquals("9", funnel.selectFirst("g.row[data-label=Discovered]").attr("data-value"));
      assertEquals(12, d.select("#home-weeks svg g.col").size());
      assertEquals(5, d.select("#home-funnel-table.visually-hidden tbody tr").size());
      assertEquals(12, d.select("#home-weeks-table.visually-hidden tbody tr").size());
      assertFalse(d.select("#home-activity li").isEmpty(), "recent activity is listed");
      assertNotNull(d.selectFirst("#home-activity time[datetime]"));
      assertNotNull(d.selectFirst("#notices[aria-live=polite]"), "the notice region is on the page");
      assertTrue(d.select("[style]").isEmpty(), "no style attribute anywhere (CSP)");

      page.setViewportSize(390, 844);
      page.navigate(base + "/");
      assertEquals(Boolean.TRUE, page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
          "no sideways scroll at 390 px");
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-390.png")).setFullPage(true));
      page.setViewportSize(1280, 900);
      page.reload();
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-1280.png")).setFullPage(true));
    }
  }

  @Test
  void aToastTellsEveryPageWhenAJobIsSentOverOneStreamPerTab() throws Exception {
    try (BrowserContext context = browser.newContext()) {
      context.addInitScript(COUNT_STREAMS);
      Page page = context.newPage();
      page.setDefaultTimeout(30_000);
      web.userWithSample(page, "notices");
      web.runToDone(page, "Software Engineer", "entry", 1, "review");
      List<?> runStreams = (List<?>) page.evaluate("window.__streams");
      // one stream at a time: the run's own, which ends with the run ("done"), then the notices' stream in its place
      assertTrue(String.valueOf(runStreams.get(0)).matches(".*/runs/\\d+/events"), runStreams.toString());
      assertTrue(runStreams.size() == 1 || runStreams.size() == 2
          && String.valueOf(runStreams.get(1)).endsWith("/notices/events"), "the run page's streams: " + runStreams);
      weigh(page, "run page (1 job)");
      String jobHref = page.locator("#run-jobs tbody tr[data-status=awaiting_approval] a").first().getAttribute("href");
      long jobId = Long.parseLong(jobHref.replaceAll("\\D+", ""));

      Page settings = context.newPage();
      settings.setDefaultTimeout(30_000);
      settings.navigate(base + "/settings");
      settings.waitForFunction("() => window.__streams.length === 1");
      assertEquals(List.of("/notices/events"), settings.evaluate("window.__streams"),
          "a page without a stream of its own opens the notice stream, and only it");

      page.navigate(base + jobHref);
      page.waitForSelector("#job-status[data-status=awaiting_approval]");
      page.evaluate("window.__notReloaded = true");
      page.waitForFunction("() => window.__streams.length >= 1");
      List<?> jobStreams = (List<?>) page.evaluate("window.__streams");
      assertEquals(1, jobStreams.size(), "the job page carries the notices on its own stream: " + jobStreams);

      // approve as a plain form post from elsewhere: both tabs learn it without reloading
      String csrf = settings.getAttribute("meta[name=csrf-token]", "content");
      APIResponse submit = context.request().post(base + "/jobs/" + jobId + "/submit",
          RequestOptions.create().setForm(FormData.create().set("_csrf", csrf)).setMaxRedirects(0));
      assertEquals(303, submit.status(), submit.text());

      settings.waitForSelector("#notices .toast-submitted[data-job='" + jobId + "']",
          new Page.WaitForSelectorOptions().setTimeout(120_000));
      String text = settings.textContent("#notices .toast-submitted");
      assertTrue(text.startsWith("Sent: "), text);
      assertEquals("/jobs/" + jobId, settings.getAttribute("#notices .toast-submitted a", "href"));
      assertEquals(1, settings.locator("#notices .toast").count(), "shown once");
      settings.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("notice-toast.png")));
      settings.click("#notices .toast-submitted button.dismiss");
      assertEquals(0, settings.locator("#notices .toast").count(), "dismissed");

      page.waitForSelector("#job-status[data-status=submitted]", new Page.WaitForSelectorOptions().setTimeout(60_000));
      assertEquals(Boolean.TRUE, page.evaluate("window.__notReloaded === true"), "the job page updated in place");
      page.waitForSelector("#notices .toast-submitted[data-job='" + jobId + "']");
      assertEquals(1, ((List<?>) page.evaluate("window.__streams")).size(), "still one stream on the job page");

      // the same notice again (another node, a reconnect) is not shown twice in the tab; a notice's words are text
      Object counts = settings.evaluate("""
          () => {
            const s = htmx.createEventSource('/notices/events');
            const send = n => s.dispatchEvent(new MessageEvent('notice', { data: JSON.stringify(n) }));
            const before = document.querySelectorAll('#notices .toast').length;
            send({ id: 'test-1', job_id: 7, title: '<b>Bold</b>', company: 'Acme & Co', status: 'needs_input',
                   label: 'Needs your answer', href: '//evil.example/x' });
            send({ id: 'test-1', job_id: 7, title: '<b>Bold</b>', company: 'Acme & Co', status: 'needs_input',
                   label: 'Needs your answer', href: '//evil.example/x' });
            s.close();
            const t = document.querySelector('#notices .toast-needs_input');
            return [before, document.querySelectorAll('#notices .toast').length, t.querySelector('a').textContent,
                    t.querySelector('a').getAttribute('href'), t.querySelectorAll('b').length];
          }""");
      assertEquals(List.of(0, 1, "<b>Bold</b> at Acme & Co", "/jobs/7", 0), counts,
          "shown once, as text, linking only to our own job page");

      page.navigate(base + "/");
      page.waitForFunction("() => window.__streams.length >= 1");
      assertEquals(List.of("/home/events"), page.evaluate("window.__streams"),
          "the dashboard's own stream carries the notices");
      assertTrue(page.locator("#home-activity li").count() >= 1);
      weigh(page, "dashboard (1 run, 1 application)");
    }
  }
}
