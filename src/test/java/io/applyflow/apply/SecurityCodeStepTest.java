package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SecurityCodeStepTest {
  @Test
  void readsTheRecipientFromTheBoards428Answer() {
    assertEquals("ana@example.com", SecurityCodeStep.recipientOf(
        "{\"code\":\"captcha-failed\",\"security_code_recipient\":\"ana@example.com\"}"));
    assertNull(SecurityCodeStep.recipientOf("{\"code\":\"captcha-failed\"}"), "a plain captcha failure names nobody");
    assertNull(SecurityCodeStep.recipientOf("{\"security_code_recipient\":42}"));
    assertNull(SecurityCodeStep.recipientOf("{\"security_code_recipient\":\"no address\"}"));
    assertNull(SecurityCodeStep.recipientOf("<html>not json</html>"));
    assertNull(SecurityCodeStep.recipientOf(null));
  }

  @Test
  void readsTheRecipientFromTheRenderersPrompt() {
    // job-boards_renderer_i18n_en.json, email_verification.description, with {{ email }} filled in
    assertEquals("ana.lima+jobs@example.co.uk", SecurityCodeStep.recipientIn("A verification code was sent to "
        + "ana.lima+jobs@example.co.uk. To submit your application, enter the 8-character code to confirm you're a human."));
    assertEquals("x@y.org", SecurityCodeStep.recipientIn("A verification code was sent to x@y.org"));
    assertNull(SecurityCodeStep.recipientIn("Please complete the reCAPTCHA and resubmit your application."));
    assertNull(SecurityCodeStep.recipientIn(null));
  }

  @Test
  void saysTheWaitInWords() {
    assertEquals("5 seconds", SecurityCodeHold.words(5));
    assertEquals("1 second", SecurityCodeHold.words(1));
    assertEquals("10 minutes", SecurityCodeHold.words(600));
    assertEquals("10 minutes", SecurityCodeHold.words(599));
    assertEquals("2 minutes", SecurityCodeHold.words(120));
  }
}
