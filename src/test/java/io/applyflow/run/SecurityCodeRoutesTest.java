package io.applyflow.run;

import io.applyflow.job.JobStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityCodeRoutesTest {
  private static String refusal(Object code) {
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> SecurityCodeRoutes.validCode(code));
    assertEquals(Failure.BAD_INPUT, e.failure);
    return e.getMessage();
  }

  @Test
  void takesSixToTwelveLettersAndDigitsAfterTrimming() {
    assertEquals("AB12CD34", SecurityCodeRoutes.validCode("  AB12CD34\n"));
    assertEquals("abc123", SecurityCodeRoutes.validCode("abc123"));
    assertEquals("ABCDEF123456", SecurityCodeRoutes.validCode("ABCDEF123456"));
  }

  @Test
  void namesWhatIsWrongWithACode() {
    assertTrue(refusal(null).contains("missing"));
    assertTrue(refusal(12345678).contains("must be a string"));
    assertTrue(refusal("   ").contains("empty"));
    assertTrue(refusal("AB12").contains("this one has 4"));
    assertTrue(refusal("ABCDEF1234567").contains("this one has 13"));
    assertTrue(refusal("AB12-CD34").contains("letters A-Z and digits"));
    assertTrue(refusal("ÄB12CD34").contains("letters A-Z and digits"));
  }

  @Test
  void theJobPageKnowsAJobWaitsForACodeFromItsNewestNeedsInputEvent() {
    String expires = Instant.now().plusSeconds(300).toString();
    Map<String, Object> waiting = Map.of("status", "needs_input", "message", "enter the security code …",
        "data", Map.of("kind", "security_code", "email", "ana@example.com", "expires_at", expires));
    Map<String, Object> questions = Map.of("status", "needs_input", "message", "needs your answer",
        "data", Map.of("questions", List.of()));
    Map<String, Object> code = JobView.codeWait(JobStatus.NEEDS_INPUT, List.of(questions, waiting));
    assertNotNull(code);
    assertEquals("ana@example.com", code.get("email"));
    assertEquals("5 minutes left", code.get("left"));
    assertNull(JobView.codeWait(JobStatus.NEEDS_INPUT, List.of(waiting, questions)), "answered questions since");
    assertNull(JobView.codeWait(JobStatus.SUBMITTED, List.of(waiting)), "not waiting any more");
    assertEquals(422, SecurityCodeRoutes.status(new JsonObject().put("status", "needs_input").put("accepted", false)));
    assertEquals(200, SecurityCodeRoutes.status(new JsonObject().put("status", "submitted").put("accepted", true)));
  }
}
