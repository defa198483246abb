package io.applyflow.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationStatusTest {
  @Test
  void theLifecycleIsInOrder() {
    assertEquals(List.of("NEW", "INTERESTED", "RESUME_GENERATED", "APPLIED", "INTERVIEW", "OFFER", "REJECTED",
        "DECLINED", "WITHDRAWN"), List.of(ApplicationStatus.values()).stream().map(Enum::name).toList());
    assertEquals("Resume generated", ApplicationStatus.RESUME_GENERATED.label);
  }

  @Test
  void parsesAnyCaseAndSeparator() {
    assertEquals(ApplicationStatus.INTERVIEW, ApplicationStatus.parse("status", "interview"));
    assertEquals(ApplicationStatus.RESUME_GENERATED, ApplicationStatus.parse("status", " resume-generated "));
    assertEquals(ApplicationStatus.RESUME_GENERATED, ApplicationStatus.parse("status", "Resume generated"));
  }

  @Test
  void anUnknownStatusNamesTheFieldAndTheAllowedValues() {
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> ApplicationStatus.parse("status", "HIRED"));
    assertEquals(Failure.BAD_INPUT, e.failure);
    assertTrue(e.getMessage().startsWith("status must be one of NEW, INTERESTED"), e.getMessage());
    assertTrue(e.getMessage().contains("WITHDRAWN") && e.getMessage().contains("'HIRED'"), e.getMessage());
    assertTrue(assertThrows(Failure.Coded.class, () -> ApplicationStatus.parse("status", " "))
        .getMessage().contains("required"));
    String longOne = "x".repeat(100_000);
    assertTrue(assertThrows(Failure.Coded.class, () -> ApplicationStatus.parse("status", longOne))
        .getMessage().length() < 300, "a huge value is not echoed whole");
  }
}
