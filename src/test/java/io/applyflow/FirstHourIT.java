package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.applyflow.support.Browsing;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first hour of a new user, in real Chromium at 1280 and 390 px (issue 7): every form saves realistic sizes and
 * every error is visible; the front page and the checklist say what to do; runs say what waits; Submit stays on its
 * page and follows the employer live; a posting found again joins the one waiting; the job page leads with the
 * decision; the phone layout keeps every primary button in reach. Screenshots go to {@code target/screenshots/}.
 */
class FirstHourIT {
  private static final Path SHOTS = Paths.get("target", "screenshots");
  private static final int WIDE = 1280;
  private static final int PHONE = 390;
  private static Browsing web;
  private static String base;

  @BeforeAll
  static void startBrowser() {
    web = Browsing.start();
    base = web.base;
  }

  @AfterAll
  static void stopBrowser() {
    if (web != null) {
      web.close();
    }
  }

  private static BrowserContext context(int width) {
    return web.browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
  }

  private static Page page(BrowserContext context) {
    Page page = context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  private static void shot(Page page, String name) {
    int width = page.viewportSize().width;
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + "-" + width + ".png")).setFullPage(true));
  }

  /** The page at both widths, then back to the width it had. */
  private static void shotsAtBothWidths(Page page, String name) {
    int width = page.viewportSize().width;
    for (int w : new int[] {WIDE, PHONE}) {
      page.setViewportSize(w, 900);
      shot(page, name);
    }
    page.setViewportSize(width, 900);
  }

  private static String signUp(Page page, String who) {
    return web.signUp(page, who);
  }

  private static void saveResume(Page page, String text) {
    Browsing.saveResume(page, text);
  }

  private static long runToDone(Page page, String position, String level, int limit, String mode) {
    return web.runToDone(page, position, level, limit, mode);
  }

  private static String sampleText(String email) {
    return Api.sampleResume(email).encodePrettily();
  }

  /** The x offsets of the run table's column headers. */
  private static Object columns(Page page) {
    return page.evaluate("[...document.querySelectorAll('#run-jobs thead th')].map(th => Math.round(th.getBoundingClientRect().x))");
  }

  private static long idOf(String url, String prefix) {
    Matcher m = Pattern.compile(prefix + "(\\d+)").matcher(url);
    assertTrue(m.find(), url);
    return Long.parseLong(m.group(1));
  }

  private static void assertNoSidewaysScroll(Page page, String where) {
    int scroll = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
    int viewport = page.viewportSize().width;
    assertTrue(scroll <= viewport, where + " scrolls sideways at " + viewport + " px: " + scroll + " px wide");
  }

  private static String pdfText(byte[] pdf) {
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void markNotReloaded(Page page) {
    page.evaluate("window.__notReloaded = true");
  }

  private static void assertNotReloaded(Page page) {
    assertEquals(Boolean.TRUE, page.evaluate("window.__notReloaded === true"), "updated in place, not by a reload");
  }

  // --- 1 and 2: the first steps ----------------------------------------------------------------------------

  @Test
  void aFirstVisitorLearnsWhatItIsAndTheChecklistTicksItself() {
    try (BrowserContext context = context(WIDE)) {
      Page page = page(context);
      page.navigate(base + "/");
      assertTrue(page.textContent("#welcome h1").contains("Applyflow"), page.textContent("#welcome h1"));
      assertTrue(page.textContent("#welcome").contains("waits for your approval"), "it says what it does");
      String icon = page.getAttribute("link[rel=icon]", "href");
      assertNotNull(icon);
      APIResponse svg = context.request().get(base + icon);
      assertEquals(200, svg.status());
      assertTrue(svg.headers().get("content-type").startsWith("image/svg+xml"), svg.headers().toString());
      assertEquals(200, context.request().get(base + "/favicon.ico").status(), "browsers ask for /favicon.ico");
      shotsAtBothWidths(page, "first-hour-front");

      page.click("#welcome-signup");
      page.waitForURL("**/signup");
      page.fill("#name", "Richard Hendriks");
      String email = Api.uniqueEmail("checklist");
      page.fill("#email", email);
      page.fill("#password", "correct horse 1");
      page.click("#signup-form button[type=submit]");
      page.waitForURL("**/profile?welcome=1");
      assertTrue(page.isVisible("#welcome-notice"), "sign-up is greeted");
      assertEquals("false", page.getAttribute("#step-1", "data-done"));
      assertEquals("1", page.getAttribute("#checklist", "data-next"));
      for (String option : page.locator("#eeoc select option").allTextContents()) {
        assertFalse(option.contains("_"), "EEOC answers are words, not keys: " + option);
      }
      assertTrue(page.textContent("#eeoc").contains("Are you Hispanic or Latino?"), page.textContent("#eeoc"));
      shotsAtBothWidths(page, "first-hour-after-signup");

      String text = sampleText(email);
      markNotReloaded(page);
      saveResume(page, text);
      page.waitForSelector("#step-1[data-done=true]");
      assertNotReloaded(page);
      assertEquals("2", page.getAttribute("#checklist", "data-next"), "the next step is the first run");
      assertEquals("/runs/new", page.getAttribute("#step-2 a.button", "href"));
      JsonObject resume = new JsonObject(text);
      int roles = resume.getJsonArray("work").size();
      assertTrue(page.textContent("#profile-counts").startsWith(roles + " role"), page.textContent("#profile-counts"));
      assertTrue(page.textContent("#profile-summary").contains(email), "the summary shows what the forms will get");
      assertEquals(text, page.inputValue("#resume"), "the text is kept as written");
      page.reload();
      assertEquals(text, page.inputValue("#resume"), "the stored text comes back unchanged, keys in their order");
      shotsAtBothWidths(page, "first-hour-profile-saved");

      page.navigate(base + "/");
      assertEquals("2", page.getAttribute("#checklist", "data-next"), "the start page shows the same checklist");
    }
  }

  // --- 1: realistic sizes and visible errors ----------------------------------------------------------------

  /** A resume of about 60 KB, in several scripts, formatted its own way (four-space indent, name first). */
  private static String largeResume(String email) {
    JsonObject r = Api.sampleResume(email);
    JsonArray work = r.getJsonArray("work");
    String[] employers = {"Ωmega Δίκτυα ΑΕ", "ООО «Северные Системы»", "株式会社ナカムラシステムズ", "شركة البيانات العربية",
        "भारत डेटा प्राइवेट लिमिटेड", "Café Überlingen GmbH"};
    for (int i = 0; i < 80; i++) {
      JsonArray highlights = new JsonArray();
      for (int h = 0; h < 5; h++) {
        highlights.add("Built and operated the " + employers[i % employers.length] + " ingestion service number " + i
            + "-" + h + ", moving 2.4 TB a day through Kafka with p99 latency under 40 ms and zero data loss.");
      }
      work.add(new JsonObject().put("name", employers[i % employers.length]).put("position", "Engineer " + i)
          .put("startDate", "2010-01-01").put("endDate", "2011-01-01").put("highlights", highlights));
    }
    String text = r.encodePrettily().replace("\n  ", "\n    ");
    assertTrue(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 60_000, "at least 60 KB");
    return text;
  }

  @Test
  void aSixtyKilobyteResumeSavesAndEveryErrorIsShown() {
    try (BrowserContext context = context(WIDE)) {
      Page page = page(context);
      String email = signUp(page, "large");
      String text = largeResume(email);
      saveResume(page, text);
      assertEquals(text, page.inputValue("#resume"));
      page.reload();
      assertEquals(text, page.inputValue("#resume"), "a 60 KB resume in six scripts is stored as written");
      assertTrue(page.textContent("#profile-counts").startsWith("81 roles"), page.textContent("#profile-counts"));

      // A body over the 2 MB limit: the person is told, and what they typed stays in the box.
      String huge = "x".repeat(3 * 1024 * 1024);
      page.locator("#resume").evaluate("(el, text) => { el.value = text; }", huge);
      page.click("#profile-form button[type=submit]");
      page.waitForSelector("#app-error-message");
      assertTrue(page.textContent("#app-error").contains("larger than 2 MB"), page.textContent("#app-error"));
      assertEquals(huge.length(), ((Number) page.locator("#resume").evaluate("el => el.value.length")).intValue(),
          "nothing typed is lost");
      // the viewport only: a full-page capture of a 3 MB text box is slow on a loaded machine
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("first-hour-error-too-large-1280.png"))
          .setTimeout(60_000));

      // A JSON error (the CSRF check answers JSON) is shown in words, not swapped in as text.
      page.reload();
      page.evaluate("document.querySelector('meta[name=csrf-token]').content = 'not-the-token-of-this-browser'");
      page.click("#profile-form button[type=submit]");
      page.waitForSelector("#app-error-message");
      assertTrue(page.textContent("#app-error").contains("CSRF token"), page.textContent("#app-error"));
      assertTrue(page.isVisible("#profile-form"), "the form is still there");

      // A server error (simulated in the browser: the real server does not fail on purpose) is shown too.
      page.reload();
      page.route("**/profile", route -> {
        if ("POST".equals(route.request().method())) {
          route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(500)
              .setContentType("application/json")
              .setBody("{\"error\":\"internal\",\"detail\":\"the database went away\"}"));
        } else {
          route.resume();
        }
      });
      page.click("#profile-form button[type=submit]");
      page.waitForSelector("#app-error-message");
      assertTrue(page.textContent("#app-error").contains("the database went away"), page.textContent("#app-error"));
      page.unrouteAll();
      page.click("#app-error .dismiss");
      assertFalse(page.isVisible("#app-error-message"), "the message can be dismissed");

      // An unknown page is an HTML page a person can read, not JSON.
      page.navigate(base + "/no/such/page");
      assertTrue(page.textContent("#app-error-message").contains("no page at /no/such/page"),
          page.textContent("main"));
    }
  }

  // --- 3, 4 and 8: runs say what waits; Submit from the queue at 390 px, followed live --------------------

  @Test
  void onAPhoneTheRunSaysWhatWaitsAndTheQueueSubmitsAndFollowsTheEmployerLive() {
    try (BrowserContext context = context(PHONE)) {
      Page page = page(context);
      String email = web.userWithSample(page, "phone");
      long runId = runToDone(page, "Software Engineer", "entry", 2, "review");
      assertEquals("waiting", page.getAttribute("#run-status", "data-state"));
      assertEquals("2 waiting for you", page.textContent("#run-status").strip());
      assertEquals("Review 2", page.textContent("#run-review").strip());
      assertEquals(0, page.locator("#run-jobs tr[data-status=rejected] progress, #run-jobs tr[data-status=duplicate] progress").count());
      assertNoSidewaysScroll(page, "the run page");
      shotsAtBothWidths(page, "first-hour-run-waiting");

      // the menu folds away on a phone and opens from its button
      assertTrue(page.isVisible(".menu-toggle"));
      assertFalse(page.isVisible("#site-menu"), "the links are folded away");
      page.click(".menu-toggle");
      assertTrue(page.isVisible("#site-menu a[href='/review']"));
      assertEquals("true", page.getAttribute(".menu-toggle", "aria-expanded"));
      shot(page, "first-hour-menu-open");
      page.click(".menu-toggle");

      page.click("#run-review");
      page.waitForURL("**/review");
      assertEquals(2, page.locator("#review-queue tbody tr[data-status=awaiting_approval]").count());
      Locator submit = page.locator("#review-queue .submit-job").first();
      assertTrue(submit.isVisible(), "Submit is visible on a phone");
      // read in one step in the page: the queue is live, and a live update between two calls replaces the row
      List<?> box = (List<?>) submit.evaluate("e => { const r = e.getBoundingClientRect(); return [r.x, r.width]; }");
      double x = ((Number) box.get(0)).doubleValue();
      double width = ((Number) box.get(1)).doubleValue();
      assertTrue(x >= 0 && x + width <= PHONE, "Submit is inside the screen: " + x + "+" + width);
      assertNoSidewaysScroll(page, "the review queue");
      shot(page, "first-hour-review-queue");
      String rowId = page.locator("#review-queue tbody tr[data-status=awaiting_approval]").first().getAttribute("id");
      long jobId = idOf(rowId, "review-");
      markNotReloaded(page);
      submit.click();
      page.waitForSelector("#review-queue tbody tr[data-decided=done]:has-text('You approved it')");
      page.waitForSelector("#recent-" + jobId + "[data-status=submitted]",
          new Page.WaitForSelectorOptions().setTimeout(90_000));
      assertNotReloaded(page);
      assertEquals(1, page.locator("#review-queue tbody tr[data-status=awaiting_approval]").count(),
          "the other job still waits");
      assertEquals(1, TestApp.api().submissionsOf(email).size());
      shotsAtBothWidths(page, "first-hour-review-after-submit");

      page.navigate(base + "/jobs/" + jobId);
      assertEquals("submitted", page.getAttribute("#job-status", "data-status"));
      assertTrue(page.textContent("#job-headline").startsWith("Sent to "), page.textContent("#job-headline"));
      assertNoSidewaysScroll(page, "the job page");
      for (String path : List.of("/", "/runs", "/runs/new", "/runs/" + runId, "/profile", "/clarify", "/settings")) {
        page.navigate(base + path);
        assertNoSidewaysScroll(page, path);
      }
    }
  }

  // --- 4: Submit on the job page: stays, confirms, follows live; no re-POST; refusals in words ---------------

  @Test
  void submittingOnTheJobPageStaysThereAndTheRefusalIsInWords() {
    try (BrowserContext context = context(WIDE)) {
      Page page = page(context);
      String email = signUp(page, "job-submit");
      page.fill("input[name=phone]", "+1 555 0100");
      saveResume(page, sampleText(email));
      web.acceptEveryJob(page);
      runToDone(page, "Software Engineer", "entry", 1, "review");
      page.locator("#run-jobs tbody tr a").first().click();
      page.waitForSelector("#submit-application");
      String jobUrl = page.url();
      long jobId = idOf(jobUrl, "/jobs/");

      // What is shown is what is sent: the letter on the page is attached, and one phone number everywhere.
      assertEquals("true", page.getAttribute("#job-sending li[data-file='Cover letter']", "data-sent"),
          page.textContent("#job-sending"));
      assertTrue(page.textContent("#job-answers").contains("+1 555 0100"), page.textContent("#job-answers"));
      String pdfText = pdfText(context.request().get(base + "/jobs/" + jobId + "/resume.pdf").body());
      assertTrue(pdfText.contains("+1 555 0100") && !pdfText.contains("(912) 555-4321"),
          "the PDF header has the phone the form gets: " + pdfText.substring(0, Math.min(300, pdfText.length())));
      markNotReloaded(page);
      page.click("#submit-application");
      page.waitForSelector("#job-notice");
      assertTrue(page.textContent("#job-notice").contains("You approved it"), page.textContent("#job-notice"));
      assertEquals(jobUrl, page.url(), "the browser stays on the job page, not on /submit");
      page.waitForSelector("#job-status[data-status=submitted]", new Page.WaitForSelectorOptions().setTimeout(90_000));
      assertNotReloaded(page);
      assertTrue(page.textContent("#job-timeline").contains("submitted"), "the timeline followed too");
      shotsAtBothWidths(page, "first-hour-job-submitted");
      JsonArray received = TestApp.api().submissionsOf(email);
      assertEquals(1, received.size());
      assertEquals("+1 555 0100", received.getJsonObject(0).getString("phone"), "the form got the same phone");

      // Without JavaScript: POST-redirect-GET, and the refusal of a second submit is in words.
      String csrf = page.getAttribute("meta[name=csrf-token]", "content");
      APIResponse again = context.request().post(base + "/jobs/" + jobId + "/submit", RequestOptions.create()
          .setForm(FormData.create().set("_csrf", csrf).set("return", "/jobs/" + jobId)).setMaxRedirects(0));
      assertEquals(303, again.status());
      String location = again.headers().get("location");
      assertEquals("/jobs/" + jobId + "?refused=submit&job=" + jobId, location);
      page.navigate(base + location);
      String refusal = page.textContent("#job-error");
      assertTrue(refusal.contains("was already sent"), refusal);
      assertFalse(refusal.contains("_"), "no raw state names: " + refusal);
      assertEquals(1, TestApp.api().submissionsOf(email).size(), "nothing was sent twice");
    }
  }

  // --- 5: a posting found again joins the one that waits -----------------------------------------------------

  @Test
  void aPostingFoundAgainJoinsTheOneAlreadyWaiting() {
    try (BrowserContext context = context(WIDE)) {
      Page page = page(context);
      web.userWithSample(page, "repeat");
      runToDone(page, "Software Engineer", "entry", 1, "review");
      long first = idOf(page.locator("#run-jobs tbody tr").first().getAttribute("id"), "job-");
      web.startRun(page, "Software Engineer", "entry", 1, "review");
      Object whileRunning = columns(page);
      Browsing.waitDone(page);
      assertEquals(whileRunning, columns(page), "the columns stay put as the rows fill in");
      Locator dup = page.locator("#run-jobs tbody tr[data-status=duplicate]");
      assertEquals(1, dup.count(), "the repeat is marked at discovery");
      assertEquals("/jobs/" + first, dup.locator("a[href^='/jobs/" + first + "']").last().getAttribute("href"));
      assertEquals(1, page.locator("#run-jobs tbody tr[data-status=awaiting_approval]").count(),
          "the run still brings one new posting");
      long copy = idOf(dup.getAttribute("id"), "job-");
      shot(page, "first-hour-repeat-run");

      page.navigate(base + "/review");
      Set<String> seen = new HashSet<>();
      for (Locator row : page.locator("#review-queue tbody tr[data-status]").all()) {
        String key = row.locator("td").first().innerText().strip();
        assertTrue(seen.add(key), "one review entry per posting, but twice: " + key);
      }
      assertEquals(2, seen.size());

      page.navigate(base + "/jobs/" + copy);
      assertTrue(page.textContent("#job-headline").startsWith("Already in your list as job " + first),
          page.textContent("#job-headline"));
      assertTrue(page.textContent("#job-why").contains("already waiting for you"), page.textContent("#job-why"));
      assertEquals(0, page.locator("#submit-application").count(), "a copy offers no Submit");
    }
  }
  // --- 7: the job page leads with the decision; internals in Details; "needs attention" says why --------------

  @Test
  void theJobPageLeadsWithTheDecisionAndSaysWhyItStopped() {
    try (BrowserContext context = context(WIDE)) {
      Page page = page(context);
      web.userWithSample(page, "job-page");
      runToDone(page, "Solutions Engineer Fraud Prevention", "mid", 1, "review");
      page.locator("#run-jobs tbody tr a").first().click();
      page.waitForSelector("#job-decision[data-status=needs_attention]");
      assertTrue(page.textContent("#job-why").toLowerCase().contains("captcha"), "why it stopped, at the top: "
          + page.textContent("#job-why"));
      assertTrue(page.isVisible("#job-shot img"), "with what Applyflow saw");
      page.click("#job-shot a.shot");
      page.waitForSelector("dialog#shot-viewer[open] img");
      page.waitForFunction("document.querySelector('dialog#shot-viewer img').naturalWidth > 0");
      int natural = ((Number) page.evaluate("document.querySelector('dialog#shot-viewer img').naturalWidth")).intValue();
      int shown = ((Number) page.evaluate("document.querySelector('dialog#shot-viewer img').getBoundingClientRect().width"))
          .intValue();
      assertTrue(natural >= 1000 && shown == natural, "the screenshot opens at full size: " + shown + " of " + natural);
      shot(page, "first-hour-needs-attention-full-size");
      page.keyboard().press("Escape");
      assertFalse(page.isVisible("dialog#shot-viewer"));
      shotsAtBothWidths(page, "first-hour-needs-attention");

      runToDone(page, "Software Engineer", "mid", 1, "review");
      page.locator("#run-jobs tbody tr a").first().click();
      page.waitForSelector("#job-decision[data-status=awaiting_approval]");
      String main = page.innerText("main");
      assertTrue(main.indexOf(page.textContent("#job-headline").strip()) < main.indexOf("Tailored resume"),
          "the decision comes first");
      for (Locator code : page.locator("code.src").all()) {
        assertFalse(code.isVisible(), "provenance ids are kept in Details: " + code.textContent());
      }
      assertFalse(page.isVisible("#job-tailoring"), "ranking numbers are kept in Details");
      String company = page.textContent("h1 small").split("·")[0].strip().toLowerCase();
      for (String gap : page.locator("#job-top-gaps .chip").allTextContents()) {
        for (String word : company.split("\\s+")) {
          assertFalse(gap.toLowerCase().contains(word), "the company's name is not a gap: " + gap);
        }
      }
      int height = ((Number) page.evaluate("document.documentElement.scrollHeight")).intValue();
      assertTrue(height < 3200, "the page is " + height + " px tall at 1280 px (it was 4,700)");
      shotsAtBothWidths(page, "first-hour-job-page");
      page.click("#job-details summary");
      assertTrue(page.isVisible("#job-plan code.src"), "Details keeps where every value comes from");
    }
  }
  // --- 10: the demo search shows all three bands with a new user's default settings ---------------------------

  @Test
  void theReadmesDemoSearchShowsEveryBandForTheSample() {
    try (BrowserContext context = context(WIDE)) {
      Page page = page(context);
      String email = signUp(page, "bands");
      saveResume(page, sampleText(email));
      runToDone(page, "Software Engineer", "mid", 20, "review");
      int accepted = page.locator("#run-jobs tbody tr[data-status=awaiting_approval]").count();
      int clarify = page.locator("#run-jobs tbody tr[data-status=clarify]").count();
      int rejected = page.locator("#run-jobs tbody tr[data-status=rejected]").count();
      assertTrue(accepted >= 1 && clarify >= 1 && rejected >= 1,
          "accept " + accepted + ", clarify " + clarify + ", reject " + rejected);
      assertEquals("Decide on " + clarify, page.textContent("#run-clarify").strip());
      assertEquals(0, page.locator("#run-jobs tbody tr[data-status=rejected] progress").count(),
          "a rejected job shows no full progress bar");
      shotsAtBothWidths(page, "first-hour-three-bands");
      page.click("#run-clarify");
      page.waitForURL("**/clarify");
      assertEquals(clarify, page.locator("#clarify-queue tbody tr .approve-job").count());
      shotsAtBothWidths(page, "first-hour-clarify-queue");
    }
  }
}
