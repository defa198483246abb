package io.applyflow.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SseTest {
  @Test
  void everyLineOfAFragmentBecomesADataLine() {
    assertEquals("event: run-jobs\ndata: <table id=\"run-jobs\">\ndata:   <tr></tr>\ndata: </table>\n\n",
        Sse.frame("run-jobs", "<table id=\"run-jobs\">\n  <tr></tr>\r\n</table>"));
  }
}
