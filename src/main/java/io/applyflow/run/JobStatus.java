package io.applyflow.run;

import java.util.Locale;

/**
 * A job's state, in pipeline order (PRODUCT.md §2). Stored lower-case. Final states end a job's pipeline;
 * waiting states hand it to the user. A run is done when every job is final or waiting.
 */
public enum JobStatus {
  DISCOVERED(10, false, false),
  DESCRIBED(25, false, false),
  SCORED(40, false, false),
  REJECTED(100, true, false),
  CLARIFY(45, false, true),
  ACCEPTED(45, false, false),
  TAILORED(60, false, false),
  RENDERED(75, false, false),
  AWAITING_APPROVAL(90, false, true),
  APPLYING(90, false, false),
  SUBMITTED(100, true, false),
  NEEDS_INPUT(90, false, true),
  NEEDS_ATTENTION(90, false, true),
  FAILED(100, true, false),
  DUPLICATE(100, true, false),
  DISCARDED(100, true, false);

  public final int progress;
  private final boolean fin;
  private final boolean waiting;

  JobStatus(int progress, boolean fin, boolean waiting) {
    this.progress = progress;
    this.fin = fin;
    this.waiting = waiting;
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
