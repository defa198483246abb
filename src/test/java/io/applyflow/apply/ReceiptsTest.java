package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ReceiptsTest {
  @Test
  void theJsonAnswerNamesTheApplication() {
    assertEquals("12", Receipts.of("{\"submission_id\": 12, \"confirmation_url\": \"http://x/confirmation\"}", null));
    assertEquals("app-9", Receipts.of("{\"application_id\": \"app-9\"}", null));
    assertEquals("77", Receipts.of("{\"id\": 77}", null));
    assertEquals("1", Receipts.of("{\"id\": 2, \"submission_id\": 1}", null), "submission_id first");
  }

  @Test
  void elseTheConfirmationUrlDoes() {
    assertEquals("31", Receipts.of(null, "http://127.0.0.1:1/b/jobs/1/confirmation?application_id=31"));
    assertEquals("31", Receipts.of("<html>", "https://x/confirmation?x=1&submission_id=31#top"));
    assertEquals("31", Receipts.of("{\"ok\": true}", "https://x/confirmation?application_id=31"));
  }

  @Test
  void noReceiptWhenNeitherNamesOneOrItIsNotAPlainToken() {
    assertNull(Receipts.of(null, "https://x/confirmation"));
    assertNull(Receipts.of("{\"submission_id\": {\"a\": 1}}", null));
    assertNull(Receipts.of("{\"submission_id\": \"<script>\"}", null));
    assertNull(Receipts.of("not json", "not a url at all %%%"));
    assertNull(Receipts.of("[1,2]", "https://x/confirmation?application_id="));
    assertNull(Receipts.of(null, "https://x/confirmation?application_id=" + "9".repeat(65)));
  }
}
