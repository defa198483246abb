package io.applyflow.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PostingLinkTest {
  @Test
  void aPostingKeepsOnlyAnHttpLink() {
    assertEquals("https://job-boards.greenhouse.io/vercel/jobs/5999792004",
        SearchVerticle.postingLink("https://job-boards.greenhouse.io/vercel/jobs/5999792004"));
    assertEquals("https://stripe.com/jobs/search?gh_jid=1", SearchVerticle.postingLink("https://stripe.com/jobs/search?gh_jid=1"));
    assertEquals("", SearchVerticle.postingLink("javascript:alert(document.cookie)"));
    assertEquals("", SearchVerticle.postingLink("data:text/html,<script>alert(1)</script>"));
    assertEquals("", SearchVerticle.postingLink("https://user:pw@job-boards.greenhouse.io/a/jobs/1"));
    assertEquals("", SearchVerticle.postingLink(42));
    assertEquals("", SearchVerticle.postingLink(null));
  }
}
