package io.applyflow.describe;

import io.applyflow.job.JobBus;
import io.applyflow.job.JobStatus;
import io.applyflow.job.StageWorker;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;

/**
 * Contract of the describe stage. {@code describe.job} (request/reply, consumed by {@link DescribeVerticle}):
 * fetch a discovered job's description and application schema; replies with the job's new status.
 */
public final class DescribeBus {
  public static final String JOB = "describe.job";

  private DescribeBus() {
  }

  /** The describe stage as its worker claims for it: reads postings from job boards, 60 s each. */
  public static StageWorker.Stage stage(int concurrency) {
    return new StageWorker.Stage("describe", c -> JOB, 60_000, JobStatus.FAILED, concurrency);
  }
}
