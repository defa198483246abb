package io.applyflow.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.applyflow.support.Browsing;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tracker's pages in real Chromium: add by hand (an error next to its field), change a status inline. */
class TrackerPagesIT {
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

  /**
   * A page that records what the browser refused under the Content-Security-Policy and uncaught script errors (the
   * form's deliberate 400 is logged by the browser too, and is not one of them).
   */
  private static Page page(BrowserContext context, List<String> refused) {
    Page page = context.newPage();
    page.setDefaultTimeout(20_000);
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type()) && (m.text().contains("Content Security Policy") || m.text().contains("Refused")
          || m.text().contains("Uncaught"))) {
        refused.add(m.text());
      }
    });
    return page;
  }

  /** Adds one through the page's form; returns its id (the browser is on its page). */
  private static long addByHand(Page page, String company, String position) {
    page.navigate(web.base + "/applications");
    page.fill("#add-company", company);
    page.fill("#add-position", position);
    page.click("#add-submit");
    page.waitForURL("**/applications/*?notice=added");
    return Long.parseLong(page.url().replaceAll(".*/applications/(\\d+).*", "$1"));
  }

  @Test
  void addByHandShowsTheErrorNextToTheFieldThenSaves() {
    try (BrowserContext context = web.browser.newContext()) {
      List<String> errors = new ArrayList<>();
      Page page = page(context, errors);
      web.signUp(page, "tracker-add");
      page.navigate(web.base + "/applications");
      page.fill("#add-company", "Acme Robotics");
      page.fill("#add-position", "Platform Engineer");
      page.fill("#add-url", "ftp://files.example/job-1");
      page.fill("#add-deadline", "2026-03-31");
      page.evaluate("window.__notReloaded = true");
      page.click("#add-submit");
      page.waitForSelector("#add-url-error");
      assertTrue(page.textContent("#add-url-error").contains("http"), page.textContent("#add-url-error"));
      assertEquals("true", page.getAttribute("#add-url", "aria-invalid"));
      assertEquals("add-url-error", page.getAttribute("#add-url", "aria-describedby"));
      assertEquals("Acme Robotics", page.inputValue("#add-company"), "what was typed stays");
      assertEquals("2026-03-31", page.inputValue("#add-deadline"));
      assertEquals(Boolean.TRUE, page.evaluate("window.__notReloaded === true"), "the form was swapped, not reloaded");

      page.fill("#add-url", "https://boards.example/acme/1");
      page.click("#add-submit");
      page.waitForURL("**/applications/*?notice=added");
      assertTrue(page.isVisible("#application-notice"));
      assertEquals("Platform Engineer", page.textContent("#application-title span").trim());
      assertEquals("2026-03-31", page.inputValue("#edit-deadline"));
      assertEquals(1, page.locator("#application-activity li").count());

      // edit: a follow-up date and a contact, then the activity has an entry for it
      page.fill("#edit-follow_up", "2026-03-10");
      page.fill("#contact-new-name", "Ada Lovelace");
      page.fill("#contact-new-email", "ada@example.com");
      page.click("#application-save");
      page.waitForSelector("#application-notice");
      assertEquals("2026-03-10", page.inputValue("#edit-follow_up"));
      assertEquals("Ada Lovelace", page.inputValue("#contact-0 input[name=contact_name]"));
      assertEquals(2, page.locator("#application-activity li").count());
      assertEquals(List.of(), errors, "no CSP refusal or uncaught script error");
    }
  }

  @Test
  void aStatusChangesInlineWithoutReloadingByClickAndByKeyboard() {
    try (BrowserContext context = web.browser.newContext()) {
      List<String> errors = new ArrayList<>();
      Page page = page(context, errors);
      web.signUp(page, "tracker-status");
      long first = addByHand(page, "Zeta Labs", "Backend Engineer");
      long second = addByHand(page, "Ωmega Δίκτυα", "Site Reliability Engineer with a rather long title");
      page.navigate(web.base + "/applications");
      page.evaluate("window.__notReloaded = true");

      page.selectOption("#status-" + first, "INTERVIEW");
      page.waitForSelector("#application-row-" + first + "[data-status=INTERVIEW] #status-saved-" + first);
      assertEquals("INTERVIEW", page.inputValue("#status-" + first));

      page.focus("#status-" + second);
      page.keyboard().press("ArrowDown"); // NEW -> INTERESTED, saved on change
      page.waitForSelector("#application-row-" + second + "[data-status=INTERESTED]");
      assertEquals(Boolean.TRUE, page.evaluate("window.__notReloaded === true"), "rows were swapped, not reloaded");

      page.reload();
      assertEquals("INTERVIEW", page.inputValue("#status-" + first), "stored");
      assertEquals("INTERESTED", page.inputValue("#status-" + second), "stored");
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("applications-1280.png")).setFullPage(true));

      page.setViewportSize(390, 844);
      page.reload();
      assertTrue(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue() <= 390,
          "nothing wider than the phone's screen");
      assertTrue(page.isVisible("#status-" + second), "the status select is on the card");
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("applications-390.png")).setFullPage(true));
      page.navigate(web.base + "/applications/" + first);
      assertTrue(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue() <= 390);
      assertEquals(2, page.locator("#application-activity li").count(), "created, then the status change");
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("application-390.png")).setFullPage(true));
      assertEquals(List.of(), errors, "no CSP refusal or uncaught script error");
    }
  }
}
