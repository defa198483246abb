package io.applyflow.render;

import io.applyflow.job.JobBus;

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

  public static Future<JobBus.StageResult> render(EventBus bus, JobBus.JobCommand cmd) {
    return JobBus.request(bus, RESUME, cmd, 120_000);
  }
}
