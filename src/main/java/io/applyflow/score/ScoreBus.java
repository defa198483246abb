package io.applyflow.score;

import io.applyflow.job.JobBus;

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

  public static Future<JobBus.StageResult> score(EventBus bus, JobBus.JobCommand cmd) {
    return JobBus.request(bus, JOB, cmd, 30_000);
  }
}
