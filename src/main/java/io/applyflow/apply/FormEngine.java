package io.applyflow.apply;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import io.applyflow.apply.ApplyTrouble.Kind;
import io.applyflow.platform.web.Inputs;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills any application form from a {@link FillPlan} by what its controls are, not by whose markup they use. It reads
 * the form's labelled controls ({@link #read}: name, id, accessible name, role, required, options), matches each plan
 * entry to one control by identity (the entry's {@code field} against the control's name, then its id, then the
 * entry's {@code label} against the control's accessible name), operates each control by its WAI-ARIA role
 * ({@link Widgets}) and reads every value back before going on.
 *
 * <p>A field the page shows only once another question is answered is filled after the rest of the plan. The plan is
 * never exceeded: a control no entry matches is left alone, and reported when the page requires it.
 *
 * <p>Plain Java; call it on the thread of the {@code Playwright} that made the page.
 */
public final class FormEngine {
  private static final Logger log = LoggerFactory.getLogger(FormEngine.class);

  /** How long a field that appears only after another answer may take to show up. */
  private static final long DEPENDENT_TIMEOUT_MS = 2_000;
  /** How long the page may take to render fields after the plan was filled once, before they count as absent. */
  private static final long SETTLE_MS = 250;

  /**
   * Further names a control answers to, beyond its own name and id: an ATS's convention for naming fields, applied to
   * the control and the hidden inputs that sit with it (a row's identity, a widget's value carrier).
   */
  @FunctionalInterface
  public interface Aliases {
    Aliases NONE = (field, hidden) -> List.of();

    List<String> of(PageField field, List<Map.Entry<String, String>> hidden);
  }

  /** A control as the engine keeps it: what {@link #read} reports, plus what the engine needs to operate it. */
  record Control(PageField field, boolean visible, List<String> aliases, boolean editable, boolean chooser) {
    String shownName() {
      if (!field.label().isBlank()) {
        return field.label();
      }
      return !field.name().isBlank() ? field.name() : field.id();
    }
  }

  private FormEngine() {
  }

  /** Every labelled control the person sees in the form, in page order; empty when there is no such form. */
  public static List<PageField> read(Page page, String formSelector) {
    return controls(page, formSelector, Aliases.NONE).stream().filter(Control::visible).map(Control::field).toList();
  }

  /**
   * {@link #read}, with the options of each combobox that shows them only when opened (opened, read and closed again,
   * nothing chosen): what a form read from the page needs before its plan is made. A typeahead that offers nothing
   * until something is typed keeps no options.
   */
  public static List<PageField> readWithOptions(Page page, String formSelector, Aliases aliases) {
    List<PageField> out = new ArrayList<>();
    for (Control c : controls(page, formSelector, aliases)) {
      if (!c.visible()) {
        continue;
      }
      PageField f = c.field();
      if ("combobox".equals(f.role()) && f.options().isEmpty()) {
        List<String> shown = Widgets.peek(page, c);
        f = new PageField(f.key(), f.name(), f.id(), f.label(), f.role(), f.required(), f.multiple(), shown,
            f.autocomplete(), f.inputType(), f.empty(), f.value());
      }
      out.add(f);
    }
    return out;
  }

  /**
   * Fills every plan entry that is not missing into the control it matches, reads each back, and reports which
   * controls the page requires and which of those are still empty.
   *
   * @param files the documents to attach, keyed by the provenance of the entry that names them
   *              ({@link PlanEntry#RESUME_DOCUMENT}, {@link PlanEntry#COVER_LETTER_DOCUMENT}); an entry whose file is
   *              not given is left empty
   * @throws ApplyTrouble {@code VALIDATION} when a control does not offer the value wanted (naming what it offers) or
   *     refuses a file, {@code UNEXPECTED_PAGE} when a value does not stick (naming the field, the value wanted and
   *     what the control shows) or the form is not on the page, {@code TIMEOUT} when a control does not respond
   */
  public static FillReport fill(Page page, String formSelector, FillPlan plan, Map<String, Upload> files) {
    return fill(page, formSelector, plan, files, Aliases.NONE);
  }

  /** {@link #fill(Page, String, FillPlan, Map)} with an ATS's naming convention ({@link Aliases}). */
  public static FillReport fill(Page page, String formSelector, FillPlan plan, Map<String, Upload> files,
                                Aliases aliases) {
    List<PlanEntry> entries = plan.entries();
    List<Control> controls = controls(page, formSelector, aliases);
    if (controls.isEmpty() && page.locator(formSelector).count() == 0) {
      throw new ApplyTrouble(Kind.UNEXPECTED_PAGE, "no form '" + formSelector + "' at " + page.url());
    }
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (fillable(entries.get(i), files)) {
        todo.add(i);
      }
    }
    Map<Integer, FilledField> done = new TreeMap<>();
    Map<Integer, Control> filledBy = new HashMap<>();
    Set<String> used = new HashSet<>();
    Map<Integer, Control> matched = match(entries, todo, controls, used);
    List<Integer> later = new ArrayList<>();
    for (int i : todo) {
      Control c = matched.get(i);
      if (c == null || !c.visible()) {
        later.add(i);
        continue;
      }
      used.add(c.field().key());
      fillOne(page, entries.get(i), c, files, done, filledBy, i);
    }
    if (!later.isEmpty()) {
      fillLater(page, formSelector, aliases, entries, later, files, used, done, filledBy);
    }
    return report(page, formSelector, aliases, entries, files, done, filledBy);
  }

  /** Fields that appear only after other answers: waits for them (a little), fills those that show up. */
  private static void fillLater(Page page, String formSelector, Aliases aliases, List<PlanEntry> entries,
                                List<Integer> later, Map<String, Upload> files, Set<String> used,
                                Map<Integer, FilledField> done, Map<Integer, Control> filledBy) {
    long start = System.currentTimeMillis();
    List<Integer> waiting = new ArrayList<>(later);
    while (!waiting.isEmpty()) {
      page.waitForTimeout(100);
      List<Control> controls = controls(page, formSelector, aliases);
      Map<Integer, Control> matched = match(entries, waiting, controls, used);
      long elapsed = System.currentTimeMillis() - start;
      List<Integer> still = new ArrayList<>();
      for (int i : waiting) {
        Control c = matched.get(i);
        if (c != null && c.visible()) {
          used.add(c.field().key());
          fillOne(page, entries.get(i), c, files, done, filledBy, i);
        } else if (c != null ? elapsed < DEPENDENT_TIMEOUT_MS : elapsed < SETTLE_MS) {
          still.add(i);
        } else {
          log.info("field {} of the plan is not shown on {}; left empty", entries.get(i).field(), page.url());
        }
      }
      waiting = still;
    }
  }

  private static void fillOne(Page page, PlanEntry e, Control c, Map<String, Upload> files,
                              Map<Integer, FilledField> done, Map<Integer, Control> filledBy, int index) {
    String value;
    try {
      value = Widgets.fill(page, c, e, files.get(e.provenance()));
    } catch (TimeoutError ex) {
      throw new ApplyTrouble(Kind.TIMEOUT, "the field '" + c.shownName() + "' did not respond within "
          + (long) Widgets.FIELD_TIMEOUT_MS / 1000 + " s", ex);
    }
    if (value != null) {
      String label = c.field().label().isBlank() ? (e.label() == null || e.label().isBlank() ? e.field() : e.label().strip())
          : c.field().label();
      done.put(index, new FilledField(e.field(), label, value, e.provenance()));
      filledBy.put(index, c);
    }
  }

  /** The required check, by identity: every required control shown, named by the plan field it matches if any. */
  private static FillReport report(Page page, String formSelector, Aliases aliases, List<PlanEntry> entries,
                                   Map<String, Upload> files, Map<Integer, FilledField> done,
                                   Map<Integer, Control> filledBy) {
    List<Control> controls = controls(page, formSelector, aliases);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      all.add(i);
    }
    Map<Integer, Control> matched = match(entries, all, controls, new HashSet<>());
    Map<String, Integer> entryOf = new HashMap<>();
    matched.forEach((i, c) -> entryOf.putIfAbsent(c.field().key(), i));
    Set<String> requiredOnPage = new LinkedHashSet<>();
    Set<String> requiredUnfilled = new LinkedHashSet<>();
    for (Control c : controls) {
      if (!c.visible() || !c.field().required()) {
        continue;
      }
      Integer i = entryOf.get(c.field().key());
      String name = i != null ? base(entries.get(i).field())
          : !c.aliases().isEmpty() ? c.aliases().get(0)
          : !c.field().name().isBlank() ? strip(c.field().name())
          : !c.field().id().isBlank() ? c.field().id() : c.field().label();
      requiredOnPage.add(name);
      if (!c.field().empty()) {
        continue;
      }
      if (i != null && done.containsKey(i)) {
        FilledField f = done.get(i);
        throw new ApplyTrouble(Kind.UNEXPECTED_PAGE, "the field '" + c.shownName() + "' was given '"
            + Inputs.shown(f.value()) + "' but shows nothing now");
      }
      requiredUnfilled.add(name);
    }
    log.info("filled {} of {} plan entries at {}; {} required on the page, {} still empty", done.size(),
        entries.size(), page.url(), requiredOnPage.size(), requiredUnfilled.size());
    return new FillReport(List.copyOf(done.values()), List.copyOf(requiredOnPage), List.copyOf(requiredUnfilled));
  }

  /** Whether the engine will put something in the page for this entry. */
  private static boolean fillable(PlanEntry e, Map<String, Upload> files) {
    if (e.isMissing() || "input_hidden".equals(e.type()) || base(e.field()).isEmpty()) {
      return false;
    }
    if ("input_file".equals(e.type())) {
      Upload u = files.get(e.provenance());
      return u != null && u.bytes() != null && u.bytes().length > 0;
    }
    boolean hasValue = e.value() != null && !e.value().isBlank();
    return hasValue || e.options().stream().anyMatch(o -> o != null && !o.isBlank());
  }

  /**
   * The control each entry of {@code which} answers, by the entry's field against the control's name and aliases,
   * then its id, then its label against the control's accessible name; visible controls before hidden ones, each
   * control at most once, none of {@code used}.
   */
  static Map<Integer, Control> match(List<PlanEntry> entries, List<Integer> which, List<Control> controls,
                                     Set<String> used) {
    Map<Integer, Control> out = new HashMap<>();
    Set<String> taken = new HashSet<>(used);
    for (int pass = 0; pass < 3; pass++) {
      for (boolean visible : new boolean[] {true, false}) {
        for (int i : which) {
          if (out.containsKey(i)) {
            continue;
          }
          PlanEntry e = entries.get(i);
          String field = base(e.field());
          for (Control c : controls) {
            if (c.visible() != visible || taken.contains(c.field().key())) {
              continue;
            }
            boolean hit = switch (pass) {
              case 0 -> !field.isEmpty() && (field.equals(strip(c.field().name())) || c.aliases().contains(field));
              case 1 -> !field.isEmpty() && field.equals(c.field().id());
              default -> Labels.same(e.label(), c.field().label());
            };
            if (hit) {
              out.put(i, c);
              taken.add(c.field().key());
              break;
            }
          }
        }
      }
    }
    return out;
  }

  /** A field name without a trailing {@code []}. */
  static String base(String field) {
    String f = field == null ? "" : field.strip();
    return strip(f);
  }

  private static String strip(String name) {
    return name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
  }

  /** Every control in the form, visible or not (a dependent question may be hidden until another answer). */
  static List<Control> controls(Page page, String formSelector, Aliases aliases) {
    Object raw;
    try {
      raw = page.evaluate(FormScripts.READ, Map.of("form", formSelector));
    } catch (PlaywrightException e) {
      // the page is between documents; nothing to read until it settles
      log.debug("could not read the form {}: {}", formSelector, e.getMessage());
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      return List.of();
    }
    List<Control> out = new ArrayList<>();
    for (Object o : list) {
      Map<?, ?> m = (Map<?, ?>) o;
      List<Map.Entry<String, String>> hidden = new ArrayList<>();
      for (Object h : (List<?>) m.get("hidden")) {
        List<?> pair = (List<?>) h;
        hidden.add(new SimpleEntry<>(String.valueOf(pair.get(0)), String.valueOf(pair.get(1))));
      }
      PageField f = new PageField(str(m, "key"), str(m, "name"), str(m, "id"), str(m, "label"), str(m, "role"),
          bool(m, "required"), bool(m, "multiple"), strings(m.get("options")), str(m, "autocomplete"),
          str(m, "inputType"), bool(m, "empty"), str(m, "value"));
      List<String> extra = aliases.of(f, List.copyOf(hidden));
      out.add(new Control(f, bool(m, "visible"), extra == null ? List.of() : List.copyOf(extra), bool(m, "editable"),
          bool(m, "chooser")));
    }
    return out;
  }

  private static String str(Map<?, ?> m, String k) {
    Object v = m.get(k);
    return v == null ? "" : String.valueOf(v);
  }

  private static boolean bool(Map<?, ?> m, String k) {
    return Boolean.TRUE.equals(m.get(k));
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        out.add(x == null ? "" : String.valueOf(x));
      }
    }
    return out;
  }
}
