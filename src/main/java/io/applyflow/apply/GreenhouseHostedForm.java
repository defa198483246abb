package io.applyflow.apply;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.SelectOption;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.WaitUntilState;
import io.applyflow.apply.ApplyTrouble.Kind;
import io.applyflow.apply.NavigationGuard.Posted;
import io.applyflow.platform.web.Inputs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.WeakHashMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills and submits Greenhouse application forms from a {@link FillPlan}: the hosted job-board renderer
 * ({@code job-boards.greenhouse.io/{board}/jobs/{id}}, {@code #application-form}, inputs found by id, react-select
 * comboboxes) and the classic boards form ({@code #application_form}, inputs found by their
 * {@code job_application[...]} names, native selects), and the sandbox board that copies both. It fills only what
 * the plan gives and only fields the page has; it never answers a question on its own.
 *
 * <p>Field rules, by the plan entry's {@code field} (a trailing {@code []} is ignored):
 * <ul>
 *   <li>hosted: {@code [id='<field>']}; {@code location} is the typeahead {@code #candidate-location}; {@code country}
 *       is the phone-country combobox {@code #country}; demographic questions are {@code [id='<numeric id>']};</li>
 *   <li>classic: {@code [name='job_application[<field>]']}; {@code question_<id>} is the {@code answers_attributes}
 *       row whose hidden {@code question_id} is {@code <id>} ({@code [text_value]}, {@code [boolean_value]} or its
 *       option checkboxes); there is no country combobox, so a {@code country} entry is skipped;</li>
 *   <li>the widget decides how: text inputs and textareas are typed (a hidden {@code resume_text} is revealed by its
 *       "Enter manually" button), react-select comboboxes get the option label typed and the matching
 *       {@code [role=option]} clicked (once per label for a multi-select), native selects are chosen by label,
 *       checkbox groups are ticked by label, the location typeahead takes the first option starting with the value,
 *       and file inputs get the {@link Upload} their entry's provenance names ({@code document:resume},
 *       {@code document:cover_letter}); text is never turned into a file, so no letter goes out that was not
 *       rendered and checked;</li>
 *   <li>a field the page shows only after another answer ({@code #race} after {@code #hispanic_ethnicity}) is filled
 *       after the rest of the plan.</li>
 * </ul>
 *
 * <p>It opens only URLs its {@link AllowedOrigins} allow (an embedded {@code iframe#grnhse_iframe} is checked the same
 * way before it is followed) and guards every page it opens with a {@link NavigationGuard}, which also watches the
 * form's POST for {@link #submit}.
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
  /** How long a field that appears only after another answer (race) may take to show up. */
  private static final double DEPENDENT_TIMEOUT_MS = 2_000;

  private static final String HOSTED = "#application-form";
  private static final String CLASSIC = "#application_form";
  private static final String ANY_FORM = HOSTED + ", " + CLASSIC;
  /** A challenge a person has to solve (reCAPTCHA/hCaptcha challenge frames, Cloudflare). */
  private static final String CAPTCHA_CHALLENGE = String.join(", ",
      "iframe[src*='recaptcha'][src*='bframe']", "iframe[title*='challenge' i]", "iframe[src*='hcaptcha.com']",
      ".cf-turnstile", "#challenge-form", "#cf-challenge-running");
  /** Also the visible reCAPTCHA v2 checkbox, which stands in for a missing form. */
  private static final String CAPTCHA = CAPTCHA_CHALLENGE + ", .g-recaptcha";
  private static final String LOGIN = "input[type='password']";
  private static final Set<String> FILE_FIELDS = Set.of("resume", "cover_letter");
  /** Fields the hosted page shows only once another question is answered. */
  private static final Set<String> DEPENDENT_FIELDS = Set.of("race");

  /** How long the page may take to show the outcome once the ATS has accepted the POST. */
  static final long CONFIRMATION_GRACE_MS = 10_000;

  private enum Renderer { HOSTED, CLASSIC }

  private final AllowedOrigins allowed;
  /** The guard of each page this form has opened (weak: a closed page's guard goes with it). */
  private final Map<Page, NavigationGuard> guards = Collections.synchronizedMap(new WeakHashMap<>());

  /** A form that opens only Greenhouse's own hosts. */
  public GreenhouseHostedForm() {
    this(AllowedOrigins.greenhouseOnly());
  }

  /** A form that opens only what {@code allowed} allows, and guards every page it opens with it. */
  public GreenhouseHostedForm(AllowedOrigins allowed) {
    this.allowed = allowed;
  }

  /** A plan entry's element on the page and what kind of widget it is ({@link FormScripts#KIND}). */
  private record Target(Locator element, String kind, String id) {
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
    Renderer renderer = open(page, url);
    List<PlanEntry> entries = plan.filled();
    Map<Integer, FilledField> done = new TreeMap<>();
    List<Integer> later = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      PlanEntry e = entries.get(i);
      if ("input_hidden".equals(e.type())) {
        continue; // latitude/longitude and the like: the page sets them itself
      }
      Target t = target(page, renderer, e);
      if (t == null && !DEPENDENT_FIELDS.contains(base(e))) {
        log.debug("field {} of the plan is not on the page {}", e.field(), page.url());
        continue;
      }
      if (t != null && "hidden".equals(t.kind())) {
        continue;
      }
      if (t == null || !shown(t)) {
        later.add(i);
        continue;
      }
      Optional<FilledField> f = fillOne(page, e, t, files);
      if (f.isPresent()) {
        done.put(i, f.get());
      }
    }
    for (int i : later) {
      PlanEntry e = entries.get(i);
      Target t = waitForTarget(page, renderer, e);
      if (t == null) {
        log.info("field {} never appeared on {}; left empty", e.field(), page.url());
        continue;
      }
      Optional<FilledField> f = fillOne(page, e, t, files);
      if (f.isPresent()) {
        done.put(i, f.get());
      }
    }
    List<String> requiredOnPage = new ArrayList<>();
    List<String> requiredUnfilled = new ArrayList<>();
    for (Object o : (List<?>) page.evaluate(FormScripts.REQUIRED, renderer == Renderer.CLASSIC)) {
      Map<?, ?> m = (Map<?, ?>) o;
      String field = String.valueOf(m.get("field"));
      requiredOnPage.add(field);
      if (Boolean.TRUE.equals(m.get("empty"))) {
        requiredUnfilled.add(field);
      }
    }
    refusedNavigation(guards.get(page));
    log.info("filled {} of {} planned fields at {}; {} required on the page, {} still empty", done.size(),
        entries.size(), page.url(), requiredOnPage.size(), requiredUnfilled.size());
    return new FillReport(List.copyOf(done.values()), requiredOnPage, requiredUnfilled);
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
    boolean classic = page.locator(HOSTED).count() == 0 && page.locator(CLASSIC).count() > 0;
    Locator button = page.locator(classic ? "#submit_app, " + CLASSIC + " [type='submit']"
        : HOSTED + " button[type='submit'], .application--submit button").first();
    if (button.count() == 0) {
      throw new ApplyTrouble(Kind.UNEXPECTED_PAGE, "no submit button on " + page.url());
    }
    if (classic) {
      // The classic form posts and loads a new document; until it does, errors on the page are the old ones.
      page.evaluate("() => { window.__applyflowSubmitting = true; }");
    }
    int mark = guard.posts().size();
    try {
      button.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
    } catch (TimeoutError e) {
      throw new ApplyTrouble(Kind.TIMEOUT, "the submit button could not be clicked within 5 s", e);
    }
    return outcome(page, classic, guard, mark, false);
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
    Locator button = SecurityCodeStep.enter(page, code);
    int mark = guard.posts().size();
    try {
      button.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
    } catch (TimeoutError e) {
      throw new ApplyTrouble(Kind.TIMEOUT, "the button that submits the security code could not be clicked within 5 s", e);
    }
    return outcome(page, false, guard, mark, true);
  }

  /** The last POST answered since {@code mark}, or null. */
  private static Posted lastPost(NavigationGuard guard, int mark) {
    List<Posted> posts = guard.posts();
    return posts.size() > mark ? posts.get(posts.size() - 1) : null;
  }

  private Confirmation outcome(Page page, boolean classic, NavigationGuard guard, int mark, boolean codeSent) {
    long deadline = System.currentTimeMillis() + SUBMIT_TIMEOUT_MS;
    long acceptedAt = 0;
    long answeredAt = 0;
    while (System.currentTimeMillis() < deadline) {
      try {
        refusedNavigation(guard);
        Posted last = lastPost(guard, mark);
        boolean oldDocument = classic && Boolean.TRUE.equals(page.evaluate("() => window.__applyflowSubmitting === true"));
        if (last != null && last.accepted() && !oldDocument) {
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
          if (oldDocument) {
            trouble = challenge(page);
          } else if (SecurityCodeStep.shown(page, guard.securityCodeRecipient())) {
            trouble = securityCode(page, guard, last, codeSent, answeredAt);
          } else {
            trouble = troubleAfterSubmit(page);
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
    if (page.locator(ANY_FORM).filter(new Locator.FilterOptions().setVisible(true)).count() > 0) {
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

  private Renderer open(Page page, String url) {
    String why = allowed.refusal(url);
    if (why != null) {
      throw new ApplyTrouble(Kind.REFUSED_URL, "refused to open '" + Inputs.shown(url) + "': " + why);
    }
    NavigationGuard guard = guards.computeIfAbsent(page, p -> NavigationGuard.install(p, allowed));
    Response response = navigate(page, url, guard);
    if (page.locator(ANY_FORM).count() == 0 && page.locator("iframe#grnhse_iframe").count() > 0) {
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
    if (response != null && response.status() >= 400 && page.locator(ANY_FORM).count() == 0) {
      throw classifyMissingForm(page, response);
    }
    try {
      // A form, or what stands in its way; whichever shows first.
      page.locator(ANY_FORM + ", " + CAPTCHA + ", " + LOGIN).first().waitFor(new Locator.WaitForOptions()
          .setState(WaitForSelectorState.ATTACHED).setTimeout(FORM_TIMEOUT_MS));
    } catch (TimeoutError e) {
      throw classifyMissingForm(page, response);
    }
    Renderer renderer = page.locator(HOSTED).count() > 0 ? Renderer.HOSTED
        : page.locator(CLASSIC).count() > 0 ? Renderer.CLASSIC : null;
    if (renderer == null) {
      throw classifyMissingForm(page, response);
    }
    boolean formShown = page.locator(renderer == Renderer.HOSTED ? HOSTED : CLASSIC).first().isVisible();
    if (!formShown && (page.locator(CAPTCHA).count() > 0 || page.locator(LOGIN).count() > 0)) {
      throw classifyMissingForm(page, response);
    }
    return renderer;
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

  // --- finding fields --------------------------------------------------------------------------------

  private static String base(PlanEntry e) {
    String f = e.field() == null ? "" : e.field().strip();
    return f.endsWith("[]") ? f.substring(0, f.length() - 2) : f;
  }

  /** The element a plan entry fills, or null when the page has none. */
  private static Target target(Page page, Renderer renderer, PlanEntry e) {
    String field = base(e);
    if (field.isEmpty() || !field.matches("[A-Za-z0-9_\\-]+")) {
      return null;
    }
    List<String> selectors = new ArrayList<>();
    boolean file = FILE_FIELDS.contains(field) || "input_file".equals(e.type());
    if (renderer == Renderer.HOSTED) {
      if ("location".equals(field)) {
        selectors.add("#candidate-location");
      }
      selectors.add(file ? "input[id='" + field + "'][type='file']" : "[id='" + field + "']");
    } else {
      if ("country".equals(field)) {
        return null;
      }
      if (field.matches("question_\\d+")) {
        String row = classicRow(page, field.substring("question_".length()));
        if (row != null) {
          selectors.add("[name='" + row + "[text_value]'], [name='" + row + "[boolean_value]']");
          selectors.add(".field:has(> input[type='hidden'][name='" + row + "[question_id]']) .checkbox-group");
          selectors.add(".field:has(> input[type='hidden'][name='" + row + "[question_id]'])");
        }
      } else if (file) {
        selectors.add("[name='job_application[" + field + "]'][type='file']");
        selectors.add("#" + field + "_fieldset input[type='file']");
      } else {
        selectors.add("[name='job_application[" + field + "]']");
      }
      selectors.add("[id='" + field + "']");
    }
    for (String s : selectors) {
      Locator l = page.locator(s);
      if (l.count() > 0) {
        Locator el = l.first();
        String kind = String.valueOf(el.evaluate(FormScripts.KIND));
        String id = el.getAttribute("id");
        return new Target(el, kind, id == null ? field : id);
      }
    }
    return null;
  }

  /** {@code job_application[answers_attributes][N]} for the classic row asking question {@code id}, or null. */
  private static String classicRow(Page page, String id) {
    Locator hidden = page.locator(CLASSIC + " input[type='hidden'][name$='[question_id]'][value='" + id + "']");
    if (hidden.count() == 0) {
      return null;
    }
    String name = hidden.first().getAttribute("name");
    return name == null ? null : name.substring(0, name.length() - "[question_id]".length());
  }

  private static boolean shown(Target t) {
    return "file".equals(t.kind()) || t.element().isVisible() || revealable(t);
  }

  /** A hidden "paste your resume" textarea counts as shown: its "Enter manually" button reveals it. */
  private static boolean revealable(Target t) {
    return "text".equals(t.kind()) && t.id().endsWith("_text");
  }

  private static Target waitForTarget(Page page, Renderer renderer, PlanEntry e) {
    long deadline = System.currentTimeMillis() + (long) DEPENDENT_TIMEOUT_MS;
    while (true) {
      Target t = target(page, renderer, e);
      if (t != null && shown(t)) {
        return t;
      }
      if (System.currentTimeMillis() >= deadline) {
        return null;
      }
      page.waitForTimeout(100);
    }
  }

  // --- filling ---------------------------------------------------------------------------------------

  private static Optional<FilledField> fillOne(Page page, PlanEntry e, Target t, Map<String, Upload> files) {
    List<String> wanted = wanted(e);
    boolean multi = "multi_value_multi_select".equals(e.type()) || e.field().endsWith("[]");
    try {
      String value = switch (t.kind()) {
        case "file" -> upload(page, e, t, files.get(e.provenance()));
        case "combobox" -> {
          if (wanted.isEmpty()) {
            yield null;
          }
          if ("location".equals(base(e)) && "candidate-location".equals(t.id())) {
            yield typeahead(page, t, wanted.get(0));
          }
          boolean multiBox = multi || t.element().evaluate(
              "el => !!el.closest('.select__value-container--is-multi')").equals(Boolean.TRUE);
          List<String> chosen = new ArrayList<>();
          for (String w : multiBox ? wanted : wanted.subList(0, 1)) {
            chosen.add(combobox(page, t, w, multiBox));
          }
          yield String.join("; ", chosen);
        }
        case "select" -> wanted.isEmpty() ? null : nativeSelect(t, wanted, multi);
        case "group", "checkbox", "radio" -> wanted.isEmpty() ? null : checkboxes(page, t, wanted);
        case "text" -> typeText(page, t, e);
        default -> {
          log.info("field {} is a {} element; the filler leaves it alone", e.field(), t.kind());
          yield null;
        }
      };
      if (value == null) {
        return Optional.empty();
      }
      return Optional.of(new FilledField(e.field(), label(t, e), value, e.provenance()));
    } catch (TimeoutError ex) {
      throw new ApplyTrouble(Kind.TIMEOUT, "field " + e.field() + " did not respond within 5 s", ex);
    }
  }

  /** The option labels to choose (or the one text to type into a select-like widget). */
  private static List<String> wanted(PlanEntry e) {
    if (!e.options().isEmpty()) {
      return e.options().stream().filter(o -> o != null && !o.isBlank()).map(String::strip).toList();
    }
    return e.value() == null || e.value().isBlank() ? List.of() : List.of(e.value().strip());
  }

  private static String typeText(Page page, Target t, PlanEntry e) {
    String value = e.value();
    if (value == null || value.isBlank()) {
      if (e.options().isEmpty()) {
        return null;
      }
      value = String.join(", ", e.options());
    }
    Locator el = t.element();
    if (!el.isVisible() && revealable(t)) {
      // "Enter manually": the paste box of a file question is hidden until its button is pressed.
      String question = t.id().substring(0, t.id().length() - "_text".length());
      Locator manual = page.locator("[data-testid='" + question + "-text']");
      if (manual.count() > 0) {
        manual.first().click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
      }
    }
    el.fill(value, new Locator.FillOptions().setTimeout(FIELD_TIMEOUT_MS));
    return value;
  }

  /** Attaches the document the entry names; null (the field left empty) when there is no such file. */
  private static String upload(Page page, PlanEntry e, Target t, Upload file) {
    String field = base(e);
    if (file == null || file.bytes() == null || file.bytes().length == 0) {
      log.info("the plan attaches {} to {} but no file was given; {} left empty", e.provenance(), field, page.url());
      return null;
    }
    FilePayload payload = new FilePayload(file.filename(), file.contentType(), file.bytes());
    t.element().setInputFiles(payload, new Locator.SetInputFilesOptions().setTimeout(FIELD_TIMEOUT_MS));
    Locator error = page.locator("[id='" + t.id() + "-error']:visible");
    if (error.count() > 0) {
      throw new ApplyTrouble(Kind.VALIDATION, "the form refused the " + field.replace('_', ' ') + ": "
          + error.first().innerText().strip());
    }
    return payload.name;
  }

  /** Chooses {@code wanted} in a react-select combobox; returns the option label clicked. */
  private static String combobox(Page page, Target t, String wanted, boolean multi) {
    Locator input = t.element();
    input.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
    // One input event with the whole label: react-select filters on it, and long EEOC labels type slowly.
    input.fill(wanted, new Locator.FillOptions().setTimeout(FIELD_TIMEOUT_MS));
    Locator options = optionsOf(page, t);
    String chosen = pick(page, input, options, t, wanted, false);
    String shownValue = String.valueOf(input.evaluate("""
        (el, multi) => {
          const c = el.closest('.select__control') || el.closest('.select') || el.parentElement;
          const sel = multi ? '.select__multi-value__label, .select__multi-value' : '.select__single-value';
          return Array.from(c.querySelectorAll(sel)).filter(v => !v.hidden).map(v => v.textContent.trim()).join('\\n');
        }""", multi));
    boolean ok = multi ? List.of(shownValue.split("\n")).stream().anyMatch(s -> s.strip().startsWith(chosen))
        : shownValue.isEmpty() || shownValue.equalsIgnoreCase(chosen);
    if (!ok) {
      throw new ApplyTrouble(Kind.UNEXPECTED_PAGE, "the " + t.id() + " combobox shows '" + shownValue.replace('\n', ',')
          + "' after choosing '" + chosen + "'");
    }
    return chosen;
  }

  /** The location typeahead: types the place and takes the first suggestion that starts with it. */
  private static String typeahead(Page page, Target t, String wanted) {
    Locator input = t.element();
    input.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
    input.fill("", new Locator.FillOptions().setTimeout(FIELD_TIMEOUT_MS));
    input.pressSequentially(wanted, new Locator.PressSequentiallyOptions().setDelay(20));
    return pick(page, input, optionsOf(page, t), t, wanted, true);
  }

  private static Locator optionsOf(Page page, Target t) {
    String listbox = t.element().getAttribute("aria-controls");
    List<String> lists = new ArrayList<>();
    if (listbox != null && !listbox.isBlank()) {
      lists.add("[id='" + listbox + "'] [role='option']");
    }
    lists.add("[id='react-select-" + t.id() + "-listbox'] [role='option']");
    lists.add("#react-portal-mount-point [role='option']");
    return page.locator(String.join(", ", lists));
  }

  /**
   * Clicks the option naming {@code wanted} ({@link #bestOption}, or with {@code prefix} the first whose text
   * starts with it), waiting while the list is still being filled (typeahead results arrive late).
   */
  private static String pick(Page page, Locator input, Locator options, Target t, String wanted, boolean prefix) {
    long deadline = System.currentTimeMillis() + (long) FIELD_TIMEOUT_MS;
    List<String> labels = List.of();
    while (System.currentTimeMillis() < deadline) {
      labels = options.allInnerTexts();
      int best = prefix ? startsWith(labels, wanted) : bestOption(labels, wanted);
      if (best >= 0) {
        try {
          String chosen = labels.get(best).strip();
          options.nth(best).click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
          return chosen;
        } catch (PlaywrightException e) {
          // The list was redrawn under the click (results updating); look again.
          log.debug("option list of {} changed while clicking: {}", t.id(), firstLine(e.getMessage()));
        }
      }
      page.waitForTimeout(100);
    }
    input.press("Escape");
    if (labels.isEmpty()) {
      throw new ApplyTrouble(Kind.VALIDATION, "the " + t.id() + " list offers nothing for '" + wanted + "'");
    }
    throw new ApplyTrouble(Kind.VALIDATION, "the " + t.id() + " list has no option '" + wanted + "' (it offers "
        + String.join(", ", labels.subList(0, Math.min(5, labels.size()))) + ")");
  }

  private static String nativeSelect(Target t, List<String> wanted, boolean multi) {
    @SuppressWarnings("unchecked")
    List<String> labels = (List<String>) t.element().evaluate("s => Array.from(s.options).map(o => o.textContent.trim())");
    List<SelectOption> chosen = new ArrayList<>();
    List<String> chosenLabels = new ArrayList<>();
    for (String w : multi ? wanted : wanted.subList(0, 1)) {
      int i = bestOption(labels, w);
      if (i < 0) {
        throw new ApplyTrouble(Kind.VALIDATION, "the " + t.id() + " select has no option '" + w + "' (it offers "
            + String.join(", ", labels.subList(0, Math.min(6, labels.size()))) + ")");
      }
      chosen.add(new SelectOption().setIndex(i));
      chosenLabels.add(labels.get(i));
    }
    t.element().selectOption(chosen.toArray(SelectOption[]::new), new Locator.SelectOptionOptions().setTimeout(FIELD_TIMEOUT_MS));
    return String.join("; ", chosenLabels);
  }

  private static String checkboxes(Page page, Target t, List<String> wanted) {
    Locator group = "group".equals(t.kind()) ? t.element()
        : t.element().locator("xpath=ancestor::*[self::fieldset or contains(@class,'checkbox-group')][1]");
    List<String> chosen = new ArrayList<>();
    for (String w : wanted) {
      Locator box = group.getByLabel(w, new Locator.GetByLabelOptions().setExact(true));
      if (box.count() == 0) {
        throw new ApplyTrouble(Kind.VALIDATION, "the question " + t.id() + " has no option '" + w + "'");
      }
      box.first().check(new Locator.CheckOptions().setTimeout(FIELD_TIMEOUT_MS));
      chosen.add(w);
    }
    return String.join("; ", chosen);
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

  /** Index of the first label starting with {@code wanted} (case and spacing ignored), or -1. */
  static int startsWith(List<String> labels, String wanted) {
    String w = normalise(wanted);
    for (int i = 0; i < labels.size(); i++) {
      if (!w.isEmpty() && normalise(labels.get(i)).startsWith(w)) {
        return i;
      }
    }
    return -1;
  }

  private static String normalise(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** The label the page shows for the field, else the plan's. */
  private static String label(Target t, PlanEntry e) {
    String shown = "";
    try {
      shown = String.valueOf(t.element().evaluate(FormScripts.LABEL));
    } catch (PlaywrightException ex) {
      log.debug("no label for {}: {}", e.field(), firstLine(ex.getMessage()));
    }
    if (!shown.isBlank()) {
      return shown;
    }
    return e.label() == null || e.label().isBlank() ? e.field() : e.label().strip();
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

  private static Optional<ApplyTrouble> troubleAfterSubmit(Page page) {
    Optional<ApplyTrouble> challenge = challenge(page);
    if (challenge.isPresent()) {
      return challenge;
    }
    Set<String> messages = new LinkedHashSet<>();
    Locator formError = page.locator("#application-error:visible, #error_flash:visible");
    String top = formError.count() > 0 ? formError.first().innerText().strip().replaceAll("\\s+", " ") : "";
    if (!top.isEmpty()) {
      messages.add(top);
    }
    for (String t : page.locator("[id$='-error']:visible, .helper-text--error:visible, .field-error:visible").allInnerTexts()) {
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
