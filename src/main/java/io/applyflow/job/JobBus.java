package io.applyflow.job;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

/**
 * The messages every pipeline stage shares. {@code run.progress} (publish) tells every node that a job or run
 * changed; listeners read the truth from Postgres. {@link JobCommand} and {@link StageResult} are the command and
 * reply of every stage.
 */
public final class JobBus {
  public static final String PROGRESS = "run.progress";

  private JobBus() {
  }

  /** Something changed: a job (jobId > 0) or the run itself (jobId == 0). */
  public record Progress(long runId, long jobId, long userId, String status) {
  }

  /**
   * Work on one job, on behalf of its owner. {@code lease} is the fencing token of the claim the work runs under
   * (0 for a user's own action): a status change made with it only happens while the claim still holds the job.
   */
  public record JobCommand(long jobId, long userId, long lease) {
    public JobCommand(long jobId, long userId) {
      this(jobId, userId, 0);
    }
  }

  /** What a stage left the job in. */
  public record StageResult(long jobId, String status) {
  }

  public static void publish(EventBus bus, Progress progress) {
    bus.publish(PROGRESS, progress);
  }

  /** Delivery options for a stage request; Playwright and PDF stages need longer than the default 30 s. */
  public static DeliveryOptions timeout(long millis) {
    return new DeliveryOptions().setSendTimeout(millis);
  }

}
