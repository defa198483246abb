package io.applyflow.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import io.applyflow.apply.ApplicantData;
import io.applyflow.apply.Browsers;
import io.applyflow.apply.HostedForm;
import io.applyflow.apply.Upload;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.sandbox.SandboxBoards;
import io.applyflow.sandbox.SandboxRoutes;
import io.applyflow.sandbox.SandboxVerticle;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fill + submit on the sandbox's hosted forms: Applyflow's form filler with 1, 2 and 4 instances (each its own
 * Playwright and Chromium, like apply workers), next to a bare hand-written Playwright loop on the same forms in
 * the same run. Prints per-form times, applications per minute and resident memory; asserts nothing.
 *
 * <pre>mvn -B -Pbench test-compile exec:java -Dbench.main=io.applyflow.bench.ApplyBench -Dbench.args="40 1,2,4"</pre>
 */
public final class ApplyBench {
  private static final byte[] PDF = minimalPdf();

  private ApplyBench() {
  }

  public static void main(String[] args) throws Exception {
    int forms = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    String[] counts = (args.length > 1 ? args[1] : "1,2,4").split(",");
    Vertx vertx = Vertx.vertx();
    // the bench measures the form filler, so the sandbox's per-address throttle is set out of its way
    SandboxVerticle sandbox = new SandboxVerticle("127.0.0.1", 0, TestDatabase.shared().pool(vertx, 8),
        new SandboxRoutes.Limits(SandboxRoutes.Limits.DEFAULT.bodyBytes(), 100_000));
    vertx.deployVerticle(sandbox).await();
    int port = sandbox.actualPort();
    List<String> urls = new ArrayList<>();
    // the react-select postings without a required yes/no: the forms the bare loop's fixed selectors know and the
    // filler's profile-only plan completes
    SandboxBoards.get().postings().stream().filter(p -> "standard".equals(p.scenario())
            && p.json().path("sandbox").path("widgets").isMissingNode() && !p.embedded() && noRequiredChoice(p))
        .forEach(p -> urls.add("http://127.0.0.1:" + port + "/sandbox/job-boards/" + p.board() + "/jobs/" + p.id()));
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    System.out.printf("Apply bench: %d forms per setting over %d sandbox postings, %d cores, Chromium %s%n", forms,
        urls.size(), Runtime.getRuntime().availableProcessors(), chromium);

    bare(urls, forms, chromium);
    for (String c : counts) {
      applyflow(urls, forms, Integer.parseInt(c.trim()), chromium);
    }
    vertx.close().await();
    System.exit(0);
  }

  /** True when no required question of the posting is a choice (a yes/no only the profile or the user answers). */
  private static boolean noRequiredChoice(SandboxBoards.Posting p) {
    for (com.fasterxml.jackson.databind.JsonNode q : p.questions()) {
      if (q.path("required").asBoolean(false)
          && q.path("fields").path(0).path("type").asText("").startsWith("multi_value")) {
        return false;
      }
    }
    return true;
  }

  private static String url(List<String> urls, int i) {
    return urls.get(i % urls.size());
  }

  /** The same work written directly against Playwright, one browser, one context per form. */
  private static void bare(List<String> urls, int forms, String chromium) {
    try (Playwright pw = Browsers.createPlaywright(chromium)) {
      Browser browser = Browsers.launch(pw, chromium, true);
      warm(browser, urls.get(0));
      List<Long> times = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < forms; i++) {
        long s = System.nanoTime();
        try (BrowserContext ctx = browser.newContext()) {
          Page page = ctx.newPage();
          page.navigate(url(urls, i));
          page.fill("#first_name", "Richard");
          page.fill("#last_name", "Hendriks");
          page.fill("#email", "bench-bare-" + i + "@example.com");
          page.click("#country");
          page.keyboard().type("United States");
          page.click("#react-select-country-listbox [role=option]");
          page.fill("#phone", "+1 912 555 4321");
          page.setInputFiles("#resume", new FilePayload("resume.pdf", "application/pdf", PDF));
          page.click("#application-form button[type=submit]");
          page.waitForURL("**/confirmation");
        }
        times.add((System.nanoTime() - s) / 1_000_000);
      }
      report("bare Playwright loop, 1 browser", forms, t0, times);
    }
  }

  /** Applyflow's filler, {@code instances} workers each with its own Playwright and Chromium. */
  private static void applyflow(List<String> urls, int forms, int instances, String chromium) throws Exception {
    ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < forms; i++) {
      queue.add(i);
    }
    List<Long> times = new CopyOnWriteArrayList<>();
    List<Thread> workers = new ArrayList<>();
    List<String> errors = new CopyOnWriteArrayList<>();
    long[] rssPeak = {0};
    long t0 = System.nanoTime();
    for (int w = 0; w < instances; w++) {
      Thread t = new Thread(() -> {
        try (Playwright pw = Browsers.createPlaywright(chromium)) {
          Browser browser = Browsers.launch(pw, chromium, true);
          HostedForm form = new HostedForm(
              new io.applyflow.apply.AllowedOrigins(List.of(io.applyflow.platform.web.SafeUrls.origin(urls.get(0)))));
          Integer i;
          while ((i = queue.poll()) != null) {
            long s = System.nanoTime();
            try (BrowserContext ctx = browser.newContext()) {
              Page page = ctx.newPage();
              form.fill(page, url(urls, i), new ApplicantData("Richard", "Hendriks", null,
                  "bench-" + instances + "-" + i + "@example.com", "+1 912 555 4321", "United States"),
                  new Upload("resume.pdf", "application/pdf", PDF));
              form.submit(page);
            } catch (RuntimeException e) {
              errors.add(e.getMessage());
            }
            times.add((System.nanoTime() - s) / 1_000_000);
            long rss = rssMb();
            synchronized (rssPeak) {
              rssPeak[0] = Math.max(rssPeak[0], rss);
            }
            if (instances == 1 && forms >= 100 && (i + 1) % (forms / 4) == 0) {
              System.out.printf("    after %d forms: RSS (JVM + Chromium) %d MB, JVM heap %d MB%n", i + 1, rss,
                  (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            }
          }
        }
      }, "apply-bench-" + w);
      workers.add(t);
      t.start();
    }
    for (Thread t : workers) {
      t.join();
    }
    report("Applyflow filler, " + instances + " instance(s)", forms, t0, new ArrayList<>(times));
    System.out.printf("    peak RSS (JVM + Chromium): %d MB; errors: %d%s%n", rssPeak[0], errors.size(),
        errors.isEmpty() ? "" : " (first: " + errors.get(0) + ")");
  }

  private static void warm(Browser browser, String url) {
    try (BrowserContext ctx = browser.newContext()) {
      ctx.newPage().navigate(url);
    }
  }

  private static void report(String what, int forms, long t0, List<Long> times) {
    long total = (System.nanoTime() - t0) / 1_000_000;
    Collections.sort(times);
    System.out.printf("  %-36s median %5d ms, p90 %5d ms per form; %5.1f applications/minute; RSS %d MB%n", what,
        times.get(times.size() / 2), times.get(Math.min(times.size() - 1, times.size() * 9 / 10)),
        forms * 60_000.0 / total, rssMb());
  }

  /** Resident memory of this JVM and every Chromium process, from /proc (Linux). */
  static long rssMb() {
    long kb = 0;
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String cmd = Files.readString(p.resolve("cmdline"));
          boolean ours = p.getFileName().toString().equals(String.valueOf(ProcessHandle.current().pid()))
              || cmd.contains("chrom");
          if (!ours) {
            continue;
          }
          for (String line : Files.readAllLines(p.resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
              kb += Long.parseLong(line.replaceAll("\\D+", ""));
            }
          }
        } catch (IOException | RuntimeException ignored) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return kb / 1024;
  }

  private static byte[] minimalPdf() {
    try (var doc = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
      doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
