package io.applyflow;

import io.applyflow.job.Jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.applyflow.render.ResumePdf;
import io.applyflow.support.Api;
import io.applyflow.support.Browsing;
import io.applyflow.support.Fixtures;
import io.applyflow.support.TestApp;
import io.applyflow.tailor.Tailor;
import io.applyflow.tracker.CsvTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's whole path as a new user in real Chromium: sign up, import a PDF resume (rendered by Applyflow itself),
 * confirm the draft, start a run and watch its rows move without reloading, approve from the review queue, move the
 * application to INTERVIEW and see the dashboard's funnel change, add one by URL (an employer's careers page on a
 * local server, read from its JSON-LD), export the CSV. Screenshots of each main page at 1280 and 390 px go to
 * {@code target/screenshots/journey-*.png}.
 */
class TrackerJourneyIT {
  private static final Path SHOTS = Paths.get("target", "screenshots");
  private static Browsing web;
  private static String base;
  private static Vertx vertx;
  private static HttpServer careers;

  /** An employer's own careers page (not an ATS), with its posting as schema.org JSON-LD, as many sites publish it. */
  private static final String CAREERS_PAGE = """
      <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Careers · Fjordline Logistics</title>
      <script type="application/ld+json">
      {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "name": "Fjordline Logistics", "url": "https://fjordline.example"},
        {"@type": "JobPosting", "title": "Frontend Engineer (Vue.js)",
         "hiringOrganization": {"@type": "Organization", "name": "Fjordline Logistics"},
         "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Bergen",
           "addressCountry": "NO"}},
         "datePosted": "2026-11-20", "employmentType": "FULL_TIME",
         "description": "<p>We build the dashboards our dispatchers use all day.</p><ul><li>3+ years with JavaScript, HTML and CSS</li><li>Vue.js or React</li><li>REST APIs and Node.js</li></ul>"}
      ]}
      </script></head>
      <body><header><nav><a href="/">Home</a> <a href="/jobs">Jobs</a></nav></header>
      <main><h1>Frontend Engineer (Vue.js)</h1><p>Bergen, Norway</p></main>
      <footer>© Fjordline</footer></body></html>""";

  @BeforeAll
  static void start() {
    web = Browsing.start();
    base = web.base;
    vertx = Vertx.vertx();
    careers = vertx.createHttpServer()
        .requestHandler(r -> r.response().putHeader("content-type", "text/html; charset=utf-8").end(CAREERS_PAGE))
        .listen(0, "127.0.0.1").await();
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  private static void shotsAtBothWidths(Page page, String name) {
    for (int w : new int[] {1280, 390}) {
      page.setViewportSize(w, 900);
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("journey-" + name + "-" + w + ".png"))
          .setFullPage(true));
      int scroll = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
      assertTrue(scroll <= w, name + " scrolls sideways at " + w + " px: " + scroll + " px wide");
    }
    page.setViewportSize(1280, 900);
  }

  /** The count the dashboard's funnel table gives for {@code stage} ("Interview", "Submitted"...). */
  private static int funnel(Page page, String stage) {
    String n = page.locator("#home-funnel-table tbody tr:has(th:text-is('" + stage + "')) td").textContent();
    return Integer.parseInt(n.trim());
  }

  /** The sample resume (with this user's email) as the PDF Applyflow itself renders. */
  private static byte[] samplePdf(String email) throws Exception {
    var resume = new ObjectMapper().readTree(Api.sampleResume(email).encode());
    return new ResumePdf().render(Tailor.tailor(resume, Fixtures.description("staff-backend")));
  }

  @Test
  void aNewUserGoesFromAnImportedPdfToAnInterviewAndAnExport() throws Exception {
    try (BrowserContext context = web.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
      Page page = context.newPage();
      page.setDefaultTimeout(30_000);
      String email = web.signUp(page, "journey");

      // import a PDF resume; the source text and the draft side by side; confirm
      page.navigate(base + "/profile");
      page.click("#profile-import-link");
      page.waitForURL("**/profile/import");
      page.setInputFiles("#import-file", new FilePayload("resume.pdf", "application/pdf", samplePdf(email)));
      page.click("#import-form button[type=submit]");
      page.waitForSelector("#import-source");
      String source = page.textContent("#import-source");
      String draft = page.inputValue("#import-draft");
      assertContains(source, "Richard Hendriks");
      assertContains(draft, "\"Pied Piper\"");
      assertContains(draft, "\"CEO/President\"");
      assertContains(draft, "\"2013-12\"");
      shotsAtBothWidths(page, "import");
      // the person corrects the draft where the PDF said less than the forms ask: the printed address has no country
      page.locator("#import-draft").evaluate("t => { const r = JSON.parse(t.value);"
          + " r.basics.location = Object.assign({}, r.basics.location, {countryCode: 'US'});"
          + " t.value = JSON.stringify(r, null, 2); }");
      page.click("#import-use");
      page.waitForURL("**/profile?saved=1");
      assertContains(page.inputValue("#resume"), "Pied Piper");
      shotsAtBothWidths(page, "profile");

      // a run in review mode; its rows move on the open page without a reload
      web.acceptEveryJob(page);
      web.startRun(page, "Software Engineer", "entry", 1, "review");
      page.evaluate("window.__notReloaded = true");
      Browsing.waitDone(page);
      assertEquals(Boolean.TRUE, page.evaluate("window.__notReloaded === true"), "the run page was not reloaded");
      if (page.locator("#run-jobs tbody tr[data-status=awaiting_approval]").count() != 1) {
        page.locator("#run-jobs tbody tr a").first().click();
        page.waitForSelector("#job-status");
        throw new AssertionError("the job does not wait for approval: " + page.textContent("main"));
      }
      shotsAtBothWidths(page, "run");

      // approve from the review queue
      page.navigate(base + "/review");
      shotsAtBothWidths(page, "review");
      page.locator("#review-queue .submit-job").first().click();
      // the queue follows the job live until the employer has confirmed it
      page.waitForSelector("#review-recent tr[data-status=submitted]",
          new Page.WaitForSelectorOptions().setTimeout(90_000));
      assertEquals(1, TestApp.api().submissionsOf(email).size(), "the sandbox employer received the application");

      // the submitted job is an application; the dashboard's funnel shows no interview yet
      page.navigate(base + "/applications");
      page.waitForSelector("#applications-list tbody tr[data-status=APPLIED]");
      page.navigate(base + "/");
      assertEquals(1, funnel(page, "Submitted"), page.textContent("#home-funnel-table"));
      assertEquals(0, funnel(page, "Interview"), page.textContent("#home-funnel-table"));

      // moved to INTERVIEW inline on the tracker; the funnel changes
      page.navigate(base + "/applications");
      String rowId = page.getAttribute("#applications-list tbody tr[data-status=APPLIED]", "id");
      String appId = rowId.substring("application-row-".length());
      page.evaluate("window.__notReloaded = true");
      page.selectOption("#status-" + appId, "INTERVIEW");
      page.waitForSelector("#" + rowId + "[data-status=INTERVIEW]");
      assertEquals(Boolean.TRUE, page.evaluate("window.__notReloaded === true"), "changed in place");
      page.navigate(base + "/");
      assertEquals(1, funnel(page, "Interview"), page.textContent("#home-funnel-table"));
      shotsAtBothWidths(page, "dashboard");

      // add one by URL: an employer's page read from its JSON-LD, NEW with a score
      page.navigate(base + "/applications");
      page.fill("#add_url", "http://127.0.0.1:" + careers.actualPort() + "/jobs/frontend-engineer");
      page.click("#add-url-form button[type=submit]");
      page.waitForSelector("#applications-list tbody tr[data-status=NEW]");
      assertContains(page.textContent("#applications-list"), "Fjordline Logistics");
      assertEquals(2, page.locator("#applications-list tbody tr[data-status]").count());
      shotsAtBothWidths(page, "applications");
      page.click("#applications-list tbody tr[data-status=NEW] a[id^=application-link-]");
      page.waitForSelector("#application-title[data-status=NEW]");
      assertContains(page.textContent("#application-title"), "Frontend Engineer (Vue.js)");
      String description = page.textContent("#application-description .description");
      assertContains(description, "We build the dashboards our dispatchers use all day.");
      assertTrue(!description.contains("<p>") && !description.contains("<li>"), "text, not markup: " + description);
      shotsAtBothWidths(page, "application");

      // the CSV has one row per application
      String href = page.getAttribute("#back-to-list", "href");
      page.navigate(base + href);
      APIResponse csv = page.request().get(base + page.getAttribute("#applications-csv", "href"));
      assertEquals(200, csv.status());
      List<List<String>> rows = CsvTest.parse(new String(csv.body(), StandardCharsets.UTF_8));
      assertEquals(3, rows.size(), "a header and one row per application: " + rows);
      String all = rows.toString();
      assertContains(all, "Interview"); // the CSV writes statuses as the pages do
      assertContains(all, "Fjordline Logistics");

      // the analyser and the recommendations pages, for the screenshots
      page.navigate(base + "/analyze");
      shotsAtBothWidths(page, "analyze");
      page.navigate(base + "/recommendations");
      shotsAtBothWidths(page, "recommendations");
    }
  }

  private static void assertContains(String text, String part) {
    assertTrue(text != null && text.contains(part), "expected '" + part + "' in: " + text);
  }
}
