package io.applyflow.describe;

import io.applyflow.job.JobBus;

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

  public static Future<JobBus.StageResult> describe(EventBus bus, JobBus.JobCommand cmd) {
    return JobBus.request(bus, JOB, cmd, 60_000);
  }
}
