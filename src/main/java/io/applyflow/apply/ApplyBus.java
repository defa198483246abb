package io.applyflow.apply;

import io.applyflow.run.RunBus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;

/**
 * Contract of the apply stage, consumed by {@link ApplyVerticle} on the {@code apply} worker pool.
 * {@code apply.job}: fill a rendered job's form; in review mode stop before submitting (awaiting_approval), in
 * auto mode submit and wait for the confirmation. {@code apply.submit}: submit a job the user approved.
 */
public final class ApplyBus {
  public static final String JOB = "apply.job";
  public static final String SUBMIT = "apply.submit";
  static final long TIMEOUT_MS = 300_000;

  private ApplyBus() {
  }

  public static Future<RunBus.StageResult> apply(EventBus bus, RunBus.JobCommand cmd) {
    return RunBus.request(bus, JOB, cmd, TIMEOUT_MS);
  }

  public static Future<RunBus.StageResult> submit(EventBus bus, RunBus.JobCommand cmd) {
    return RunBus.request(bus, SUBMIT, cmd, TIMEOUT_MS);
  }
}
