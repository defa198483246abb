package io.applyflow.sandbox;

import static io.applyflow.sandbox.SandboxServer.CAREERS;
import static io.applyflow.sandbox.SandboxServer.LISTBOX;
import static io.applyflow.sandbox.SandboxServer.MIXED;
import static io.applyflow.sandbox.SandboxServer.PORTAL;
import static io.applyflow.sandbox.SandboxServer.RADIOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import io.applyflow.apply.Browsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's widget variants in real Chromium, driven as a person drives them, with plain Playwright (no Applyflow
 * filler): the keyboard of the WAI-ARIA APG patterns, then Submit, and what the employer stored. Proves each widget
 * works and posts the value of the option chosen, and that the embedded form works inside its frame.
 */
class SandboxWidgetsIT {
  private static final FilePayload RESUME = new FilePayload("grace-hopper.pdf", "application/pdf",
      "%PDF-1.4\n% widget test\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
  private static SandboxServer server;
  private static Playwright playwright;
  private static Browser browser;

  @BeforeAll
  static void start() {
    server = SandboxServer.start();
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    playwright = Browsers.createPlaywright(chromium);
    browser = Browsers.launch(playwright, chromium, true);
  }

  @AfterAll
  static void stop() {
    if (playwright != null) {
      playwright.close();
    }
    server.close();
  }

  /** The hosted form's own fields, typed and picked as a person would; the country by typing and Enter. */
  private static String fillBasics(Page page, String who) {
    String email = who + "+" + System.nanoTime() + "@example.com";
    page.fill("#first_name", "Grace");
    page.fill("#last_name", "Hopper");
    page.fill("#email", email);
    page.locator("#country").focus();
    page.keyboard().type("United States +1");
    page.waitForSelector("#react-select-country-listbox [role=option]");
    page.keyboard().press("Enter");
    page.fill("#phone", "412 555 0100");
    page.setInputFiles("#resume", RESUME);
    return email;
  }

  private static JsonObject submitAndStored(Page page, String email) {
    page.click(".application--submit button[type=submit]");
    page.waitForURL("**/confirmation");
    assertEquals("Thank you for applying", page.textContent("#confirmation-title").strip());
    JsonArray mine = SandboxRecords.ofEmail(email);
    assertEquals(1, mine.size(), "exactly one application stored");
    return mine.getJsonObject(0);
  }

  private static String attr(Locator l, String name) {
    return l.getAttribute(name);
  }

  @Test
  void theApgSelectOnlyComboboxAnswersByKeyboardAndPostsTheOptionValues() {
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.navigate(server.url(LISTBOX));
      String email = fillBasics(page, "listbox");

      Locator auth = page.locator("#question_401211303");
      Locator authList = page.locator("#" + attr(auth, "aria-controls"));
      assertEquals(0, authList.locator("[role=option]").count(), "no options before opening");
      auth.focus();
      page.keyboard().press("ArrowDown"); // opens on the first option
      assertEquals("true", attr(auth, "aria-expanded"));
      assertEquals(2, authList.locator("[role=option]").count());
      assertEquals("question_401211303-option-0", attr(auth, "aria-activedescendant"));
      page.keyboard().press("Enter");
      assertEquals("false", attr(auth, "aria-expanded"));
      assertEquals("Yes", auth.textContent().strip());
      assertEquals("1", page.inputValue("input[type=hidden][name=question_401211303]"));

      Locator sponsor = page.locator("#question_401211304");
      sponsor.focus();
      page.keyboard().press("Space"); // opens
      page.keyboard().press("ArrowDown"); // to "No"
      assertEquals("question_401211304-option-1", attr(sponsor, "aria-activedescendant"));
      assertEquals("true", page.getAttribute("#question_401211304-option-1", "aria-selected"));
      page.keyboard().press("Escape"); // closes without choosing
      assertEquals("false", attr(sponsor, "aria-expanded"));
      assertEquals("", page.inputValue("input[type=hidden][name=question_401211304]"));
      page.keyboard().press("End"); // opens on the last option
      page.keyboard().press("Enter");
      assertEquals("No", sponsor.textContent().strip());

      Locator onSite = page.locator("#question_401211305");
      onSite.focus();
      page.keyboard().press("n"); // type-ahead opens on "No"
      assertEquals("question_401211305-option-1", attr(onSite, "aria-activedescendant"));
      page.keyboard().press("Home");
      page.keyboard().press("Alt+ArrowUp"); // selects "Yes" and closes
      assertEquals("false", attr(onSite, "aria-expanded"));
      assertEquals("1", page.inputValue("input[type=hidden][name=question_401211305]"));

      JsonObject answers = submitAndStored(page, email).getJsonObject("answers");
      assertEquals("1", answers.getString("question_401211303"));
      assertEquals("0", answers.getString("question_401211304"));
      assertEquals("1", answers.getString("question_401211305"));
      assertEquals("US", answers.getString("country"));
    }
  }

  @Test
  void thePopoverComboboxListsItsOptionsAtTheEndOfBodyAndRadiosAnswerByArrowKeys() {
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.navigate(server.url(PORTAL));
      String email = fillBasics(page, "portal");

      Locator auth = page.locator("#question_401212003");
      auth.focus(); // the list opens on focus, as the last child of body, named by nothing
      assertEquals("true", attr(auth, "aria-expanded"));
      assertNull(attr(auth, "aria-controls"));
      assertEquals("listbox", page.evaluate("document.body.lastElementChild.getAttribute('role')"));
      assertEquals(List.of("Yes", "No"), page.locator("body > [role=listbox] [role=option]").allTextContents());
      page.keyboard().press("ArrowDown");
      String active = attr(auth, "aria-activedescendant");
      assertEquals("Yes", page.textContent("#" + active));
      page.keyboard().press("Enter");
      assertEquals("false", attr(auth, "aria-expanded"));
      assertEquals(0, page.locator("body > [role=listbox]").count(), "the list is gone once closed");
      assertEquals("Yes", page.inputValue("#question_401212003"));
      assertEquals("1", page.inputValue("input[type=hidden][name=question_401212003]"));

      Locator sponsor = page.locator("#question_401212004");
      sponsor.focus();
      page.keyboard().type("No"); // typing filters the list
      assertEquals(List.of("No"), page.locator("body > [role=listbox] [role=option]").allTextContents());
      page.keyboard().press("Tab"); // leaving without picking keeps nothing
      assertEquals("", page.inputValue("#question_401212004"), "typed text that was never picked is dropped");
      assertEquals("", page.inputValue("input[type=hidden][name=question_401212004]"));
      sponsor.focus();
      page.keyboard().type("No");
      page.keyboard().press("ArrowDown");
      page.keyboard().press("Enter");
      assertEquals("0", page.inputValue("input[type=hidden][name=question_401212004]"));

      page.locator("#question_401212005_0").focus();
      page.keyboard().press("Space"); // "Yes"
      page.keyboard().press("ArrowRight"); // the next radio: "No"
      assertTrue(page.isChecked("#question_401212005_1"));
      assertFalse(page.isChecked("#question_401212005_0"));

      JsonObject answers = submitAndStored(page, email).getJsonObject("answers");
      assertEquals("1", answers.getString("question_401212003"));
      assertEquals("0", answers.getString("question_401212004"));
      assertEquals("0", answers.getString("question_401212005"));
    }
  }

  @Test
  void aRequiredRadioQuestionLeftUnansweredIsNamedAndNothingIsSentUntilItIsAnswered() {
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.navigate(server.url(RADIOS));
      String email = fillBasics(page, "radios");
      page.click(".application--submit button[type=submit]");
      assertEquals("Are you willing to work from our Amsterdam office two days a week? is required.",
          page.textContent("#question_502311305-error").strip());
      assertTrue(page.textContent("#application-error").contains("is required"));
      assertEquals(0, SandboxRecords.ofEmail(email).size(), "nothing was sent");

      page.locator("#question_502311305_0").focus();
      page.keyboard().press("Space");
      assertEquals(0, page.locator("#question_502311305-error").count(), "the error goes once answered");
      page.locator("#question_502311303_0").focus();
      page.keyboard().press("Space");
      JsonObject answers = submitAndStored(page, email).getJsonObject("answers");
      assertEquals("1", answers.getString("question_502311305"));
      assertEquals("1", answers.getString("question_502311303"));
      assertFalse(answers.containsKey("question_502311304"), "an optional question left alone is not answered");
    }
  }

  @Test
  void aPageMixingTheThreeWidgetsSubmitsEachValue() {
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.navigate(server.url(MIXED));
      String email = fillBasics(page, "mixed");
      page.click("#question_502312003"); // a click opens the select-only list too, and a click on an option picks it
      page.click("#question_502312003-listbox [role=option]:has-text('Yes')");
      assertEquals("false", page.getAttribute("#question_502312003", "aria-expanded"));
      assertEquals("1", page.inputValue("input[type=hidden][name=question_502312003]"));
      assertEquals("question_502312003", page.evaluate("document.activeElement.id"), "focus stays on the combobox");
      page.keyboard().press("Enter"); // opens on the option chosen
      assertEquals("question_502312003-option-0", page.getAttribute("#question_502312003", "aria-activedescendant"));
      page.keyboard().press("ArrowDown"); // "No"
      page.keyboard().press("Tab"); // APG: Tab selects the option in view and moves on
      assertEquals("0", page.inputValue("input[type=hidden][name=question_502312003]"));
      page.locator("#question_502312004").click(); // the popover list opens on click too
      page.click("body > [role=listbox] [role=option]:has-text('Yes')");
      assertEquals("1", page.inputValue("input[type=hidden][name=question_502312004]"));
      page.check("#question_502312005_0");
      JsonObject answers = submitAndStored(page, email).getJsonObject("answers");
      assertEquals("0", answers.getString("question_502312003"));
      assertEquals("1", answers.getString("question_502312004"));
      assertEquals("1", answers.getString("question_502312005"));
    }
  }

  @Test
  void theEmbeddedFormIsFilledInsideItsFrameAndConfirmsThere() {
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.navigate(server.url(CAREERS));
      page.waitForSelector("#grnhse_app > iframe#grnhse_iframe");
      assertTrue(page.getAttribute("#grnhse_iframe", "src").endsWith("/sandbox/embed/job_app?for=acme-robotics&token=4012127"));
      FrameLocator frame = page.frameLocator("#grnhse_iframe");
      String email = "embed+" + System.nanoTime() + "@example.com";
      frame.locator("#first_name").fill("Grace");
      frame.locator("#last_name").fill("Hopper");
      frame.locator("#email").fill(email);
      frame.locator("#phone").fill("412 555 0100");
      frame.locator("#resume_fieldset input[type=file]").setInputFiles(RESUME);
      // the frame grows to the form's height (reported by the framed page), so the careers page shows it all
      page.waitForFunction("document.getElementById('grnhse_iframe').getBoundingClientRect().height > 900");
      Locator onSite = frame.locator("#custom_fields .field:has(input[type=hidden][value='401212705']) select");
      assertTrue(frame.locator("#custom_fields .field:has(input[type=hidden][value='401212705']) label").textContent()
          .contains("Are you willing to work on-site in Pittsburgh two days a week?"));
      onSite.selectOption("1");
      frame.locator("#submit_app").click();
      assertEquals("Thank you for applying", frame.locator("#confirmation-title").textContent().strip());
      assertTrue(page.url().endsWith(CAREERS), "the careers page stays where it was");
      JsonArray mine = SandboxRecords.ofEmail(email);
      assertEquals(1, mine.size());
      assertEquals(4012127L, mine.getJsonObject(0).getLong("job_id"));
      assertEquals("1", mine.getJsonObject(0).getJsonObject("answers").getString("question_401212705"));
      assertEquals("resume", mine.getJsonObject(0).getJsonArray("files").getJsonObject(0).getString("field"));
    }
  }
}
