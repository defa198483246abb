package io.applyflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.score.Scorer;
import io.applyflow.support.Fixtures;
import io.applyflow.tailor.BulletChange;
import io.applyflow.tailor.Tailor;
import io.applyflow.tailor.TailorDiff;
import io.applyflow.tailor.TailoredResume;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times the pure per-job work of the score and tailor stages on one thread: a ~1,000-word job description
 * against a resume of 40 bullets (eight jobs of five, drawn from the fixtures). After a warm-up it times N
 * jobs of tailor + diff (and of tailor alone) and prints the median, p90 and max per job in microseconds,
 * the bytes allocated per job and the heap in use. Every job gets its own description (the text plus a
 * reference line), so the engine's memo of description weights helps only between a job's tailoring and
 * its diff, as in the pipeline, while the resume's bullets are the same for every job, as in a run. It also times {@code Scorer.score} and score + tailor + diff. Prints figures; asserts nothing.
 *
 * <pre>mvn -B -Pbench test-compile exec:java -Dbench.main=io.applyflow.bench.TailorScoreBench -Dbench.args=2000</pre>
 */
public final class TailorScoreBench {


  private TailorScoreBench() {
  }

  /** A timed unit of work for the i-th job; returns something so the JIT cannot drop it. */
  private interface Job {
    Object run(int i) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    String description = description(1000);
    int warmup = Math.max(500, n / 2);
    String[] descriptions = new String[warmup + n];
    String[] html = new String[warmup + n];
    for (int i = 0; i < descriptions.length; i++) {
      descriptions[i] = description + "\n\nReference: BENCH-" + i;
      html[i] = "<p>" + descriptions[i].replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>";
    }
    JsonNode resume = Fixtures.fortyBulletResume();
    LocalDate today = LocalDate.of(2025, 6, 1);

    TailoredResume sample = Tailor.tailor(resume, description);
    List<BulletChange> diff = TailorDiff.of(resume, sample, description);
    System.out.printf("Applyflow tailor/score bench: %d jobs, JDK %s, %d cores%n", n, System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    System.out.printf("  description: %d words; resume: %d master bullets (%d highlights); tailored: %d bullets, "
            + "%d kept, %d moved, %d dropped%n", description.split("\\s+").length, diff.size(),
        diff.stream().filter(c -> !c.role().equals("Summary")).count(), sample.bullets().size(),
        count(diff, BulletChange.KEPT), count(diff, BulletChange.MOVED), count(diff, BulletChange.DROPPED));

    List<String> labels = new ArrayList<>(List.of("tailor", "tailor + diff"));
    List<Job> jobs = new ArrayList<>(List.of(
        i -> Tailor.tailor(resume, descriptions[i]),
        i -> TailorDiff.of(resume, Tailor.tailor(resume, descriptions[i]), descriptions[i])));
    labels.add("score");
    jobs.add(i -> Scorer.score("Staff Software Engineer", html[i], resume, today));
    labels.add("score + tailor + diff");
    jobs.add(i -> {
      Scorer.score("Staff Software Engineer", html[i], resume, today);
      return TailorDiff.of(resume, Tailor.tailor(resume, descriptions[i]), descriptions[i]);
    });

    for (Job job : jobs) {
      for (int i = 0; i < warmup; i++) {
        job.run(i);
      }
    }
    System.out.printf("  warm-up: %d jobs per row; then %d timed jobs per row%n", warmup, n);
    System.out.printf("  %-22s %10s %10s %10s %14s%n", "per job", "median µs", "p90 µs", "max µs", "allocated KB");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    for (int j = 0; j < jobs.size(); j++) {
      Job job = jobs.get(j);
      double[] us = new double[n];
      long bytes0 = threads.getThreadAllocatedBytes(self);
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        job.run(warmup + i);
        us[i] = (System.nanoTime() - t0) / 1_000.0;
      }
      long bytes = threads.getThreadAllocatedBytes(self) - bytes0;
      Arrays.sort(us);
      System.out.printf("  %-22s %10.1f %10.1f %10.1f %14.1f%n", labels.get(j), us[n / 2], us[(int) (n * 0.9)],
          us[n - 1], bytes / 1024.0 / n);
    }
    Arrays.fill(descriptions, null); // leave out the bench's own inputs
    Arrays.fill(html, null);
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf("  heap in use after GC (JVM, fixtures and the engine's memo tables): %.1f MB (max %d MB)%n", (rt.totalMemory() - rt.freeMemory()) / 1048576.0,
        rt.maxMemory() >> 20);
  }

  private static long count(List<BulletChange> diff, String change) {
    return diff.stream().filter(c -> c.change().equals(change)).count();
  }

  /** The fixture descriptions, then filler paragraphs of plain job-ad prose, up to {@code words} words. */
  private static String description(int words) throws IOException {
    StringBuilder sb = new StringBuilder(text("staff-backend.description.txt")).append("\n\n")
        .append(text("data-analyst.description.txt"));
    String[] filler = {
        "About us\nWe are a remote-first company building the data platform behind thousands of online stores. "
            + "Our engineers own their services end to end, from design documents to on-call, and we value "
            + "clear writing, careful code review and steady delivery over heroics.",
        "Responsibilities\n- Partner with product managers and designers to scope features and write design docs.\n"
            + "- Build and operate Java and Go services on Kubernetes, with Kafka for events and PostgreSQL for state.\n"
            + "- Keep latency low and availability high; improve monitoring, alerting and runbooks.\n"
            + "- Mentor engineers through pairing, code review and written feedback.",
        "Requirements\n- Several years of backend development in a typed language.\n"
            + "- Experience with distributed systems, replication and consistency trade-offs.\n"
            + "- Comfort with SQL, data modeling and query tuning on PostgreSQL or MySQL.\n"
            + "- Familiarity with Terraform, AWS or GCP, Docker and CI/CD pipelines.",
        "Benefits\nCompetitive salary and equity, a learning budget, parental leave, a home-office allowance, "
            + "and four weeks of paid vacation. We hire across North America and Europe and meet twice a year."};
    int i = 0;
    while (sb.toString().split("\\s+").length < words) {
      sb.append("\n\n").append(filler[i++ % filler.length]);
    }
    return sb.toString();
  }


  private static String text(String fixture) throws IOException {
    try (InputStream in = TailorScoreBench.class.getResourceAsStream("/jsonresume/" + fixture)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
