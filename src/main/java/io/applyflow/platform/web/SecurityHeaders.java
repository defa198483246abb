package io.applyflow.platform.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The security headers of every app response, installed first on the app's router. They are added when the
 * response's headers are written ({@link RoutingContext#addHeadersEndHandler}), so error pages, JSON errors and
 * the 404 page get them as well as the routes that answered normally.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles, images, fonts and connections (SSE, htmx) from the app's
 *       own origin only, no inline script or style, no plugins, forms post only to the app, no framing
 *       ({@link #PAGE_POLICY}). A PDF gets only {@code frame-ancestors 'none'}: Chrome shows a PDF through an
 *       internal {@code <embed>} with inline styles, which the page policy would block (crbug.com/271452), and
 *       a PDF runs no script in the app's origin.</li>
 *   <li>{@code X-Frame-Options: DENY} for browsers without {@code frame-ancestors}; {@code X-Content-Type-Options:
 *       nosniff}; {@code Referrer-Policy: same-origin} (an employer's site never learns the app's URLs);
 *       {@code Cross-Origin-Opener-Policy: same-origin}; {@code Permissions-Policy} denying the device features the
 *       app never uses.</li>
 *   <li>{@code Cache-Control: no-store} and {@code Cross-Origin-Resource-Policy: same-origin} on everything but
 *       {@code /static/*} and {@code /webjars/*}: pages, fragments, JSON, SSE and documents hold a person's data, so
 *       no cache keeps them and no other origin (the sandbox's port included) may embed them. Static files hold
 *       none and keep the static handler's caching.</li>
 * </ul>
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  /** The policy of every page and of every other response that is not a PDF. */
  public static final String PAGE_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "connect-src 'self'",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'");
  /** A PDF's policy: not framed by anyone; Chrome's viewer needs the rest (see the class comment). */
  public static final String PDF_POLICY = "frame-ancestors 'none'";
  public static final String PERMISSIONS_POLICY = String.join(", ",
      "accelerometer=()", "camera=()", "display-capture=()", "geolocation=()", "gyroscope=()", "magnetometer=()",
      "microphone=()", "midi=()", "payment=()", "usb=()");

  private SecurityHeaders() {
  }

  public static SecurityHeaders create() {
    return new SecurityHeaders();
  }

  @Override
  public void handle(RoutingContext ctx) {
    // the normalized path is the one the router matched: "/static/../api/x" is served by the API, not as a file
    ctx.addHeadersEndHandler(v -> apply(matchedPath(ctx), ctx.response().headers()));
    ctx.next();
  }

  /**
   * The path the router matched, or null (no-store, the page policy) when the path cannot be normalised: a malformed
   * percent escape makes {@code normalizedPath()} throw, and a throwing headers-end handler would leave the
   * response hanging.
   */
  private static String matchedPath(RoutingContext ctx) {
    try {
      return ctx.normalizedPath();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Sets the headers on a response to {@code path}, whose own headers (the content type) are already set. */
  static void apply(String path, MultiMap headers) {
    String type = headers.get("content-type");
    boolean pdf = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/pdf");
    if (!headers.contains("Content-Security-Policy")) {
      // a route that set its own policy set a stricter one (a received upload: "sandbox; default-src 'none'")
      headers.set("Content-Security-Policy", pdf ? PDF_POLICY : PAGE_POLICY);
    }
    headers.set("X-Frame-Options", "DENY");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "same-origin");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Permissions-Policy", PERMISSIONS_POLICY);
    if (!isStatic(path)) {
      headers.set("Cache-Control", "no-store");
      headers.set("Cross-Origin-Resource-Policy", "same-origin");
    }
  }

  /** The app's own files (CSS, scripts, icons), which carry no one's data and may be cached. */
  static boolean isStatic(String path) {
    return path != null && (path.startsWith("/static/") || path.startsWith("/webjars/"));
  }
}
