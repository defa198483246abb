package io.applyflow.platform.security;

import io.applyflow.platform.web.Http;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * Who is calling. API clients send {@code Authorization: Bearer <token>}; browsers carry a session cookie.
 * Every form post from a browser must echo the CSRF token (double-submit cookie) as {@code _csrf} or the
 * {@code X-CSRF-Token} header; bearer calls carry no ambient credentials and need none.
 */
public final class Auth {
  public static final String SESSION_COOKIE = "af_session";
  public static final String CSRF_COOKIE = "af_csrf";
  public static final String USER_ID = "userId";
  public static final String CSRF = "csrf";

  private final Tokens tokens;

  public Auth(Tokens tokens) {
    this.tokens = tokens;
  }

  /** Resolves the caller (if any) and checks CSRF on browser writes; never rejects a missing login by itself. */
  public Handler<RoutingContext> identify() {
    return ctx -> {
      String csrf = ensureCsrfCookie(ctx);
      ctx.put(CSRF, csrf);
      String header = ctx.request().getHeader("Authorization");
      if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        tokens.userOf(header.substring(7).trim(), "api").onComplete(ar -> {
          if (ar.succeeded() && ar.result() != null) {
            ctx.put(USER_ID, ar.result());
            ctx.next();
          } else if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            Http.error(ctx, 401, "unauthorized", "the bearer token is unknown or expired; log in again");
          }
        });
        return;
      }
      Cookie session = ctx.request().getCookie(SESSION_COOKIE);
      // page forms always; API writes only when a session cookie (an ambient credential) comes along
      boolean needsCsrf = isWrite(ctx.request().method())
          && (!ctx.request().path().startsWith("/api/") || session != null);
      if (needsCsrf && !csrfMatches(ctx, csrf)) {
        if (Http.isPage(ctx)) {
          ctx.fail(403); // the failure handler answers with a page (or a message for htmx) a person can read
        } else {
          Http.error(ctx, 403, "csrf", "the form's CSRF token is missing or does not match; reload the page and try again");
        }
        return;
      }
      if (session == null) {
        ctx.next();
        return;
      }
      tokens.userOf(session.getValue(), "web").onComplete(ar -> {
        if (ar.succeeded() && ar.result() != null) {
          ctx.put(USER_ID, ar.result());
        }
        if (ar.failed()) {
          ctx.fail(ar.cause());
        } else {
          ctx.next();
        }
      });
    };
  }

  /** For /api routes: 401 JSON without a user. */
  public static Handler<RoutingContext> requireApiUser() {
    return ctx -> {
      if (ctx.get(USER_ID) == null) {
        Http.error(ctx, 401, "unauthorized", "send Authorization: Bearer <token> (from POST /api/register or /api/login)");
      } else {
        ctx.next();
      }
    };
  }

  /** For pages: redirect to the login page without a user. */
  public static Handler<RoutingContext> requirePageUser() {
    return ctx -> {
      if (ctx.get(USER_ID) == null) {
        String to = "/login?next=" + java.net.URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8);
        Http.redirect(ctx, to);
      } else {
        ctx.next();
      }
    };
  }

  public static long userId(RoutingContext ctx) {
    Long id = ctx.get(USER_ID);
    if (id == null) {
      throw new IllegalStateException("route is missing an auth guard");
    }
    return id;
  }

  public static void startSession(RoutingContext ctx, String token) {
    ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, token).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX).setMaxAge(Tokens.WEB_TTL.toSeconds()));
  }

  public static void endSession(RoutingContext ctx) {
    ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, "").setPath("/").setMaxAge(0));
  }

  private static boolean isWrite(HttpMethod m) {
    return m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.DELETE || m == HttpMethod.PATCH;
  }

  private static String ensureCsrfCookie(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(CSRF_COOKIE);
    if (c != null && c.getValue().length() >= 20) {
      return c.getValue();
    }
    String value = Tokens.random();
    ctx.response().addCookie(Cookie.cookie(CSRF_COOKIE, value).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT));
    return value;
  }

  private static boolean csrfMatches(RoutingContext ctx, String expected) {
    String sent = ctx.request().getHeader("X-CSRF-Token");
    if (sent == null) {
      sent = ctx.request().getFormAttribute("_csrf");
    }
    return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }
}
