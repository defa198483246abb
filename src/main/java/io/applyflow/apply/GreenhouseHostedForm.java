package io.applyflow.apply;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.WaitUntilState;
import io.applyflow.apply.ApplyTrouble.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills and submits the hosted application form of Greenhouse's job-board renderer
 * ({@code job-boards.greenhouse.io/{board}/jobs/{id}}, and the sandbox board that copies its DOM): inputs
 * found by id ({@code #first_name}, {@code #last_name}, {@code #preferred_name}, {@code #email},
 * {@code #phone}), the react-select phone-country combobox {@code #country} and the file input
 * {@code #resume}. It fills only what it is given and only fields the page has; it never answers a
 * question on its own (no EEOC, no custom questions).
 *
 * <p>Plain Java, no Vert.x. Threading: stateless, but a {@link Page} must only be used on the thread of the
 * {@code Playwright} that made it, so call this from that worker thread.
 */
public final class GreenhouseHostedForm {
  private static final Logger log = LoggerFactory.getLogger(GreenhouseHostedForm.class);

  static final double NAVIGATION_TIMEOUT_MS = 15_000;
  static final double FIELD_TIMEOUT_MS = 5_000;
  static final long SUBMIT_TIMEOUT_MS = 30_000;
  private static final double FORM_TIMEOUT_MS = 10_000;

  private static final String FORM = "#application-form";
  /** A challenge a person has to solve (reCAPTCHA/hCaptcha challenge frames, Cloudflare). */
  private static final String CAPTCHA_CHALLENGE = String.join(", ",
      "iframe[src*='recaptcha'][src*='bframe']", "iframe[title*='challenge' i]", "iframe[src*='hcaptcha.com']",
      ".cf-turnstile", "#challenge-form", "#cf-challenge-running");
  /** Also the visible reCAPTCHA v2 checkbox, which stands in for a missing form. */
  private static final String CAPTCHA = CAPTCHA_CHALLENGE + ", .g-recaptcha";
  private static final String LOGIN = "input[type='password']";

  /**
   * Opens {@code url} and fills the applicant's fields and the resume.
   *
   * @return the fields set, in page order, with where each value came from
   * @throws ApplyTrouble when the page is not an application form, shows a captcha or a login, times
   *     out, or refuses a value (a country it does not offer, a file type it rejects)
   */
  public List<FilledField> fill(Page page, String url, ApplicantData a, Upload resume) {
    open(page, url);
    List<FilledField> filled = new ArrayList<>();
    text(page, "first_name", a.firstName(), "profile:first_name", filled);
    text(page, "last_name", a.lastName(), "profile:last_name", filled);
    text(page, "preferred_name", a.preferredName(), "profile:preferred_name", filled);
    text(page, "email", a.email(), "profile:email", filled);
    country(page, a.country(), filled);
    text(page, "phone", a.phone(), "profile:phone", filled);
    resume(page, resume, filled);
    log.info("filled {} fields at {}", filled.size(), page.url());
    return filled;
  }

  /**
   * Clicks "Submit application" and waits for the outcome.
   *
   * @return the confirmation page reached
   * @throws ApplyTrouble {@code VALIDATION} with the page's error text when the form refused the answers,
   *     {@code CAPTCHA} when a challenge appeared, {@code TIMEOUT} when nothing happened in time
   */
  public Confirmation submit(Page page) {
    Locator button = page.locator(FORM + " button[type='submit'], .application--submit button").first();
    if (button.count() == 0) {
      throw new ApplyTrouble(Kind.UNEXPECTED_PAGE, "no submit button on " + page.url());
    }
    try {
      button.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
    } catch (TimeoutError e) {
      throw new ApplyTrouble(Kind.TIMEOUT, "the submit button could not be clicked within 5 s", e);
    }
    long deadline = System.currentTimeMillis() + SUBMIT_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      try {
        String url = page.url();
        if (isConfirmationUrl(url)) {
          page.waitForLoadState(LoadState.DOMCONTENTLOADED, new Page.WaitForLoadStateOptions().setTimeout(NAVIGATION_TIMEOUT_MS));
          String heading = heading(page);
          log.info("application confirmed at {}", url);
          return new Confirmation(true, url, heading);
        }
        Optional<ApplyTrouble> trouble = troubleAfterSubmit(page);
        if (trouble.isPresent()) {
          throw trouble.get();
        }
      } catch (TimeoutError e) {
        throw new ApplyTrouble(Kind.TIMEOUT, "the confirmation page did not finish loading", e);
      } catch (PlaywrightException e) {
        // The page is navigating between our look-ups; look again.
        log.debug("page changed while waiting for the submit outcome: {}", e.getMessage());
      }
      page.waitForTimeout(150);
    }
    throw new ApplyTrouble(Kind.TIMEOUT, "no confirmation and no error within " + SUBMIT_TIMEOUT_MS / 1000
        + " s after submitting at " + page.url());
  }

  // --- opening ---------------------------------------------------------------------------------------

  private void open(Page page, String url) {
    Response response = navigate(page, url);
    if (page.locator(FORM).count() == 0 && page.locator("iframe#grnhse_iframe").count() > 0) {
      // A company page embedding the board: the form lives in Greenhouse's iframe; open it directly.
      String src = page.locator("iframe#grnhse_iframe").first().getAttribute("src");
      if (src != null && !src.isBlank()) {
        response = navigate(page, src);
      }
    }
    if (response != null && response.status() >= 400 && page.locator(FORM).count() == 0) {
      throw classifyMissingForm(page, response);
    }
    try {
      page.locator(FORM).first().waitFor(new Locator.WaitForOptions()
          .setState(WaitForSelectorState.ATTACHED).setTimeout(FORM_TIMEOUT_MS));
    } catch (TimeoutError e) {
      throw classifyMissingForm(page, response);
    }
  }

  private static Response navigate(Page page, String url) {
    try {
      return page.navigate(url, new Page.NavigateOptions()
          .setTimeout(NAVIGATION_TIMEOUT_MS).setWaitUntil(WaitUntilState.DOMCONTENTLOADED));
    } catch (TimeoutError e) {
      throw new ApplyTrouble(Kind.TIMEOUT, "the page did not load within 15 s: " + url, e);
    } catch (PlaywrightException e) {
      throw new ApplyTrouble(Kind.UNEXPECTED_PAGE, "could not open " + url + ": " + firstLine(e.getMessage()), e);
    }
  }

  private static ApplyTrouble classifyMissingForm(Page page, Response response) {
    String title = safe(page::title);
    if (page.locator(CAPTCHA).count() > 0) {
      return new ApplyTrouble(Kind.CAPTCHA, "the page shows a captcha instead of the form: " + title);
    }
    if (page.locator(LOGIN).count() > 0) {
      return new ApplyTrouble(Kind.LOGIN_WALL, "the page asks to sign in: " + title);
    }
    String status = response == null ? "" : " (HTTP " + response.status() + ")";
    String h1 = page.locator("h1").count() > 0 ? safe(() -> page.locator("h1").first().innerText()) : "";
    return new ApplyTrouble(Kind.UNEXPECTED_PAGE, "no application form at " + page.url() + status
        + "; title '" + title + "'" + (h1.isBlank() ? "" : ", heading '" + h1.strip() + "'"));
  }

  // --- fields ----------------------------------------------------------------------------------------

  private static void text(Page page, String id, String value, String provenance, List<FilledField> filled) {
    if (value == null || value.isBlank()) {
      return;
    }
    Locator input = page.locator("[id='" + id + "']");
    if (input.count() == 0) {
      return;
    }
    try {
      input.first().fill(value, new Locator.FillOptions().setTimeout(FIELD_TIMEOUT_MS));
    } catch (TimeoutError e) {
      throw new ApplyTrouble(Kind.TIMEOUT, "field #" + id + " could not be filled within 5 s", e);
    }
    filled.add(new FilledField(id, label(page, id), value, provenance));
  }

  private static void country(Page page, String country, List<FilledField> filled) {
    if (country == null || country.isBlank()) {
      return;
    }
    Locator input = page.locator("input#country");
    if (input.count() == 0) {
      return;
    }
    try {
      input.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
      input.fill("", new Locator.FillOptions().setTimeout(FIELD_TIMEOUT_MS));
      input.pressSequentially(country.strip(), new Locator.PressSequentiallyOptions().setDelay(15));
      Locator options = page.locator("#react-select-country-listbox [role='option']");
      if (page.locator("#react-select-country-listbox").count() == 0) {
        options = page.locator("[role='listbox'] [role='option']");
      }
      try {
        options.first().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(FIELD_TIMEOUT_MS));
      } catch (TimeoutError e) {
        input.press("Escape");
        throw new ApplyTrouble(Kind.VALIDATION, "the country list offers nothing for '" + country + "'", e);
      }
      List<String> labels = options.allInnerTexts();
      int best = bestOption(labels, country);
      if (best < 0) {
        input.press("Escape");
        throw new ApplyTrouble(Kind.VALIDATION, "the country list has no option '" + country + "' (it offers "
            + String.join(", ", labels.subList(0, Math.min(5, labels.size()))) + ")");
      }
      String chosen = labels.get(best).strip();
      options.nth(best).click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
      Locator shown = page.locator(".select__control:has(#country) .select__single-value");
      if (shown.count() > 0) {
        String text = shown.first().innerText().strip();
        if (!text.equalsIgnoreCase(chosen)) {
          throw new ApplyTrouble(Kind.UNEXPECTED_PAGE, "the country combobox shows '" + text + "' after choosing '" + chosen + "'");
        }
      }
      filled.add(new FilledField("country", label(page, "country"), chosen, "profile:country"));
    } catch (TimeoutError e) {
      throw new ApplyTrouble(Kind.TIMEOUT, "the country combobox did not respond within 5 s", e);
    }
  }

  private static void resume(Page page, Upload resume, List<FilledField> filled) {
    if (resume == null || resume.bytes() == null || resume.bytes().length == 0) {
      return;
    }
    Locator input = page.locator("input#resume[type='file']");
    if (input.count() == 0) {
      return;
    }
    try {
      input.setInputFiles(new FilePayload(resume.filename(), resume.contentType(), resume.bytes()),
          new Locator.SetInputFilesOptions().setTimeout(FIELD_TIMEOUT_MS));
    } catch (TimeoutError e) {
      throw new ApplyTrouble(Kind.TIMEOUT, "the resume could not be attached within 5 s", e);
    }
    Locator error = page.locator("#resume-error:visible");
    if (error.count() > 0) {
      throw new ApplyTrouble(Kind.VALIDATION, "the form refused the resume: " + error.first().innerText().strip());
    }
    String label = page.locator("#upload-label-resume").count() > 0 ? clean(page.locator("#upload-label-resume").first().innerText()) : "Resume/CV";
    filled.add(new FilledField("resume", label, resume.filename(), "document:resume"));
  }

  /**
   * Index of the option whose label names {@code wanted}: the same text, or the text followed by a dialling
   * code ({@code "United States +1"}) or a parenthesis; -1 when none does.
   */
  static int bestOption(List<String> labels, String wanted) {
    String w = normalise(wanted);
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < labels.size(); i++) {
        String l = normalise(labels.get(i));
        boolean match = pass == 0 ? l.equals(w)
            : l.startsWith(w + " +") || l.startsWith(w + " (") || l.replaceAll("\\s*\\(?\\+[\\d\\s-]+\\)?$", "").equals(w);
        if (match) {
          return i;
        }
      }
    }
    return -1;
  }

  private static String normalise(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static String label(Page page, String id) {
    Locator l = page.locator("[id='" + id + "-label']");
    if (l.count() == 0) {
      l = page.locator("label[for='" + id + "']");
    }
    return l.count() == 0 ? id : clean(l.first().innerText());
  }

  private static String clean(String label) {
    return label == null ? "" : label.replace("*", "").strip();
  }

  // --- outcome ---------------------------------------------------------------------------------------

  static boolean isConfirmationUrl(String url) {
    String u = url == null ? "" : url;
    int cut = u.indexOf('?');
    if (cut >= 0) {
      u = u.substring(0, cut);
    }
    cut = u.indexOf('#');
    if (cut >= 0) {
      u = u.substring(0, cut);
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u.endsWith("/confirmation");
  }

  private static Optional<ApplyTrouble> troubleAfterSubmit(Page page) {
    if (page.locator(CAPTCHA_CHALLENGE).filter(new Locator.FilterOptions().setVisible(true)).count() > 0) {
      return Optional.of(new ApplyTrouble(Kind.CAPTCHA, "a captcha challenge appeared after submitting"));
    }
    Locator code = page.locator("text=/verification code was sent/i");
    if (code.count() > 0 && code.first().isVisible()) {
      return Optional.of(new ApplyTrouble(Kind.CAPTCHA, code.first().innerText().strip()));
    }
    Set<String> messages = new LinkedHashSet<>();
    Locator formError = page.locator("#application-error:visible");
    String top = formError.count() > 0 ? formError.first().innerText().strip() : "";
    if (!top.isEmpty()) {
      messages.add(top);
    }
    for (String t : page.locator("[id$='-error']:visible, .helper-text--error:visible").allInnerTexts()) {
      String s = t.strip();
      if (!s.isEmpty() && !top.contains(s)) {
        messages.add(s);
      }
    }
    if (messages.isEmpty()) {
      return Optional.empty();
    }
    String text = String.join(" ", messages);
    Kind kind = text.toLowerCase(Locale.ROOT).contains("captcha") ? Kind.CAPTCHA : Kind.VALIDATION;
    return Optional.of(new ApplyTrouble(kind, text));
  }

  private static String heading(Page page) {
    Locator title = page.locator("#confirmation-title");
    if (title.count() == 0) {
      title = page.locator("h1");
    }
    return title.count() == 0 ? safe(page::title) : title.first().innerText().strip();
  }

  private static String safe(java.util.function.Supplier<String> s) {
    try {
      String v = s.get();
      return v == null ? "" : v;
    } catch (PlaywrightException e) {
      return "";
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
