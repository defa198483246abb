package io.applyflow.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.applyflow.apply.Browsers;

/**
 * Real Chromium for the page tests, launched the way the apply workers launch it, and the steps a person takes
 * through the pages (sign up, save a resume, accept every job, start a run and wait for it) so each test reads as
 * its own story.
 */
public final class Browsing implements AutoCloseable {
  public final Playwright playwright;
  public final Browser browser;
  public final String base;

  private Browsing(Playwright playwright, Browser browser, String base) {
    this.playwright = playwright;
    this.browser = browser;
    this.base = base;
  }

  /** Chromium (CHROMIUM_PATH or the system one), headless, pointed at the shared test application. */
  public static Browsing start() {
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    Playwright playwright = Browsers.createPlaywright(chromium);
    return new Browsing(playwright, Browsers.launch(playwright, chromium, true), TestApp.api().base);
  }

  /** Chromium as {@link #start()}, pointed at the application at {@code base} (e.g. one a test started itself). */
  public static Browsing start(String base) {
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    Playwright playwright = Browsers.createPlaywright(chromium);
    return new Browsing(playwright, Browsers.launch(playwright, chromium, true), base);
  }

  /** Logs in through the page as {@code email}, registered by {@link Api#register} (its password). */
  public void logIn(Page page, String email) {
    page.navigate(base + "/login");
    page.fill("#email", email);
    page.fill("#password", "correct horse 1");
    page.click("#login-form button[type=submit]");
    page.waitForURL(url -> !url.contains("/login"));
  }

  /** A new page of a fresh browser context (its own cookies). */
  public Page page() {
    return browser.newContext().newPage();
  }

  @Override
  public void close() {
    playwright.close();
  }

  /** Signs up through the page as Richard Hendriks and returns the email; the browser lands on the profile. */
  public String signUp(Page page, String who) {
    return signUpAs(page, Api.uniqueEmail(who));
  }

  /** Signs up as {@code email}; the browser lands on the profile. */
  public String signUpAs(Page page, String email) {
    page.navigate(base + "/signup");
    page.fill("#name", "Richard Hendriks");
    page.fill("#email", email);
    page.fill("#password", "correct horse 1");
    page.click("#signup-form button[type=submit]");
    page.waitForURL("**/profile?welcome=1");
    return email;
  }

  /** Puts {@code text} in the profile's resume box and saves; waits for the saved notice. */
  public static void saveResume(Page page, String text) {
    page.locator("#resume").evaluate("(el, text) => { el.value = text; }", text);
    page.click("#profile-form button[type=submit]");
    page.waitForSelector("#profile-notice");
  }

  /** Sets both score bands to 0, so a test about the pages does not depend on how the sample scores. */
  public void acceptEveryJob(Page page) {
    page.navigate(base + "/settings");
    page.fill("input[name=accept_threshold]", "0");
    page.fill("input[name=clarify_threshold]", "0");
    page.click("#settings-form button[type=submit]");
    page.waitForSelector("#settings-notice");
  }

  /** A new user with the sample resume (its email replaced) who accepts every job; returns the email. */
  public String userWithSample(Page page, String who) {
    return userWithSampleAs(page, Api.uniqueEmail(who));
  }

  /** The same as {@link #userWithSample} for a given email. */
  public String userWithSampleAs(Page page, String email) {
    signUpAs(page, email);
    saveResume(page, Api.sampleResume(email).encodePrettily());
    acceptEveryJob(page);
    return email;
  }

  /** Starts a run from the new-run form; the browser is on the run page when this returns. */
  public void startRun(Page page, String position, String level, int limit, String mode) {
    page.navigate(base + "/runs/new");
    page.fill("#position", position);
    page.selectOption("#level", level);
    page.fill("#limit", String.valueOf(limit));
    page.selectOption("#mode", mode);
    page.click("#run-form button[type=submit]");
    page.waitForURL(url -> url.matches(".*/runs/\\d+$"));
  }

  /** Waits on the run page until the run is done; returns its id. */
  public static long waitDone(Page page) {
    page.waitForSelector("#run-status[data-status=done]", new Page.WaitForSelectorOptions().setTimeout(120_000));
    return Long.parseLong(page.url().replaceAll(".*/runs/", ""));
  }

  /** Starts a run and waits until it is done; returns its id. */
  public long runToDone(Page page, String position, String level, int limit, String mode) {
    startRun(page, position, level, limit, mode);
    return waitDone(page);
  }
}
