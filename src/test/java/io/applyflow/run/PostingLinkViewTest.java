package io.applyflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PostingLinkViewTest {
  @Test
  void theJobPageLinksOnlyToHttpPostings() {
    assertEquals("https://job-boards.greenhouse.io/a/jobs/1", JobView.webUrl("https://job-boards.greenhouse.io/a/jobs/1"));
    assertNull(JobView.webUrl("javascript:alert(1)"));
    assertNull(JobView.webUrl("  JavaScript:alert(1)"));
    assertNull(JobView.webUrl("data:text/html,x"));
    assertNull(JobView.webUrl("https://u:p@example.com/"));
    assertNull(JobView.webUrl(""));
    assertNull(JobView.model(new JsonObject().put("status", "discovered").put("url", "javascript:alert(1)"))
        .get("postingUrl"));
  }
}
