package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Applying that users can trust, on the sandbox's scenario postings ("Solutions Engineer, …"): nothing is
 * guessed, nothing is sent without approval in review mode, troubles end in needs_attention with evidence, the
 * user's answers are saved and reused, and a posting is never applied to twice.
 */
class ScenariosIT {
  private final Api api = TestApp.api();

  private static Map<String, JsonObject> byTitle(JsonObject run) {
    Map<String, JsonObject> out = new HashMap<>();
    run.getJsonArray("jobs").forEach(j -> out.put(((JsonObject) j).getString("title"), (JsonObject) j));
    return out;
  }

  private JsonObject detail(JsonObject job, String token) {
    return api.get("/api/job/" + job.getLong("job_id"), token).json();
  }

  private static String lastMessage(JsonObject detail) {
    JsonArray events = detail.getJsonArray("events");
    return events.getJsonObject(events.size() - 1).getString("message");
  }

  private static boolean hasScreenshot(JsonObject detail) {
    return detail.getJsonArray("documents").stream()
        .anyMatch(d -> "screenshot".equals(((JsonObject) d).getString("kind")));
  }

  @Test
  void aReviewRunOfEveryScenarioWaitsForTheUserAndSendsNothing() {
    String email = Api.uniqueEmail("scenarios");
    String token = api.newUserWithProfile(email); // default score bands, as a new user has them
    long runId = api.post("/api/search", token, new JsonObject().put("position", "Solutions Engineer")
        .put("level", "mid").put("limit", 10)).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(240));
    assertEquals("done", run.getString("status"), run.encodePrettily());
    Map<String, JsonObject> jobs = byTitle(run);
    assertEquals(8, jobs.size(), run.encodePrettily());
    for (JsonObject job : jobs.values()) {
      assertTrue(Set.of("awaiting_approval", "needs_input", "needs_attention").contains(job.getString("status")),
          job.encode());
    }
    assertEquals(0, api.submissionsOf(email).size(), "review mode sends nothing");

    JsonObject knockout = detail(jobs.get("Solutions Engineer, Cleared Programs"), token);
    assertEquals("needs_input", knockout.getString("status"));
    assertTrue(lastMessage(knockout).contains("TS/SCI security clearance"), lastMessage(knockout));
    JsonArray plan = knockout.getJsonArray("fill_plan");
    assertTrue(plan.stream().anyMatch(e -> ((JsonObject) e).getString("label").contains("TS/SCI")
        && "missing".equals(((JsonObject) e).getString("provenance"))
        && "CLEARANCE".equals(((JsonObject) e).getString("category"))), plan.encodePrettily());

    JsonObject captcha = detail(jobs.get("Solutions Engineer, Fraud Prevention"), token);
    assertEquals("needs_attention", captcha.getString("status"));
    assertTrue(lastMessage(captcha).startsWith("captcha"), lastMessage(captcha));
    assertTrue(hasScreenshot(captcha), "the captcha is on a screenshot");

    JsonObject wall = detail(jobs.get("Solutions Engineer, Partner Portal"), token);
    assertEquals("needs_attention", wall.getString("status"));
    assertTrue(lastMessage(wall).startsWith("login wall"), lastMessage(wall));

    JsonObject everyField = detail(jobs.get("Solutions Engineer, Applications"), token);
    assertEquals("needs_input", everyField.getString("status"), "work authorisation is never guessed");
    assertTrue(lastMessage(everyField).contains("authorized to work"), lastMessage(everyField));

    for (String title : new String[] {"Solutions Engineer, Enterprise", "Solutions Engineer, Latency",
        "Solutions Engineer, Legacy Board", "Solutions Engineer, Patient Identity"}) {
      JsonObject d = detail(jobs.get(title), token);
      assertEquals("awaiting_approval", d.getString("status"), title + ": " + lastMessage(d));
      assertTrue(hasScreenshot(d), title);
      d.getJsonArray("fill_plan").forEach(e -> {
        JsonObject entry = (JsonObject) e;
        if (!"missing".equals(entry.getString("provenance"))) {
          assertTrue(entry.getString("provenance").startsWith("profile:")
              || entry.getString("provenance").startsWith("document:"), entry.encode());
        }
      });
    }
  }

  @Test
  void answersAreCheckedSavedAndReusedAndTheJobResumes() {
    String email = Api.uniqueEmail("answers");
    String token = api.userWithProfile(email);
    JsonObject search = new JsonObject().put("position", "Solutions Engineer Applications").put("level", "mid")
        .put("limit", 1);
    long runId = api.post("/api/search", token, search).json().getLong("run_id");
    JsonObject job = api.awaitRun(runId, token, Duration.ofSeconds(120)).getJsonArray("jobs").getJsonObject(0);
    long jobId = job.getLong("job_id");
    JsonObject detail = api.get("/api/job/" + jobId, token).json();
    assertEquals("needs_input", detail.getString("status"));
    Map<String, String> open = new HashMap<>();
    detail.getJsonArray("fill_plan").forEach(e -> {
      JsonObject entry = (JsonObject) e;
      if (entry.getBoolean("required") && "missing".equals(entry.getString("provenance"))) {
        open.put(entry.getString("label"), entry.getString("field"));
      }
    });
    String authorised = open.entrySet().stream().filter(e -> e.getKey().contains("authorized to work"))
        .findFirst().orElseThrow().getValue();
    String sponsorship = open.entrySet().stream().filter(e -> e.getKey().contains("sponsorship"))
        .findFirst().orElseThrow().getValue();

    Api.Response bad = api.post("/api/job/" + jobId + "/answers", token,
        new JsonObject().put("answers", new JsonObject().put(authorised, "Maybe")));
    assertEquals(400, bad.status(), bad.text());
    assertTrue(bad.json().getString("detail").contains("not an option"), bad.text());
    Api.Response unknown = api.post("/api/job/" + jobId + "/answers", token,
        new JsonObject().put("answers", new JsonObject().put("question_0", "Yes")));
    assertEquals(400, unknown.status(), unknown.text());

    Api.Response ok = api.post("/api/job/" + jobId + "/answers", token, new JsonObject().put("answers",
        new JsonObject().put(authorised, "Yes").put(sponsorship, "No")));
    assertEquals(202, ok.status(), ok.text());
    JsonObject resumed = api.awaitJob(jobId, token, "awaiting_approval", Duration.ofSeconds(90));
    assertTrue(resumed.getJsonArray("fill_plan").stream().anyMatch(e -> authorised.equals(((JsonObject) e)
        .getString("field")) && ((JsonObject) e).getString("provenance").startsWith("answer:")), "answers used");
    assertEquals(409, api.post("/api/job/" + jobId + "/answers", token,
        new JsonObject().put("answers", new JsonObject().put(authorised, "Yes"))).status(), "no longer waiting");

    // a later run that finds the same posting joins the job that waits: it is not filled a second time
    long again = api.post("/api/search", token, search).json().getLong("run_id");
    JsonObject repeat = api.awaitRun(again, token, Duration.ofSeconds(120)).getJsonArray("jobs").getJsonObject(0);
    assertEquals("duplicate", repeat.getString("status"), repeat.encode());
    assertEquals(jobId, repeat.getLong("duplicate_of"), repeat.encode());

    // the same question on another posting is answered from the bank
    long other = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer Robot Fleet Services")
        .put("level", "mid").put("limit", 1)).json().getLong("run_id");
    JsonObject later = api.awaitRun(other, token, Duration.ofSeconds(120)).getJsonArray("jobs").getJsonObject(0);
    assertEquals("awaiting_approval", later.getString("status"), later.encode());
    JsonObject laterDetail = detail(later, token);
    assertTrue(laterDetail.getJsonArray("fill_plan").stream().map(e -> (JsonObject) e)
        .anyMatch(e -> e.getString("label").contains("authorized to work")
            && e.getString("provenance").startsWith("answer:")), laterDetail.getJsonArray("fill_plan").encodePrettily());

    assertEquals(202, api.post("/api/job/" + jobId + "/submit", token, null).status());
    api.awaitJob(jobId, token, "submitted", Duration.ofSeconds(90));
    assertEquals(1, api.submissionsOf(email).size());
  }

  @Test
  void aLaterAutoRunNeverAppliesTwiceAndDiscardIsFinal() {
    String email = Api.uniqueEmail("rerun");
    String token = api.userWithProfile(email);
    JsonObject search = new JsonObject().put("position", "Software Engineer").put("level", "entry").put("limit", 2);
    JsonObject first = api.awaitRun(api.post("/api/search", token, search).json().getLong("run_id"), token,
        Duration.ofSeconds(120));
    long applied = first.getJsonArray("jobs").getJsonObject(0).getLong("job_id");
    long other = first.getJsonArray("jobs").getJsonObject(1).getLong("job_id");
    assertEquals(202, api.post("/api/job/" + applied + "/submit", token, null).status());
    api.awaitJob(applied, token, "submitted", Duration.ofSeconds(90));
    assertEquals(200, api.post("/api/job/" + other + "/discard", token, null).status());
    assertEquals(409, api.post("/api/job/" + other + "/discard", token, null).status(), "already discarded");
    assertEquals(409, api.post("/api/job/" + other + "/submit", token, null).status(), "a discarded job is final");

    JsonObject second = api.awaitRun(api.post("/api/search", token, search.copy().put("mode", "auto"))
        .json().getLong("run_id"), token, Duration.ofSeconds(120));
    Map<String, JsonObject> jobs = byTitle(second);
    String appliedTitle = first.getJsonArray("jobs").getJsonObject(0).getString("title");
    String discardedTitle = first.getJsonArray("jobs").getJsonObject(1).getString("title");
    assertEquals("duplicate", jobs.get(appliedTitle).getString("status"), second.encodePrettily());
    assertEquals(applied, jobs.get(appliedTitle).getLong("duplicate_of"));
    assertEquals("duplicate", jobs.get(discardedTitle).getString("status"), "a discarded posting stays discarded");
    assertEquals(other, jobs.get(discardedTitle).getLong("duplicate_of"));
    JsonObject dup = detail(jobs.get(appliedTitle), token);
    assertTrue(dup.getJsonArray("documents").isEmpty(), "no browser, no screenshot for a duplicate");
    long fresh = jobs.values().stream().filter(j -> "submitted".equals(j.getString("status"))).count();
    assertEquals(2, fresh, "duplicates do not count towards the limit: two new postings were applied to");
    JsonArray received = api.submissionsOf(email);
    assertEquals(1 + fresh, received.size(), "the applied posting got no second application");
    assertEquals(received.size(), received.stream()
            .map(o -> ((JsonObject) o).getString("board") + "/" + ((JsonObject) o).getValue("job_id")).distinct().count(),
        "no posting received two applications");
  }

  @Test
  void autoModeTroublesEndInNeedsAttentionWithThePagesOwnWords() {
    String email = Api.uniqueEmail("auto-trouble");
    String token = api.userWithProfile(email);
    long runId = api.post("/api/search", token, new JsonObject().put("position", "Solutions Engineer Enterprise")
        .put("level", "mid").put("mode", "auto").put("limit", 1)).json().getLong("run_id");
    JsonObject job = api.awaitRun(runId, token, Duration.ofSeconds(120)).getJsonArray("jobs").getJsonObject(0);
    JsonObject d = detail(job, token);
    assertEquals("needs_attention", d.getString("status"), d.encodePrettily());
    assertTrue(lastMessage(d).contains("Please confirm your phone number"), lastMessage(d));
    assertTrue(hasScreenshot(d));
    assertEquals(0, api.submissionsOf(email).size(), "the form refused it; nothing was received");
    // a later run finds the posting again and joins the job that needs a look, instead of a second entry
    JsonObject again = api.awaitRun(api.post("/api/search", token, new JsonObject()
        .put("position", "Solutions Engineer Enterprise").put("level", "mid").put("mode", "auto").put("limit", 1))
        .json().getLong("run_id"), token, Duration.ofSeconds(120));
    JsonObject repeat = again.getJsonArray("jobs").getJsonObject(0);
    assertEquals("duplicate", repeat.getString("status"), again.encodePrettily());
    assertEquals(d.getLong("job_id"), repeat.getLong("duplicate_of"));
    // the refused attempt was withdrawn from the ledger, so after checking, the user tries the same job again
    long jobId = d.getLong("job_id");
    assertEquals(202, api.post("/api/job/" + jobId + "/retry", token, null).status());
    api.awaitJob(jobId, token, "submitted", Duration.ofSeconds(90));
    assertEquals(1, api.submissionsOf(email).size(), "the second attempt is accepted by this form");
    Api.Response twice = api.post("/api/job/" + jobId + "/retry", token, null);
    assertEquals(409, twice.status(), twice.text());
    assertTrue(twice.json().getString("detail").contains("already sent"), twice.text());
  }
}
