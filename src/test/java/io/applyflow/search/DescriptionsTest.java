package io.applyflow.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DescriptionsTest {
  /** Shaped like the real API's content field (shared/fixtures/greenhouse/hunt_boards-api_jobs_vercel_trimmed.json). */
  private static final String ESCAPED = "&lt;div class=&quot;content-intro&quot;&gt;&lt;h2&gt;About Vercel:&lt;/h2&gt;\n"
      + "&lt;p&gt;We&#39;ve helped builders&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
      + "&lt;ul&gt;&lt;li onclick=&quot;x()&quot;&gt;Java &amp;amp; SQL&lt;/li&gt;&lt;/ul&gt;"
      + "&lt;img src=&quot;http://tracker/p.gif&quot;&gt;&lt;a href=&quot;javascript:evil()&quot;&gt;x&lt;/a&gt;&lt;/div&gt;";

  @Test
  void unescapesOnceThenKeepsOnlySafeMarkup() {
    String safe = Descriptions.sanitise(ESCAPED);
    assertTrue(safe.contains("<h2>About Vercel:</h2>"), safe);
    assertTrue(safe.contains("<li>Java &amp; SQL</li>"), safe);
    assertFalse(safe.contains("script"), safe);
    assertFalse(safe.contains("onclick"), safe);
    assertFalse(safe.contains("<img"), safe);
    assertFalse(safe.contains("javascript:"), safe);
  }

  @Test
  void plainTextKeepsBlocksOnTheirOwnLines() {
    String text = Descriptions.text(Descriptions.sanitise(ESCAPED));
    assertTrue(text.startsWith("About Vercel:\nWe've helped builders"), text);
    assertTrue(text.contains("Java & SQL"), text);
    assertEquals("", Descriptions.sanitise(null));
  }
}
