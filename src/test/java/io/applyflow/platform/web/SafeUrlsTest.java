package io.applyflow.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeUrlsTest {
  @Test
  void httpAndHttpsLinksAreKept() {
    assertEquals("https://job-boards.greenhouse.io/vercel/jobs/1", SafeUrls.webUrl(" https://job-boards.greenhouse.io/vercel/jobs/1 "));
    assertEquals("http://www.greenhouse.io/careers/job?gh_jid=167538", SafeUrls.webUrl("http://www.greenhouse.io/careers/job?gh_jid=167538"));
  }

  @Test
  void everythingElseKeepsNoLink() {
    for (String bad : new String[] {"javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
        "java\tscript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "//evil.example/x",
        "/relative", "https://user:pw@example.com/", "https:///nohost", "https://exa mple.com", "http://x/\u0000",
        "https:", "", "https://" + "a".repeat(SafeUrls.MAX_LENGTH)}) {
      assertNull(SafeUrls.webUrl(bad), bad);
      assertTrue(SafeUrls.refusal(bad) != null, bad);
    }
    assertNull(SafeUrls.webUrl(null));
  }

  @Test
  void originsAreNormalised() {
    assertEquals("https://job-boards.greenhouse.io", SafeUrls.origin("HTTPS://Job-Boards.Greenhouse.IO:443/a?b#c"));
    assertEquals("http://127.0.0.1:41234", SafeUrls.origin("http://127.0.0.1:41234/sandbox"));
    assertEquals("http://[::1]:8080", SafeUrls.origin("http://[::1]:8080/"));
    assertEquals("http://127.0.0.1:41234", SafeUrls.bareOrigin("http://127.0.0.1:41234/"));
    assertNull(SafeUrls.bareOrigin("http://127.0.0.1:41234/sandbox"));
  }
}
