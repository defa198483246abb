package io.applyflow.profile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProfileValidatorTest {
  static JsonObject sampleResume() throws IOException {
    try (InputStream in = ProfileValidatorTest.class.getResourceAsStream("/jsonresume/sample.resume.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static String problem(JsonObject body) {
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> ProfileValidator.validate(body));
    assertEquals(Failure.BAD_INPUT, e.failure);
    return e.getMessage();
  }

  @Test
  void acceptsTheJsonResumeSampleWithFullApplicantAnswers() throws IOException {
    JsonObject body = new JsonObject().put("resume", sampleResume()).put("applicant", new JsonObject()
        .put("phone", "+1 912 555 4321").put("work_authorization", "yes").put("requires_sponsorship", "no")
        .put("links", new JsonObject().put("github", "https://github.com/example"))
        .put("eeoc", new JsonObject().put("gender", "decline").put("veteran_status", "not_protected")));
    assertDoesNotThrow(() -> ProfileValidator.validate(body));
  }

  @Test
  void namesThePathOfEachProblem() throws IOException {
    assertTrue(problem(new JsonObject()).contains("resume is required"));
    JsonObject noName = sampleResume();
    noName.getJsonObject("basics").remove("name");
    assertTrue(problem(new JsonObject().put("resume", noName)).contains("resume.basics.name"));
    JsonObject badDate = sampleResume();
    badDate.getJsonArray("work").getJsonObject(0).put("startDate", "last spring");
    assertTrue(problem(new JsonObject().put("resume", badDate)).contains("resume.work[0].startDate"));
    JsonObject badHighlight = sampleResume();
    badHighlight.getJsonArray("work").getJsonObject(0).getJsonArray("highlights").add(42);
    assertTrue(problem(new JsonObject().put("resume", badHighlight)).contains("resume.work[0].highlights[3]"));
  }

  @Test
  void rejectsUnknownOrOutOfRangeApplicantAnswers() throws IOException {
    JsonObject resume = sampleResume();
    assertTrue(problem(new JsonObject().put("resume", resume).put("applicant", new JsonObject().put("salary", "1M")))
        .contains("applicant.salary"));
    assertTrue(problem(new JsonObject().put("resume", resume).put("applicant",
        new JsonObject().put("requires_sponsorship", "maybe"))).contains("applicant.requires_sponsorship"));
    assertTrue(problem(new JsonObject().put("resume", resume).put("applicant",
        new JsonObject().put("eeoc", new JsonObject().put("race", "martian")))).contains("applicant.eeoc.race"));
    assertTrue(problem(new JsonObject().put("resume", resume).put("applicant",
        new JsonObject().put("links", new JsonObject().put("linkedin", "not a url")))).contains("applicant.links.linkedin"));
  }
}
