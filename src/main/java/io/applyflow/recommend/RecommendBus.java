package io.applyflow.recommend;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import java.util.List;

/**
 * Contract of the recommendations role. {@code recommend.discover} (request/reply, consumed by
 * {@link RecommendVerticle} on the scrape role): run one discovery pass for a user now ("Refresh now"); replies with
 * what it found.
 */
public final class RecommendBus {
  public static final String DISCOVER = "recommend.discover";

  private RecommendBus() {
  }

  /** Discover for {@code userId} now. */
  public record Discover(long userId) {
  }

  /**
   * @param listed   postings read from the boards
   * @param added    new recommendations stored by this pass
   * @param problems boards that could not be read, or postings that could not be scored
   */
  public record Pass(int listed, int added, List<String> problems) {
  }

  public static Future<Pass> discover(EventBus bus, long userId) {
    return bus.<Pass>request(DISCOVER, new Discover(userId), new DeliveryOptions().setSendTimeout(120_000))
        .map(m -> m.body());
  }
}
