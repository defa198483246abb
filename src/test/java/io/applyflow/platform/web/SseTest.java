package io.applyflow.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SseTest {
  @Test
  void everyLineOfAFragmentBecomesADataLine() {
    assertEquals("event: run-jobs\ndata: <table id=\"run-jobs\">\ndata:   <tr></tr>\ndata: </table>\n\n",
        Sse.frame("run-jobs", "<table id=\"run-jobs\">\n  <tr></tr>\r\n</table>"));
  }

  @Test
  void streamsAreCountedPerUserUpToTheCapAndAClosedOneGivesItsPlaceBack() {
    Sse.PerUser streams = new Sse.PerUser(2);
    assertTrue(streams.tryOpen(1));
    assertTrue(streams.tryOpen(1));
    assertFalse(streams.tryOpen(1), "a third stream of user 1");
    assertEquals(2, streams.open(1));
    assertTrue(streams.tryOpen(2), "another user is not affected");
    streams.closed(1);
    assertTrue(streams.tryOpen(1));
    streams.closed(1);
    streams.closed(1);
    streams.closed(1); // one close too many never goes below zero
    assertEquals(0, streams.open(1));
    assertTrue(streams.refusal().contains("2 live pages"), streams.refusal());
  }
}
