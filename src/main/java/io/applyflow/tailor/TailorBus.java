package io.applyflow.tailor;

import io.applyflow.job.JobBus;
import io.applyflow.job.JobStatus;
import io.applyflow.job.StageWorker;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;

/**
 * Contract of the tailor stage. {@code tailor.job} (request/reply, consumed by {@link TailorVerticle}): select
 * and order the owner's real bullets for an accepted job (plus fact-gated LLM rewording, letter and questions); replies with the job's new status.
 */
public final class TailorBus {
  public static final String JOB = "tailor.job";

  private TailorBus() {
  }

  /**
   * The tailor stage as its worker claims for it. With an LLM: one rewording call, then the letter and the questions
   * side by side, each with its deadline.
   */
  public static StageWorker.Stage stage(int concurrency) {
    return new StageWorker.Stage("tailor", c -> JOB, 4L * LlmTailoring.DEADLINE_SECONDS * 1000, JobStatus.FAILED,
        concurrency);
  }
}
