package io.applyflow.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.applyflow.support.Api;
import io.applyflow.support.Browsing;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In real Chromium: the settings page chooses the resume template, the paper and the page budget with htmx, the
 * API reads back what the page saved, and a value outside the choices is refused on the page naming the field.
 */
class LayoutSettingsPageIT {
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

  @Test
  void theSettingsPageSavesTemplatePaperAndPagesAndShowsARefusal() {
    try (BrowserContext context = web.browser.newContext()) {
      Page page = context.newPage();
      page.setDefaultTimeout(20_000);
      String email = web.signUp(page, "layout-page");

      page.navigate(web.base + "/settings");
      assertEquals("classic", page.inputValue("#resume_template"), "the defaults are shown");
      assertEquals("letter", page.inputValue("#paper"));
      assertEquals("2", page.inputValue("#resume_pages"));

      page.selectOption("#resume_template", "compact");
      page.selectOption("#paper", "a4");
      page.selectOption("#resume_pages", "1");
      page.click("#settings-form button[type=submit]");
      page.waitForSelector("#settings-notice");
      assertEquals("compact", page.inputValue("#resume_template"), "the swapped form shows what was saved");

      page.navigate(web.base + "/settings");
      assertEquals("compact", page.inputValue("#resume_template"));
      assertEquals("a4", page.inputValue("#paper"));
      assertEquals("1", page.inputValue("#resume_pages"));
      Api.Response login = TestApp.api().post("/api/login", null, new JsonObject().put("email", email)
          .put("password", "correct horse 1"));
      JsonObject api = TestApp.api().get("/api/settings", login.json().getString("token")).json();
      assertEquals("compact", api.getString("resume_template"));
      assertEquals("a4", api.getString("paper"));
      assertEquals(1, api.getInteger("resume_pages"));

      // A crafted value (no such option on the page) is refused with the field and its choices, in the form.
      page.locator("#paper option[value=a4]").evaluate("o => { o.value = 'legal'; }");
      page.selectOption("#paper", "legal");
      page.click("#settings-form button[type=submit]");
      page.waitForSelector("#settings-error");
      assertTrue(page.textContent("#settings-error").contains("paper must be one of letter, a4, not 'legal'"),
          page.textContent("#settings-error"));
    }
  }
}
