package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import io.applyflow.render.Preview;
import io.applyflow.support.Browsing;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages, driven in real Chromium the way a person uses them; fragments checked by element id with Jsoup. */
class PagesIT {
  private static final Path SHOTS = Paths.get("target", "screenshots");
  private static Browsing web;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void startBrowser() {
    web = Browsing.start();
    browser = web.browser;
    base = web.base;
  }

  @AfterAll
  static void stopBrowser() {
    if (web != null) {
      web.close();
    }
  }

  /** A signed-up user with the sample profile who accepts every job, on the profile page. */
  private static Page signedUp(BrowserContext context, String email) {
    Page page = context.newPage();
    page.setDefaultTimeout(20_000);
    web.userWithSampleAs(page, email);
    page.navigate(base + "/profile");
    return page;
  }

  /** Reloads the page until the job's state ({@code #job-status}'s data-status) is {@code status}. */
  private static void reloadUntil(Page page, String status) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!status.equals(page.getAttribute("#job-status", "data-status")) && System.currentTimeMillis() < deadline) {
      page.waitForTimeout(500);
      page.reload();
    }
    assertEquals(status, page.getAttribute("#job-status", "data-status"));
  }

  private static void startRun(Page page, String level, int limit, String mode) {
    web.startRun(page, "Software Engineer", level, limit, mode);
  }

  private static void runToDone(Page page, String position, String level, int limit, String mode) {
    web.runToDone(page, position, level, limit, mode);
  }

  @Test
  void runPageFollowsTheRunLiveWithoutReloading() {
    try (BrowserContext context = browser.newContext()) {
      String email = Api.uniqueEmail("pages");
      Page page = signedUp(context, email);
      startRun(page, "senior", 2, "auto");
      page.evaluate("window.__notReloaded = true");
      page.waitForSelector("#run-status[data-status=done]", new Page.WaitForSelectorOptions().setTimeout(120_000));
      assertEquals(Boolean.TRUE, page.evaluate("window.__notReloaded === true"), "updates came over SSE, not a reload");
      assertEquals(2, page.locator("#run-jobs tbody tr[data-status=submitted]").count());
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("run-page.png")).setFullPage(true));

      page.locator("#run-jobs tbody tr a").first().click();
      page.waitForSelector("#job-timeline li");
      assertTrue(page.locator("#job-timeline li").count() >= 7, "discovered..submitted all on the timeline");
      assertNotNull(page.getAttribute("#resume-pdf", "href"));
      // the preview loads in a real browser under the page's Content-Security-Policy (img-src 'self')
      page.waitForFunction("() => { const i = document.querySelector('#resume-preview img');"
          + " return i && i.complete && i.naturalWidth > 0; }");
      assertEquals(Preview.PIXEL_WIDTH,
          ((Number) page.evaluate("document.querySelector('#resume-preview img').naturalWidth")).intValue());
      assertTrue(page.locator("#job-evidence img").count() >= 1, "screenshots of the filled form are shown");
      assertTrue(page.locator("#job-description .description").textContent().length() > 200, "the description is on the page, folded");
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("job-page.png")).setFullPage(true));
      APIResponse pdf = context.request().get(base + page.getAttribute("#resume-pdf", "href"));
      assertEquals("application/pdf", pdf.headers().get("content-type"));
    }
  }

  @Test
  void reviewModeWaitsForTheSubmitButton() {
    try (BrowserContext context = browser.newContext()) {
      String email = Api.uniqueEmail("review-page");
      Page page = signedUp(context, email);
      runToDone(page, "Software Engineer", "entry", 1, "review");
      assertEquals(1, page.locator("#run-jobs tbody tr[data-status=awaiting_approval]").count());
      assertEquals(0, TestApp.api().submissionsOf(email).size(), "review mode sends nothing by itself");

      page.locator("#run-jobs tbody tr a").first().click();
      page.click("#submit-application");
      page.waitForSelector("#job-status[data-status=applying], #job-status[data-status=submitted]");
      assertFalse(page.isVisible("#submit-application"), "the button is gone once clicked");
      long deadline = System.currentTimeMillis() + 60_000;
      while (TestApp.api().submissionsOf(email).size() == 0 && System.currentTimeMillis() < deadline) {
        page.waitForTimeout(300);
      }
      assertEquals(1, TestApp.api().submissionsOf(email).size());
      reloadUntil(page, "submitted");
      assertFalse(page.isVisible("#submit-application"), "a submitted job offers no second submit");
    }
  }

  @Test
  void profilePageNamesWhatIsWrongAndLogOutEndsTheSession() {
    try (BrowserContext context = browser.newContext()) {
      Page page = signedUp(context, Api.uniqueEmail("profile-page"));
      page.fill("#resume", "{\"basics\": {\"name\": \"Richard Hendriks\"}}");
      page.click("#profile-form button[type=submit]");
      page.waitForSelector("#profile-error");
      assertTrue(page.textContent("#profile-error").contains("resume.basics.email"), page.textContent("#profile-error"));
      page.fill("#resume", "{not json");
      page.click("#profile-form button[type=submit]");
      page.waitForSelector("#profile-error:has-text('not a valid JSON')");

      page.click("nav form button[type=submit]");
      page.waitForURL("**/login");
      page.navigate(base + "/runs");
      assertTrue(page.url().contains("/login?next=%2Fruns"), page.url());
    }
  }

  @Test
  void theReviewQueueListsWaitingJobsAndDiscardsInOneClick() {
    try (BrowserContext context = browser.newContext()) {
      String email = Api.uniqueEmail("queue");
      Page page = signedUp(context, email);
      runToDone(page, "Software Engineer", "entry", 2, "review");
      page.navigate(base + "/review");
      assertEquals(2, page.locator("#review-queue tbody tr[data-status=awaiting_approval]").count());
      assertTrue(page.locator("#review-queue img.thumb").count() >= 2, "each row shows the filled form");
      assertEquals(2, page.locator("#review-queue img.resume-thumb").count(), "and page 1 of its resume");
      page.locator("#review-queue .discard-job").first().click();
      page.waitForSelector("#review-queue tbody tr[data-decided=done]:has-text('Discarded')");
      page.reload();
      assertEquals(1, page.locator("#review-queue tbody tr[data-status=awaiting_approval]").count());
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("review-queue.png")).setFullPage(true));
      assertEquals(0, TestApp.api().submissionsOf(email).size());
    }
  }

  @Test
  void aJobNeedingAnAnswerAsksForItOnItsPage() {
    try (BrowserContext context = browser.newContext()) {
      Page page = signedUp(context, Api.uniqueEmail("knockout-page"));
      runToDone(page, "Solutions Engineer Cleared Programs", "mid", 1, "review");
      page.locator("#run-jobs tbody tr a").first().click();
      page.waitForSelector("#job-questions");
      assertTrue(page.textContent("#job-questions").contains("TS/SCI"), page.textContent("#job-questions"));
      assertTrue(page.locator("#job-plan tr[data-provenance='profile:first_name']").count() == 1,
          "the plan shows where each value comes from");
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("needs-input.png")).setFullPage(true));
      page.selectOption("#job-questions select", "No");
      page.click("#save-answers");
      reloadUntil(page, "awaiting_approval");
    }
  }

  @Test
  void theJobPageShowsTheScoreBreakdownTheTailoringAgainstTheMasterTheLetterAndTheQuestions() {
    try (BrowserContext context = browser.newContext()) {
      Page page = signedUp(context, Api.uniqueEmail("job-sections"));
      runToDone(page, "Software Engineer", "mid", 1, "review");
      page.locator("#run-jobs tbody tr a").first().click();
      page.waitForSelector("#job-match");
      assertTrue(page.textContent("#job-score").matches("\\d{1,3}/100"), page.textContent("#job-score"));
      for (String sub : new String[] {"skills", "keywords", "experience", "education"}) {
        assertEquals(1, page.locator("#job-score-breakdown meter[data-sub=" + sub + "]").count(), sub);
      }
      Document doc = Jsoup.parse(page.content());
      assertFalse(doc.select("#job-tailoring tbody tr").isEmpty(), "every master bullet is listed");
      for (Element row : doc.select("#job-tailoring tbody tr")) {
        assertTrue(java.util.Set.of("kept", "moved", "dropped").contains(row.attr("data-change")), row.outerHtml());
      }
      assertTrue(doc.select("#job-bullet-sources .bullets li code.src").first().text().startsWith("basics.summary"),
          "the chosen summary comes first, with its source: " + doc.select("#job-bullet-sources").outerHtml());
      assertTrue(doc.select("#job-cover-letter .letter p").size() >= 3, doc.select("#job-cover-letter").outerHtml());
      assertNotNull(doc.getElementById("cover-letter-pdf"));
      assertTrue(doc.select("#job-interview li").size() >= 5, doc.select("#job-interview").outerHtml());
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("job-sections.png")).setFullPage(true));
      APIResponse letter = context.request().get(base + doc.getElementById("cover-letter-pdf").attr("href"));
      assertEquals("application/pdf", letter.headers().get("content-type"));
      Element preview = doc.selectFirst("#cover-letter-preview img");
      assertNotNull(preview, "the letter's page 1 is shown next to its download link");
      assertEquals(doc.getElementById("cover-letter-pdf").attr("href"), preview.parent().attr("href"));
      APIResponse png = context.request().get(base + preview.attr("src"));
      assertEquals("image/png", png.headers().get("content-type"));
      assertEquals("no-store", png.headers().get("cache-control"), "a person's document is never cached");
    }
  }

  @Test
  void theClarifyQueueApprovesInOneClick() {
    try (BrowserContext context = browser.newContext()) {
      Page page = signedUp(context, Api.uniqueEmail("clarify-page"));
      page.navigate(base + "/settings");
      page.fill("input[name=accept_threshold]", "40");
      page.fill("input[name=clarify_threshold]", "60");
      page.click("#settings-form button[type=submit]");
      page.waitForSelector("#settings-error:has-text('must not be above accept_threshold')");
      page.fill("input[name=accept_threshold]", "100");
      page.fill("input[name=clarify_threshold]", "0");
      page.click("#settings-form button[type=submit]");
      page.waitForSelector("#settings-notice");
      runToDone(page, "Software Engineer", "mid", 2, "review");
      page.navigate(base + "/clarify");
      assertEquals(2, page.locator("#clarify-queue tbody tr .approve-job").count());
      assertEquals(2 * 4, page.locator("#clarify-queue meter").count(), "each row shows its four bars");
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("clarify-queue.png")).setFullPage(true));
      page.locator("#clarify-queue .approve-job").first().click();
      page.waitForSelector("#clarify-queue tbody tr:has-text('Approved')");
      page.reload();
      assertEquals(1, page.locator("#clarify-queue tbody tr .approve-job").count());
    }
  }

  @Test
  void oneUrlServesThePageOrItsFragment() {
    try (BrowserContext context = browser.newContext()) {
      Page page = signedUp(context, Api.uniqueEmail("fragments"));
      startRun(page, "mid", 1, "review");
      String runUrl = page.url();

      Document full = Jsoup.parse(context.request().get(runUrl).text());
      Element live = full.getElementById("run-live");
      assertNotNull(live);
      assertEquals("sse", live.attr("hx-ext"));
      assertTrue(live.attr("sse-connect").matches("/runs/\\d+/events"), live.attr("sse-connect"));
      assertNotNull(full.selectFirst("[sse-swap=run-jobs] > table#run-jobs"));

      APIResponse fragment = context.request().get(runUrl, RequestOptions.create().setHeader("HX-Request", "true"));
      assertEquals("HX-Request", fragment.headers().get("vary"));
      Document frag = Jsoup.parseBodyFragment(fragment.text());
      assertEquals("run-jobs", frag.body().child(0).id(), "the fragment's root is the element it is named after");
      assertTrue(frag.select("nav").isEmpty());

      APIResponse noCsrf = context.request().post(base + "/runs", RequestOptions.create()
          .setForm(com.microsoft.playwright.options.FormData.create().set("position", "x").set("level", "mid")));
      assertEquals(403, noCsrf.status(), "a form post without the CSRF token is refused");
    }
  }
}
