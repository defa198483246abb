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

  /** The open-redirect bypasses OWASP's cheat sheets and PortSwigger list, as a form field delivers them (decoded). */
  @Test
  void refusesEveryKnownOpenRedirectBypass() {
    String[] bypasses = {
        "//evil.example", "///evil.example", "////evil.example", "/\\evil.example", "/\\/evil.example",
        "\\evil.example", "\\\\evil.example", "/%5Cevil.example", "/%5cevil.example", "/%2F%2Fevil.example",
        "/%2f%2fevil.example", "%2F%2Fevil.example", "/\tevil.example", "/\t/evil.example", "/\n/evil.example",
        "/\r\n/evil.example", "/\u0000/evil.example", " //evil.example", "/ /evil.example",
        "https://evil.example", "HTTPS://evil.example", "http:evil.example", "https:/evil.example",
        "//evil.example/%2F..", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "/javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "/..//evil.example", "/../evil.example",
        "/./evil.example", "/.//evil.example", "/\u2215\u2215evil.example", "/\uFF0F\uFF0Fevil.example",
        "/\u2044evil.example", "/\u29F8evil.example", "/\u3002evil.example", "/@evil.example", "/evil.example@",
        "/jobs/1#//evil.example", "/jobs?x=1#frag", "/jobs?x=1&next=//evil.example", "/jobs\r\nLocation: //evil",
        "/jobs?x=<script>", "/" + "a".repeat(2001)};
    for (String bad : bypasses) {
      assertEquals("/", Http.localPath(bad, "/"), bad);
    }
  }

  @Test
  void keepsOurOwnPathsWithTheirQueries() {
    for (String ok : new String[] {"/", "/settings", "/jobs/12", "/runs/3/jobs", "/review?status=waiting",
        "/login?next=%2Fruns", "/runs?page=2&size=20"}) {
      assertEquals(ok, Http.localPath(ok, "/fallback"));
    }
  }
}
