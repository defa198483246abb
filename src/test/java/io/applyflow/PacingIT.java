package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daily cap, end to end: an application past it is filled but not sent, and waits in the review queue. */
class PacingIT {
  @Test
  void pastTheDailyCapAFilledJobWaitsInsteadOfBeingSent() {
    try (Applyflow app = TestApp.start(Map.of("APPLY_DAILY_CAP", "1"))) {
      Api api = new Api("http://127.0.0.1:" + app.port());
      String email = Api.uniqueEmail("cap");
      String token = api.userWithProfile(email);
      long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
          .put("level", "mid").put("mode", "auto").put("limit", 2)).json().getLong("run_id");
      JsonArray jobs = api.awaitRun(runId, token, Duration.ofSeconds(150)).getJsonArray("jobs");
      long submitted = jobs.stream().filter(j -> "submitted".equals(((JsonObject) j).getString("status"))).count();
      assertEquals(1, submitted, jobs.encodePrettily());
      JsonObject held = jobs.stream().map(j -> (JsonObject) j)
          .filter(j -> "awaiting_approval".equals(j.getString("status"))).findFirst().orElseThrow();
      JsonArray events = api.get("/api/job/" + held.getLong("job_id"), token).json().getJsonArray("events");
      assertTrue(events.getJsonObject(events.size() - 1).getString("message").contains("daily cap of 1"),
          events.encodePrettily());
      assertEquals(1, api.submissionsOf(email).size());
    }
  }
}
