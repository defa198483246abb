package io.applyflow.platform.web;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSON responses and the one place where failures become HTTP statuses. */
public final class Http {
  /** The routing-context key of the signed-in user's id (set by the security layer). */
  public static final String USER_ID = "userId";
  /** The routing-context key of the request's CSRF token (set by the security layer). */
  public static final String CSRF = "csrf";
  private static final Logger log = LoggerFactory.getLogger(Http.class);

  private Http() {
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    String text = body instanceof JsonObject jo ? jo.encode() : io.vertx.core.json.Json.encode(body);
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(text);
  }

  public static void error(RoutingContext ctx, int status, String error, String detail) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    json(ctx, status, new JsonObject().put("error", error).put("detail", detail));
  }

  /**
   * Maps any failure to {@code {error, detail}}: coded failures keep their status, the rest are 500 and logged.
   * A page request (any path outside {@code /api/}) is handed to the router's failure handler instead, which
   * answers with an HTML error the person can read (see {@link ErrorPages}).
   */
  public static void fail(RoutingContext ctx, Throwable t) {
    if (isPage(ctx) && !ctx.failed()) {
      ctx.fail(t);
      return;
    }
    Failure f = Failure.of(t);
    if (f == Failure.INTERNAL) {
      log.error("request {} {} failed", ctx.request().method(), ctx.request().path(), t);
      error(ctx, 500, "internal", "something went wrong on our side; it has been logged");
    } else if (f == Failure.BUSY) {
      busy(ctx);
      error(ctx, 503, "busy", BUSY_DETAIL);
    } else {
      error(ctx, f.httpStatus, f.name().toLowerCase(), t.getMessage());
    }
  }

  /** Seconds a client is asked to wait after a 503 for a full database queue. */
  public static final int RETRY_AFTER_SECONDS = 1;
  /** What a client is told when the database's wait queue is full. */
  public static final String BUSY_DETAIL = "the server is busy: too many requests are waiting for the database;"
      + " nothing was changed, retry in " + RETRY_AFTER_SECONDS + " s";

  private static final java.util.concurrent.atomic.AtomicLong lastBusyLog =
      new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 20_000_000_000L);

  /** Marks the response as a refusal for load: {@code Retry-After}, and a warning once per refusal in the log. */
  public static void busy(RoutingContext ctx) {
    io.applyflow.platform.metrics.Metrics.refused("database_busy");
    long now = System.nanoTime();
    long last = lastBusyLog.get();
    if (now - last > 10_000_000_000L && lastBusyLog.compareAndSet(last, now)) { // a flood of refusals: one line per 10 s
      log.warn("request {} {} refused: the database pool's wait queue is full", ctx.request().method(),
          ctx.request().path());
    }
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    }
  }

  /**
   * The request body as a JSON object, or a BAD_INPUT failure that says what is wrong with it: not JSON, not an
   * object, nested too deeply, or holding U+0000 or an over-long key anywhere ({@link Inputs}).
   */
  public static JsonObject jsonBody(RoutingContext ctx) {
    String raw = ctx.body() == null ? null : ctx.body().asString();
    if (raw == null || raw.isBlank()) {
      throw Failure.BAD_INPUT.with("the request body is empty; send a JSON object");
    }
    Inputs.jsonDepth("the request body", raw);
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(raw);
      if (parsed instanceof JsonObject jo) {
        Inputs.jsonTree("", jo);
        return jo;
      }
      throw Failure.BAD_INPUT.with("the request body must be a JSON object");
    } catch (DecodeException e) {
      throw Failure.BAD_INPUT.with("the request body is not valid JSON: " + firstLine(e.getMessage()));
    }
  }

  /** Whether the request is for a page (HTML) rather than the JSON API. */
  public static boolean isPage(RoutingContext ctx) {
    return !ctx.request().path().startsWith("/api/");
  }

  /** Whether the request comes from htmx (it wants a fragment, not a whole page). */
  public static boolean isHtmx(RoutingContext ctx) {
    return ctx.request().getHeader("HX-Request") != null;
  }

  /**
   * A path on this site to go back to after a form post, or {@code fallback}: only absolute paths of our own pages
   * ({@code /review}, {@code /jobs/12}, {@code /runs?x=1}), made of ASCII letters, digits, {@code / _ -} and a plain
   * query. So never another origin: no scheme ({@code https:}, {@code javascript:}), no scheme-relative
   * {@code //host}, no backslash (browsers read {@code /\host} as {@code //host}), no percent-escapes in the path
   * ({@code /%2F%2Fhost}, {@code /%5Chost}), no dot segments, no control or Unicode characters (tab, CR/LF, the
   * look-alike slashes), no fragment, and nothing longer than 2,000 characters.
   */
  public static String localPath(String candidate, String fallback) {
    if (candidate == null || candidate.length() > 2000 || candidate.startsWith("//")
        || !LOCAL_PATH.matcher(candidate).matches()) {
      return fallback;
    }
    return candidate;
  }

  private static final java.util.regex.Pattern LOCAL_PATH =
      java.util.regex.Pattern.compile("/[A-Za-z0-9/_\\-]*(\\?[A-Za-z0-9=&_%.\\-]*)?");

  /** A redirect after a form post: {@code HX-Redirect} for htmx, 303 See Other for a plain browser. */
  public static void redirect(RoutingContext ctx, String to) {
    if (isHtmx(ctx)) {
      ctx.response().putHeader("HX-Redirect", to).setStatusCode(204).end();
    } else {
      ctx.response().putHeader("Location", to).setStatusCode(303).end();
    }
  }

  /** A positive numeric path parameter, or BAD_INPUT naming it. */
  public static long idParam(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      long v = Long.parseLong(raw);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Failure.BAD_INPUT.with(name + " must be a positive number, got '" + raw + "'");
  }

  /**
   * Every route of {@code router} as {@code "METHOD /path"} ({@code "ANY /path"} for a route of every method), in
   * mounting order; routes without a path (body handlers, guards) are left out. For tests that must cover them all.
   */
  public static java.util.List<String> routes(io.vertx.ext.web.Router router) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (io.vertx.ext.web.Route r : router.getRoutes()) {
      String path = r.getPath();
      if (path == null) {
        continue;
      }
      if (r.methods() == null || r.methods().isEmpty()) {
        out.add("ANY " + path);
      } else {
        r.methods().stream().map(io.vertx.core.http.HttpMethod::name).sorted().forEach(m -> out.add(m + " " + path));
      }
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
