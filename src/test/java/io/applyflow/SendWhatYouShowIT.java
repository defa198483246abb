package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.render.ParseBackGate;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, "send what you show": the employer receives the cover letter the job page showed and the phone the resume
 * PDF prints, through the public API and what the sandbox board received. The profile's applicant phone differs
 * from its resume's {@code basics.phone}, so a second source of contact details would show.
 *
 * <p>Every posting of the sandbox boards has an optional "Cover Letter" question ({@code cover_letter}, a PDF/DOC/
 * DOCX/TXT/RTF upload, with a {@code cover_letter_text} paste-in box); the runs here apply to the standard
 * "Site Reliability Engineer" posting of Acme Robotics.
 */
class SendWhatYouShowIT {
  private static final String APPLICANT_PHONE = "+1 555 0100";
  private static final String RESUME_PHONE = "(912) 555-4321";
  private static final JsonObject SEARCH = new JsonObject().put("position", "Site Reliability Engineer")
      .put("level", "mid").put("limit", 1);

  private final Api api = TestApp.api();

  /** A user whose applicant phone is not the resume's, accepting every job; returns the token. */
  private String user(String email) {
    String token = api.register(email, "Richard Hendriks");
    JsonObject resume = Api.sampleResume(email);
    assertEquals(RESUME_PHONE, resume.getJsonObject("basics").getString("phone"));
    Api.Response saved = api.put("/api/profile", token, new JsonObject().put("resume", resume)
        .put("applicant", new JsonObject().put("phone", APPLICANT_PHONE)));
    assertEquals(200, saved.status(), saved.text());
    api.bands(token, 0, 0);
    return token;
  }

  /** Runs the search in {@code mode} and returns the one job's detail. */
  private JsonObject runOne(String token, String mode) {
    long runId = api.post("/api/search", token, SEARCH.copy().put("mode", mode)).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(180));
    assertEquals("done", run.getString("status"), run.encodePrettily());
    assertEquals(1, run.getJsonArray("jobs").size(), run.encodePrettily());
    return api.get("/api/job/" + run.getJsonArray("jobs").getJsonObject(0).getLong("job_id"), token).json();
  }

  private static JsonObject planEntry(JsonObject job, String field) {
    return job.getJsonArray("fill_plan").stream().map(e -> (JsonObject) e)
        .filter(e -> field.equals(e.getString("field"))).findFirst()
        .orElseThrow(() -> new AssertionError("no plan entry " + field + ": " + job.getJsonArray("fill_plan")));
  }

  private static JsonObject onlyFile(JsonArray files, String field) {
    List<JsonObject> of = files.stream().map(f -> (JsonObject) f).filter(f -> field.equals(f.getString("field")))
        .toList();
    assertEquals(1, of.size(), files.encodePrettily());
    return of.get(0);
  }

  @Test
  void reviewModeUploadsTheLetterTheUserSawWithTheResumesPhone() {
    String email = Api.uniqueEmail("letter-review");
    String token = user(email);
    JsonObject job = runOne(token, "review");
    long jobId = job.getLong("job_id");
    assertEquals("awaiting_approval", job.getString("status"), job.encodePrettily());
    assertEquals(0, api.submissionsOf(email).size(), "nothing is sent before the approval");

    JsonObject letterEntry = planEntry(job, "cover_letter");
    assertEquals("document:cover_letter", letterEntry.getString("provenance"), letterEntry.encode());
    assertTrue(letterEntry.getString("value").endsWith("Cover_Letter.pdf"), letterEntry.encode());
    assertNull(letterEntry.getString("reason"), letterEntry.encode());
    assertEquals("missing", planEntry(job, "cover_letter_text").getString("provenance"), "the text box stays empty");
    assertEquals(APPLICANT_PHONE, planEntry(job, "phone").getString("value"));

    Api.Response submit = api.post("/api/job/" + jobId + "/submit", token, null);
    assertEquals(202, submit.status(), submit.text());
    api.awaitJob(jobId, token, "submitted", Duration.ofSeconds(90));

    JsonArray received = api.submissionsOf(email);
    assertEquals(1, received.size(), received.encodePrettily());
    JsonObject submission = received.getJsonObject(0);
    long submissionId = submission.getLong("id");
    JsonObject letterFile = onlyFile(submission.getJsonArray("files"), "cover_letter");
    assertEquals(letterEntry.getString("value"), letterFile.getString("filename"));
    assertEquals("application/pdf", letterFile.getString("content_type"));

    // the letter received is the letter shown: every paragraph stored on the job, in the PDF's text
    byte[] letterPdf = api.receivedFile(submissionId, "cover_letter");
    assertArrayEquals(api.get("/api/job/" + jobId + "/cover-letter.pdf", token).body(), letterPdf,
        "the stored, checked PDF was uploaded");
    String letterText = ParseBackGate.normalise(ParseBackGate.text(letterPdf));
    JsonArray paragraphs = job.getJsonObject("cover_letter").getJsonArray("paragraphs");
    assertFalse(paragraphs.isEmpty(), job.getJsonObject("cover_letter").encode());
    for (Object p : paragraphs) {
      assertTrue(letterText.contains(ParseBackGate.normalise((String) p)), "paragraph missing from the uploaded "
          + "letter: " + p + "\n--- letter text ---\n" + letterText);
    }

    // one phone: the form's, the resume PDF's and the letter's contact line agree, and it is the applicant's
    String resumeText = ParseBackGate.text(api.receivedFile(submissionId, "resume"));
    assertEquals(APPLICANT_PHONE, submission.getString("phone"));
    assertTrue(resumeText.contains(submission.getString("phone")), resumeText);
    assertFalse(resumeText.contains(RESUME_PHONE), "the resume's own phone is not printed as well: " + resumeText);
    assertTrue(letterText.contains(submission.getString("phone")), letterText);
  }

  @Test
  void autoModeWithoutTheSettingSendsNoLetterAndThePlanSaysWhy() {
    String email = Api.uniqueEmail("letter-auto");
    String token = user(email);
    assertFalse(api.get("/api/settings", token).json().getBoolean("send_cover_letter_in_auto"), "off by default");
    JsonObject job = runOne(token, "auto");
    assertEquals("submitted", job.getString("status"), job.encodePrettily());

    JsonObject letterEntry = planEntry(job, "cover_letter");
    assertEquals("missing", letterEntry.getString("provenance"), letterEntry.encode());
    assertTrue(letterEntry.getString("reason").contains("Send my cover letter in auto mode"), letterEntry.encode());
    assertTrue(job.getJsonArray("documents").stream()
        .anyMatch(d -> "cover_letter_pdf".equals(((JsonObject) d).getString("kind"))), "a letter existed to send");

    JsonArray received = api.submissionsOf(email);
    assertEquals(1, received.size(), received.encodePrettily());
    JsonArray files = received.getJsonObject(0).getJsonArray("files");
    assertEquals(List.of("resume"), files.stream().map(f -> ((JsonObject) f).getString("field")).toList());
    assertEquals(APPLICANT_PHONE, received.getJsonObject(0).getString("phone"));
  }

  @Test
  void autoModeWithTheSettingSendsTheLetter() {
    String email = Api.uniqueEmail("letter-auto-on");
    String token = user(email);
    Api.Response on = api.put("/api/settings", token, new JsonObject().put("send_cover_letter_in_auto", true));
    assertEquals(200, on.status(), on.text());
    JsonObject job = runOne(token, "auto");
    assertEquals("submitted", job.getString("status"), job.encodePrettily());
    assertEquals("document:cover_letter", planEntry(job, "cover_letter").getString("provenance"));

    JsonObject submission = api.submissionsOf(email).getJsonObject(0);
    JsonObject letterFile = onlyFile(submission.getJsonArray("files"), "cover_letter");
    byte[] sent = api.receivedFile(submission.getLong("id"), "cover_letter");
    assertEquals(letterFile.getInteger("bytes"), sent.length);
    assertArrayEquals(api.get("/api/job/" + job.getLong("job_id") + "/cover-letter.pdf", token).body(), sent);
  }

  @Test
  void theSettingIsABooleanAndANamedErrorOtherwise() {
    String token = api.register(Api.uniqueEmail("letter-setting"), "Settings");
    assertFalse(api.get("/api/settings", token).json().getBoolean("send_cover_letter_in_auto"));
    Api.Response bad = api.put("/api/settings", token, new JsonObject().put("send_cover_letter_in_auto", "yes"));
    assertEquals(400, bad.status(), bad.text());
    assertTrue(bad.json().getString("detail").startsWith("send_cover_letter_in_auto must be true or false"),
        bad.text());
    assertFalse(api.get("/api/settings", token).json().getBoolean("send_cover_letter_in_auto"), "nothing stored");
    JsonObject saved = api.put("/api/settings", token, new JsonObject().put("send_cover_letter_in_auto", true)).json();
    assertTrue(saved.getBoolean("send_cover_letter_in_auto"));
    assertEquals(70, saved.getInteger("accept_threshold"), "the bands are kept");
    assertTrue(api.get("/api/settings", token).json().getBoolean("send_cover_letter_in_auto"));
  }
}
