package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.applyflow.support.FakeAts;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real Chromium against loopback servers: the browser goes only where the allow-list says, and a submission is
 * confirmed only by an accepted POST and a page that says so, never by its URL.
 */
class NavigationGuardIT {
  private static final ApplicantData ADA = new ApplicantData("Ada", "Lovelace", null, "ada@example.com", null, null);
  private static FakeAts servers;
  private static Playwright playwright;
  private static Browser browser;

  private HostedForm form;
  private BrowserContext context;
  private Page page;

  @BeforeAll
  static void start() {
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    assertNotNull(chromium, "no Chromium: install the chromium package or set CHROMIUM_PATH");
    servers = new FakeAts();
    playwright = Browsers.createPlaywright(chromium);
    browser = Browsers.launch(playwright, chromium, true);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (servers != null) {
      servers.close();
    }
  }

  @BeforeEach
  void openPage() {
    form = new HostedForm(new AllowedOrigins(List.of(servers.atsOrigin())));
    context = browser.newContext();
    page = context.newPage();
  }

  @AfterEach
  void closePage() {
    context.close();
  }

  private String ats(String path) {
    return servers.atsOrigin() + path;
  }

  @Test
  void aConfirmationUrlThatShowsAnErrorIsNotAConfirmation() {
    form.fill(page, ats("/acme/jobs/1"), ADA, null);

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> form.submit(page));

    assertEquals(ApplyTrouble.Kind.UNCONFIRMED, trouble.kind(), trouble.getMessage());
    assertTrue(page.url().contains("/acme/jobs/1/confirmation"), page.url());
    assertTrue(trouble.pageMessage().contains("HTTP 303"), trouble.pageMessage());
    assertTrue(trouble.pageMessage().contains("There was an error processing your application"), trouble.pageMessage());
    assertTrue(servers.posts().contains("/acme/jobs/1"), "the form was posted: " + servers.posts());
  }

  @Test
  void anAcceptedPostAndAPageThatSaysSoConfirmWithTheReceiptFromTheUrl() {
    form.fill(page, ats("/acme/jobs/2"), ADA, null);

    Confirmation c = form.submit(page);

    assertTrue(c.confirmed());
    assertEquals(303, c.postStatus());
    assertEquals("72", c.receipt(), "application_id of the confirmation URL");
    assertEquals("Thank you for applying", c.heading());
    assertEquals("Thank you for applying", c.message());
  }

  @Test
  void anAcceptedPostWithoutAConfirmationOnThePageIsNotConfirmed() {
    form.fill(page, ats("/acme/jobs/3"), ADA, null);

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> form.submit(page));

    assertEquals(ApplyTrouble.Kind.UNCONFIRMED, trouble.kind(), trouble.getMessage());
    assertTrue(trouble.pageMessage().contains("accepted the submission (HTTP 303)"), trouble.pageMessage());
    assertTrue(trouble.pageMessage().contains("See our other openings"), "what the page said: " + trouble.pageMessage());
  }

  @Test
  void anOffListLinkIsRefusedAndNeverRequested() {
    int before = servers.elsewhereHits().size();

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class,
        () -> form.fill(page, servers.elsewhereOrigin() + "/acme/jobs/1", ADA, null));

    assertEquals(ApplyTrouble.Kind.REFUSED_URL, trouble.kind());
    assertTrue(trouble.pageMessage().contains(servers.elsewhereOrigin() + " is not an application-form host"),
        trouble.pageMessage());
    ApplyTrouble script = assertThrows(ApplyTrouble.class, () -> form.fill(page, "javascript:alert(1)", ADA, null));
    assertEquals(ApplyTrouble.Kind.REFUSED_URL, script.kind());
    assertEquals(before, servers.elsewhereHits().size(), "nothing reached the off-list server: " + servers.elsewhereHits());
  }

  @Test
  void anOffListIframeIsNeitherLoadedNorFollowed() {
    int before = servers.elsewhereHits().size();

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> form.fill(page, ats("/embed"), ADA, null));

    assertEquals(ApplyTrouble.Kind.REFUSED_URL, trouble.kind());
    assertTrue(trouble.pageMessage().contains("embeds its form from '" + servers.elsewhereOrigin()), trouble.pageMessage());
    assertEquals(ats("/embed"), page.url());
    assertEquals(before, servers.elsewhereHits().size(), "the frame was never loaded: " + servers.elsewhereHits());
  }

  @Test
  void aNavigationOffTheListFromAnAllowedPageIsAborted() {
    int before = servers.elsewhereHits().size();
    form.fill(page, ats("/leaves"), ADA, null);

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> form.submit(page));

    assertEquals(ApplyTrouble.Kind.REFUSED_URL, trouble.kind(), trouble.getMessage());
    assertTrue(trouble.pageMessage().contains(servers.elsewhereOrigin() + "/steal"), trouble.pageMessage());
    assertTrue(!page.url().startsWith(servers.elsewhereOrigin()), "the browser never got there: " + page.url());
    assertEquals(before, servers.elsewhereHits().size(), "nothing reached the off-list server: " + servers.elsewhereHits());
  }
}
