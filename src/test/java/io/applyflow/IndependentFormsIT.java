package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.support.Api;
import io.applyflow.support.IndependentBoard;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole app, in auto mode, against a Greenhouse-compatible board whose hosted forms were written independently
 * of Applyflow's filler and sandbox ({@link IndependentBoard}): its required yes/no questions are an editable
 * combobox with {@code aria-controls}, one without it whose listbox appears at the end of the body, a select-only
 * combobox, native radios, toggle buttons and a native select. Every form is submitted once, with the answers the
 * profile gives (authorised: Yes; sponsorship: No), the right contact fields and the PDF.
 */
class IndependentFormsIT {
  private static IndependentBoard board;
  private static Applyflow app;
  private static Api api;

  @BeforeAll
  static void start() {
    board = new IndependentBoard();
    app = TestApp.start(Map.of("GREENHOUSE_API_URL", board.apiUrl(), "WATCHLIST", "greenhouse:" + IndependentBoard.BOARD,
        "APPLY_ALLOWED_ORIGINS", board.origin(), "APPLY_INSTANCES", "2"));
    api = new Api("http://127.0.0.1:" + app.port());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (board != null) {
      board.close();
    }
  }

  @Test
  void everyWidgetVariantIsSubmittedOnceWithTheProfilesAnswers() {
    String email = Api.uniqueEmail("independent");
    String token = api.userWithProfile(email);
    JsonObject profile = api.get("/api/profile", token).json();
    profile.getJsonObject("applicant").put("work_authorization", "yes").put("requires_sponsorship", "no");
    assertEquals(200, api.put("/api/profile", token, new JsonObject().put("resume", profile.getValue("resume"))
        .put("applicant", profile.getValue("applicant"))).status());

    long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "mid").put("mode", "auto").put("limit", IndependentBoard.POSTINGS.size())).json()
        .getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(300));
    JsonArray jobs = run.getJsonArray("jobs");
    assertEquals(IndependentBoard.POSTINGS.size(), jobs.size(), run.encodePrettily());

    Map<String, String> outcomes = new HashMap<>();
    for (Object o : jobs) {
      JsonObject job = (JsonObject) o;
      JsonObject detail = api.get("/api/job/" + job.getLong("job_id"), token).json();
      JsonArray events = detail.getJsonArray("events");
      outcomes.put(job.getString("title"), job.getString("status") + ": "
          + events.getJsonObject(events.size() - 1).getString("message"));
    }
    for (IndependentBoard.Posting p : IndependentBoard.POSTINGS) {
      String outcome = outcomes.get(p.title());
      assertTrue(outcome != null && outcome.startsWith("submitted"), p.widget() + " → " + outcome + "\nall: " + outcomes);
      List<Map<String, String>> received = board.received(p.id());
      assertEquals(1, received.size(), p.widget() + ": submitted exactly once");
      Map<String, String> form = received.get(0);
      assertEquals("1", form.get("question_9002"), p.widget() + ": authorised to work → Yes (1): " + form);
      assertEquals("0", form.get("question_9003"), p.widget() + ": sponsorship → No (0): " + form);
      assertEquals("Richard", form.get("first_name"), form.toString());
      assertEquals("Hendriks", form.get("last_name"), form.toString());
      assertEquals(email, form.get("email"), form.toString());
      assertTrue(form.get("resume").endsWith(":pdf"), "the resume is the rendered PDF: " + form.get("resume"));
    }
  }
}
