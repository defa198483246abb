package io.applyflow.run;

import io.applyflow.job.JobStatus;
import io.applyflow.job.Runs;
import io.applyflow.llm.LlmSpend;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run as the pages show it: not the stored {@code running/done/failed} but what it means for the person: still
 * running, waiting for them (with how many jobs and where to go), finished, or failed, and its jobs counted in
 * words. Pure: plain maps for the templates.
 */
public final class RunView {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.ENGLISH);

  private RunView() {
  }

  /** The page state of a run: {@code running}, {@code waiting}, {@code finished} or {@code failed}. */
  static String state(String stored, long waiting) {
    if ("running".equals(stored)) {
      return "running";
    }
    if ("failed".equals(stored)) {
      return "failed";
    }
    return waiting > 0 ? "waiting" : "finished";
  }

  /** The run's row: its fields, its state in words, what waits for the user and where to act on it. */
  public static Map<String, Object> of(Runs.Run run, Map<JobStatus, Long> counts) {
    Map<JobStatus, Long> c = counts == null ? Map.of() : counts;
    long waiting = waiting(c);
    long clarify = n(c, JobStatus.CLARIFY);
    long review = waiting - clarify; // the rest of what waits is in the review queue
    String state = state(run.status(), waiting);
    Map<String, Object> m = new HashMap<>(run.json().getMap());
    m.put("state", state);
    m.put("state_label", switch (state) {
      case "running" -> "Running";
      case "failed" -> "Failed";
      case "waiting" -> waiting + " waiting for you";
      default -> "Finished";
    });
    m.put("waiting", waiting);
    m.put("review", review);
    m.put("clarify", clarify);
    m.put("review_href", review > 0 ? "/review" : "/clarify");
    m.put("started", when(run.createdAt()));
    m.put("counts", words(c));
    m.put("sent", n(c, JobStatus.SUBMITTED));
    m.put("total", c.values().stream().mapToLong(Long::longValue).sum());
    return m;
  }

  /** How many of the counted jobs wait for the user (review and clarify queues together). */
  public static long waiting(Map<JobStatus, Long> counts) {
    return counts.entrySet().stream().filter(e -> e.getKey().isWaiting()).mapToLong(Map.Entry::getValue).sum();
  }

  /** Each state that has jobs, in pipeline order: {@code {status, label, n}}. */
  public static List<Map<String, Object>> words(Map<JobStatus, Long> counts) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<JobStatus, Long> sorted = new EnumMap<>(JobStatus.class);
    sorted.putAll(counts);
    sorted.forEach((s, n) -> {
      if (n > 0) {
        out.add(Map.of("status", s.db(), "label", s.label, "n", n));
      }
    });
    return out;
  }

  /** A stored timestamp as "2 Dec, 14:05" in this machine's time zone; the input when it cannot be read. */
  public static String when(String iso) {
    if (iso == null) {
      return "";
    }
    try {
      return OffsetDateTime.parse(iso).atZoneSameInstant(ZoneId.systemDefault()).format(WHEN);
    } catch (RuntimeException e) {
      return iso;
    }
  }

  private static long n(Map<JobStatus, Long> c, JobStatus s) {
    return c.getOrDefault(s, 0L);
  }

  /**
   * The same in words, e.g. "The LLM: 8,321 tokens in 10 requests; 4 answers came from the cache, free."; null when
   * the LLM was not asked.
   */
  public static String llmCost(LlmSpend.Usage u) {
    if (u.requests() == 0 && u.cached() == 0) {
      return null;
    }
    return String.format(Locale.ROOT, "The LLM: %,d tokens in %d request%s", u.tokens(), u.requests(),
        u.requests() == 1 ? "" : "s")
        + (u.cached() == 0 ? "." : String.format(Locale.ROOT, "; %d answer%s came from the cache, free.", u.cached(),
        u.cached() == 1 ? "" : "s"));
  }
}
