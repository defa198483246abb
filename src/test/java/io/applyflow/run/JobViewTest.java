package io.applyflow.run;

import io.applyflow.job.JobStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobViewTest {
  private static JsonObject entry(String field, String label, String type, boolean required, String value,
                                  String provenance) {
    return new JsonObject().put("field", field).put("label", label).put("type", type).put("required", required)
        .put("value", value).put("options", new JsonArray()).put("provenance", provenance).put("category", "NONE");
  }

  private static JsonObject job(String status, JsonArray plan, JsonArray events) {
    return new JsonObject().put("job_id", 7L).put("status", status).put("title", "Backend Engineer")
        .put("company", "Acme").put("mode", "review").put("url", "https://boards.example/acme/7")
        .put("fill_plan", plan).put("events", events).put("documents", new JsonArray()
            .add(new JsonObject().put("id", 1L).put("kind", "resume_pdf").put("filename", "Ada_Resume.pdf").put("bytes", 33_000))
            .add(new JsonObject().put("id", 2L).put("kind", "screenshot").put("filename", "trouble.png").put("bytes", 90_000)));
  }

  private static JsonArray events(String status, String message) {
    return new JsonArray()
        .add(new JsonObject().put("at", "2026-12-02T10:00:00Z").put("stage", "search").put("status", "discovered")
            .put("message", "found it"))
        .add(new JsonObject().put("at", "2026-12-02T10:01:00Z").put("stage", "apply").put("status", status)
            .put("message", message));
  }

  @Test
  void needsAttentionSaysWhyAtTheTopFromTheTimeline() {
    Map<String, Object> m = JobView.model(job("needs_attention", new JsonArray(),
        events("needs_attention", "captcha before submitting: the page shows a captcha instead of the form")));
    @SuppressWarnings("unchecked")
    Map<String, Object> d = (Map<String, Object>) m.get("decision");
    assertEquals("bad", d.get("tone"));
    assertEquals("Captcha before submitting: the page shows a captcha instead of the form.", d.get("why"));
    assertTrue(String.valueOf(d.get("headline")).startsWith("Stopped before sending"), String.valueOf(d.get("headline")));
    assertEquals("trouble.png", ((Map<?, ?>) m.get("latestShot")).get("filename"), "the screenshot is shown with it");
  }

  @Test
  void aPreviewIsShownAtTheDisplayWidthInThePngsProportionsAndOnlyWithItsPdf() {
    JsonObject d = job("awaiting_approval", new JsonArray(), events("awaiting_approval", "ready"));
    assertNull(JobView.model(d).get("resumePng"), "no preview stored: no thumbnail");
    d.getJsonArray("documents").add(new JsonObject().put("id", 3L).put("kind", "resume_png")
        .put("filename", "Ada_Resume.png").put("bytes", 40_000).put("width", 680).put("height", 962)); // A4
    assertEquals(Map.of("width", 340, "height", 481), JobView.model(d).get("resumePng"));
    assertNull(JobView.model(d).get("letterPng"), "no cover letter PDF, no letter thumbnail");
    assertNull(JobView.thumb(Map.of("kind", "resume_png"), 340), "a PNG of unknown size gets no <img>");
    d.getJsonArray("documents").add(new JsonObject().put("id", 4L).put("kind", "resume_pdf")
        .put("filename", "Ada_Resume.pdf").put("bytes", 34_000));
    assertNull(JobView.model(d).get("resumePng"), "rendered again without a new preview: the old one is not shown");
  }

  @Test
  void anUnknownSubmitOutcomeIsNotCalledAPlainStop() {
    Map<String, Object> d = JobView.decision(JobStatus.NEEDS_ATTENTION, new JsonObject().put("company", "Acme"),
        List.of(Map.of("status", "needs_attention", "message", "submit outcome unknown: the page did not answer",
            "at", "2026-12-02T10:01:00Z")), null);
    assertTrue(String.valueOf(d.get("headline")).contains("not known whether the application reached Acme"),
        String.valueOf(d.get("headline")));
  }

  @Test
  void whatWillBeSentListsFilesAnswersAndBlanksWithoutProvenanceCodes() {
    JsonArray plan = new JsonArray()
        .add(entry("first_name", "First Name", "input_text", true, "Ada", "profile:first_name"))
        .add(entry("resume", "Resume/CV", "input_file", true, null, "document:resume"))
        .add(entry("resume_text", "Resume/CV", "textarea", false, null, "missing"))
        .add(entry("cover_letter", "Cover Letter", "input_file", false, null, "missing"))
        .add(entry("cover_letter_text", "Cover Letter", "textarea", false, null, "missing"))
        .add(entry("question_1", "Why us?", "textarea", false, null, "missing"))
        .add(entry("question_2", "Website", "input_text", false, "https://ada.dev", "answer:3"));
    Map<String, Object> m = JobView.model(job("awaiting_approval", plan, events("awaiting_approval", "filled 3 fields")));
    @SuppressWarnings("unchecked")
    Map<String, Object> s = (Map<String, Object>) m.get("sending");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> files = (List<Map<String, Object>>) s.get("files");
    assertEquals(2, files.size(), "one row per file question, the paste-in companions folded in: " + files);
    assertEquals("Resume", files.get(0).get("what"));
    assertEquals(true, files.get(0).get("sent"));
    assertEquals("Ada_Resume.pdf (32 KB)", files.get(0).get("detail"));
    assertEquals("Cover letter", files.get(1).get("what"));
    assertEquals(false, files.get(1).get("sent"));
    assertTrue(String.valueOf(files.get(1).get("detail")).startsWith("not sent"), files.get(1).toString());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> answers = (List<Map<String, Object>>) s.get("answers");
    assertEquals(List.of("your profile", "your saved answer"), answers.stream().map(a -> a.get("source")).toList());
    assertEquals(1, s.get("blank"));
    assertEquals(0, s.get("needsYou"));
  }

  @Test
  void aRejectedJobNamesItsScoreAndTheThreshold() {
    JsonObject score = new JsonObject().put("total", 31).put("band", "reject").put("clarify_threshold", 50)
        .put("accept_threshold", 70)
        .put("explanation", "weakest is skills").put("matching_skills", new JsonArray().add("Java"))
        .put("missing_skills", new JsonArray().add("Kafka").add("Go"));
    Map<String, Object> d = JobView.decision(JobStatus.REJECTED, new JsonObject(), List.of(), score);
    assertEquals("Not applied to: it scored 31, below your clarify threshold of 50.", d.get("headline"));
    Map<String, Object> match = JobView.match(score, new JsonObject().put("matching_keywords", new JsonArray().add("java"))
        .put("missing_keywords", new JsonArray().add("Kafka").add("streaming")));
    assertEquals("Weak match", match.get("words"));
    assertEquals("below your clarify threshold (50)", match.get("standing"));
    assertEquals(List.of("Java"), match.get("top"), "a keyword repeating a skill is not listed twice");
    assertEquals(List.of("Kafka", "Go", "streaming"), match.get("gaps"));
  }

  @Test
  void theWordsFollowTheScoreWhateverTheUsersThresholds() {
    JsonObject everything = new JsonObject().put("total", 31).put("band", "accept").put("accept_threshold", 0)
        .put("clarify_threshold", 0);
    Map<String, Object> m = JobView.match(everything, new JsonObject());
    assertEquals("Weak match", m.get("words"), "a 31 is weak even when the user accepts everything");
    assertEquals("at or above your accept threshold (0)", m.get("standing"));
  }

  @Test
  void applyingSaysSendingOnlyAfterTheUsersSubmit() {
    JsonObject d = new JsonObject().put("company", "Acme");
    Map<String, Object> submitted = JobView.decision(JobStatus.APPLYING, d, List.of(
        Map.of("stage", "apply", "status", "awaiting_approval", "message", "filled", "at", "2026-12-02T10:00:00Z"),
        Map.of("stage", "review", "status", "applying", "message", "you approved", "at", "2026-12-02T10:01:00Z")), null);
    assertTrue(String.valueOf(submitted.get("headline")).startsWith("Sending your application to Acme"));
    Map<String, Object> retried = JobView.decision(JobStatus.APPLYING, d, List.of(
        Map.of("stage", "review", "status", "rendered", "message", "you asked to try again", "at", "2026-12-02T10:01:00Z"),
        Map.of("stage", "apply", "status", "applying", "message", "opening", "at", "2026-12-02T10:02:00Z")), null);
    assertTrue(String.valueOf(retried.get("headline")).startsWith("Filling in"), String.valueOf(retried.get("headline")));
  }

  @Test
  void aPostingLinkIsShownOnlyForWebAddresses() {
    assertEquals("https://x.example/1", JobView.webUrl(" https://x.example/1 "));
    assertNull(JobView.webUrl("javascript:alert(1)"));
    assertNull(JobView.webUrl("JaVaScRiPt:alert(1)"));
    assertNull(JobView.webUrl("data:text/html,hi"));
  }

  @Test
  void theTailoringSummaryCountsBulletsAndSummarySentencesApart() {
    List<Map<String, Object>> diff = List.of(
        Map.of("id", "basics.summary[0]", "change", "kept"), Map.of("id", "basics.summary[1]", "change", "dropped"),
        Map.of("id", "work[0].highlights[0]", "change", "moved"), Map.of("id", "work[0].highlights[1]", "change", "kept"),
        Map.of("id", "work[1].highlights[0]", "change", "dropped"));
    assertEquals("Chose 2 of your 3 bullets, all in your own words; 1 moved for this job; 1 left out as less relevant. "
        + "The summary keeps 1 of its 2 sentences.", JobView.tailorSummary(diff, 0));
    assertTrue(JobView.tailorSummary(diff, 2).contains("2 reworded by the LLM within the fact gate"),
        "not 'all in your own words' once the LLM reworded some");
    assertNull(JobView.tailorSummary(List.of(), 0));
  }

  @Test
  void sourcesAreSaidInWords() {
    assertEquals("your profile", JobView.source("profile:phone", true));
    assertEquals("the cover letter shown here", JobView.source("document:cover_letter", false));
    assertEquals("needs your answer", JobView.source("missing", true));
    assertEquals("left blank", JobView.source("missing", false));
    assertFalse(JobView.source("resume:work[0].highlights[1]", false).contains("["));
  }
}
