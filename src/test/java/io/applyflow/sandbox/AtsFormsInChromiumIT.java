package io.applyflow.sandbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.applyflow.apply.Browsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A person fills the sandbox's Lever and Ashby forms in real Chromium with plain Playwright (by label and role, with
 * clicks and the keyboard; not Applyflow's form filler), reaches each ATS's confirmation, and the employer's side
 * holds what they entered. Also: Ashby shows a refused application's errors beside the fields and keeps the form;
 * Lever's captcha posting challenges on submit and stores nothing.
 */
class AtsFormsInChromiumIT {
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
    playwright.close();
    server.close();
  }

  private static FilePayload resume(String name) {
    return new FilePayload(name, "application/pdf", ("%PDF-1.4\n% " + name + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void upload(Page page, Locator button, FilePayload file) {
    FileChooser chooser = page.waitForFileChooser(button::click);
    chooser.setFiles(file);
  }

  /** A page that records the console errors it shows (a CSP violation is one) and its failed loads, for {@link #assertNoConsoleErrors}. */
  private static Page page(List<String> errors) {
    Page page = browser.newPage();
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type()) && !m.text().startsWith("Failed to load resource")) {
        errors.add(m.text());
      }
    });
    // a failed load is named by its URL (the browser's own favicon request is not the page's)
    page.onResponse(r -> {
      if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) {
        errors.add(r.status() + " " + r.url());
      }
    });
    page.onPageError(errors::add);
    return page;
  }

  private static void assertNoConsoleErrors(List<String> errors) {
    assertEquals(List.of(), errors, "the page runs under the sandbox's CSP without errors");
  }

  /** The figure for the notes (fill + submit + confirmation with a bare Playwright loop); printed, never asserted. */
  private static void report(String form, long beganNanos) {
    System.out.printf("bare Playwright fill+submit, %s: %d ms%n", form, (System.nanoTime() - beganNanos) / 1_000_000);
  }

  private static JsonObject onlySubmission(String email) {
    JsonArray mine = SandboxRecords.ofEmail(email);
    assertEquals(1, mine.size(), mine.encodePrettily());
    return mine.getJsonObject(0);
  }

  // --- Lever ---------------------------------------------------------------------------------------

  @Test
  void aPersonAppliesOnTheLeverForm() {
    String email = "lever-user+" + System.nanoTime() + "@example.com";
    List<String> errors = new ArrayList<>();
    try (Page page = page(errors)) {
      page.navigate(server.url("/sandbox/lever/tidewater-energy/" + LeverSandboxIT.METERING));
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Apply for this job")).first().click();
      page.waitForURL(Pattern.compile(".*/apply$"));
      long began = System.nanoTime();

      upload(page, page.getByText("Attach resume/CV"), resume("zoë.pdf"));
      assertThat(page.locator("#resume-filename")).hasText("zoë.pdf");
      page.getByLabel("Full name").fill("Zoë Ångström");
      page.getByLabel("Email").fill(email);
      page.getByLabel("Phone").fill("+1 512 555 0100");
      // the location typeahead: type, wait for the suggestion, pick it with the keyboard
      Locator location = page.getByLabel("Current location");
      location.pressSequentially("Aust");
      assertThat(page.locator(".dropdown-location").first()).hasText("Austin, Texas, United States");
      location.press("ArrowDown");
      location.press("Enter");
      assertThat(location).hasValue("Austin, Texas, United States");
      assertThat(page.locator("#selected-location")).hasValue("{\"name\":\"Austin, Texas, United States\"}");
      page.getByLabel("Current company").fill("Gulf Grid Co");
      page.getByLabel("LinkedIn URL").fill("https://www.linkedin.com/in/zoe");

      page.getByLabel("How many years of professional experience do you have with Java?").fill("7");
      Locator tools = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Which of these have you used in production?"));
      tools.getByLabel("Kafka").check();
      tools.getByLabel("Kubernetes").check();
      page.getByRole(AriaRole.RADIOGROUP, new Page.GetByRoleOptions().setName(Pattern.compile("core hours")))
          .getByLabel("Yes").check();
      page.getByLabel("Gender").selectOption("Female");
      page.getByLabel("Additional information").fill("Available from March.");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit application")).click();

      page.waitForURL(Pattern.compile(".*/thanks$"));
      assertThat(page.getByRole(AriaRole.HEADING)).hasText("Application submitted!");
      report("Lever metering (14 controls)", began);
    }
    assertNoConsoleErrors(errors);
    JsonObject s = onlySubmission(email);
    assertEquals("lever", s.getString("source"));
    assertEquals(LeverSandboxIT.METERING, s.getString("posting_id"));
    assertEquals("Zoë", s.getString("first_name"));
    assertEquals("Ångström", s.getString("last_name"));
    JsonObject a = s.getJsonObject("answers");
    assertEquals("7", a.getString(LeverSandboxIT.METERING_JAVA));
    assertEquals(new JsonArray().add("Kafka").add("Kubernetes"), a.getJsonArray(LeverSandboxIT.METERING_TOOLS));
    assertEquals("Yes", a.getString(LeverSandboxIT.METERING_CORE_HOURS));
    assertEquals("Austin, Texas, United States", a.getString("location"));
    assertEquals("Female", a.getString("eeo[gender]"));
    assertEquals("Available from March.", a.getString("comments"));
    assertEquals("zoë.pdf", s.getJsonArray("files").getJsonObject(0).getString("filename"));
  }

  @Test
  void theLeverCaptchaPostingChallengesOnSubmitAndStoresNothing() {
    String email = "lever-captcha+" + System.nanoTime() + "@example.com";
    try (Page page = browser.newPage()) {
      String apply = server.url("/sandbox/lever/tidewater-energy/" + LeverSandboxIT.FIELD_MOBILE + "/apply");
      page.navigate(apply);
      upload(page, page.getByText("Attach resume/CV"), resume("cv.pdf"));
      page.getByLabel("Full name").fill("Grace Hopper");
      page.getByLabel("Email").fill(email);
      page.getByLabel("Current location").fill("Denver");
      page.getByRole(AriaRole.RADIOGROUP, new Page.GetByRoleOptions().setName(Pattern.compile("substations")))
          .getByLabel("Yes").check();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit application")).click();
      assertThat(page.getByRole(AriaRole.DIALOG)).hasAccessibleName("Please click each image containing a bus");
      assertEquals(apply, page.url(), "the form never posted");
    }
    assertEquals(0, SandboxRecords.ofEmail(email).size());
  }

  // --- Ashby ---------------------------------------------------------------------------------------

  @Test
  void theAshbyBoardPageListsOnlyListedJobs() {
    List<String> errors = new ArrayList<>();
    try (Page page = page(errors)) {
      page.navigate(server.url("/sandbox/ashby/Meridian"));
      Locator jobs = page.locator("a._jobLink");
      assertThat(jobs).hasCount(7);
      assertThat(page.getByText("Software Engineer, Internal Tools")).hasCount(0);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("Software Engineer, Payments"))).click();
      page.waitForURL(server.url("/sandbox/ashby/Meridian/" + AshbySandboxIT.PAYMENTS));
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Software Engineer, Payments");
    }
    assertNoConsoleErrors(errors);
  }

  @Test
  void aPersonAppliesOnTheAshbyFormAfterAFirstRefusal() {
    String email = "ashby-user+" + System.nanoTime() + "@example.com";
    try (Page page = browser.newPage()) {
      page.navigate(server.url("/sandbox/ashby/Meridian/" + AshbySandboxIT.PAYMENTS));
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Apply for this Job")).click();
      page.waitForURL(Pattern.compile(".*/application$"));
      Locator submit = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit Application"));

      // an empty submission: the errors show beside the fields and the form stays
      submit.click();
      assertThat(page.locator("[data-field-path=_systemfield_name] ._error"))
          .hasText("Missing entry for required field: Name");
      assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("Your form needs corrections");
      assertThat(page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).hasAttribute("aria-invalid", "true");

      page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Zoë Ångström");
      page.getByLabel("Email").fill(email);
      upload(page, page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload File")), resume("zoë.pdf"));
      assertThat(page.getByText("zoë.pdf")).isVisible();
      page.getByLabel("Phone").fill("+1 212 555 0199");
      // location: a combobox whose options come from the server as one types
      Locator location = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Location"));
      location.click();
      location.pressSequentially("new y");
      // wait for the answer to the whole text: the list for "ne" also holds New York, after Amsterdam (a user who
      // presses Enter while that list shows picks Amsterdam, as on the real widget)
      assertThat(page.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("Location")).getByRole(AriaRole.OPTION))
          .hasText(new String[] {"New York, New York, United States"});
      assertThat(location).hasAttribute("aria-activedescendant", Pattern.compile(".+-option-0$"));
      location.press("Enter");
      assertThat(location).hasValue("New York, New York, United States");
      assertThat(location).hasAttribute("aria-expanded", "false");
      // yes/no: two toggle buttons
      Locator office = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName(Pattern.compile("New York office")));
      office.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Yes")).click();
      assertThat(office.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Yes"))).hasAttribute("aria-pressed", "true");
      assertThat(office.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("No"))).hasAttribute("aria-pressed", "false");
      // single select: the options show on focus; the arrow keys move, Enter picks
      Locator years = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Years of professional software experience"));
      years.focus();
      assertThat(page.getByRole(AriaRole.LISTBOX, new Page.GetByRoleOptions().setName("Years of professional software experience"))
          .getByRole(AriaRole.OPTION)).hasCount(4);
      years.press("ArrowDown");
      years.press("ArrowDown");
      years.press("ArrowDown");
      assertThat(years).hasAttribute("aria-activedescendant", Pattern.compile(".+-option-2$"));
      years.press("Enter");
      assertThat(years).hasValue("5–7");
      page.getByLabel("Earliest start date").fill("2027-02-01");
      submit.click();

      assertThat(page.getByText("Thank you for applying")).isVisible();
      assertThat(page.getByText("Your application was successfully submitted.", new Page.GetByTextOptions())).isVisible();
      assertThat(submit).hasCount(0);
    }
    JsonObject s = onlySubmission(email);
    assertEquals("ashby", s.getString("source"));
    assertEquals(AshbySandboxIT.PAYMENTS, s.getString("posting_id"));
    assertTrue(s.getString("receipt").matches("[0-9a-f-]{36}"));
    assertEquals("Zoë", s.getString("first_name"));
    JsonObject a = s.getJsonObject("answers");
    assertEquals("true", a.getString(AshbySandboxIT.PAY_OFFICE));
    assertEquals("5–7", a.getString(AshbySandboxIT.PAY_YEARS));
    assertEquals("2027-02-01", a.getString(AshbySandboxIT.PAY_START));
    assertEquals("New York, New York, United States", a.getString("_systemfield_location"));
  }

  @Test
  void aPersonPicksWithTheMouseOnTheAshbyBackendForm() {
    String email = "ashby-mouse+" + System.nanoTime() + "@example.com";
    List<String> errors = new ArrayList<>();
    try (Page page = page(errors)) {
      page.navigate(server.url("/sandbox/ashby/Meridian/" + AshbySandboxIT.BACKEND));
      assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("About Meridian"))).isVisible();
      assertThat(page.getByText("$170K – $215K • 0.05% – 0.12%")).isVisible();
      page.navigate(server.url("/sandbox/ashby/Meridian/" + AshbySandboxIT.BACKEND + "/application"));
      long began = System.nanoTime();
      page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Grace Hopper");
      page.getByLabel("Email").fill(email);
      upload(page, page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload File")), resume("cv.pdf"));
      Locator location = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Location"));
      location.pressSequentially("Seat");
      page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Seattle, Washington, United States")).click();
      assertThat(location).hasValue("Seattle, Washington, United States");
      page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName(Pattern.compile("visa sponsorship")))
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("No")).click();
      Locator heard = page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("How did you hear about Meridian?"));
      heard.click();
      heard.pressSequentially("hack");
      assertThat(page.getByRole(AriaRole.OPTION)).hasCount(1);
      page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Hacker News")).click();
      assertThat(heard).hasValue("Hacker News");
      Locator langs = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Which languages have you shipped production code in?"));
      langs.getByLabel("Java", new Locator.GetByLabelOptions().setExact(true)).check();
      langs.getByLabel("Kotlin").check();
      page.getByLabel("Why Meridian?").fill("Payroll that is never late.");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Submit Application")).click();
      assertThat(page.locator(".ashby-application-form-success-container")).containsText("Thank you for applying");
      report("Ashby backend (9 controls)", began);
    }
    assertNoConsoleErrors(errors);
    JsonObject a = onlySubmission(email).getJsonObject("answers");
    assertEquals("false", a.getString("b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d1e01"));
    assertEquals("Hacker News", a.getString("b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d1e02"));
    assertEquals(new JsonArray().add("Java").add("Kotlin"), a.getJsonArray("b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d1e03"));
    assertEquals("Payroll that is never late.", a.getString("b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d1e04"));
  }
}
