package io.applyflow.job;

import java.util.Locale;

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

  public String db() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobStatus of(String db) {
    return valueOf(db.toUpperCase(Locale.ROOT));
  }
}
