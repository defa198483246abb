package io.applyflow;

import io.applyflow.job.JobBus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.applyflow.apply.ApplyBus;
import io.applyflow.platform.bus.Failure;
import io.applyflow.render.RenderBus;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes on loopback (Hazelcast, TCP join, one external Postgres): node A serves the web and runs
 * search, describe, score and tailor and serves the sandbox board; node B renders and applies (its browser may open the
 * sandbox because it is told the sandbox's port). Every stage call crosses the cluster wire.
 */
class ClusterIT {
  /** The sandbox board's port, fixed so that node B (no web role) knows the origin node A serves it on. */
  private static final String SANDBOX_PORT = String.valueOf(freePort());

  private static Applyflow node(String roles) {
    return TestApp.start(Map.of("CLUSTER", "true", "CLUSTER_MEMBERS", "127.0.0.1", "ROLES", roles,
        "SANDBOX_PORT", SANDBOX_PORT));
  }

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until node A's bus reaches a consumer of {@code address} (it answers NOT_FOUND for a job that does not exist). */
  private static void awaitConsumer(Applyflow a, String address) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        a.vertx().eventBus().request(address, new JobBus.JobCommand(Long.MAX_VALUE, 0)).await();
        return;
      } catch (ReplyException e) {
        if (e.failureType() == ReplyFailure.RECIPIENT_FAILURE && e.failureCode() == Failure.NOT_FOUND.code) {
          return;
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    fail("no consumer of " + address + " became reachable across the cluster");
  }

  @Test
  void stagesOnAnotherNodeCarryARunToSubmission() {
    Applyflow a = node("web,scrape,tailor");
    Applyflow b = node("render,apply");
    try {
      awaitConsumer(a, RenderBus.RESUME);
      awaitConsumer(a, ApplyBus.JOB);
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
