package io.applyflow.run;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;

/**
 * The contract of the run feature. {@code run.start} (point-to-point, consumed by {@link RunVerticle}) starts
 * a run whose row already exists; {@code run.job} (point-to-point, consumed by {@link RunVerticle}) walks one job on
 * from its stored status; {@code run.progress} (publish) tells every node that a job or run changed —
 * listeners read the truth from Postgres. {@link JobCommand} and {@link StageResult} are the message and reply
 * every pipeline stage uses.
 */
public final class RunBus {
  public static final String START = "run.start";
  public static final String PROGRESS = "run.progress";
  /** Walk one job on from its stored status (after the user approved it from the clarify queue). */
  public static final String JOB = "run.job";

  private RunBus() {
  }

  /** Start (or resume) the pipeline of a run. */
  public record Start(long runId, long userId) {
  }

  /** Something changed: a job (jobId > 0) or the run itself (jobId == 0). */
  public record Progress(long runId, long jobId, long userId, String status) {
  }

  /** Work on one job, on behalf of its owner. */
  public record JobCommand(long jobId, long userId) {
  }

  /** What a stage left the job in. */
  public record StageResult(long jobId, String status) {
  }

  public static void start(EventBus bus, Start start) {
    bus.send(START, start);
  }

  /** Asks the conductor to walk a job on from its stored status; fire and forget. */
  public static void continueJob(EventBus bus, JobCommand cmd) {
    bus.send(JOB, cmd);
  }

  public static void publish(EventBus bus, Progress progress) {
    bus.publish(PROGRESS, progress);
  }

  /** Delivery options for a stage request; Playwright and PDF stages need longer than the default 30 s. */
  public static DeliveryOptions timeout(long millis) {
    return new DeliveryOptions().setSendTimeout(millis);
  }

  /** Asks the stage at {@code address} to work on a job; completes with the job's new status. */
  public static Future<StageResult> request(EventBus bus, String address, JobCommand cmd, long timeoutMillis) {
    return bus.<StageResult>request(address, cmd, timeout(timeoutMillis)).map(Message::body);
  }
}
