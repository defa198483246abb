package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes on loopback (Hazelcast, TCP join, one external Postgres): node A serves the web and runs
 * search, describe, score and tailor and serves the sandbox board; node B renders and applies (its browser may open the
 * sandbox because it is told the sandbox's port). Node B's stages claim their work from the shared Postgres; the
 * progress they publish crosses the cluster wire to node A's pages and conductor, which marks the run done.
 */
class ClusterIT {
  /** The sandbox board's port, fixed so that node B (no web role) knows the origin node A serves it on. */
  private static final String SANDBOX_PORT = String.valueOf(freePort());

  /** The nodes' one database, of their own: no other test's app takes their work. */
  private static final String DATABASE = io.applyflow.platform.db.TestDatabase.fresh("cluster").url();

  private static Applyflow node(String roles) {
    return TestApp.start(Map.of("CLUSTER", "true", "CLUSTER_MEMBERS", "127.0.0.1", "ROLES", roles,
        "SANDBOX_PORT", SANDBOX_PORT, "DATABASE_URL", DATABASE));
  }

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void stagesOnAnotherNodeCarryARunToSubmission() {
    Applyflow a = node("web,scrape,tailor");
    Applyflow b = node("render,apply");
    try {
      Api api = new Api("http://127.0.0.1:" + a.port());
      String email = Api.uniqueEmail("cluster");
      String token = api.userWithProfile(email);
      long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
          .put("level", "entry").put("limit", 2).put("mode", "auto")).json().getLong("run_id");
      JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(150));
      assertEquals("done", run.getString("status"), run.encodePrettily());
      run.getJsonArray("jobs").forEach(j -> assertEquals("submitted", ((JsonObject) j).getString("status"),
          run.encodePrettily()));
      assertEquals(2, api.submissionsOf(email).size());
    } finally {
      b.close();
      a.close();
    }
  }
}
