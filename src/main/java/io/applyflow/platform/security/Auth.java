package io.applyflow.platform.security;

import io.applyflow.platform.web.Http;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who is calling. API clients send {@code Authorization: Bearer <token>}; browsers carry a session cookie.
 *
 * <p>Every form post from a browser must echo the page's CSRF token as {@code _csrf} or the {@code X-CSRF-Token}
 * header (htmx sends the page's {@code <meta name="csrf-token">}); bearer calls carry no ambient credentials and need
 * none. The token is bound to what the browser holds, under the installation's secret ({@link ServerSecret}), so a
 * token an attacker chose (a planted cookie plus the same value in the field) is refused:
 * <ul>
 *   <li>with a session cookie: {@code HMAC-SHA-256(secret, "session\n" + session token)}, base64url; no cookie of its
 *   own, and unknowable without both the secret and the (HttpOnly) session token;</li>
 *   <li>without one (log-in, sign-up): a double-submit cookie {@code af_csrf = nonce.HMAC(secret, "anon\n" + nonce)}
 *   whose signature is checked; a cookie without the server's signature is replaced, never trusted.</li>
 * </ul>
 *
 * <p>Cookies are {@code HttpOnly}, {@code SameSite} (Lax for the session, Strict for the CSRF cookie) and
 * {@code Secure} when PUBLIC_URL is https, the request came over TLS, or a trusted proxy says it did
 * ({@code X-Forwarded-Proto: https} with TRUSTED_PROXY_HOPS set).
 */
public final class Auth {
  public static final String SESSION_COOKIE = "af_session";
  public static final String CSRF_COOKIE = "af_csrf";
  public static final String USER_ID = Http.USER_ID;
  public static final String TOKEN_ID = "tokenId";
  public static final String CSRF = Http.CSRF;
  public static final String CLIENT_ADDRESS = "clientAddress";
  private static final String SECURE = "secureCookies";

  private final Tokens tokens;
  private final byte[] secret;
  private final boolean publicHttps;
  private final int trustedProxyHops;

  /**
   * @param secret           the installation's CSRF secret ({@link ServerSecret})
   * @param publicHttps      PUBLIC_URL is https: cookies are always {@code Secure}
   * @param trustedProxyHops TRUSTED_PROXY_HOPS: reverse proxies whose {@code X-Forwarded-*} headers are believed
   */
  public Auth(Tokens tokens, byte[] secret, boolean publicHttps, int trustedProxyHops) {
    this.tokens = tokens;
    this.secret = secret.clone();
    this.publicHttps = publicHttps;
    this.trustedProxyHops = trustedProxyHops;
  }

  /** Resolves the caller (if any) and checks CSRF on browser writes; never rejects a missing login by itself. */
  public Handler<RoutingContext> identify() {
    return ctx -> {
      HttpServerRequest req = ctx.request();
      ctx.put(CLIENT_ADDRESS, ClientAddress.of(req.remoteAddress() == null ? null : req.remoteAddress().hostAddress(),
          req.headers().getAll("X-Forwarded-For"), trustedProxyHops));
      ctx.put(SECURE, publicHttps || req.isSSL() || trustedProxyHops > 0
          && "https".equalsIgnoreCase(firstValue(req.getHeader("X-Forwarded-Proto"))));
      String header = req.getHeader("Authorization");
      if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        tokens.callerOf(header.substring(7).trim(), "api").onComplete(ar -> {
          if (ar.succeeded() && ar.result() != null) {
            ctx.put(USER_ID, ar.result().userId());
            ctx.put(TOKEN_ID, ar.result().tokenId());
            ctx.next();
          } else if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            Http.error(ctx, 401, "unauthorized", "the bearer token is unknown or expired (or was revoked); log in again");
          }
        });
        return;
      }
      Cookie session = req.getCookie(SESSION_COOKIE);
      String csrf = session != null ? hmac("session\n" + session.getValue()) : anonymousCsrf(ctx);
      ctx.put(CSRF, csrf);
      // page forms always; API writes only when a session cookie (an ambient credential) comes along
      boolean needsCsrf = isWrite(req.method()) && (!req.path().startsWith("/api/") || session != null);
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
      tokens.callerOf(session.getValue(), "web").onComplete(ar -> {
        if (ar.failed()) {
          ctx.fail(ar.cause());
          return;
        }
        if (ar.result() != null) {
          ctx.put(USER_ID, ar.result().userId());
          ctx.put(TOKEN_ID, ar.result().tokenId());
        }
        ctx.next();
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

  /** For pages: redirect to the login page without a user (back here afterwards, when "here" is one of our paths). */
  public static Handler<RoutingContext> requirePageUser() {
    return ctx -> {
      if (ctx.get(USER_ID) == null) {
        String back = Http.localPath(ctx.request().uri(), null);
        Http.redirect(ctx, back == null || "/".equals(back) ? "/login"
            : "/login?next=" + java.net.URLEncoder.encode(back, StandardCharsets.UTF_8));
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

  /** The id of the token (session or bearer) this request came with, or null. */
  public static Long tokenId(RoutingContext ctx) {
    return ctx.get(TOKEN_ID);
  }

  /** The client's address as rate limits count it ({@link ClientAddress}). */
  public static String clientAddress(RoutingContext ctx) {
    String a = ctx.get(CLIENT_ADDRESS);
    return a == null ? "unknown" : a;
  }

  public static void startSession(RoutingContext ctx, String token) {
    ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, token).setPath("/").setHttpOnly(true)
        .setSecure(secure(ctx)).setSameSite(CookieSameSite.LAX).setMaxAge(Tokens.WEB_TTL.toSeconds()));
  }

  public static void endSession(RoutingContext ctx) {
    ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, "").setPath("/").setHttpOnly(true)
        .setSecure(secure(ctx)).setSameSite(CookieSameSite.LAX).setMaxAge(0));
  }

  private static boolean secure(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(SECURE));
  }

  private static boolean isWrite(HttpMethod m) {
    return m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.DELETE || m == HttpMethod.PATCH;
  }

  /** The anonymous browser's token: its signed cookie, or a fresh one (set on the response) when it has none. */
  private String anonymousCsrf(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(CSRF_COOKIE);
    if (c != null && signedByUs(c.getValue())) {
      return c.getValue();
    }
    String nonce = Tokens.random();
    String value = nonce + "." + hmac("anon\n" + nonce);
    ctx.response().addCookie(Cookie.cookie(CSRF_COOKIE, value).setPath("/").setHttpOnly(true)
        .setSecure(secure(ctx)).setSameSite(CookieSameSite.STRICT));
    return value;
  }

  private boolean signedByUs(String value) {
    int dot = value.indexOf('.');
    if (dot < 20 || value.length() > 200) {
      return false;
    }
    return equal(value.substring(dot + 1), hmac("anon\n" + value.substring(0, dot)));
  }

  private String hmac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean csrfMatches(RoutingContext ctx, String expected) {
    String sent = ctx.request().getHeader("X-CSRF-Token");
    if (sent == null) {
      sent = ctx.request().getFormAttribute("_csrf");
    }
    return sent != null && equal(sent, expected);
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String firstValue(String header) {
    if (header == null) {
      return null;
    }
    int comma = header.indexOf(',');
    return (comma < 0 ? header : header.substring(0, comma)).trim();
  }
}
