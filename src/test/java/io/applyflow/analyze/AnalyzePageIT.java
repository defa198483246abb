package io.applyflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.applyflow.support.Api;
import io.applyflow.support.Browsing;
import io.applyflow.support.Fixtures;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analyze page in real Chromium on the shared app, at a laptop's and a phone's width: a refused URL is shown next
 * to its field without leaving the page (htmx swaps the 400), pasted text is analysed and shown, and the history
 * links to it. Screenshots go to {@code target/screenshots/}.
 */
class AnalyzePageIT {
  private static final Path SHOTS = Paths.get("target", "screenshots");
  private static Browsing web;

  @BeforeAll
  static void start() {
    web = Browsing.start();
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  @Test
  void analysesPastedTextAndShowsARefusedUrlNextToItsField() throws Exception {
    for (int width : new int[] {1280, 390}) {
      try (BrowserContext context = web.browser.newContext(new Browser.NewContextOptions()
          .setViewportSize(width, width == 390 ? 844 : 900))) {
        Page page = context.newPage();
        web.signUp(page, "analyze-page");
        Browsing.saveResume(page, Api.sampleResume(Api.uniqueEmail("x")).encodePrettily());
        page.navigate(web.base + "/analyze");
        page.fill("#url", "http://169.254.169.254/latest/meta-data");
        page.click("#analyze-form button[type=submit]");
        page.waitForSelector("#url-error");
        assertTrue(page.textContent("#url-error").startsWith("169.254.169.254 is a link-local address"),
            page.textContent("#url-error"));
        assertEquals("true", page.getAttribute("#url", "aria-invalid"));
        assertTrue(page.url().endsWith("/analyze"), "still on the page: " + page.url());
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("analyze-error-" + width + ".png"))
            .setFullPage(true));

        page.fill("#url", "");
        page.fill("#title", "Staff Software Engineer, Storage Infrastructure");
        page.locator("#description").fill(Fixtures.description("staff-backend"));
        page.click("#analyze-form button[type=submit]");
        page.waitForURL(url -> url.matches(".*/analyze/\\d+$"));
        page.waitForSelector("#analysis");
        assertTrue(page.textContent("#analysis-missing-skills").contains("Kubernetes"));
        String id = page.url().replaceAll(".*/analyze/", "");
        assertEquals(1, page.locator("#analyses a[href='/analyze/" + id + "']").count());
        int overflow = ((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))
            .intValue();
        assertTrue(overflow <= 0, "no sideways scrolling at " + width + " px: " + overflow);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("analyze-result-" + width + ".png"))
            .setFullPage(true));
      }
    }
  }
}
