package io.applyflow.load;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FilePayload;
import io.applyflow.apply.Browsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline of load figure (a): a bare hand-written Playwright loop that opens each posting's sandbox form, fills
 * the fields Applyflow sent for it (the values the sandbox recorded, under another applicant email so nothing
 * collides) with plain Playwright calls ({@code fill}, {@code selectOption}, {@code check}, {@code setInputFiles}; the
 * country combobox of the Greenhouse hosted form by typing and picking), clicks submit and waits for the form's POST
 * to be answered. {@code workers} threads, each with its own Playwright and Chromium, like Applyflow's apply instances.
 */
final class BareLoop {
  /** One form to fill: its URL, the fields by name, the resume and cover letter bytes (null when not sent). */
  record Form(String url, Map<String, Object> fields, byte[] resume, byte[] coverLetter) {
  }

  record Result(long ms, int ok, int failed, List<String> problems) {
  }

  private BareLoop() {
  }

  /** The form for one received application: its fields under {@code email}, with the files it carried. */
  static Form form(String url, JsonObject received, String email, byte[] resume, byte[] coverLetter) {
    Map<String, Object> f = new LinkedHashMap<>();
    String first = received.getString("first_name", "");
    String last = received.getString("last_name", "");
    f.put("first_name", first);
    f.put("last_name", last);
    f.put("name", (first + " " + last).trim()); // Lever's one name field
    f.put("email", email);
    if (received.getString("phone") != null) {
      f.put("phone", received.getString("phone"));
    }
    received.getJsonObject("answers", new JsonObject()).forEach(e -> f.putIfAbsent(e.getKey(), e.getValue()));
    return new Form(url, f, resume, coverLetter);
  }

  static Result run(List<Form> forms, int workers, String chromium) throws InterruptedException {
    ConcurrentLinkedQueue<Form> queue = new ConcurrentLinkedQueue<>(forms);
    AtomicInteger ok = new AtomicInteger();
    List<String> problems = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    // each worker launches its browser before the clock starts, as the app's workers have theirs launched
    java.util.concurrent.CountDownLatch launched = new java.util.concurrent.CountDownLatch(workers);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    for (int w = 0; w < workers; w++) {
      Thread t = new Thread(() -> {
        try (Playwright pw = Browsers.createPlaywright(chromium)) {
          Browser browser = Browsers.launch(pw, chromium, true);
          launched.countDown();
          go.await();
          Form form;
          while ((form = queue.poll()) != null) {
            try (BrowserContext ctx = browser.newContext()) {
              String problem = fillAndSubmit(ctx.newPage(), form);
              if (problem == null) {
                ok.incrementAndGet();
              } else {
                problems.add(form.url() + ": " + problem);
              }
            } catch (RuntimeException e) {
              problems.add(form.url() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "bare-loop-" + w);
      threads.add(t);
      t.start();
    }
    launched.await();
    long t0 = System.nanoTime();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    return new Result((System.nanoTime() - t0) / 1_000_000, ok.get(), problems.size(), problems);
  }

  /** Fills and submits one form; null when the form's POST was answered 2xx/3xx, else what went wrong. */
  private static String fillAndSubmit(Page page, Form form) {
    page.setDefaultTimeout(20_000);
    page.navigate(form.url());
    page.waitForSelector("form");
    for (Map.Entry<String, Object> e : form.fields().entrySet()) {
      fill(page, e.getKey(), e.getValue());
    }
    Locator country = page.locator("#country");
    if (country.count() == 1 && country.isVisible()) {
      country.click();
      page.keyboard().type("United States");
      page.locator("[role=option]").first().click();
    }
    for (ElementHandle input : page.querySelectorAll("input[type=file]")) {
      String key = (input.getAttribute("name") + " " + input.getAttribute("id")).toLowerCase();
      byte[] bytes = key.contains("cover") ? form.coverLetter() : key.contains("resume") || key.contains("cv")
          ? form.resume() : null;
      if (bytes != null) {
        input.setInputFiles(new FilePayload(key.contains("cover") ? "cover-letter.pdf" : "resume.pdf",
            "application/pdf", bytes));
      }
    }
    Response r = page.waitForResponse(res -> "POST".equals(res.request().method()),
        () -> page.locator("button[type=submit]").last().click());
    return r.status() < 400 ? null : "the form's POST answered " + r.status() + ": "
        + r.text().substring(0, Math.min(200, r.text().length()));
  }

  /** Puts {@code value} into the controls named {@code name} (or with that id) the plain way; skips what is absent. */
  private static void fill(Page page, String name, Object value) {
    List<ElementHandle> els = page.querySelectorAll("[name=\"" + name + "\"], [name=\"" + name + "[]\"]");
    if (els.isEmpty() && name.matches("[A-Za-z_][\\w-]*")) {
      els = page.querySelectorAll("#" + name);
    }
    List<String> values = new ArrayList<>();
    if (value instanceof JsonArray a) {
      a.forEach(v -> values.add(String.valueOf(v)));
    } else if (value instanceof List<?> l) {
      l.forEach(v -> values.add(String.valueOf(v)));
    } else if (value != null) {
      values.add(String.valueOf(value));
    }
    if (values.isEmpty()) {
      return;
    }
    for (ElementHandle el : els) {
      String tag = String.valueOf(el.evaluate("e => e.tagName")).toLowerCase();
      String type = String.valueOf(el.getAttribute("type")).toLowerCase();
      if (tag.equals("select")) {
        el.selectOption(values.toArray(new String[0]));
      } else if (type.equals("checkbox") || type.equals("radio")) {
        if (values.contains(el.getAttribute("value"))) {
          el.check();
        }
      } else if (type.equals("file")) {
        continue;
      } else if (el.isVisible() && el.isEditable()) {
        el.fill(values.get(0));
      } else {
        el.evaluate("(e, v) => { e.value = v; e.dispatchEvent(new Event('change', {bubbles: true})); }", values.get(0));
      }
    }
  }
}
