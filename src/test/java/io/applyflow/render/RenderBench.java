package io.applyflow.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.applyflow.tailor.Tailor;
import io.applyflow.tailor.TailoredResume;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Render benchmark (not a test): renders the tailored senior-engineer fixture N times on one thread and
 * prints the cold first render, the warm median and p90, the parse-back gate time and the PDF size.
 * Wall-clock times suffer when other processes compete for the CPU, so the render thread's own CPU time
 * is printed too (it leaves out JIT compiler and GC threads).
 *
 * <p>Run: {@code mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} then
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.applyflow.render.RenderBench 50}.
 */
public final class RenderBench {

  private RenderBench() {
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
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
      if (!ParseBackGate.check(out, tailored).isEmpty()) {
        throw new IllegalStateException("gate failed: " + ParseBackGate.check(out, tailored));
      }
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
    System.out.printf("load average at the end: %.2f%n", ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage());
    System.out.printf("parse-back gate: median %.1f ms (of %d)%n", percentile(gate, 50), gate.length);
    System.out.printf("PDF size: %d bytes%n", out.length);
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
