package io.applyflow.account;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.ErrorPages;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Inputs;
import io.applyflow.platform.web.Views;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code POST /api/register}, {@code POST /api/login}, and the sign-up, log-in and log-out pages. Too many attempts
 * ({@link Throttle}) answer 429 with {@code Retry-After} and a message saying when to try again: JSON for the API, the
 * form with the message for a page (or the message in {@code #app-error} for htmx).
 */
public final class AccountRoutes {
  private final Accounts accounts;
  private final Views views;
  private final io.applyflow.platform.security.Tokens tokens;

  private AccountRoutes(Accounts accounts, io.applyflow.platform.security.Tokens tokens, Views views) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.views = views;
  }

  public static void mount(Router router, Accounts accounts, io.applyflow.platform.security.Tokens tokens, Views views) {
    AccountRoutes r = new AccountRoutes(accounts, tokens, views);
    router.post("/api/register").handler(r::apiRegister);
    router.post("/api/login").handler(r::apiLogin);
    router.get("/signup").handler(ctx -> r.form(ctx, "account/signup", null, Map.of()));
    router.post("/signup").handler(r::pageSignup);
    router.get("/login").handler(ctx -> r.form(ctx, "account/login", null, Map.of()));
    router.post("/login").handler(r::pageLogin);
    router.post("/logout").handler(r::logout);
  }

  private void apiRegister(RoutingContext ctx) {
    JsonObject body = Http.jsonBody(ctx);
    accounts.register(str(body, "email"), str(body, "password"), name(str(body, "name")), "api", Auth.clientAddress(ctx))
        .onSuccess(reg -> Http.json(ctx, 201, new JsonObject().put("token", reg.token()).put("user_id", reg.userId())))
        .onFailure(t -> apiFailed(ctx, t));
  }

  private void apiLogin(RoutingContext ctx) {
    JsonObject body = Http.jsonBody(ctx);
    accounts.login(loginEmail(str(body, "email")), str(body, "password"), "api", Auth.clientAddress(ctx))
        .onSuccess(reg -> Http.json(ctx, 200, new JsonObject().put("token", reg.token()).put("user_id", reg.userId())))
        .onFailure(t -> apiFailed(ctx, t));
  }

  private void pageSignup(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    io.vertx.core.Future<Accounts.Registered> registered;
    try {
      registered = accounts.register(f.get("email"), f.get("password"), name(f.get("name")), "web", Auth.clientAddress(ctx));
    } catch (Failure.Coded e) {
      registered = io.vertx.core.Future.failedFuture(e);
    }
    registered.compose(reg -> rotate(ctx).map(reg))
        .onSuccess(reg -> {
          Auth.startSession(ctx, reg.token());
          Http.redirect(ctx, "/profile?welcome=1");
        })
        .onFailure(t -> formFailed(ctx, "account/signup", t,
            Map.of("email", nz(f.get("email")), "name", nz(f.get("name")))));
  }

  private void pageLogin(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    io.vertx.core.Future<Accounts.Registered> loggedIn;
    try {
      loggedIn = accounts.login(loginEmail(f.get("email")), f.get("password"), "web", Auth.clientAddress(ctx));
    } catch (Failure.Coded e) {
      loggedIn = io.vertx.core.Future.failedFuture(e);
    }
    loggedIn.compose(reg -> rotate(ctx).map(reg))
        .onSuccess(reg -> {
          Auth.startSession(ctx, reg.token());
          Http.redirect(ctx, Http.localPath(f.get("next"), "/"));
        })
        .onFailure(t -> formFailed(ctx, "account/login", t,
            Map.of("email", nz(f.get("email")), "next", nz(Http.localPath(f.get("next"), null)))));
  }

  /** A new session never continues an old one: the session this browser held before (if any) is revoked. */
  private io.vertx.core.Future<Void> rotate(RoutingContext ctx) {
    Cookie old = ctx.request().getCookie(Auth.SESSION_COOKIE);
    return old == null || old.getValue().isEmpty() ? io.vertx.core.Future.succeededFuture() : tokens.revoke(old.getValue());
  }

  private void logout(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(Auth.SESSION_COOKIE);
    (c == null ? io.vertx.core.Future.<Void>succeededFuture() : tokens.revoke(c.getValue()))
        .onComplete(ar -> {
          Auth.endSession(ctx);
          Http.redirect(ctx, "/login");
        });
  }

  private void form(RoutingContext ctx, String page, String error, Map<String, String> values) {
    form(ctx, page, error == null ? 200 : 400, error, values);
  }

  private void form(RoutingContext ctx, String page, int status, String error, Map<String, String> values) {
    Map<String, Object> model = new HashMap<>(values);
    model.put("csrf", ctx.get(Auth.CSRF));
    model.put("error", error);
    // only a path of ours goes back into the form; anything else is dropped here, not just at the redirect
    model.putIfAbsent("next", nz(Http.localPath(ctx.request().getParam("next"), null)));
    String body = views.render(page, null, model);
    Views.html(ctx, status, body);
  }

  /** A page form that did not work: the form again with the message (htmx: the message in #app-error). */
  private void formFailed(RoutingContext ctx, String page, Throwable t, Map<String, String> values) {
    int status;
    if (t instanceof Throttle.Refused r) {
      ctx.response().putHeader("Retry-After", String.valueOf(r.retryAfterSeconds));
      status = 429;
    } else if (t instanceof Accounts.Unauthorized || Failure.of(t) != Failure.INTERNAL) {
      status = t instanceof Accounts.Unauthorized ? 400 : Failure.of(t).httpStatus;
    } else {
      Http.fail(ctx, t);
      return;
    }
    if (Http.isHtmx(ctx)) {
      ErrorPages.page(ctx, views, status, t.getMessage());
    } else {
      form(ctx, page, status, t.getMessage(), values);
    }
  }

  private static void apiFailed(RoutingContext ctx, Throwable t) {
    if (t instanceof Accounts.Unauthorized) {
      Http.error(ctx, 401, "unauthorized", t.getMessage());
    } else if (t instanceof Throttle.Refused r) {
      ctx.response().putHeader("Retry-After", String.valueOf(r.retryAfterSeconds));
      Http.error(ctx, 429, "too_many_requests", t.getMessage());
    } else {
      Http.fail(ctx, t);
    }
  }


  /** The account's name: at most {@link Inputs#NAME} characters on one line, stored in Unicode NFC. */
  private static String name(String raw) {
    String n = Inputs.line("name", raw, Inputs.NAME);
    return n == null ? null : Normalizer.normalize(n, Normalizer.Form.NFC);
  }

  /** An email to log in with: no longer than any address can be (the lookup is never made for a longer one). */
  private static String loginEmail(String raw) {
    return Inputs.line("email", raw, Inputs.EMAIL);
  }

  private static String str(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v != null && !(v instanceof String)) {
      throw Failure.BAD_INPUT.with(key + " must be a string");
    }
    return (String) v;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
