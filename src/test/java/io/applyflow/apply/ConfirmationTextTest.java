package io.applyflow.apply;

import static io.applyflow.apply.ConfirmationText.Verdict.CONFIRMS;
import static io.applyflow.apply.ConfirmationText.Verdict.DENIES;
import static io.applyflow.apply.ConfirmationText.Verdict.SILENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfirmationTextTest {
  @Test
  void confirmationsInSeveralPhrasings() {
    for (String text : List.of(
        "Thank you for applying",                                         // Greenhouse's default heading
        "Thank you for applying to Acme Robotics. Our recruiting team reviews every application.",
        "Thanks for applying to Northwind Data! We read every application.",
        "THANK YOU FOR YOUR APPLICATION",
        "Your application has been received.",
        "Application submitted",
        "Your application was successfully submitted to Lumen Health",
        "We\u2019ve received your application and will be in touch.",
        "We have received your application.",
        "  Thank\n you   for\tapplying! ")) {
      assertEquals(CONFIRMS, ConfirmationText.read(text), text);
    }
  }

  @Test
  void errorsAndRefusalsAreNotConfirmations() {
    for (String text : List.of(
        "There was an error processing your application. Please try again.", // Greenhouse's generic_failure
        "Application not submitted",
        "Your application has not been submitted.",
        "Your application could not be submitted.",
        "We couldn't process your application",
        "Please complete the reCAPTCHA and resubmit your application.",
        "Submission failed",
        "Something went wrong",
        "Thank you for applying. There was an error saving your resume.")) {
      assertEquals(DENIES, ConfirmationText.read(text), text);
    }
  }

  @Test
  void otherPagesSaySilent() {
    for (String text : List.of("", "Apply for this job", "Senior Engineer at Acme", "Sign in to continue",
        "Page not found", "Applications are reviewed weekly")) {
      assertEquals(SILENT, ConfirmationText.read(text), text);
    }
    assertEquals(SILENT, ConfirmationText.read(null));
  }

  @Test
  void thePhraseThatDecidedIsReported() {
    assertEquals("thank you for applying", ConfirmationText.phrase("Thank you for applying!"));
    assertEquals("there was an error", ConfirmationText.phrase("Oops. There was an error processing it."));
  }

  @Test
  void aHugeHostilePageIsReadInBoundedTime() {
    String big = "a ".repeat(200_000) + "thank you for applying";
    assertEquals(SILENT, ConfirmationText.read(big), "only the first " + ConfirmationText.MAX_CHARS + " chars are read");
  }
}
