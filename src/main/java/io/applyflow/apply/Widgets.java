package io.applyflow.apply;

import com.microsoft.playwright.FileChooser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.KeyboardModifier;
import com.microsoft.playwright.options.SelectOption;
import io.applyflow.apply.ApplyTrouble.Kind;
import io.applyflow.apply.FormEngine.Control;
import io.applyflow.platform.web.Inputs;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One driver per role, each operating a control the way a person would (typing, clicking the option, pressing the
 * keys the WAI-ARIA Authoring Practices give the widget) and reading the control's state back before returning.
 */
final class Widgets {
  private static final Logger log = LoggerFactory.getLogger(Widgets.class);
  /** How long {@link #peek} waits for a list to show after each way of opening it. */
  private static final long PEEK_MS = 1_000;

  static final double FIELD_TIMEOUT_MS = 5_000;
  /** How long a combobox may show nothing before the next way of opening it is tried. */
  private static final long OPEN_STEP_MS = 250;
  /** How long an option list may stay the same without the answer before the answer counts as not offered. */
  private static final long STABLE_LIST_MS = 1_500;
  private static final Set<String> YES = Set.of("yes", "true", "1", "on", "checked", "y");
  private static final Set<String> NO = Set.of("no", "false", "0", "off", "unchecked", "n");
  private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
      DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("M/d/yyyy"),
      DateTimeFormatter.ofPattern("d.M.yyyy"), DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH),
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH));

  private Widgets() {
  }

  /** What the control shows: values, whether empty, its hidden value carriers and any error it shows. */
  record State(List<String> values, boolean empty, List<String> carriers, String error) {
    String shown() {
      return values.isEmpty() ? "nothing" : "'" + String.join("; ", values) + "'";
    }
  }

  /**
   * Puts the entry's value in the control and reads it back.
   *
   * @return the value now shown (option labels joined by "; ", the file name), or null when nothing was put
   */
  static String fill(Page page, Control c, PlanEntry e, Upload file) {
    List<String> wanted = wanted(e);
    boolean multi = "multi_value_multi_select".equals(e.type()) || e.field().strip().endsWith("[]");
    String role = c.field().role();
    if ("file".equals(role)) {
      return file(page, c, e, file);
    }
    if (wanted.isEmpty()) {
      return null;
    }
    return switch (role) {
      case "text", "textarea", "date" -> text(page, c, e);
      case "select" -> select(page, c, wanted, multi || c.field().multiple());
      case "checkbox", "radio", "buttons", "listbox" -> choose(page, c, wanted, multi);
      case "combobox" -> {
        boolean typeahead = "input_text".equals(e.type()) || "textarea".equals(e.type());
        List<String> chosen = new ArrayList<>();
        for (String w : multi || c.field().multiple() ? wanted : wanted.subList(0, 1)) {
          chosen.add(combobox(page, c, w, typeahead));
        }
        yield String.join("; ", chosen);
      }
      default -> {
        log.info("field {} is a {} control; the engine leaves it alone", e.field(), role);
        yield null;
      }
    };
  }

  /** The option labels to choose, or the one text to type. */
  static List<String> wanted(PlanEntry e) {
    if (!e.options().isEmpty()) {
      return e.options().stream().filter(o -> o != null && !o.isBlank()).map(String::strip).toList();
    }
    return e.value() == null || e.value().isBlank() ? List.of() : List.of(e.value().strip());
  }

  // --- text ----------------------------------------------------------------------------------------

  private static String text(Page page, Control c, PlanEntry e) {
    String value = e.value() != null && !e.value().isBlank() ? e.value() : String.join(", ", wanted(e));
    if ("date".equals(c.field().role()) && "date".equals(c.field().inputType())) {
      value = isoDate(c, value);
    }
    el(page, c).fill(value, new Locator.FillOptions().setTimeout(FIELD_TIMEOUT_MS));
    State s = state(page, c);
    String shown = s.values().isEmpty() ? "" : s.values().get(0);
    if (!Labels.typed(shown, value)) {
      throw didNotStick(c, value, s);
    }
    return value;
  }

  /** A date as {@code input type=date} takes it (yyyy-mm-dd). */
  static String isoDate(Control c, String value) {
    String v = value.strip();
    for (DateTimeFormatter f : DATES) {
      try {
        return LocalDate.parse(v, f).toString();
      } catch (DateTimeParseException ignored) {
        // try the next way of writing a date
      }
    }
    throw new ApplyTrouble(Kind.VALIDATION, "the date field '" + c.shownName() + "' takes a date; '"
        + Inputs.shown(v) + "' is not one");
  }

  // --- native select -------------------------------------------------------------------------------

  private static String select(Page page, Control c, List<String> wanted, boolean multi) {
    Locator el = el(page, c);
    List<String> labels = FormEngine.strings(el.evaluate("s => Array.from(s.options).map(o => o.textContent.trim())"));
    List<SelectOption> chosen = new ArrayList<>();
    List<String> chosenLabels = new ArrayList<>();
    for (String w : multi ? wanted : wanted.subList(0, 1)) {
      int i = Labels.bestOption(labels, w);
      if (i < 0) {
        throw notOffered(c, w, c.field().options());
      }
      chosen.add(new SelectOption().setIndex(i));
      chosenLabels.add(labels.get(i));
    }
    el.selectOption(chosen.toArray(SelectOption[]::new), new Locator.SelectOptionOptions().setTimeout(FIELD_TIMEOUT_MS));
    State s = state(page, c);
    for (String l : chosenLabels) {
      if (s.values().stream().noneMatch(v -> Labels.same(v, l))) {
        throw didNotStick(c, l, s);
      }
    }
    return String.join("; ", chosenLabels);
  }

  // --- radio groups, checkboxes, button pairs, listboxes -------------------------------------------

  private record Member(String text, boolean checked, boolean visible) {
  }

  private static List<Member> members(Page page, Control c) {
    List<Member> out = new ArrayList<>();
    Object raw = page.evaluate(FormScripts.MEMBERS, Map.of("key", c.field().key()));
    for (Object o : (List<?>) raw) {
      Map<?, ?> m = (Map<?, ?>) o;
      out.add(new Member(String.valueOf(m.get("text")), Boolean.TRUE.equals(m.get("checked")),
          Boolean.TRUE.equals(m.get("visible"))));
    }
    return out;
  }

  private static String choose(Page page, Control c, List<String> wanted, boolean multi) {
    String role = c.field().role();
    List<Member> ms = members(page, c);
    if ("checkbox".equals(role) && ms.size() == 1 && !c.field().multiple()) {
      return singleCheckbox(page, c, ms.get(0), wanted.get(0));
    }
    boolean many = multi || c.field().multiple();
    List<String> chosen = new ArrayList<>();
    for (String w : many ? wanted : wanted.subList(0, 1)) {
      List<String> texts = ms.stream().map(Member::text).toList();
      int i = Labels.bestOption(texts, w);
      if (i < 0) {
        throw notOffered(c, w, texts);
      }
      if (!ms.get(i).checked()) {
        press(page, ms.get(i), i, "listbox".equals(role) && many);
      }
      chosen.add(texts.get(i));
      ms = members(page, c);
    }
    State s = state(page, c);
    for (String l : chosen) {
      if (s.values().stream().noneMatch(v -> Labels.same(v, l))) {
        throw didNotStick(c, l, s);
      }
    }
    return String.join("; ", chosen);
  }

  private static String singleCheckbox(Page page, Control c, Member box, String wanted) {
    String w = Labels.normalise(wanted);
    boolean on;
    if (YES.contains(w) || Labels.same(wanted, box.text()) || Labels.same(wanted, c.field().label())) {
      on = true;
    } else if (NO.contains(w)) {
      on = false;
    } else {
      throw new ApplyTrouble(Kind.VALIDATION, "the checkbox '" + c.shownName() + "' is ticked or not; '"
          + Inputs.shown(wanted) + "' is neither");
    }
    if (box.checked() != on) {
      press(page, box, 0, false);
    }
    State s = state(page, c);
    if (s.empty() == on) {
      throw didNotStick(c, on ? "ticked" : "not ticked", s);
    }
    return on ? "Yes" : "No";
  }

  /** Clicks a member marked {@code data-applyflow-opt}; a visually hidden input is activated without the mouse. */
  private static void press(Page page, Member m, int index, boolean addToSelection) {
    Locator l = page.locator("[data-applyflow-opt='" + index + "']");
    if (!m.visible()) {
      l.dispatchEvent("click");
      return;
    }
    Locator.ClickOptions o = new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS);
    if (addToSelection) {
      o.setModifiers(List.of(KeyboardModifier.CONTROL));
    }
    l.click(o);
  }

  // --- comboboxes ----------------------------------------------------------------------------------

  private record Option(String text, String id, boolean selected) {
  }

  private static List<Option> options(Page page, Control c) {
    List<Option> out = new ArrayList<>();
    for (Object o : (List<?>) page.evaluate(FormScripts.OPTIONS, Map.of("key", c.field().key()))) {
      Map<?, ?> m = (Map<?, ?>) o;
      out.add(new Option(String.valueOf(m.get("text")), String.valueOf(m.get("id")), Boolean.TRUE.equals(m.get("selected"))));
    }
    return out;
  }

  private static int pick(List<Option> opts, String wanted, boolean typeahead) {
    List<String> texts = opts.stream().map(Option::text).toList();
    int i = Labels.bestOption(texts, wanted);
    return i < 0 && typeahead ? Labels.startsWith(texts, wanted) : i;
  }

  /** The element typed into: the combobox itself, or the textbox an ARIA 1.1 combobox owns; null when select-only. */
  private static Locator typing(Page page, Control c) {
    Locator el = el(page, c);
    if (!c.editable()) {
      return null;
    }
    boolean itself = Boolean.TRUE.equals(el.evaluate(
        "e => e.matches('input, textarea, [role=textbox], [contenteditable=\"true\"]')"));
    return itself ? el : el.locator("input:not([type=hidden]), textarea, [role=textbox], [contenteditable='true']").first();
  }

  /**
   * Chooses {@code wanted} in a combobox: opens it (click or focus; then, for an editable one, typing the answer; then
   * ArrowDown and Alt+ArrowDown), finds its options (the listbox it controls or owns, one inside the widget, or the
   * listbox that appeared), clicks the option, and reads the widget back; when the click does not stick, chooses by
   * keyboard ({@code aria-activedescendant} and Enter).
   */
  private static String combobox(Page page, Control c, String wanted, boolean typeahead) {
    Locator box = el(page, c);
    Locator input = typing(page, c);
    Locator target = input != null ? input : box;
    page.evaluate(FormScripts.MARK_LISTBOXES);
    target.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
    long deadline = System.currentTimeMillis() + (long) FIELD_TIMEOUT_MS;
    long stepAt = System.currentTimeMillis();
    int step = 0;
    List<Option> most = List.of();
    String lastList = null;
    long sameSince = System.currentTimeMillis();
    Option chosen = null;
    while (System.currentTimeMillis() < deadline && chosen == null) {
      List<Option> opts = options(page, c);
      if (opts.size() > most.size()) {
        most = opts;
      }
      int i = pick(opts, wanted, typeahead);
      if (i >= 0) {
        try {
          page.locator("[data-applyflow-opt='" + i + "']").click(new Locator.ClickOptions().setTimeout(2_000));
          chosen = opts.get(i);
          break;
        } catch (PlaywrightException e) {
          // the list was redrawn under the click (results updating); look again
          log.debug("options of {} changed while clicking: {}", c.shownName(), e.getMessage());
        }
      }
      long now = System.currentTimeMillis();
      String list = String.join("\n", opts.stream().map(Option::text).toList());
      if (!list.equals(lastList)) {
        lastList = list;
        sameSince = now;
      }
      int lastStep = input != null ? 3 : 2;
      if (step < lastStep && now - stepAt > (opts.isEmpty() ? OPEN_STEP_MS : OPEN_STEP_MS / 2)) {
        step++;
        stepAt = now;
        open(target, input != null, step, wanted);
        continue;
      }
      if (step >= lastStep && !opts.isEmpty() && now - sameSince > STABLE_LIST_MS) {
        break;
      }
      page.waitForTimeout(80);
    }
    if (chosen == null) {
      safePress(target, "Escape");
      throw notOffered(c, wanted, most.stream().map(Option::text).toList());
    }
    State s = state(page, c);
    if (!stuck(s, chosen.text()) && !chosen.id().isBlank() && byKeyboard(page, c, target, chosen)) {
      s = state(page, c);
    }
    if (!stuck(s, chosen.text())) {
      throw didNotStick(c, chosen.text(), s);
    }
    return chosen.text();
  }

  /**
   * The options a combobox shows once opened (a click, then ArrowDown), read without choosing one: the list is closed
   * again with Escape and the control left. Empty for a typeahead that offers nothing until something is typed.
   */
  static List<String> peek(Page page, Control c) {
    Locator input = typing(page, c);
    Locator target = input != null ? input : el(page, c);
    page.evaluate(FormScripts.MARK_LISTBOXES);
    List<Option> opts = List.of();
    try {
      target.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
      opts = shownWithin(page, c, PEEK_MS);
      if (opts.isEmpty()) {
        safePress(target, "ArrowDown");
        opts = shownWithin(page, c, PEEK_MS);
      }
    } finally {
      safePress(target, "Escape");
      page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); }");
    }
    return opts.stream().map(Option::text).filter(t -> !t.isBlank()).distinct().toList();
  }

  /** The options shown, once some are and they stop changing, or empty after {@code ms}. */
  private static List<Option> shownWithin(Page page, Control c, long ms) {
    long deadline = System.currentTimeMillis() + ms;
    List<Option> last = List.of();
    while (System.currentTimeMillis() < deadline) {
      List<Option> now = options(page, c);
      if (!now.isEmpty() && now.equals(last)) {
        return now;
      }
      last = now;
      page.waitForTimeout(100);
    }
    return last;
  }

  /** The next way of opening a combobox's list. */
  private static void open(Locator target, boolean editable, int step, String wanted) {
    if (editable && step == 1) {
      // One input event with the whole answer: the widget filters on it (typeaheads fetch on it)
      target.fill(wanted, new Locator.FillOptions().setTimeout(FIELD_TIMEOUT_MS));
    } else if (step == (editable ? 2 : 1)) {
      safePress(target, "ArrowDown");
    } else {
      safePress(target, "Alt+ArrowDown");
    }
  }

  /** Chooses the option by keyboard: ArrowDown until {@code aria-activedescendant} names it, then Enter. */
  private static boolean byKeyboard(Page page, Control c, Locator target, Option option) {
    target.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS));
    for (int n = 0; n < 200; n++) {
      Object active = page.evaluate(FormScripts.ACTIVE, Map.of("key", c.field().key()));
      if (option.id().equals(active)) {
        safePress(target, "Enter");
        return true;
      }
      safePress(target, "ArrowDown");
      if (n > 0 && String.valueOf(active).isBlank()) {
        return false; // the widget does not use aria-activedescendant
      }
    }
    return false;
  }

  private static void safePress(Locator target, String key) {
    try {
      target.press(key, new Locator.PressOptions().setTimeout(FIELD_TIMEOUT_MS));
    } catch (PlaywrightException e) {
      log.debug("could not press {}: {}", key, e.getMessage());
    }
  }

  /** Whether the widget shows the option chosen (and its hidden value carrier, if it has one, is set). */
  private static boolean stuck(State s, String chosen) {
    String w = Labels.normalise(chosen);
    boolean shown = s.values().stream().map(Labels::normalise)
        .anyMatch(v -> !v.isEmpty() && (v.equals(w) || v.startsWith(w) || w.startsWith(v)));
    boolean carried = s.carriers().isEmpty() || s.carriers().stream().anyMatch(v -> v != null && !v.isBlank());
    return shown && carried;
  }

  // --- files ---------------------------------------------------------------------------------------

  private static String file(Page page, Control c, PlanEntry e, Upload file) {
    if (file == null || file.bytes() == null || file.bytes().length == 0) {
      log.info("the plan attaches {} to {} but no file was given; left empty", e.provenance(), e.field());
      return null;
    }
    FilePayload payload = new FilePayload(file.filename(), file.contentType(), file.bytes());
    Locator el = el(page, c);
    if (c.chooser()) {
      FileChooser chooser = page.waitForFileChooser(new Page.WaitForFileChooserOptions().setTimeout(FIELD_TIMEOUT_MS),
          () -> el.click(new Locator.ClickOptions().setTimeout(FIELD_TIMEOUT_MS)));
      chooser.setFiles(payload);
    } else {
      el.setInputFiles(payload, new Locator.SetInputFilesOptions().setTimeout(FIELD_TIMEOUT_MS));
    }
    State s = state(page, c);
    if (s.values().contains(file.filename())) {
      return file.filename();
    }
    if (!s.error().isBlank()) {
      throw new ApplyTrouble(Kind.VALIDATION, "the form refused the file for '" + c.shownName() + "': " + s.error());
    }
    throw didNotStick(c, file.filename(), s);
  }

  // --- reading back --------------------------------------------------------------------------------

  private static Locator el(Page page, Control c) {
    return page.locator("[data-applyflow-key='" + c.field().key() + "']");
  }

  /** The control's state once the page has handled the events just sent (a timer or a re-render may change it). */
  static State state(Page page, Control c) {
    Object raw = page.evaluate(FormScripts.STATE, Map.of("key", c.field().key()));
    if (!(raw instanceof Map<?, ?> m)) {
      return new State(List.of(), true, List.of(), "");
    }
    return new State(FormEngine.strings(m.get("values")), Boolean.TRUE.equals(m.get("empty")),
        FormEngine.strings(m.get("carriers")), m.get("error") == null ? "" : String.valueOf(m.get("error")));
  }

  private static ApplyTrouble notOffered(Control c, String wanted, List<String> offered) {
    if (offered.isEmpty()) {
      return new ApplyTrouble(Kind.VALIDATION, "the field '" + c.shownName() + "' offers nothing for '"
          + Inputs.shown(wanted) + "'");
    }
    return new ApplyTrouble(Kind.VALIDATION, "the field '" + c.shownName() + "' has no option '" + Inputs.shown(wanted)
        + "' (it offers " + Labels.listed(offered, 8) + ")");
  }

  private static ApplyTrouble didNotStick(Control c, String wanted, State s) {
    return new ApplyTrouble(Kind.UNEXPECTED_PAGE, "the field '" + c.shownName() + "' was given '"
        + Inputs.shown(wanted) + "' but shows " + s.shown() + (s.error().isBlank() ? "" : " (the page says: " + s.error() + ")"));
  }
}
