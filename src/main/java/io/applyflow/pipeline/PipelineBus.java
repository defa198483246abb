package io.applyflow.pipeline;

import io.vertx.core.eventbus.EventBus;

/**
 * The conductor's contract. {@code run.start} (publish) tells every conductor that a run's row was just created, so
 * one of them takes it at once rather than at its next look ({@link PipelineVerticle} claims runs from Postgres).
 */
public final class PipelineBus {
  public static final String START = "run.start";

  private PipelineBus() {
  }

  /** A run was created (or should be looked at again). */
  public record Start(long runId, long userId) {
  }

  public static void start(EventBus bus, Start start) {
    bus.publish(START, start);
  }
}
