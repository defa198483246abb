package io.applyflow.render;

import io.applyflow.job.JobBus;
import io.applyflow.job.JobStatus;
import io.applyflow.job.StageWorker;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;

/**
 * Contract of the render stage. {@code render.resume} (request/reply, consumed by {@link RenderVerticle} on
 * worker threads): turn a job's tailored resume into a PDF that passes the parse-back gate and store it.
 */
public final class RenderBus {
  public static final String RESUME = "render.resume";

  private RenderBus() {
  }

  /** The render stage as its worker claims for it: PDF work on worker threads, 120 s each. */
  public static StageWorker.Stage stage(int concurrency) {
    return new StageWorker.Stage("render", c -> RESUME, 120_000, JobStatus.FAILED, concurrency);
  }
}
