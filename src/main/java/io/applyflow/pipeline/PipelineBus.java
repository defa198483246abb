package io.applyflow.pipeline;

import io.applyflow.job.JobBus;
import io.vertx.core.eventbus.EventBus;

/**
 * The conductor's contract. {@code run.start} (point-to-point) starts a run whose row already exists;
 * {@code run.job} (point-to-point) asks it to walk one job on from its stored status.
 */
public final class PipelineBus {
  public static final String START = "run.start";
  /** Walk one job on from its stored status (after the user approved it from the clarify queue). */
  public static final String JOB = "run.job";

  private PipelineBus() {
  }

  /** Start (or resume) the pipeline of a run. */
  public record Start(long runId, long userId) {
  }

  public static void start(EventBus bus, Start start) {
    bus.send(START, start);
  }

  /** Asks the conductor to walk a job on from its stored status; fire and forget. */
  public static void continueJob(EventBus bus, JobBus.JobCommand cmd) {
    bus.send(JOB, cmd);
  }
}
