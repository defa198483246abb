package io.applyflow.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of response of the running app, over real HTTP, carries the security headers: pages, htmx fragments,
 * redirects, JSON, JSON errors (from a route and from the failure handler), the error pages, an SSE stream; static
 * files carry them too but stay cacheable.
 */
class SecurityHeadersIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static String base;
  private static String token;

  @BeforeAll
  static void user() {
    Api api = TestApp.api();
    base = api.base;
    token = api.newUserWithProfile(Api.uniqueEmail("headers"));
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> get(String path, boolean signedIn) {
    HttpRequest.Builder b = request(path);
    if (signedIn) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  /** The headers every response has; {@code what} names the response in the message. */
  private static void assertProtected(String what, HttpHeaders h) {
    assertEquals(SecurityHeaders.PAGE_POLICY, h.firstValue("content-security-policy").orElse(null), what);
    assertEquals("DENY", h.firstValue("x-frame-options").orElse(null), what);
    assertEquals("nosniff", h.firstValue("x-content-type-options").orElse(null), what);
    assertEquals("same-origin", h.firstValue("referrer-policy").orElse(null), what);
    assertEquals("same-origin", h.firstValue("cross-origin-opener-policy").orElse(null), what);
    assertEquals(SecurityHeaders.PERMISSIONS_POLICY, h.firstValue("permissions-policy").orElse(null), what);
  }

  /** The headers of a response that holds (or may hold) someone's data. */
  private static void assertPersonal(String what, HttpResponse<?> r) {
    assertProtected(what, r.headers());
    assertEquals(java.util.List.of("no-store"), r.headers().allValues("cache-control"), what);
    assertEquals("same-origin", r.headers().firstValue("cross-origin-resource-policy").orElse(null), what);
  }

  private static String type(HttpResponse<?> r) {
    return r.headers().firstValue("content-type").orElse("");
  }

  @Test
  void pagesAndFragmentsAreNotStoredAndCarryTheCsp() {
    HttpResponse<String> welcome = get("/", false);
    assertEquals(200, welcome.statusCode());
    assertTrue(type(welcome).startsWith("text/html"), type(welcome));
    assertPersonal("the welcome page", welcome);

    HttpResponse<String> profile = get("/profile", true);
    assertEquals(200, profile.statusCode(), profile.body());
    assertTrue(profile.body().contains("id=\"profile-form\""), "the profile page itself");
    assertPersonal("the profile page", profile);

    HttpResponse<String> fragment = send(request("/runs").header("Authorization", "Bearer " + token)
        .header("HX-Request", "true"));
    assertEquals(200, fragment.statusCode());
    assertTrue(fragment.body().contains("id=\"run-list\""), fragment.body());
    assertFalse(fragment.body().contains("<html"), "a fragment, not a page");
    assertPersonal("an htmx fragment", fragment);

    HttpResponse<String> redirect = get("/settings", false);
    assertEquals(303, redirect.statusCode());
    assertPersonal("the redirect to the login page", redirect);
  }

  @Test
  void jsonAndJsonErrorsAreNotStoredAndCarryTheCsp() {
    HttpResponse<String> profile = get("/api/profile", true);
    assertEquals(200, profile.statusCode(), profile.body());
    assertTrue(type(profile).startsWith("application/json"), type(profile));
    assertPersonal("GET /api/profile", profile);

    HttpResponse<String> unknown = get("/api/no-such-endpoint", true);
    assertEquals(404, unknown.statusCode());
    assertTrue(type(unknown).startsWith("application/json"), type(unknown));
    assertPersonal("an API 404", unknown);

    HttpResponse<String> anonymous = get("/api/profile", false);
    assertEquals(401, anonymous.statusCode());
    assertPersonal("an API 401", anonymous);

    // over the 2 MB body limit: answered by the failure handler, after the route never ran
    HttpResponse<String> tooLarge = send(request("/api/register").header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}")));
    assertEquals(413, tooLarge.statusCode(), tooLarge.body());
    assertTrue(type(tooLarge).startsWith("application/json"), type(tooLarge));
    assertPersonal("a 413 from the failure handler", tooLarge);
  }

  @Test
  void errorPagesCarryTheHeadersToo() {
    HttpResponse<String> missing = get("/no/such/page", false);
    assertEquals(404, missing.statusCode());
    assertTrue(type(missing).startsWith("text/html"), type(missing));
    assertTrue(missing.body().contains("There is no page at /no/such/page"), missing.body());
    assertPersonal("the 404 page", missing);

    // a page form without its CSRF token: the failure handler's 403 page
    HttpResponse<String> forbidden = send(request("/login").header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("email=a%40example.com&password=x")));
    assertEquals(403, forbidden.statusCode(), forbidden.body());
    assertTrue(type(forbidden).startsWith("text/html"), type(forbidden));
    assertPersonal("the CSRF 403 page", forbidden);

    HttpResponse<String> htmxError = send(request("/no/such/page").header("HX-Request", "true"));
    assertEquals(404, htmxError.statusCode());
    assertEquals("#app-error", htmxError.headers().firstValue("hx-retarget").orElse(null));
    assertPersonal("an htmx error message", htmxError);
  }

  @Test
  void anSseStreamIsNotStored() throws Exception {
    HttpResponse<InputStream> stream = HTTP.send(request("/review/events").header("Authorization", "Bearer " + token)
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = stream.body()) {
      assertEquals(200, stream.statusCode());
      assertTrue(type(stream).startsWith("text/event-stream"), type(stream));
      assertPersonal("the review queue's event stream", stream);
    }
  }

  @Test
  void staticFilesCarryTheHeadersButStayCacheable() {
    for (String path : new String[] {"/static/css/app.css", "/static/js/app.js",
        "/webjars/htmx.org/2.0.10/dist/htmx.min.js", "/static/vendor/htmx-ext-sse-2.2.4.min.js"}) {
      HttpResponse<String> r = get(path, false);
      assertEquals(200, r.statusCode(), path);
      assertProtected(path, r.headers());
      String cache = r.headers().firstValue("cache-control").orElse("");
      assertFalse(cache.contains("no-store"), path + " is cacheable: " + cache);
      assertTrue(cache.contains("max-age"), path + " is cached by the static handler: " + cache);
    }
    // the router matches the normalized path: a path that only starts with /static/ is not a static file
    HttpResponse<String> traversal = get("/static/../api/profile", true);
    assertEquals(200, traversal.statusCode(), traversal.body().replaceAll("(?s).*<main", ""));
    assertTrue(type(traversal).startsWith("application/json"), type(traversal));
    assertPersonal("/static/../api/profile", traversal);
  }
}
