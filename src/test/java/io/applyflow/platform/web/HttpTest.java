package io.applyflow.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpTest {
  @Test
  void returnsOnlyToOurOwnPages() {
    assertEquals("/review", Http.localPath("/review", "/"));
    assertEquals("/jobs/12", Http.localPath("/jobs/12", "/"));
    assertEquals("/runs?x=1", Http.localPath("/runs?x=1", "/"));
    for (String bad : new String[] {null, "", "review", "//evil.example", "/\\evil.example", "/\tevil",
        "https://evil.example/", "/%2F%2Fevil", "javascript:alert(1)", "/jobs/1#x"}) {
      assertEquals("/", Http.localPath(bad, "/"), String.valueOf(bad));
    }
  }
}
