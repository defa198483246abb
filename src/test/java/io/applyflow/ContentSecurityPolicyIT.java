package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import io.applyflow.platform.web.SecurityHeaders;
import io.applyflow.support.Api;
import io.applyflow.support.Browsing;
import io.applyflow.support.TestApp;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app's pages under their Content-Security-Policy, in real Chromium (issue 8, "Headers"): every page a person
 * sees is visited while a listener installed before any page script records each {@code securitypolicyviolation}
 * event (into {@code window.__cspViolations}, and reported to the test), and console errors and uncaught exceptions
 * are recorded too. There must be none, and the pages must still work: forms save through htmx, a run starts and
 * follows itself live over SSE, Submit follows the employer live, the clarify queue decides in a click, errors are
 * shown, the menu opens at 390 px. A canary proves the listener and the policy: a script and an image planted by
 * hand are refused and reported. Screenshots go to {@code target/screenshots/csp-*.png}.
 */
class ContentSecurityPolicyIT {
  private static final Path SHOTS = Paths.get("target", "screenshots");
  private static final Pattern HTMX_ERROR = Pattern.compile("Response Status Error Code 4\\d\\d from (\\S+?),");
  /** Installed before each document's own scripts (Playwright's init scripts are not subject to the page's CSP). */
  private static final String WATCH = """
      window.__cspViolations = [];
      window.__sseMessages = 0;
      document.addEventListener('securitypolicyviolation', function (e) {
        var v = { directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
          sample: e.sample, page: location.pathname };
        window.__cspViolations.push(v);
        if (window.__reportCspViolation) { window.__reportCspViolation(JSON.stringify(v)); }
      });
      document.addEventListener('htmx:sseMessage', function () { window.__sseMessages++; });
      """;
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

  /** What went wrong in the browser: CSP violations, console errors, uncaught exceptions. */
  private static final class Watched {
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());
    final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());
    /** Paths whose 4xx answer is part of the story (a "Failed to load resource" console line is then expected). */
    final Set<String> expectedFailures = Collections.synchronizedSet(new HashSet<>());

    void consoleMessage(ConsoleMessage m) {
      if (!"error".equals(m.type())) {
        return;
      }
      String path = pathOf(m.location());
      if (m.text().startsWith("Failed to load resource: the server responded with a status of 4")
          && expectedFailures.contains(path)) {
        return;
      }
      // htmx logs every error answer it swaps (responseHandling's error: true)
      Matcher htmx = HTMX_ERROR.matcher(m.text());
      if (htmx.lookingAt() && expectedFailures.contains(htmx.group(1))) {
        return;
      }
      consoleErrors.add(m.text() + " @ " + m.location());
    }

    /** The path of a console message's location ("http://host:port/path:line:column"). */
    static String pathOf(String location) {
      if (location == null) {
        return "";
      }
      try {
        return URI.create(location.replaceFirst("(:\\d+)+$", "")).getPath();
      } catch (IllegalArgumentException e) {
        return location;
      }
    }

    void assertClean(String where) {
      assertEquals(List.of(), List.copyOf(violations), where + ": CSP violations");
      assertEquals(List.of(), List.copyOf(consoleErrors), where + ": console errors");
      assertEquals(List.of(), List.copyOf(pageErrors), where + ": uncaught exceptions");
    }
  }

  private static BrowserContext context(int width, Watched watched) {
    BrowserContext context = web.browser.newContext(new Browser.NewContextOptions().setViewportSize(width, 900));
    context.exposeFunction("__reportCspViolation", args -> {
      watched.violations.add(String.valueOf(args[0]));
      return null;
    });
    context.addInitScript(WATCH);
    return context;
  }

  private static Page page(BrowserContext context, Watched watched) {
    Page page = context.newPage();
    page.setDefaultTimeout(20_000);
    page.onConsoleMessage(watched::consoleMessage);
    page.onPageError(e -> watched.pageErrors.add(e + " @ " + page.url()));
    return page;
  }

  /** The current document's own record agrees with what was reported, and the page is what the CSP allows. */
  private static void assertPageClean(Page page, Watched watched, String name) {
    assertEquals(0, ((Number) page.evaluate("window.__cspViolations.length")).intValue(),
        name + ": " + page.evaluate("JSON.stringify(window.__cspViolations)"));
    // empty ones are left on inputs by Playwright's screenshots (through the CSSOM, which the CSP allows)
    String styled = "[style]:not([style=''])";
    assertEquals(0, ((Number) page.evaluate("s => document.querySelectorAll(s).length", styled)).intValue(),
        name + " has style attributes: " + page.evaluate(
            "s => [...document.querySelectorAll(s)].map(e => e.outerHTML.slice(0, 160)).join(' | ')", styled));
    assertEquals(0, ((Number) page.evaluate("document.querySelectorAll('style, script:not([src])').length")).intValue(),
        name + " has inline <style> or <script>");
    watched.assertClean(name);
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("csp-" + name + ".png")).setFullPage(true));
  }

  private static void visit(Page page, Watched watched, String path, String name) {
    page.navigate(base + path);
    page.waitForLoadState();
    assertPageClean(page, watched, name);
  }

  private static void markNotReloaded(Page page) {
    page.evaluate("window.__notReloaded = true");
  }

  private static void assertNotReloaded(Page page, String what) {
    assertEquals(Boolean.TRUE, page.evaluate("window.__notReloaded === true"), what + " updated in place, not by a reload");
  }

  private static int sseMessages(Page page) {
    return ((Number) page.evaluate("window.__sseMessages")).intValue();
  }

  @Test
  void everyPageWorksUnderTheCspWithoutAViolation() {
    Watched watched = new Watched();
    try (BrowserContext context = context(1280, watched)) {
      Page page = page(context, watched);

      // signed out: the front page, the forms, a missing page
      page.navigate(base + "/");
      assertEquals(SecurityHeaders.PAGE_POLICY, page.waitForResponse(r -> r.url().equals(base + "/"),
          page::reload).headerValue("content-security-policy"), "the browser got the policy");
      assertEquals(Map.of("includeIndicatorStyles", false, "allowEval", false), page.evaluate(
          "({includeIndicatorStyles: htmx.config.includeIndicatorStyles, allowEval: htmx.config.allowEval})"),
          "htmx read its configuration from the page");
      assertPageClean(page, watched, "welcome");
      visit(page, watched, "/login", "login");
      visit(page, watched, "/signup", "signup");
      watched.expectedFailures.add("/no/such/page");
      visit(page, watched, "/no/such/page", "not-found");
      assertTrue(page.textContent("#app-error-message").contains("no page at /no/such/page"), page.textContent("main"));

      // sign up through the form, save the profile and the settings through htmx
      String email = web.signUp(page, "csp");
      assertPageClean(page, watched, "profile-new");
      markNotReloaded(page);
      Browsing.saveResume(page, Api.sampleResume(email).encodePrettily());
      page.waitForSelector("#step-1[data-done=true]");
      assertNotReloaded(page, "the profile form");
      assertPageClean(page, watched, "profile-saved");
      web.acceptEveryJob(page);
      assertPageClean(page, watched, "settings-saved");

      // a run starts from its form and follows itself live over SSE
      visit(page, watched, "/runs/new", "run-new");
      web.startRun(page, "Software Engineer", "entry", 1, "review");
      markNotReloaded(page);
      Browsing.waitDone(page);
      assertNotReloaded(page, "the run page");
      assertTrue(sseMessages(page) > 0, "the run page's updates came as SSE messages");
      assertEquals(1, page.locator("#run-jobs tbody tr[data-status=awaiting_approval]").count());
      assertPageClean(page, watched, "run-done");
      String jobPath = page.locator("#run-jobs tbody tr a").first().getAttribute("href");

      visit(page, watched, "/runs", "runs");
      visit(page, watched, "/", "home");
      visit(page, watched, "/review", "review-queue");
      assertEquals(1, page.locator("#review-queue tbody tr[data-status=awaiting_approval]").count());

      // the job page: its PDF, the screenshot viewer, Submit followed live
      visit(page, watched, jobPath, "job-waiting");
      APIResponse pdf = context.request().get(base + page.getAttribute("#resume-pdf", "href"));
      assertEquals("application/pdf", pdf.headers().get("content-type"));
      assertEquals(SecurityHeaders.PDF_POLICY, pdf.headers().get("content-security-policy"));
      assertEquals("no-store", pdf.headers().get("cache-control"));
      page.click("#job-shot a.shot");
      page.waitForSelector("dialog#shot-viewer[open] img");
      page.waitForFunction("document.querySelector('dialog#shot-viewer img').naturalWidth > 0");
      page.keyboard().press("Escape");
      assertFalse(page.isVisible("dialog#shot-viewer"));
      markNotReloaded(page);
      int before = sseMessages(page);
      page.click("#submit-application");
      page.waitForSelector("#job-notice");
      page.waitForSelector("#job-status[data-status=submitted]", new Page.WaitForSelectorOptions().setTimeout(90_000));
      assertNotReloaded(page, "the job page");
      assertTrue(sseMessages(page) > before, "the job page followed the employer over SSE");
      assertEquals(1, TestApp.api().submissionsOf(email).size());
      assertPageClean(page, watched, "job-submitted");

      // a form's own error (400, re-rendered in place) and an error shown in #app-error (a refused CSRF token)
      visit(page, watched, "/settings", "settings");
      watched.expectedFailures.add("/settings");
      page.fill("input[name=accept_threshold]", "40");
      page.fill("input[name=clarify_threshold]", "60");
      page.click("#settings-form button[type=submit]");
      page.waitForSelector("#settings-error:has-text('must not be above accept_threshold')");
      assertPageClean(page, watched, "settings-error");
      page.fill("input[name=accept_threshold]", "100");
      page.fill("input[name=clarify_threshold]", "0");
      page.click("#settings-form button[type=submit]");
      page.waitForSelector("#settings-notice");
      visit(page, watched, "/profile", "profile");
      watched.expectedFailures.add("/profile");
      page.evaluate("document.querySelector('meta[name=csrf-token]').content = 'not-the-token-of-this-browser'");
      page.click("#profile-form button[type=submit]");
      page.waitForSelector("#app-error-message");
      assertTrue(page.textContent("#app-error").contains("CSRF token"), page.textContent("#app-error"));
      assertPageClean(page, watched, "app-error");

      // the clarify queue, filled by a second run (every job now waits there), decides in a click
      web.runToDone(page, "Software Engineer", "mid", 1, "review");
      visit(page, watched, "/clarify", "clarify-queue");
      assertEquals(1, page.locator("#clarify-queue tbody tr .approve-job").count());
      page.locator("#clarify-queue .approve-job").first().click();
      page.waitForSelector("#clarify-queue tbody tr:has-text('Approved')");
      assertPageClean(page, watched, "clarify-approved");

      // a missing job is a page too; then log out and back in through the forms
      watched.expectedFailures.add("/jobs/999999999");
      visit(page, watched, "/jobs/999999999", "job-not-found");
      page.click("nav form button[type=submit]");
      page.waitForURL("**/login");
      page.navigate(base + "/review");
      page.waitForURL("**/login?next=%2Freview");
      page.fill("#email", email);
      page.fill("#password", "correct horse 1");
      page.click("#login-form button[type=submit]");
      page.waitForURL("**/review");
      assertPageClean(page, watched, "logged-in-again");
    }
  }

  @Test
  void onAPhoneTheMenuOpensAndAPlantedScriptIsRefusedAndReported() {
    Watched watched = new Watched();
    try (BrowserContext context = context(390, watched)) {
      Page page = page(context, watched);
      web.userWithSample(page, "csp-phone");
      visit(page, watched, "/runs/new", "phone-run-new");
      assertFalse(page.isVisible("#site-menu"), "the links are folded away");
      page.click(".menu-toggle");
      assertTrue(page.isVisible("#site-menu a[href='/review']"), "the menu opens");
      assertEquals("true", page.getAttribute(".menu-toggle", "aria-expanded"));
      assertPageClean(page, watched, "phone-menu-open");
      page.keyboard().press("Escape");
      assertFalse(page.isVisible("#site-menu"), "Escape folds it again");
      assertEquals("false", page.getAttribute(".menu-toggle", "aria-expanded"));
      watched.assertClean("the phone menu");

      // The canary: an inline script and another host's image, planted by hand, are refused and reported, so the
      // listener above works and the browser enforces the policy it was sent.
      page.evaluate("""
          () => {
            const s = document.createElement('script');
            s.textContent = 'window.__plantedScriptRan = true';
            document.body.appendChild(s);
            document.body.insertAdjacentHTML('beforeend', '<img id="planted" src="http://evil.example/pixel.png">');
          }""");
      page.waitForFunction("window.__cspViolations.length >= 2");
      assertEquals(Boolean.FALSE, page.evaluate("window.__plantedScriptRan === true"), "the planted script did not run");
      @SuppressWarnings("unchecked")
      List<String> directives = (List<String>) page.evaluate("window.__cspViolations.map(v => v.directive).sort()");
      assertEquals(List.of("img-src", "script-src-elem"), directives);
      assertEquals(2, watched.violations.size(), "both were reported to the test: " + watched.violations);
    }
  }
}
