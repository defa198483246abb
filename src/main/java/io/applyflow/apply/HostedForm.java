package io.applyflow.apply;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitUntilState;
import io.applyflow.apply.ApplyTrouble.Kind;
import io.applyflow.apply.NavigationGuard.Posted;
import io.applyflow.platform.web.Inputs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link FormDriver} for every ATS's hosted application form: Greenhouse's job-board renderer, its classic form and
 * the {@code grnhse_iframe} embed, Lever's apply page, Ashby's client-side form, and the sandbox pages that model
 * them. It knows no ATS's markup beyond two things: Greenhouse's known form ids (tried before {@link FormFinder}'s
 * generic search) and Greenhouse's naming ({@link #aliases}: the classic form's {@code job_application[<field>]}
 * names, the classic custom-question rows identified by a hidden {@code question_id}, the hosted location typeahead
 * {@code #candidate-location}). Finding, operating and reading back the fields is the {@link FormEngine}'s; the
 * submit button, the errors and the confirmation are found by their roles and words.
 *
 * <p>It fills only what the plan gives and only fields the page has; it never answers a question on its own. Files
 * are attached only from the {@link Upload}s given for the entry's provenance ({@code document:resume},
 * {@code document:cover_letter}); text is never turned into a file.
 *
 * <p>It opens only URLs its {@link AllowedOrigins} allow (an embedded {@code iframe#grnhse_iframe} is checked the same
 * way before it is followed) and guards every page it opens with a {@link NavigationGuard}, which also watches the
 * form's POST for {@link #submit}.
 *
 * <p>Plain Java, no Vert.x. Threading: stateless, but a {@link Page} must only be used on the thread of the
 * {@code Playwright} that made it, so call this from that worker thread.
 */
public final class HostedForm implements FormDriver {
  private static final Logger log = LoggerFactory.getLogger(HostedForm.class);

  static final double NAVIGATION_TIMEOUT_MS = 15_000;
  static final double FIELD_TIMEOUT_MS = Widgets.FIELD_TIMEOUT_MS;
  static final long SUBMIT_TIMEOUT_MS = 30_000;
  private static final double FORM_TIMEOUT_MS = 10_000;

  /** Forms an ATS is known to use: Greenhouse's hosted and classic forms (Lever's apply form has the hosted id). */
  private static final String KNOWN_FORMS = "form#application-form, form#application_form";
  /** A challenge a person has to solve (reCAPTCHA/hCaptcha challenge frames, Cloudflare). */
  private static final String CAPTCHA_CHALLENGE = String.join(", ",
      "iframe[src*='recaptcha'][src*='bframe']", "iframe[title*='challenge' i]", "iframe[src*='hcaptcha.com']",
      ".cf-turnstile", "#challenge-form", "#cf-challenge-running", "[role='dialog'][id*='captcha' i]",
      "[role='dialog'][class*='captcha' i]");
  /** Also the visible reCAPTCHA v2 checkbox, which stands in for a missing form. */
  private static final String CAPTCHA = CAPTCHA_CHALLENGE + ", .g-recaptcha";
  private static final String LOGIN = "input[type='password']";
  private static final Pattern CLASSIC_NAME = Pattern.compile("job_application\\[([a-z_]+)]");

  /** How long the page may take to show the outcome once the ATS has accepted the POST. */
  static final long CONFIRMATION_GRACE_MS = 10_000;

  private final AllowedOrigins allowed;
  /** The guard of each page this form has opened (weak: a closed page's guard goes with it). */
  private final Map<Page, NavigationGuard> guards = Collections.synchronizedMap(new WeakHashMap<>());

  /** A form that opens only Greenhouse's own hosts. */
  public HostedForm() {
    this(AllowedOrigins.greenhouseOnly());
  }

  /** A form that opens only what {@code allowed} allows, and guards every page it opens with it. */
  public HostedForm(AllowedOrigins allowed) {
    this.allowed = allowed;
  }

  /**
   * Opens {@code url} and fills the applicant's fields and the resume; kept for callers without a plan.
   *
   * @return the fields set, in page order, with where each value came from
   * @throws ApplyTrouble when the page is not an application form, shows a captcha or a login, times
   *     out, or refuses a value (a country it does not offer, a file type it rejects)
   */
  public List<FilledField> fill(Page page, String url, ApplicantData a, Upload resume) {
    return fill(page, url, planFor(a, resume), resume).filled();
  }

  /**
   * Opens {@code url}, fills every plan entry that is not missing, and reads back which fields the page
   * marks required and which of those are still empty.
   *
   * @param resume the file for the plan's {@code document:resume} entry (ignored when the plan has none)
   * @throws ApplyTrouble {@code CAPTCHA} / {@code LOGIN_WALL} / {@code UNEXPECTED_PAGE} when there is no form
   *     to fill, {@code TIMEOUT} when the page or a field does not respond, {@code VALIDATION} when the page
   *     refuses a value of the plan (no such option, a file type it rejects)
   */
  public FillReport fill(Page page, String url, FillPlan plan, Upload resume) {
    return fill(page, url, plan, resume, null);
  }

  /**
   * Like {@link #fill(Page, String, FillPlan, Upload)}, with the file for the plan's {@code document:cover_letter}
   * entry too ({@code coverLetter} may be null when the plan has none).
   */
  public FillReport fill(Page page, String url, FillPlan plan, Upload resume, Upload coverLetter) {
    Map<String, Upload> files = new HashMap<>();
    files.put(PlanEntry.RESUME_DOCUMENT, resume);
    files.put(PlanEntry.COVER_LETTER_DOCUMENT, coverLetter);
    return fill(open(page, url), plan, files);
  }

  /**
   * Greenhouse's names for the page's controls, where the API names them differently: the classic form's
   * {@code job_application[<field>]} is {@code <field>}, a classic custom question's row (whose hidden
   * {@code [question_id]} input holds the question's id) is {@code question_<id>}, and the hosted form's location
   * typeahead {@code #candidate-location} is {@code location}.
   */
  static List<String> aliases(PageField field, List<Map.Entry<String, String>> hidden) {
    List<String> out = new ArrayList<>();
    Matcher m = CLASSIC_NAME.matcher(field.name());
    if (m.matches()) {
      out.add(m.group(1));
    }
    for (Map.Entry<String, String> h : hidden) {
      if (h.getKey().endsWith("[question_id]") && h.getValue().matches("\\d+")) {
        out.add("question_" + h.getValue());
      }
    }
    if ("candidate-location".equals(field.id())) {
      out.add("location");
    }
    return out;
  }

  /**
   * Clicks the form's submit button ("Submit application", or {@code #submit_app} on the classic form) and
   * waits for the outcome. The submission counts as confirmed only when both hold: the ATS accepted the form's POST
   * (a document, fetch or XHR POST to an allowed origin answered 2xx, or 3xx for the classic form's redirect) and
   * the page reached, no longer showing the form, says so in its text ({@link ConfirmationText}). The URL alone
   * decides nothing.
   *
   * @return the confirmation reached, with the POST's status, the page's words and the ATS's receipt if any
   * @throws ApplyTrouble {@code VALIDATION} with the page's error text when the form refused the answers (nothing
   *     was accepted), {@code CAPTCHA} when a challenge appeared, {@code UNCONFIRMED} when the POST was accepted but
   *     the page says something else or nothing, {@code REFUSED_URL} when the page tried to go off the allow-list,
   *     {@code TIMEOUT} when nothing happened in time
   */
  public Confirmation submit(Page page) {
    NavigationGuard guard = guards.get(page);
    if (guard == null) {
      throw new IllegalStateException("submit a page this form filled: only its pages are guarded and watched");
    }
    if (page.locator(FormFinder.SELECTOR).count() == 0) {
      markForm(page);
    }
    Locator button = FormFinder.submitButton(page);
    if (button.count() == 0) {
      button = page.locator("#submit_app").first();
    }
    if (button.count() == 0) {
      throw new ApplyTrouble(Kind.UNEXPECTED_PAGE, "no submit button on " + page.url());
    }
    // errors already on the page are not the answer to this click (a document POST shows them until the new page)
    Set<String> before = errorMessages(page);
    int mark = guard.posts().size();
    try {
      button.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
    } catch (TimeoutError e) {
      throw new ApplyTrouble(Kind.TIMEOUT, "the submit button could not be clicked within 5 s", e);
    }
    return outcome(page, before, guard, mark, false);
  }

  /** {@link #submit(Page)} for a form {@link #open} opened. */
  @Override
  public Confirmation submit(OpenForm form) {
    return submit(form.page());
  }

  /**
   * Types the security code the board emailed into its code step ({@link SecurityCodeStep}), submits again and
   * waits for the outcome as {@link #submit} does.
   *
   * @throws SecurityCodeRequired with the board's message when the step is still there after the POST was answered
   *     (a wrong or expired code); otherwise as {@link #submit}
   */
  public Confirmation submitSecurityCode(Page page, String code) {
    NavigationGuard guard = guards.get(page);
    if (guard == null) {
      throw new IllegalStateException("submit a page this form filled: only its pages are guarded and watched");
    }
    Set<String> before = errorMessages(page);
    Locator button = SecurityCodeStep.enter(page, code);
    int mark = guard.posts().size();
    try {
      button.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
    } catch (TimeoutError e) {
      throw new ApplyTrouble(Kind.TIMEOUT, "the button that submits the security code could not be clicked within 5 s", e);
    }
    return outcome(page, before, guard, mark, true);
  }

  /** The last POST answered since {@code mark}, or null. */
  private static Posted lastPost(NavigationGuard guard, int mark) {
    List<Posted> posts = guard.posts();
    return posts.size() > mark ? posts.get(posts.size() - 1) : null;
  }

  /** Waits for what the submission led to; {@code before}: the error messages the page showed before the click. */
  private Confirmation outcome(Page page, Set<String> before, NavigationGuard guard, int mark, boolean codeSent) {
    long deadline = System.currentTimeMillis() + SUBMIT_TIMEOUT_MS;
    long acceptedAt = 0;
    long answeredAt = 0;
    while (System.currentTimeMillis() < deadline) {
      try {
        refusedNavigation(guard);
        Posted last = lastPost(guard, mark);
        if (last != null && last.accepted()) {
          if (acceptedAt == 0) {
            acceptedAt = System.currentTimeMillis();
            deadline = Math.max(deadline, acceptedAt + CONFIRMATION_GRACE_MS);
          }
          Optional<Confirmation> confirmed = confirmation(page, last);
          if (confirmed.isPresent()) {
            return confirmed.get();
          }
          if (System.currentTimeMillis() - acceptedAt > CONFIRMATION_GRACE_MS) {
            throw new ApplyTrouble(Kind.UNCONFIRMED, "the ATS accepted the submission (HTTP " + last.status()
                + ") but " + page.url() + " shows no confirmation; the page says: '" + excerpt(pageText(page)) + "'");
          }
        } else {
          if (last != null && answeredAt == 0) {
            answeredAt = System.currentTimeMillis();
          }
          Optional<ApplyTrouble> trouble;
          if (SecurityCodeStep.shown(page, guard.securityCodeRecipient())) {
            trouble = securityCode(page, guard, last, codeSent, answeredAt);
          } else {
            trouble = troubleAfterSubmit(page, before);
          }
          if (trouble.isPresent()) {
            throw trouble.get();
          }
        }
      } catch (TimeoutError e) {
        throw new ApplyTrouble(Kind.TIMEOUT, "the page after the submission did not finish loading", e);
      } catch (PlaywrightException e) {
        // The page is navigating between our look-ups; look again.
        log.debug("page changed while waiting for the submit outcome: {}", e.getMessage());
      }
      page.waitForTimeout(150);
    }
    Posted last = lastPost(guard, mark);
    throw new ApplyTrouble(Kind.TIMEOUT, "no confirmation and no error within " + SUBMIT_TIMEOUT_MS / 1000
        + " s after submitting at " + page.url()
        + (last == null ? " (no answer to the form's POST was seen)" : " (the form's POST answered " + last.status() + ")"));
  }

  /**
   * The confirmation the page shows after an accepted POST; empty while the form is still shown or the page says
   * nothing yet.
   *
   * @throws ApplyTrouble {@code UNCONFIRMED} when the page says the application was not taken
   */
  private static Optional<Confirmation> confirmation(Page page, Posted post) {
    if (page.locator(KNOWN_FORMS + ", " + FormFinder.SELECTOR).filter(new Locator.FilterOptions().setVisible(true))
        .count() > 0) {
      return Optional.empty();
    }
    page.waitForLoadState(LoadState.DOMCONTENTLOADED, new Page.WaitForLoadStateOptions().setTimeout(NAVIGATION_TIMEOUT_MS));
    String text = pageText(page);
    String url = page.url();
    switch (ConfirmationText.read(text)) {
      case DENIES -> throw new ApplyTrouble(Kind.UNCONFIRMED, "the ATS answered the submission with HTTP "
          + post.status() + ", but the page at " + url + " says: '" + line(text, ConfirmationText.Verdict.DENIES) + "'");
      case CONFIRMS -> {
        String receipt = post.receipt() != null ? post.receipt() : Receipts.of(null, url);
        String message = line(text, ConfirmationText.Verdict.CONFIRMS);
        log.info("application confirmed at {} (POST answered {}, receipt {}): {}", url, post.status(), receipt, message);
        return Optional.of(new Confirmation(true, url, heading(page), post.status(), message, receipt));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** The rendered text of the page's main content (or body). */
  private static String pageText(Page page) {
    Object text = page.evaluate("() => { const m = document.querySelector('main') || document.body; "
        + "return m ? m.innerText : ''; }");
    return text == null ? "" : String.valueOf(text);
  }

  /** The first line of {@code text} that reads as {@code verdict}, else the start of the text. */
  private static String line(String text, ConfirmationText.Verdict verdict) {
    for (String l : text.split("\\R")) {
      if (ConfirmationText.read(l) == verdict) {
        return excerpt(l);
      }
    }
    return excerpt(text);
  }

  private static String excerpt(String text) {
    String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return t.length() <= 300 ? t : t.substring(0, 300) + "…";
  }

  /** The plan the {@link ApplicantData} overload fills: profile fields, then the resume when there is one. */
  static FillPlan planFor(ApplicantData a, Upload resume) {
    List<PlanEntry> entries = new ArrayList<>();
    text(entries, "first_name", a.firstName());
    text(entries, "last_name", a.lastName());
    text(entries, "preferred_name", a.preferredName());
    text(entries, "email", a.email());
    if (a.country() != null && !a.country().isBlank()) {
      entries.add(new PlanEntry("country", null, "multi_value_single_select", false, null, List.of(a.country().strip()),
          "profile:country", Sensitivity.NONE));
    }
    text(entries, "phone", a.phone());
    if (resume != null && resume.bytes() != null && resume.bytes().length > 0) {
      entries.add(new PlanEntry("resume", null, "input_file", false, resume.filename(), List.of(), "document:resume",
          Sensitivity.NONE));
    }
    return new FillPlan(entries);
  }

  private static void text(List<PlanEntry> entries, String field, String value) {
    if (value != null && !value.isBlank()) {
      entries.add(new PlanEntry(field, null, "input_text", false, value, List.of(), "profile:" + field, Sensitivity.NONE));
    }
  }

  // --- opening ---------------------------------------------------------------------------------------

  /**
   * Opens {@code url} (only when {@link AllowedOrigins} allows it), guards the page, follows an embedded
   * {@code iframe#grnhse_iframe} when the page has no form of its own, and waits for the application form: a form
   * the ATS is known to use, else whatever {@link FormFinder} recognises as one (a client-side form appears after
   * its scripts ran), or what stands in its way (a captcha, a login).
   *
   * @return the form, addressed by {@link FormFinder#SELECTOR}
   * @throws ApplyTrouble {@code REFUSED_URL}, {@code CAPTCHA}, {@code LOGIN_WALL}, {@code TIMEOUT} or
   *     {@code UNEXPECTED_PAGE} (no form) naming what the page showed
   */
  @Override
  public OpenForm open(Page page, String url) {
    String why = allowed.refusal(url);
    if (why != null) {
      throw new ApplyTrouble(Kind.REFUSED_URL, "refused to open '" + Inputs.shown(url) + "': " + why);
    }
    NavigationGuard guard = guards.computeIfAbsent(page, p -> NavigationGuard.install(p, allowed));
    Response response = navigate(page, url, guard);
    if (page.locator(KNOWN_FORMS).count() == 0 && page.locator("iframe#grnhse_iframe").count() > 0) {
      // A company page embedding the board: the form lives in Greenhouse's iframe; open it directly, if allowed.
      Object src = page.locator("iframe#grnhse_iframe").first().evaluate("f => f.getAttribute('src') ? f.src : ''");
      String frame = src == null ? "" : String.valueOf(src);
      if (!frame.isBlank()) {
        String refused = allowed.refusal(frame);
        if (refused != null) {
          throw new ApplyTrouble(Kind.REFUSED_URL, "the page " + Inputs.shown(page.url())
              + " embeds its form from '" + Inputs.shown(frame) + "', which is not opened: " + refused);
        }
        response = navigate(page, frame, guard);
      }
    }
    if (response != null && response.status() >= 400 && page.locator(KNOWN_FORMS).count() == 0) {
      throw classifyMissingForm(page, response);
    }
    long deadline = System.currentTimeMillis() + (long) FORM_TIMEOUT_MS;
    while (true) {
      try {
        refusedNavigation(guard);
        if (markForm(page)) {
          return new OpenForm(page, FormFinder.SELECTOR);
        }
        if (page.locator(CAPTCHA + ", " + LOGIN).filter(new Locator.FilterOptions().setVisible(true)).count() > 0) {
          throw classifyMissingForm(page, response);
        }
      } catch (PlaywrightException e) {
        // the page is between documents (a redirect, a client-side route); look again
        log.debug("page changed while looking for its form: {}", firstLine(e.getMessage()));
      }
      if (System.currentTimeMillis() >= deadline) {
        throw classifyMissingForm(page, response);
      }
      page.waitForTimeout(150);
    }
  }

  /** Marks the application form: a known one (Greenhouse's hosted or classic form) first, else any recognised one. */
  private static boolean markForm(Page page) {
    Locator known = page.locator(KNOWN_FORMS).filter(new Locator.FilterOptions().setVisible(true));
    if (known.count() > 0) {
      known.first().evaluate("f => { document.querySelectorAll('[data-applyflow-form]')"
          + ".forEach(e => e.removeAttribute('data-applyflow-form')); f.setAttribute('data-applyflow-form', ''); }");
      return true;
    }
    return FormFinder.mark(page);
  }

  /**
   * The form's labelled controls before anything is typed, with the options of comboboxes that show them only
   * when opened ({@link FormEngine#readWithOptions}): what a form read from the page is planned from.
   */
  @Override
  public List<PageField> read(OpenForm form) {
    return FormEngine.readWithOptions(form.page(), form.selector(), HostedForm::aliases);
  }

  /**
   * Fills every plan entry that is not missing into the open form and reads back which fields the page marks
   * required and which of those are still empty ({@link FormEngine#fill}).
   *
   * @param files the documents by the provenance of the entry that attaches them
   */
  @Override
  public FillReport fill(OpenForm form, FillPlan plan, Map<String, Upload> files) {
    FillReport report = FormEngine.fill(form.page(), form.selector(), plan, files, HostedForm::aliases);
    refusedNavigation(guards.get(form.page()));
    return report;
  }

  private static Response navigate(Page page, String url, NavigationGuard guard) {
    Response response;
    try {
      response = page.navigate(url, new Page.NavigateOptions()
          .setTimeout(NAVIGATION_TIMEOUT_MS).setWaitUntil(WaitUntilState.DOMCONTENTLOADED));
    } catch (TimeoutError e) {
      refusedNavigation(guard);
      throw new ApplyTrouble(Kind.TIMEOUT, "the page did not load within 15 s: " + url, e);
    } catch (PlaywrightException e) {
      refusedNavigation(guard);
      throw new ApplyTrouble(Kind.UNEXPECTED_PAGE, "could not open " + url + ": " + firstLine(e.getMessage()), e);
    }
    refusedNavigation(guard);
    return response;
  }

  /** Throws {@code REFUSED_URL} when the guard has refused a top-frame navigation of the page. */
  private static void refusedNavigation(NavigationGuard guard) {
    String refused = guard == null ? null : guard.refusedPage();
    if (refused != null) {
      throw new ApplyTrouble(Kind.REFUSED_URL, "the browser was stopped from opening " + refused);
    }
  }

  private static ApplyTrouble classifyMissingForm(Page page, Response response) {
    String title = safe(page::title);
    if (page.locator(CAPTCHA).count() > 0) {
      return new ApplyTrouble(Kind.CAPTCHA, "the page shows a captcha instead of the form: " + title);
    }
    if (page.locator(LOGIN).count() > 0) {
      return new ApplyTrouble(Kind.LOGIN_WALL, "the page asks to sign in: " + title + " (" + page.url() + ")");
    }
    String status = response == null ? "" : " (HTTP " + response.status() + ")";
    String h1 = page.locator("h1").count() > 0 ? safe(() -> page.locator("h1").first().innerText()) : "";
    return new ApplyTrouble(Kind.UNEXPECTED_PAGE, "no application form at " + page.url() + status
        + "; title '" + title + "'" + (h1.isBlank() ? "" : ", heading '" + h1.strip() + "'"));
  }

  // --- outcome ---------------------------------------------------------------------------------------

  private static Optional<ApplyTrouble> challenge(Page page) {
    if (page.locator(CAPTCHA_CHALLENGE).filter(new Locator.FilterOptions().setVisible(true)).count() > 0) {
      return Optional.of(new ApplyTrouble(Kind.CAPTCHA, "a captcha challenge appeared after submitting"));
    }
    return Optional.empty();
  }

  /** How long the code step may take to show the board's words about a code once its POST is answered. */
  private static final long CODE_ERROR_GRACE_MS = 3_000;

  /**
   * The page shows the email security-code step ({@link SecurityCodeStep}). Judged only once a POST sent since the
   * click was answered without being accepted (until then the step on screen is the one the click left): the first
   * time it is the board asking for the code; after a code was sent, the step still there is the board refusing it,
   * with its words when it shows them within {@link #CODE_ERROR_GRACE_MS}.
   */
  private static Optional<ApplyTrouble> securityCode(Page page, NavigationGuard guard, Posted last, boolean codeSent,
                                                     long answeredAt) {
    if (last == null) {
      return Optional.empty();
    }
    String recipient = SecurityCodeStep.recipient(page, guard.securityCodeRecipient());
    if (!codeSent) {
      return Optional.of(new SecurityCodeRequired(recipient, null));
    }
    String error = SecurityCodeStep.error(page);
    if (error != null) {
      return Optional.of(new SecurityCodeRequired(recipient, error));
    }
    if (System.currentTimeMillis() - answeredAt > CODE_ERROR_GRACE_MS) {
      return Optional.of(new SecurityCodeRequired(recipient, "the board answered the code with HTTP " + last.status()
          + " and still asks for a security code, without saying why"));
    }
    return Optional.empty();
  }

  /** Where pages put what is wrong: Greenhouse's banners and field errors, and ARIA alerts and error messages. */
  private static final String ERRORS = String.join(", ", "#application-error:visible", "#error_flash:visible",
      "[role='alert']:visible", "[id$='-error']:visible", ".helper-text--error:visible", ".field-error:visible",
      ".error-message:visible");

  /** The error texts the page shows now, in page order. */
  private static Set<String> errorMessages(Page page) {
    Set<String> messages = new LinkedHashSet<>();
    for (String t : page.locator(ERRORS).allInnerTexts()) {
      String s = t.strip().replaceAll("\\s+", " ");
      if (!s.isEmpty() && messages.stream().noneMatch(m -> m.contains(s))) {
        messages.add(s);
      }
    }
    for (Object o : (List<?>) page.evaluate(INVALID_FIELD_MESSAGES)) {
      String s = String.valueOf(o).strip().replaceAll("\\s+", " ");
      if (!s.isEmpty() && messages.stream().noneMatch(m -> m.contains(s))) {
        messages.add(s);
      }
    }
    return messages;
  }

  /** The messages {@code aria-errormessage} names for every field marked {@code aria-invalid="true"}. */
  private static final String INVALID_FIELD_MESSAGES = """
      () => Array.from(document.querySelectorAll('[aria-invalid="true"][aria-errormessage]'))
          .flatMap(el => el.getAttribute('aria-errormessage').split(/\\s+/))
          .map(id => document.getElementById(id)).filter(e => e && e.getClientRects().length > 0)
          .map(e => e.innerText)""";

  /** A challenge, or errors the page did not show before the click ({@code before}); empty while there are none. */
  private static Optional<ApplyTrouble> troubleAfterSubmit(Page page, Set<String> before) {
    Optional<ApplyTrouble> challenge = challenge(page);
    if (challenge.isPresent()) {
      return challenge;
    }
    Set<String> messages = errorMessages(page);
    messages.removeAll(before);
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
