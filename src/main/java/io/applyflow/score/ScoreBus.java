package io.applyflow.score;

import io.applyflow.job.JobBus;
import io.applyflow.job.JobStatus;
import io.applyflow.job.StageWorker;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;

/**
 * Contract of the score stage. {@code score.job} (request/reply, consumed by {@link ScoreVerticle}): score a
 * described job against its owner's resume; replies with the job's new status.
 */
public final class ScoreBus {
  public static final String JOB = "score.job";

  private ScoreBus() {
  }

  /** The score stage as its worker claims for it: local work, 30 s each. */
  public static StageWorker.Stage stage(int concurrency) {
    return new StageWorker.Stage("score", c -> JOB, 30_000, JobStatus.FAILED, concurrency);
  }
}
