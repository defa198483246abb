package io.applyflow.job;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A job's state, in pipeline order (PRODUCT.md §2). Stored lower-case. Final states end a job's pipeline;
 * waiting states hand it to the user. A run is done when every job is final or waiting.
 */
public enum JobStatus {
  DISCOVERED(10, false, false, "Found"),
  DESCRIBED(25, false, false, "Read"),
  SCORED(40, false, false, "Scored"),
  REJECTED(100, true, false, "Not a match"),
  CLARIFY(45, false, true, "Borderline: your call"),
  ACCEPTED(45, false, false, "Good match"),
  TAILORED(60, false, false, "Resume tailored"),
  RENDERED(75, false, false, "PDF ready"),
  AWAITING_APPROVAL(90, false, true, "Ready for your approval"),
  APPLYING(90, false, false, "Applying"),
  SUBMITTED(100, true, false, "Sent"),
  NEEDS_INPUT(90, false, true, "Needs your answer"),
  NEEDS_ATTENTION(90, false, true, "Needs a look"),
  FAILED(100, true, false, "Failed"),
  DUPLICATE(100, true, false, "Already in your list"),
  DISCARDED(100, true, false, "Discarded");

  public final int progress;
  private final boolean fin;
  private final boolean waiting;
  /** The state in words, as the pages show it. */
  public final String label;

  JobStatus(int progress, boolean fin, boolean waiting, String label) {
    this.progress = progress;
    this.fin = fin;
    this.waiting = waiting;
    this.label = label;
  }

  /** Waiting for the user: in the review or clarify queue. */
  public boolean isWaiting() {
    return waiting;
  }

  /** Ended without an application being sent (rejected, duplicate, discarded, failed): no progress to show. */
  public boolean isStopped() {
    return fin && this != SUBMITTED;
  }

  /** Final or waiting: nothing more happens until the user acts. */
  public boolean isSettled() {
    return fin || waiting;
  }

  /**
   * The states a job may move to from this one: the table every status change is checked against ({@link
   * Jobs#transition}). Final states have none; a waiting state moves only by the user's decision or the apply
   * stage's answer (a security code). A self-move (the same status again) is allowed only where a stage records a
   * new attempt in place: applying (a restart's recovery), needs_input (a refused security code asks again).
   */
  public Set<JobStatus> next() {
    return NEXT.get(this);
  }

  /** Whether {@code to} may follow this state. */
  public boolean allows(JobStatus to) {
    return NEXT.get(this).contains(to);
  }

  /** The states a job may be in to move to {@code to}: the {@code status = any(...)} guard of a move to it. */
  public static Set<JobStatus> from(JobStatus to) {
    Set<JobStatus> out = EnumSet.noneOf(JobStatus.class);
    for (JobStatus s : values()) {
      if (s.allows(to)) {
        out.add(s);
      }
    }
    return out;
  }

  private static final Map<JobStatus, Set<JobStatus>> NEXT = table();

  private static Map<JobStatus, Set<JobStatus>> table() {
    Map<JobStatus, Set<JobStatus>> t = new EnumMap<>(JobStatus.class);
    t.put(DISCOVERED, EnumSet.of(DESCRIBED, FAILED, DUPLICATE));
    t.put(DESCRIBED, EnumSet.of(SCORED, REJECTED, CLARIFY, ACCEPTED, FAILED));
    t.put(SCORED, EnumSet.of(REJECTED, CLARIFY, ACCEPTED, TAILORED, FAILED));
    t.put(CLARIFY, EnumSet.of(ACCEPTED, DISCARDED));
    t.put(ACCEPTED, EnumSet.of(TAILORED, FAILED));
    t.put(TAILORED, EnumSet.of(RENDERED, FAILED));
    t.put(RENDERED, EnumSet.of(APPLYING, AWAITING_APPROVAL, NEEDS_INPUT, NEEDS_ATTENTION, SUBMITTED, DUPLICATE,
        FAILED));
    t.put(AWAITING_APPROVAL, EnumSet.of(APPLYING, DISCARDED));
    t.put(APPLYING, EnumSet.of(APPLYING, AWAITING_APPROVAL, NEEDS_INPUT, NEEDS_ATTENTION, SUBMITTED, DUPLICATE));
    t.put(NEEDS_INPUT, EnumSet.of(NEEDS_INPUT, RENDERED, NEEDS_ATTENTION, SUBMITTED, DISCARDED));
    t.put(NEEDS_ATTENTION, EnumSet.of(RENDERED, DISCARDED));
    for (JobStatus s : values()) {
      t.putIfAbsent(s, EnumSet.noneOf(JobStatus.class));
      t.put(s, Collections.unmodifiableSet(t.get(s)));
    }
    return Collections.unmodifiableMap(t);
  }

  /** Final: nothing ever moves the job again (sent, rejected, failed, duplicate, discarded). */
  public boolean isFinal() {
    return fin;
  }

  /**
   * The pipeline stage that takes a job in this state ({@code describe}, {@code score}, {@code tailor},
   * {@code render}, {@code apply}), or null when no stage does (final and waiting states).
   */
  public String stage() {
    return switch (this) {
      case DISCOVERED -> "describe";
      case DESCRIBED -> "score";
      case SCORED, ACCEPTED -> "tailor"; // SCORED: jobs scored before bands existed
      case TAILORED -> "render";
      case RENDERED, APPLYING -> "apply";
      default -> null;
    };
  }

  /** The states the stage named {@code stage} claims jobs in. */
  public static Set<JobStatus> claimedBy(String stage) {
    Set<JobStatus> out = EnumSet.noneOf(JobStatus.class);
    for (JobStatus s : values()) {
      if (stage.equals(s.stage())) {
        out.add(s);
      }
    }
    return out;
  }

  public String db() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobStatus of(String db) {
    return valueOf(db.toUpperCase(Locale.ROOT));
  }
}
