package io.applyflow.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
  private static MultiMap applied(String path, String contentType) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (contentType != null) {
      headers.set("content-type", contentType);
    }
    SecurityHeaders.apply(path, headers);
    return headers;
  }

  private static Map<String, String> directives(String policy) {
    return Arrays.stream(policy.split(";")).map(String::strip).collect(Collectors.toMap(
        d -> d.split(" ", 2)[0], d -> d.contains(" ") ? d.split(" ", 2)[1] : "", (a, b) -> a));
  }

  @Test
  void thePagePolicyAllowsOnlyTheAppsOwnScriptsAndStylesAndNoFraming() {
    Map<String, String> d = directives(SecurityHeaders.PAGE_POLICY);
    assertEquals("'self'", d.get("default-src"));
    assertEquals("'self'", d.get("script-src"), "no inline script, no eval, no other host");
    assertEquals("'self'", d.get("style-src"), "no inline style");
    assertEquals("'none'", d.get("object-src"));
    assertEquals("'none'", d.get("frame-ancestors"));
    assertEquals("'self'", d.get("base-uri"));
    assertEquals("'self'", d.get("form-action"));
    assertFalse(SecurityHeaders.PAGE_POLICY.contains("unsafe"), SecurityHeaders.PAGE_POLICY);
    assertFalse(SecurityHeaders.PAGE_POLICY.contains("*"), SecurityHeaders.PAGE_POLICY);
  }

  @Test
  void aPageIsNeitherCachedNorFramedNorSniffed() {
    MultiMap h = applied("/profile", "text/html; charset=utf-8");
    assertEquals(SecurityHeaders.PAGE_POLICY, h.get("Content-Security-Policy"));
    assertEquals("DENY", h.get("X-Frame-Options"));
    assertEquals("nosniff", h.get("X-Content-Type-Options"));
    assertEquals("same-origin", h.get("Referrer-Policy"));
    assertEquals("same-origin", h.get("Cross-Origin-Opener-Policy"));
    assertEquals("same-origin", h.get("Cross-Origin-Resource-Policy"));
    assertTrue(h.get("Permissions-Policy").contains("camera=()"), h.get("Permissions-Policy"));
    assertEquals("no-store", h.get("Cache-Control"));
  }

  @Test
  void aRoutesOwnCachingOfPersonalDataIsReplacedByNoStore() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("content-type", "image/png")
        .set("cache-control", "private, max-age=60");
    SecurityHeaders.apply("/jobs/3/documents/7", headers);
    assertEquals("no-store", headers.get("Cache-Control"));
    assertEquals(1, headers.getAll("Cache-Control").size());
  }

  @Test
  void staticFilesKeepTheirCachingAndStillGetNosniff() {
    for (String path : new String[] {"/static/css/app.css", "/webjars/htmx.org/2.0.10/dist/htmx.min.js"}) {
      MultiMap h = applied(path, "text/css");
      assertNull(h.get("Cache-Control"), path);
      assertEquals("nosniff", h.get("X-Content-Type-Options"), path);
      assertEquals(SecurityHeaders.PAGE_POLICY, h.get("Content-Security-Policy"), path);
    }
    assertEquals("no-store", applied("/staticx", "text/html").get("Cache-Control"), "only the static folders");
  }

  @Test
  void aPdfIsNotFramedButChromesViewerMayShowIt() {
    MultiMap h = applied("/jobs/3/resume.pdf", "application/pdf");
    assertEquals(SecurityHeaders.PDF_POLICY, h.get("Content-Security-Policy"));
    assertEquals("frame-ancestors 'none'", h.get("Content-Security-Policy"));
    assertEquals("no-store", h.get("Cache-Control"));
    assertEquals("nosniff", h.get("X-Content-Type-Options"));
  }

  @Test
  void aResponseWithoutAContentTypeGetsThePagePolicy() {
    assertEquals(SecurityHeaders.PAGE_POLICY, applied("/", null).get("Content-Security-Policy"));
  }

  @Test
  void aRoutesOwnStricterPolicyIsKept() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("content-type", "application/pdf");
    headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
    SecurityHeaders.apply("/api/sandbox/submissions/3/files/resume", headers);
    assertEquals("sandbox; default-src 'none'", headers.get("Content-Security-Policy"));
    assertEquals("no-store", headers.get("Cache-Control"));
  }
}
