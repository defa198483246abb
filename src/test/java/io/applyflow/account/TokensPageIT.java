package io.applyflow.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * In real Chromium: the settings page lists the user's sessions and API tokens and revokes one with htmx (a failure
 * shows in {@code #app-error}); page forms work with the session-bound CSRF token (sign up, log out, log in with next).
 */
class TokensPageIT {
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

  private static String apiLogin(String email) {
    Api.Response r = TestApp.api().post("/api/login", null, new JsonObject().put("email", email)
        .put("password", "correct horse 1"));
    assertEquals(200, r.status(), r.text());
    return r.json().getString("token");
  }

  @Test
  void theSettingsPageListsSessionsAndTokensAndRevokesOne() {
    try (BrowserContext context = web.browser.newContext()) {
      Page page = context.newPage();
      page.setDefaultTimeout(20_000);
      String email = web.signUp(page, "tokenspage");
      String script = apiLogin(email);

      page.navigate(web.base + "/settings");
      assertEquals(2, page.locator("#tokens tbody tr").count(), page.textContent("#tokens"));
      assertTrue(page.textContent("#tokens tr[data-current=true]").contains("Browser session"));
      assertEquals(0, page.locator("#tokens tr[data-current=true] form").count(), "this session: Log out, not Revoke");
      String apiRow = page.getAttribute("#tokens tr[data-current=false]", "data-token-id");
      assertTrue(page.textContent("#token-" + apiRow).contains("API token"));
      assertFalse(page.content().contains(script), "a token is never shown after it was issued");

      page.click("#revoke-" + apiRow);
      page.waitForSelector("#tokens-notice");
      assertEquals(1, page.locator("#tokens tbody tr").count(), page.textContent("#tokens"));
      assertEquals(401, TestApp.api().get("/api/tokens", script).status(), "the revoked token no longer works");

      // a button for a token that went in the meantime: the message shows in #app-error, the list stays
      String other = apiLogin(email);
      page.reload();
      String otherRow = page.getAttribute("#tokens tr[data-current=false]", "data-token-id");
      JsonObject mine = TestApp.api().get("/api/tokens", other).jsonArray().stream().map(o -> (JsonObject) o)
          .filter(t -> t.getBoolean("current")).findFirst().orElseThrow();
      assertEquals(String.valueOf(mine.getLong("id")), otherRow);
      assertEquals(204, TestApp.api().send("DELETE", "/api/tokens/" + otherRow, other, null).status());
      page.click("#revoke-" + otherRow);
      page.waitForSelector("#app-error-message");
      assertTrue(page.textContent("#app-error").contains("no session or API token " + otherRow),
          page.textContent("#app-error"));
      assertTrue(page.isVisible("#tokens"));

      // the session's own token works for the log-out form, and the anonymous one for logging in again
      page.click("nav form button[type=submit]");
      page.waitForURL("**/login");
      page.navigate(web.base + "/settings");
      assertTrue(page.url().endsWith("/login?next=%2Fsettings"), page.url());
      page.fill("#email", email);
      page.fill("#password", "correct horse 1");
      page.click("#login-form button[type=submit]");
      page.waitForURL("**/settings");
      assertEquals(1, page.locator("#tokens tr[data-current=true]").count());
    }
  }
}
