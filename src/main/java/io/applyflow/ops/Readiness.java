package io.applyflow.ops;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which of this node's roles have deployed their verticles, kept in the Vert.x instance's local shared data (per
 * node, never across the cluster), read by {@code GET /ready}.
 */
public final class Readiness {
  private static final String MAP = "applyflow.roles.deployed";

  private Readiness() {
  }

  /** Records that {@code roles} finished deploying on this node. */
  public static void deployed(Vertx vertx, Collection<String> roles) {
    LocalMap<String, Boolean> map = vertx.sharedData().getLocalMap(MAP);
    roles.forEach(r -> map.put(r, Boolean.TRUE));
  }

  /** The roles of {@code configured} that have not finished deploying, sorted. */
  public static Set<String> pending(Vertx vertx, Collection<String> configured) {
    LocalMap<String, Boolean> map = vertx.sharedData().getLocalMap(MAP);
    Set<String> out = new TreeSet<>();
    for (String r : configured) {
      if (!Boolean.TRUE.equals(map.get(r))) {
        out.add(r);
      }
    }
    return out;
  }
}
