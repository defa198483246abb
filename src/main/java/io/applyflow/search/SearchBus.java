package io.applyflow.search;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.List;

/**
 * Contract of the search stage. {@code search.run} (request/reply, consumed by {@link SearchVerticle}): find
 * postings for a run whose row exists, store them as discovered jobs, reply with their ids.
 */
public final class SearchBus {
  public static final String RUN = "search.run";

  private SearchBus() {
  }

  public record Request(long runId, long userId) {
  }

  public record Found(List<Long> jobIds, List<String> problems) {
  }

  public static Future<Found> search(EventBus bus, Request request) {
    return bus.<Found>request(RUN, request, io.applyflow.job.JobBus.timeout(120_000)).map(Message::body);
  }
}
