package io.applyflow.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.applyflow.apply.Browsers;
import io.applyflow.tailor.Tailor;
import io.applyflow.tailor.TailoredResume;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Render benchmark (not a test), on one thread:
 * <ol>
 *   <li>the tailored senior-engineer fixture on one page: the cold first render, the warm median and p90, the
 *       parse-back gate time and the PDF size;</li>
 *   <li>the same fixture tailored for two pages ({@link Tailor.Budget#TWO_PAGES}; its page count is printed and
 *       must be 2): warm render + parse-back gate (median, p95) next to a warm Chromium {@code page.pdf()} of the same
 *       HTML ({@link ResumePdf#html}) in the same JVM, and the ratio;</li>
 *   <li>the page-1 PNG preview ({@link Preview#png}) of that PDF.</li>
 * </ol>
 * Wall-clock times suffer when other processes compete for the CPU, so the render thread's own CPU time is printed
 * too (it leaves out JIT compiler and GC threads; Chromium's time is spent in its own processes, so only its wall
 * clock is comparable) with the load average.
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:java -Dbench.main=io.applyflow.render.RenderBench
 * -Dbench.args="50 20"} (warm renders, warm Chromium PDFs), or {@code mvn -B -q test-compile
 * dependency:build-classpath -Dmdep.outputFile=cp.txt} then {@code java -cp
 * target/classes:target/test-classes:$(cat cp.txt) io.applyflow.render.RenderBench 50 20}. Chromium is the one at
 * {@code CHROMIUM_PATH} (else Debian's {@code /usr/bin/chromium}), launched as the app launches it
 * ({@link Browsers#launch}: headless, {@link Browsers#ARGS}).
 */
public final class RenderBench {

  private RenderBench() {
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int chromiumRuns = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    JsonNode resume;
    String description;
    try (InputStream r = RenderBench.class.getResourceAsStream("/jsonresume/senior-engineer.resume.json");
        InputStream d = RenderBench.class.getResourceAsStream("/jsonresume/staff-backend.description.txt")) {
      resume = new ObjectMapper().readTree(r);
      description = new String(d.readAllBytes(), StandardCharsets.UTF_8);
    }
    TailoredResume tailored = Tailor.tailor(resume, description);

    long t0 = System.nanoTime();
    ResumePdf pdf = new ResumePdf();
    byte[] first = pdf.render(tailored);
    double cold = ms(System.nanoTime() - t0);

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] warm = new double[n];
    double[] cpu = new double[n];
    byte[] out = first;
    for (int i = 0; i < n; i++) {
      long c = threads.getCurrentThreadCpuTime();
      long s = System.nanoTime();
      out = pdf.render(tailored);
      warm[i] = ms(System.nanoTime() - s);
      cpu[i] = ms(threads.getCurrentThreadCpuTime() - c);
    }
    Arrays.sort(warm);
    Arrays.sort(cpu);

    double[] gate = new double[Math.min(n, 20)];
    for (int i = 0; i < gate.length; i++) {
      long s = System.nanoTime();
      gate(out, tailored);
      gate[i] = ms(System.nanoTime() - s);
    }
    Arrays.sort(gate);

    System.out.printf("renders: 1 cold + %d warm (Java %s, %d cores)%n", n, System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    System.out.printf("cold first render (incl. class loading, template and font parsing): %.0f ms%n", cold);
    System.out.printf("warm render: median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms%n",
        percentile(warm, 50), percentile(warm, 90), warm[0], warm[warm.length - 1]);
    System.out.printf("warm render, thread CPU time: median %.1f ms, p90 %.1f ms%n",
        percentile(cpu, 50), percentile(cpu, 90));
    System.out.printf("parse-back gate: median %.1f ms (of %d)%n", percentile(gate, 50), gate.length);
    System.out.printf("PDF size: %d bytes, %d page(s)%n", out.length, pages(out));

    twoPages(pdf, Tailor.tailor(twoPageResume(resume), description, Tailor.Budget.TWO_PAGES), n, chromiumRuns);
    System.out.printf("load average at the end: %.2f%n", ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage());
  }

  /**
   * A resume long enough for two pages: no fixture is (the senior engineer's 11 bullets fit on one page with any
   * budget), so the senior engineer's resume gets the jobs, projects and schools of the other three fixtures appended.
   * A benchmark input only: every string is a fixture's own, none is made up here.
   */
  static JsonNode twoPageResume(JsonNode seniorEngineer) throws java.io.IOException {
    com.fasterxml.jackson.databind.node.ObjectNode merged = seniorEngineer.deepCopy();
    for (String other : List.of("career-changer", "new-grad", "sample")) {
      try (InputStream in = RenderBench.class.getResourceAsStream("/jsonresume/" + other + ".resume.json")) {
        JsonNode r = new ObjectMapper().readTree(in);
        for (String section : List.of("work", "projects", "education")) {
          if (r.path(section).isArray()) {
            merged.withArray(section).addAll((com.fasterxml.jackson.databind.node.ArrayNode) r.get(section));
          }
        }
      }
    }
    return merged;
  }

  /** Render + gate of a two-page resume against Chromium's page.pdf() of the same HTML, then the PNG preview. */
  private static void twoPages(ResumePdf pdf, TailoredResume two, int n, int chromiumRuns) {
    byte[] doc = pdf.render(two);
    int pages = pages(doc);
    System.out.printf("%n2-page resume (senior-engineer + the other fixtures' roles, budget TWO_PAGES: %d roles, %d "
        + "bullets): %d page(s), %d bytes%n", two.work().size() + two.projects().size(),
        two.work().stream().mapToInt(r -> r.bullets().size()).sum()
            + two.projects().stream().mapToInt(r -> r.bullets().size()).sum(), pages, doc.length);
    if (pages != 2) {
      throw new IllegalStateException("the two-page fixture renders to " + pages + " page(s)");
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 10; i++) { // warm-up at this size
      gate(pdf.render(two), two);
    }
    double[] ours = new double[n];
    double[] oursCpu = new double[n];
    for (int i = 0; i < n; i++) {
      long c = threads.getCurrentThreadCpuTime();
      long s = System.nanoTime();
      gate(pdf.render(two), two);
      ours[i] = ms(System.nanoTime() - s);
      oursCpu[i] = ms(threads.getCurrentThreadCpuTime() - c);
    }
    Arrays.sort(ours);
    Arrays.sort(oursCpu);

    String html = pdf.html(two);
    String chromiumPath = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    double[] setAndPrint = new double[chromiumRuns];
    double[] printOnly = new double[chromiumRuns];
    int chromiumPages;
    double chromiumCpu;
    try (Playwright pw = Browsers.createPlaywright(chromiumPath);
         Browser browser = Browsers.launch(pw, chromiumPath, true)) {
      Page page = browser.newPage();
      Page.PdfOptions options = new Page.PdfOptions().setPreferCSSPageSize(true).setPrintBackground(true);
      byte[] chromiumPdf = null;
      for (int i = 0; i < 5; i++) { // warm-up: the renderer process, fonts, the PDF backend
        page.setContent(html);
        chromiumPdf = page.pdf(options);
      }
      chromiumPages = pages(chromiumPdf);
      long chromiumCpuBefore = chromiumCpuMillis();
      for (int i = 0; i < chromiumRuns; i++) {
        long s = System.nanoTime();
        page.setContent(html);
        long printed = System.nanoTime();
        page.pdf(options);
        long e = System.nanoTime();
        setAndPrint[i] = ms(e - s);
        printOnly[i] = ms(e - printed);
      }
      chromiumCpu = (chromiumCpuMillis() - chromiumCpuBefore) / (double) chromiumRuns;
    }
    Arrays.sort(setAndPrint);
    Arrays.sort(printOnly);

    for (int i = 0; i < 10; i++) { // warm-up: PDFBox's renderer and the PNG writer
      Preview.png(doc);
    }
    double[] png = new double[Math.min(n, 30)];
    double[] pngCpu = new double[png.length];
    int pngBytes = 0;
    for (int i = 0; i < png.length; i++) {
      long c = threads.getCurrentThreadCpuTime();
      long s = System.nanoTime();
      pngBytes = Preview.png(doc).length;
      png[i] = ms(System.nanoTime() - s);
      pngCpu[i] = ms(threads.getCurrentThreadCpuTime() - c);
    }
    Arrays.sort(png);
    Arrays.sort(pngCpu);

    System.out.printf("warm render + parse-back gate: median %.1f ms, p95 %.1f ms (thread CPU: median %.1f ms, p95 "
        + "%.1f ms; %d runs)%n", percentile(ours, 50), percentile(ours, 95), percentile(oursCpu, 50),
        percentile(oursCpu, 95), n);
    System.out.printf("warm Chromium setContent + page.pdf(), same HTML: median %.1f ms, p95 %.1f ms (%d runs, "
        + "%d page(s); page.pdf() alone: median %.1f ms, p95 %.1f ms)%n", percentile(setAndPrint, 50),
        percentile(setAndPrint, 95), chromiumRuns, chromiumPages, percentile(printOnly, 50), percentile(printOnly, 95));
    System.out.printf("ratio (Chromium / ours, wall-clock medians): %.1fx for setContent + pdf, %.1fx for page.pdf() "
        + "alone%n", percentile(setAndPrint, 50) / percentile(ours, 50), percentile(printOnly, 50) / percentile(ours, 50));
    double oursCpuMean = Arrays.stream(oursCpu).average().orElse(0);
    System.out.printf("CPU per PDF, means: ours %.1f ms (render thread, incl. the gate), Chromium %.1f ms (all its "
        + "processes, setContent + pdf, no gate; 10 ms clock ticks): ratio %.1fx%n", oursCpuMean, chromiumCpu,
        chromiumCpu / oursCpuMean);
    System.out.printf("PNG preview of page 1 (%d px wide, %d bytes): median %.1f ms, p95 %.1f ms (thread CPU: median "
        + "%.1f ms, p95 %.1f ms; %d runs)%n", Preview.PIXEL_WIDTH, pngBytes, percentile(png, 50), percentile(png, 95),
        percentile(pngCpu, 50), percentile(pngCpu, 95), png.length);
  }

  /**
   * CPU time (user + system) of this JVM's Chromium processes so far, from {@code /proc/<pid>/stat} in clock ticks
   * (100 a second on Linux): Chromium works in processes of its own, which a thread's CPU clock does not see.
   */
  private static long chromiumCpuMillis() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
        .mapToLong(p -> {
          try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + p.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime: fields 14 and 15
          } catch (java.io.IOException | RuntimeException e) {
            return 0; // a process that ended between the listing and the read
          }
        })
        .sum();
  }

  private static void gate(byte[] pdf, TailoredResume r) {
    List<String> problems = ParseBackGate.check(pdf, r);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("gate failed: " + problems);
    }
  }

  private static int pages(byte[] pdf) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return doc.getNumberOfPages();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  /** Nearest-rank percentile of sorted values. */
  private static double percentile(double[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
