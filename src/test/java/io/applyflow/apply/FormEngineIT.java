package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.applyflow.support.WidgetFixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The form engine in real Chromium against plain HTML fixtures written from the WAI-ARIA Authoring Practices patterns
 * ({@code src/test/resources/widgets/}), served by a local HTTP server: what {@link FormEngine#read} finds, and what
 * {@link FormEngine#fill} leaves in the page, asserted from the DOM itself.
 */
class FormEngineIT {
  private static final String FORM = "#apply";
  private static WidgetFixtures server;
  private static Playwright playwright;
  private static Browser browser;

  private BrowserContext context;
  private Page page;

  @BeforeAll
  static void start() {
    server = WidgetFixtures.start();
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    assertNotNull(chromium, "no Chromium: install the chromium package or set CHROMIUM_PATH");
    playwright = Browsers.createPlaywright(chromium);
    browser = Browsers.launch(playwright, chromium, true);
  }

  @AfterAll
  static void stop() {
    if (playwright != null) {
      playwright.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext();
    page = context.newPage();
  }

  @AfterEach
  void closePage() {
    context.close();
  }

  private void load(String fixture) {
    page.navigate(server.url(fixture));
    page.waitForLoadState();
  }

  private static Map<String, PageField> byLabel(List<PageField> fields) {
    return fields.stream().collect(Collectors.toMap(PageField::label, f -> f, (a, b) -> a, HashMap::new));
  }

  // --- comboboxes ------------------------------------------------------------------------------------

  @Test
  void readsEveryComboboxVariantAsOneFieldWithItsNameLabelAndOptions() {
    load("comboboxes.html");

    List<PageField> fields = FormEngine.read(page, FORM);

    assertEquals(List.of("Are you legally authorized to work in the United States?", "T-shirt size", "State",
        "Favourite fruit", "Will you now or in the future require sponsorship?", "Are you willing to relocate?", "City",
        "Preferred team"), fields.stream().map(PageField::label).toList(), "the listboxes and hidden inputs are parts");
    assertTrue(fields.stream().allMatch(f -> f.role().equals("combobox")), fields.toString());
    Map<String, PageField> f = byLabel(fields);
    PageField q9002 = f.get("Are you legally authorized to work in the United States?");
    assertEquals("question_9002", q9002.name(), "named by the hidden input carrying its value");
    assertTrue(q9002.required());
    assertTrue(q9002.empty());
    assertEquals(List.of("Yes", "No"), q9002.options());
    assertFalse(f.get("T-shirt size").required());
    assertEquals(List.of("Small", "Medium", "Large"), f.get("T-shirt size").options());
    assertTrue(f.get("State").required(), "aria-required");
    assertEquals("state", f.get("State").name());
    assertEquals("fruit", f.get("Favourite fruit").name(), "the ARIA 1.1 container answers to its textbox's name");
    assertTrue(f.get("Will you now or in the future require sponsorship?").required(), "required attribute and ✱");
    assertEquals("question_9003", f.get("Will you now or in the future require sponsorship?").name());
    assertEquals(List.of(), f.get("Are you willing to relocate?").options(), "a portal list is not in the page yet");
    assertEquals("question_9004", f.get("Are you willing to relocate?").name());
  }

  @Test
  void fillsEveryComboboxVariantAndTheValuesStick() {
    load("comboboxes.html");
    FillPlan plan = new FillPlan(List.of(
        select("question_9002", "Are you legally authorized to work in the United States?", "Yes"),
        select("tshirt", "T-shirt size", "Medium"),
        select("state", "State", "Pennsylvania"),
        select("fruit", "Favourite fruit", "Cherry"),
        select("question_9003", "Will you now or in the future require sponsorship?", "No"),
        select("question_9004", "Are you willing to relocate?", "Yes"),
        text("city", "City", "Pittsburgh"),
        select("team", "Preferred team", "Search")));

    FillReport report = FormEngine.fill(page, FORM, plan, Map.of());

    assertEquals("1", value("#q9002-value"));
    assertEquals("Yes", page.locator("#q9002").innerText());
    assertEquals("true", page.locator("#q9002-yes").getAttribute("aria-selected"));
    assertEquals("Medium", page.locator("#shirt").innerText(), "matched by its accessible name");
    assertEquals("Pennsylvania", value("#state"), "options only after typing");
    assertEquals("Cherry", value("#fruit-input"), "ARIA 1.1 container with aria-owns");
    assertEquals("0", value("#q9003-value"), "options on focus, value in a hidden input");
    assertEquals("1", value("#q9004-value"), "a portal list without aria-controls");
    assertEquals("Yes", value("#q9004-input"));
    assertEquals("Pittsburgh, Pennsylvania, United States", value("#city"), "the first suggestion starting with the text");
    assertEquals("Search", value("#team"), "chosen by keyboard when the mouse does nothing");
    assertEquals(8, report.filled().size(), report.filled().toString());
    assertEquals(List.of("question_9002", "state", "question_9003", "question_9004"), report.requiredOnPage());
    assertEquals(List.of(), report.requiredUnfilled(), "every required combobox is announced and filled");
    PageField after = byLabel(FormEngine.read(page, FORM)).get("Are you legally authorized to work in the United States?");
    assertFalse(after.empty());
    assertEquals("Yes", after.value());
  }

  @Test
  void aComboboxWithoutTheAnswerNamesWhatItOffers() {
    load("comboboxes.html");
    FillPlan plan = new FillPlan(List.of(select("tshirt", "T-shirt size", "XXL")));

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> FormEngine.fill(page, FORM, plan, Map.of()));

    assertEquals(ApplyTrouble.Kind.VALIDATION, trouble.kind());
    assertTrue(trouble.pageMessage().contains("'T-shirt size' has no option 'XXL' (it offers Small, Medium, Large)"),
        trouble.pageMessage());
    assertEquals("", page.locator("#shirt").innerText(), "nothing was chosen");
  }

  @Test
  void reactSelectLikeComboboxesSingleAndMulti() {
    load("react-select.html");
    List<PageField> read = FormEngine.read(page, "#application-form");
    assertEquals(List.of("question_501", "question_502"), read.stream().map(PageField::id).toList());
    assertTrue(read.get(0).required());
    assertTrue(read.get(0).empty(), "the placeholder is not a value");
    assertEquals("question_502[]", read.get(1).name());

    FillReport report = FormEngine.fill(page, "#application-form", new FillPlan(List.of(
        select("question_501", "Do you have a driving licence?", "Yes"),
        new PlanEntry("question_502[]", "Which languages do you write?", "multi_value_multi_select", false, null,
            List.of("Go", "Rust"), "answer:2", Sensitivity.NONE))), Map.of());

    assertEquals("Yes", page.locator(".rs__single-value").innerText());
    assertEquals(List.of("Go", "Rust"), page.locator(".rs__multi-value__label").allInnerTexts());
    assertEquals("Go,Rust", value("input[name='question_502[]']"));
    assertEquals("Go; Rust", report.filled().get(1).value());
    assertEquals(List.of("question_501"), report.requiredOnPage());
    assertEquals(List.of(), report.requiredUnfilled());
  }

  // --- listboxes, radios, checkboxes, buttons, selects --------------------------------------------

  @Test
  void readsChoiceWidgetsWithTheirOptions() {
    load("choices.html");

    Map<String, PageField> f = byLabel(FormEngine.read(page, FORM));

    assertEquals(List.of("When could you start?", "Which days can you work on site?", "Are you over 18?",
        "Work arrangement", "Preferred contact", "Skills", "Clouds you have used", "I agree to the privacy notice",
        "Can you travel 25% of the time?", "Do you need a visa to work in the UK?", "Gender", "Country",
        "Spoken languages"),
        FormEngine.read(page, FORM).stream().map(PageField::label).toList());
    assertEquals("listbox", f.get("When could you start?").role());
    assertFalse(f.get("When could you start?").multiple());
    assertTrue(f.get("Which days can you work on site?").multiple());
    assertEquals(List.of("Monday", "Tuesday", "Wednesday"), f.get("Which days can you work on site?").options());
    PageField adult = f.get("Are you over 18?");
    assertEquals("radio", adult.role());
    assertTrue(adult.required());
    assertEquals(List.of("Yes", "No"), adult.options());
    assertEquals("adult", adult.name());
    assertEquals(List.of("Office", "Hybrid", "Remote"), f.get("Work arrangement").options(), "visually hidden radios");
    assertEquals("radio", f.get("Preferred contact").role());
    assertTrue(f.get("Preferred contact").required());
    assertEquals(List.of("Java", "Go", "SQL"), f.get("Skills").options());
    assertTrue(f.get("Skills").multiple());
    assertEquals("checkbox", f.get("Clouds you have used").role());
    PageField consent = f.get("I agree to the privacy notice");
    assertEquals("checkbox", consent.role());
    assertFalse(consent.multiple());
    assertTrue(consent.required());
    assertEquals("buttons", f.get("Can you travel 25% of the time?").role());
    assertEquals(List.of("Yes", "No"), f.get("Can you travel 25% of the time?").options());
    assertEquals("question_7001", f.get("Can you travel 25% of the time?").name());
    PageField visa = f.get("Do you need a visa to work in the UK?");
    assertEquals("buttons", visa.role(), "plain buttons answering one question");
    assertEquals(List.of("Yes", "No"), visa.options());
    assertTrue(visa.required());
    assertEquals("visa_needed", visa.name());
    assertEquals(List.of("Male", "Female", "Decline To Self Identify"), f.get("Gender").options());
    assertTrue(f.get("Spoken languages").multiple());
  }

  @Test
  void fillsChoiceWidgetsAndTheDomShowsEveryChoice() {
    load("choices.html");
    FillPlan plan = new FillPlan(List.of(
        select("start", "When could you start?", "Within a month"),
        multi("days", "Which days can you work on site?", "Monday", "Wednesday"),
        select("adult", "Are you over 18?", "Yes"),
        select("remote", "Work arrangement", "Hybrid"),
        select("contact", "Preferred contact", "Phone"),
        multi("skills[]", "Skills", "Go", "SQL"),
        multi("clouds", "Clouds you have used", "Google Cloud"),
        text("consent", "I agree to the privacy notice", "Yes"),
        select("question_7001", "Can you travel 25% of the time?", "No"),
        select("visa_needed", "Do you need a visa to work in the UK?", "Yes"),
        select("gender", "Gender", "Female"),
        select("country", "Country", "United States"),
        multi("langs", "Spoken languages", "English", "German")));

    FillReport report = FormEngine.fill(page, FORM, plan, Map.of());

    assertEquals("true", page.locator("#start-2").getAttribute("aria-selected"));
    assertEquals("false", page.locator("#start-1").getAttribute("aria-selected"));
    assertEquals(List.of("true", "false", "true"), Arrays.stream(new String[] {"#d-mon", "#d-tue", "#d-wed"})
        .map(s -> page.locator(s).getAttribute("aria-selected")).toList());
    assertEquals("y", page.evaluate("() => document.querySelector('input[name=adult]:checked').value"));
    assertEquals("hybrid", page.evaluate("() => document.querySelector('input[name=remote]:checked').value"));
    assertEquals(List.of("false", "true"), page.locator("#contact [role=radio]").all().stream()
        .map(l -> l.getAttribute("aria-checked")).toList());
    assertEquals(List.of(false, true, true), page.locator("#skills input").all().stream().map(l -> l.isChecked()).toList());
    assertEquals(List.of(false, true, false), page.locator("#clouds input").all().stream().map(l -> l.isChecked()).toList());
    assertTrue(page.locator("#consent").isChecked());
    assertEquals("no", value("input[name=question_7001]"));
    assertEquals("false", page.locator("[data-widget=toggles] button[value=yes]").getAttribute("aria-pressed"));
    assertEquals("true", value("input[name=visa_needed]"));
    assertEquals(List.of(true, false), page.locator("[data-widget=plain-buttons] button").all().stream()
        .map(b -> b.getAttribute("class").contains("_active_")).toList());
    assertEquals("2", value("#gender"));
    assertEquals("US", value("#country"));
    assertEquals(List.of("English", "German"),
        page.evaluate("() => Array.from(document.querySelector('#langs').selectedOptions).map(o => o.value)"));
    assertEquals(13, report.filled().size(), report.filled().toString());
    assertEquals(List.of("adult", "contact", "consent", "visa_needed", "country"), report.requiredOnPage());
    assertEquals(List.of(), report.requiredUnfilled());
  }

  // --- files ---------------------------------------------------------------------------------------

  @Test
  void attachesFilesToVisibleHiddenAndNotYetCreatedInputs() {
    load("files.html");
    Map<String, PageField> f = byLabel(FormEngine.read(page, FORM));
    assertEquals(List.of("Portfolio", "Resume/CV", "Cover letter"), FormEngine.read(page, FORM).stream()
        .map(PageField::label).toList());
    assertTrue(f.values().stream().allMatch(x -> x.role().equals("file")));
    assertTrue(f.get("Resume/CV").required(), "aria-required on its group");
    Map<String, Upload> files = Map.of(
        "document:resume", new Upload("ada.pdf", "application/pdf", "%PDF-1.4 resume".getBytes(StandardCharsets.UTF_8)),
        "document:cover_letter", new Upload("letter.pdf", "application/pdf", "%PDF-1.4 letter".getBytes(StandardCharsets.UTF_8)),
        "document:portfolio", new Upload("work.pdf", "application/pdf", "%PDF-1.4 work".getBytes(StandardCharsets.UTF_8)));

    FillReport report = FormEngine.fill(page, FORM, new FillPlan(List.of(
        file("portfolio", "Portfolio", "document:portfolio"),
        file("resume", "Resume/CV", "document:resume"),
        file("cover_letter", "Cover letter", "document:cover_letter"))), files);

    assertEquals("work.pdf", page.evaluate("() => document.querySelector('#portfolio').files[0].name"));
    assertEquals("ada.pdf", page.evaluate("() => document.querySelector('#resume').files[0].name"));
    assertEquals(List.of("ada.pdf", "letter.pdf"), page.locator(".chip").allInnerTexts(), "the file chooser took the letter");
    assertEquals(List.of("work.pdf", "ada.pdf", "letter.pdf"), report.filled().stream().map(FilledField::value).toList());
  }

  @Test
  void aFileThePageRefusesIsAValidationTroubleWithThePagesWords() {
    load("files.html");
    Map<String, Upload> files = Map.of("document:resume", new Upload("ada.txt", "text/plain", "Ada".getBytes(StandardCharsets.UTF_8)));

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> FormEngine.fill(page, FORM,
        new FillPlan(List.of(file("resume", "Resume/CV", "document:resume"))), files));

    assertEquals(ApplyTrouble.Kind.VALIDATION, trouble.kind());
    assertTrue(trouble.pageMessage().contains("'Resume/CV'") && trouble.pageMessage().contains("Only .pdf files are accepted."),
        trouble.pageMessage());
  }

  // --- labels, hidden controls, dependent questions -------------------------------------------------

  @Test
  void readsLabelsFromEverySourceAndSkipsWhatPeopleCannotSee() {
    load("labels.html");

    List<PageField> fields = FormEngine.read(page, FORM);

    assertEquals(List.of("First name", "Last name", "Email address", "Phone number", "Date of availability",
        "Since (month/year)", "Why us?", "Street", "Are you authorized to work in the UK?", "Were you referred?"),
        fields.stream().map(PageField::label).toList(),
        "no honeypot, nothing hidden, the dependent question not yet");
    assertEquals(List.of(true, true, true, true, false, false, false, false, true, false),
        fields.stream().map(PageField::required).toList(), "required, ✱, aria-required, '(required)', ✱ in a div");
    assertEquals("given-name", fields.get(0).autocomplete());
    assertEquals("email", fields.get(2).inputType());
    assertEquals("date", fields.get(4).role());
    assertEquals("textarea", fields.get(6).role());
    assertEquals("radio", fields.get(8).role());
    assertEquals("cards[c1][field0]", fields.get(8).name());
    assertEquals(List.of("Yes", "No"), fields.get(8).options());
    assertEquals("select", fields.get(9).role());
  }

  @Test
  void aRequiredMarkerDrawnByCssIsReadAsRequired() {
    page.setContent("<style>.req::after { content: ' *'; color: red }</style><form id='drawn'>"
        + "<div><span id='onsite' class='req'>Are you comfortable working on-site three days a week?</span>"
        + "<div role='group' aria-labelledby='onsite'><button type='button' aria-pressed='false'>Yes</button>"
        + "<button type='button' aria-pressed='false'>No</button></div></div>"
        + "<div><label for='full' class='req'>Full name</label><input id='full' name='full'></div>"
        + "<div><label for='notes'>Anything else?</label><textarea id='notes' name='notes'></textarea></div></form>");

    List<PageField> fields = FormEngine.read(page, "#drawn");

    assertEquals(List.of("Are you comfortable working on-site three days a week?", "Full name", "Anything else?"),
        fields.stream().map(PageField::label).toList(), "the drawn marker is not part of the label");
    assertEquals(List.of(true, true, false), fields.stream().map(PageField::required).toList());
    assertEquals("buttons", fields.get(0).role());
  }

  @Test
  void fillsByLabelTypesDatesAndWaitsForTheDependentQuestion() {
    load("labels.html");
    FillPlan plan = new FillPlan(List.of(
        text("given_name", "First Name", "Zoë"),
        text("family_name", "last name", "Ångström"),
        text("email_address", "Email address", "zoe@example.com"),
        text("phone", "Phone number", "+44 20 7946 0958"),
        text("available", "When can you start?", "March 3, 2027"),
        text("since", "Since (month/year)", "03/2027"),
        new PlanEntry("why", "Why us?", "textarea", false, "Because.\nTruly.", List.of(), "llm-draft", Sensitivity.NONE),
        // listed before the question that reveals it
        text("referrer", "Who referred you?", "Grace Hopper"),
        select("work_uk", "Are you authorized to work in the UK?", "No"),
        select("referred", "Were you referred?", "Yes")));

    FillReport report = FormEngine.fill(page, FORM, plan, Map.of());

    assertEquals("Zoë", value("#first"));
    assertEquals("Ångström", value("input[name=last]"));
    assertEquals("zoe@example.com", value("#email"));
    assertEquals("+44 20 7946 0958", value("#phone"));
    assertEquals("2027-03-03", value("#born"), "a date input takes ISO");
    assertEquals("03/2027", value("#since"), "a text date as given");
    assertEquals("Because.\nTruly.", value("#why"));
    assertEquals("Grace Hopper", value("#referrer"), "filled once it appeared");
    assertEquals("", value("#website"), "the honeypot was left alone");
    assertEquals("No", page.evaluate("() => document.querySelector('input[name=\"cards[c1][field0]\"]:checked').value"));
    assertEquals(10, report.filled().size());
    assertEquals("First name", report.filled().get(0).label(), "the page's label");
    assertEquals(List.of("given_name", "family_name", "email_address", "phone", "work_uk"), report.requiredOnPage());
    assertEquals(List.of(), report.requiredUnfilled());
  }

  // --- refusals ------------------------------------------------------------------------------------

  @Test
  void aChoiceThatDoesNotStickNamesTheFieldTheValueAndWhatItShows() {
    load("refusing.html");

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> FormEngine.fill(page, FORM,
        new FillPlan(List.of(select("clearance", "Security clearance", "Secret"))), Map.of()));

    assertEquals(ApplyTrouble.Kind.UNEXPECTED_PAGE, trouble.kind());
    assertEquals("the field 'Security clearance' was given 'Secret' but shows nothing", trouble.pageMessage());
    assertEquals("", page.locator("#clear").innerText());
  }

  @Test
  void textCutShortDoesNotStick() {
    load("refusing.html");

    ApplyTrouble trouble = assertThrows(ApplyTrouble.class, () -> FormEngine.fill(page, FORM,
        new FillPlan(List.of(text("zip", "ZIP code", "15213-3890"))), Map.of()));

    assertEquals(ApplyTrouble.Kind.UNEXPECTED_PAGE, trouble.kind());
    assertEquals("the field 'ZIP code' was given '15213-3890' but shows '15213'", trouble.pageMessage());
  }

  @Test
  void aRequiredFieldNoPlanEntryMatchesIsReportedUnfilled() {
    load("refusing.html");

    FillReport report = FormEngine.fill(page, FORM, new FillPlan(List.of(text("zip", "ZIP code", "15213"))), Map.of());

    assertEquals("15213", value("#zip"));
    assertEquals(List.of("years_k8s"), report.requiredOnPage());
    assertEquals(List.of("years_k8s"), report.requiredUnfilled(), "required, empty, announced by no plan entry");
    assertFalse(report.complete());
  }

  // --- helpers -------------------------------------------------------------------------------------

  private String value(String selector) {
    return page.locator(selector).inputValue();
  }

  private static PlanEntry text(String field, String label, String value) {
    return new PlanEntry(field, label, "input_text", false, value, List.of(), "answer:" + field, Sensitivity.NONE);
  }

  private static PlanEntry select(String field, String label, String option) {
    return new PlanEntry(field, label, "multi_value_single_select", false, null, List.of(option), "answer:" + field,
        Sensitivity.NONE);
  }

  private static PlanEntry multi(String field, String label, String... options) {
    return new PlanEntry(field, label, "multi_value_multi_select", false, null, new ArrayList<>(List.of(options)),
        "answer:" + field, Sensitivity.NONE);
  }

  private static PlanEntry file(String field, String label, String provenance) {
    return new PlanEntry(field, label, "input_file", false, field + ".pdf", List.of(), provenance, Sensitivity.NONE);
  }
}
