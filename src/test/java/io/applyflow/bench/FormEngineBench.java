package io.applyflow.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.KeyboardModifier;
import io.applyflow.apply.Browsers;
import io.applyflow.apply.FillPlan;
import io.applyflow.apply.FormEngine;
import io.applyflow.apply.PlanEntry;
import io.applyflow.apply.Sensitivity;
import io.applyflow.support.WidgetFixtures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Filling the form-engine fixtures ({@code src/test/resources/widgets/}) with {@link FormEngine} next to a bare
 * hand-written Playwright loop that fills the same fields by fixed selectors, in the same browser. Times only the
 * filling (the page is loaded first), prints the median and the slowest ms per form; asserts nothing.
 *
 * <pre>mvn -B -o -Pbench test-compile exec:java -Dbench.main=io.applyflow.bench.FormEngineBench -Dbench.args="10"</pre>
 */
public final class FormEngineBench {
  private record Form(String fixture, String selector, FillPlan plan, Consumer<Page> bare) {
  }

  private FormEngineBench() {
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    System.out.printf("Form engine bench: %d rounds per form, %d cores, Chromium %s%n", rounds,
        Runtime.getRuntime().availableProcessors(), chromium);
    try (WidgetFixtures fixtures = WidgetFixtures.start(); Playwright pw = Browsers.createPlaywright(chromium)) {
      Browser browser = Browsers.launch(pw, chromium, true);
      System.out.printf("%-18s %6s %16s %16s%n", "form", "fields", "FormEngine ms", "bare loop ms");
      for (Form f : forms()) {
        run(browser, fixtures.url(f.fixture()), p -> f.bare().accept(p)); // warm-up
        List<Long> engine = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          engine.add(run(browser, fixtures.url(f.fixture()), p -> FormEngine.fill(p, f.selector(), f.plan(), Map.of())));
          bare.add(run(browser, fixtures.url(f.fixture()), f.bare()));
        }
        System.out.printf("%-18s %6d %9d (max %4d) %9d (max %4d)%n", f.fixture(), f.plan().entries().size(),
            median(engine), Collections.max(engine), median(bare), Collections.max(bare));
      }
    }
  }

  /** Loads the page, then times {@code fill}. */
  private static long run(Browser browser, String url, Consumer<Page> fill) {
    try (BrowserContext ctx = browser.newContext()) {
      Page page = ctx.newPage();
      page.navigate(url);
      page.waitForLoadState();
      long s = System.nanoTime();
      fill.accept(page);
      return (System.nanoTime() - s) / 1_000_000;
    }
  }

  private static long median(List<Long> xs) {
    List<Long> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static List<Form> forms() {
    List<Form> out = new ArrayList<>();
    out.add(new Form("comboboxes.html", "#apply", plan(Map.of(
        "question_9002", "Yes", "shirt", "Medium", "state", "Pennsylvania", "fruit", "Cherry", "question_9003", "No",
        "question_9004", "Yes", "team", "Search"), Map.of("city", "Pittsburgh")), p -> {
          p.click("#q9002");
          p.click("#q9002-yes");
          p.click("#shirt");
          p.click("#shirt-m");
          p.fill("#state", "Pennsylvania");
          p.click("#st-6");
          p.click("#fruit-input");
          p.click("#fr-3");
          p.click("#q9003-input");
          p.click("#q9003-no");
          p.click("#q9004-input");
          p.click(".portal-list [role=option]:text-is('Yes')");
          p.fill("#city", "Pittsburgh");
          p.click(".portal-list [role=option]:text-is('Pittsburgh, Pennsylvania, United States')");
          p.click("#team");
          for (int i = 0; i < 3; i++) {
            p.press("#team", "ArrowDown");
          }
          p.press("#team", "Enter");
        }));
    out.add(new Form("react-select.html", "#application-form", new FillPlan(List.of(
        select("question_501", "Yes"),
        new PlanEntry("question_502[]", null, "multi_value_multi_select", false, null, List.of("Go", "Rust"),
            "answer:bench", Sensitivity.NONE))), p -> {
          p.click("#question_501");
          p.click("#react-select-question_501-listbox [role=option]:text-is('Yes')");
          p.fill("#question_502", "Go");
          p.click("#react-select-question_502-listbox [role=option]:text-is('Go')");
          p.fill("#question_502", "Rust");
          p.click("#react-select-question_502-listbox [role=option]:text-is('Rust')");
        }));
    out.add(new Form("choices.html", "#apply", new FillPlan(List.of(
        select("start", "Within a month"), multi("days", "Monday", "Wednesday"), select("adult", "Yes"),
        select("remote", "Hybrid"), select("contact", "Phone"), multi("skills[]", "Go", "SQL"),
        multi("clouds", "Google Cloud"), text("consent", "Yes"), select("question_7001", "No"),
        select("gender", "Female"), select("country", "United States"), multi("langs", "English", "German"))), p -> {
          p.click("#start-2");
          p.click("#d-mon", new Page.ClickOptions().setModifiers(List.of(KeyboardModifier.CONTROL)));
          p.click("#d-wed", new Page.ClickOptions().setModifiers(List.of(KeyboardModifier.CONTROL)));
          p.check("input[name=adult][value=y]");
          p.click("label[for=remote-2]");
          p.click("#contact [role=radio]:text-is('Phone')");
          p.check("#skills input[value=go]");
          p.check("#skills input[value=sql]");
          p.check("#c-gcp");
          p.check("#consent");
          p.click("[data-widget=toggles] button[value=no]");
          p.selectOption("#gender", "2");
          p.selectOption("#country", "US");
          p.selectOption("#langs", new String[] {"English", "German"});
        }));
    out.add(new Form("labels.html", "#apply", new FillPlan(List.of(
        text("first", "Zoë"), text("last", "Ångström"), text("email", "zoe@example.com"),
        text("phone", "+44 20 7946 0958"), text("available", "2027-03-03"), text("since", "03/2027"),
        text("why", "Because."), text("street", "1 Main St"), select("referred", "Yes"),
        text("referrer", "Grace Hopper"))), p -> {
          p.fill("#first", "Zoë");
          p.fill("input[name=last]", "Ångström");
          p.fill("#email", "zoe@example.com");
          p.fill("#phone", "+44 20 7946 0958");
          p.fill("#born", "2027-03-03");
          p.fill("#since", "03/2027");
          p.fill("#why", "Because.");
          p.fill("#street", "1 Main St");
          p.selectOption("#referred", "Yes");
          p.locator("#referrer").fill("Grace Hopper", new Locator.FillOptions());
        }));
    return out;
  }

  private static FillPlan plan(Map<String, String> selects, Map<String, String> texts) {
    Map<String, String> ordered = new LinkedHashMap<>(selects);
    List<PlanEntry> entries = new ArrayList<>();
    ordered.forEach((k, v) -> entries.add(select(k, v)));
    texts.forEach((k, v) -> entries.add(text(k, v)));
    return new FillPlan(entries);
  }

  private static PlanEntry text(String field, String value) {
    return new PlanEntry(field, null, "input_text", false, value, List.of(), "answer:bench", Sensitivity.NONE);
  }

  private static PlanEntry select(String field, String option) {
    return new PlanEntry(field, null, "multi_value_single_select", false, null, List.of(option), "answer:bench",
        Sensitivity.NONE);
  }

  private static PlanEntry multi(String field, String... options) {
    return new PlanEntry(field, null, "multi_value_multi_select", false, null, List.of(options), "answer:bench",
        Sensitivity.NONE);
  }
}
