package io.applyflow.render;

import io.applyflow.run.RunBus;
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

  public static Future<RunBus.StageResult> render(EventBus bus, RunBus.JobCommand cmd) {
    return RunBus.request(bus, RESUME, cmd, 120_000);
  }
}
