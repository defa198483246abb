package io.applyflow.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.applyflow.support.Browsing;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In real Chromium: the settings page refuses a bad watch-list line next to the field and saves a good one and a
 * saved search with htmx; the recommendations page refreshes, lists the scored postings, dismisses one in place, and
 * fits a 390 px phone. Screenshots go to {@code target/screenshots/}.
 */
class RecommendPageIT {
  private static final Path SHOTS = Paths.get("target", "screenshots");
  private static Browsing web;

  @BeforeAll
  static void startBrowser() {
    web = Browsing.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (web != null) {
      web.close();
    }
  }

  private static void shot(Page page, String name, int width) {
    page.setViewportSize(width, 900);
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + "-" + width + ".png")).setFullPage(true));
    int scroll = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
    assertTrue(scroll <= width, name + " is " + scroll + " px wide at " + width + " px");
  }

  @Test
  void setsUpDiscoveryRefreshesAndDismissesInPlace() {
    try (BrowserContext context = web.browser.newContext()) {
      Page page = context.newPage();
      page.setDefaultTimeout(30_000);
      web.userWithSample(page, "recommend-page");

      page.navigate(web.base + "/settings");
      page.fill("#recommend-watchlist", "greenhouse:lumen-health\nlumen health");
      page.click("#recommend-sources-save");
      page.waitForSelector("#recommend-watchlist-error");
      assertTrue(page.textContent("#recommend-watchlist-error").startsWith("watchlist line 2: 'lumen health'"),
          page.textContent("#recommend-watchlist-error"));
      assertEquals("true", page.getAttribute("#recommend-watchlist", "aria-invalid"));

      page.fill("#recommend-watchlist", "greenhouse:lumen-health");
      page.fill("#recommend-interval", "12");
      page.click("#recommend-sources-save");
      page.waitForSelector("#recommend-sources-notice");
      assertEquals("12", page.inputValue("#recommend-interval"));

      page.fill("#recommend-search-position", "Backend Engineer");
      page.selectOption("#recommend-search-level", "senior");
      page.click("#recommend-search-save");
      page.waitForSelector("#recommend-searches-notice");
      assertEquals(1, page.locator("#recommend-searches li").count());
      shot(page, "recommend-settings", 1280);
      shot(page, "recommend-settings", 390);
      page.setViewportSize(1280, 900);

      page.navigate(web.base + "/recommendations");
      page.waitForSelector("#recommend-empty");
      page.click("#recommend-refresh-button");
      page.waitForSelector("#recommend-notice");
      int listed = page.locator("#recommend-feed li[data-recommendation-id]").count();
      assertTrue(listed > 5, page.textContent("#recommend-notice"));
      assertTrue(page.textContent("#recommend-notice").contains(listed + " new"), page.textContent("#recommend-notice"));
      shot(page, "recommendations", 1280);
      shot(page, "recommendations", 390);

      String url = page.url();
      String first = page.locator("#recommend-feed li[data-recommendation-id]").first().getAttribute("id");
      page.locator("#" + first + " button:has-text('Dismiss')").click();
      page.waitForSelector("#" + first, new Page.WaitForSelectorOptions()
          .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
      assertEquals(listed - 1, page.locator("#recommend-feed li[data-recommendation-id]").count());
      assertEquals(url, page.url(), "dismissed in place, without leaving the page");
      page.reload();
      assertEquals(listed - 1, page.locator("#recommend-feed li[data-recommendation-id]").count());
    }
  }
}
