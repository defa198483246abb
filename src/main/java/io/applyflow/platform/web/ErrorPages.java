package io.applyflow.platform.web;

import io.applyflow.platform.bus.Failure;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors a person can see. A page request that fails gets an HTML page naming what went wrong and where to go
 * next; an htmx request gets only the message, retargeted ({@code HX-Retarget}) into the page's {@code #app-error}
 * region so it never replaces the form the person was using. API requests keep their JSON errors ({@link Http}).
 */
public final class ErrorPages {
  private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

  private ErrorPages() {
  }

  /** The failure handler for every route: JSON for the API, HTML for pages. */
  public static void handle(RoutingContext ctx, Views views, long bodyLimit) {
    int status;
    String detail;
    Throwable t = Inputs.explain(ctx.failure()); // the form decoder's refusals are bad input, not our failure
    if (!Http.isPage(ctx) && t != null) {
      Http.fail(ctx, t);
      return;
    }
    if (t != null) {
      Failure f = Failure.of(t);
      status = f.httpStatus;
      if (f == Failure.INTERNAL) {
        log.error("request {} {} failed", ctx.request().method(), ctx.request().path(), t);
        detail = "Something went wrong on our side and it has been logged. Your data was not changed by this request;"
            + " please try again.";
      } else if (f == Failure.BUSY) {
        Http.busy(ctx);
        detail = "The server is busy right now: too many requests are waiting for the database. Nothing was changed;"
            + " please try again in a moment.";
      } else {
        detail = t.getMessage();
      }
    } else {
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      detail = switch (status) {
        case 413 -> "What you sent is larger than " + bodyLimit / 1024 / 1024 + " MB, so it was not saved.";
        // a bare 403 comes only from the CSRF check of a page form (the security layer)
        case 403 -> "The form's CSRF token is missing or out of date, so nothing was saved. Reload the page and try again.";
        case 404 -> "There is no page at " + ctx.request().path() + ".";
        case 405 -> "This page cannot be used that way (" + ctx.request().method() + ").";
        default -> "The request could not be read (HTTP " + status + ").";
      };
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (!Http.isPage(ctx)) {
      Http.error(ctx, status, error(status), detail);
      return;
    }
    page(ctx, views, status, detail);
  }

  /** An HTML error: the message alone for htmx (shown in {@code #app-error}), a whole page otherwise. */
  public static void page(RoutingContext ctx, Views views, int status, String detail) {
    Map<String, Object> model = new HashMap<>();
    model.put("csrf", ctx.get(Http.CSRF));
    model.put("signedIn", ctx.get(Http.USER_ID) != null);
    model.put("status", status);
    model.put("detail", detail);
    model.put("title", title(status));
    if (Http.isHtmx(ctx)) {
      ctx.response().putHeader("HX-Retarget", "#app-error").putHeader("HX-Reswap", "innerHTML");
      Views.html(ctx, status, views.render("error", "app-error-message", model));
    } else {
      Views.html(ctx, status, views.render("error", null, model));
    }
  }

  private static String title(int status) {
    return switch (status) {
      case 400, 422 -> "That did not work";
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 409 -> "Already done";
      case 413 -> "Too large";
      case 502, 503 -> "A service did not answer";
      default -> status >= 500 ? "Something went wrong" : "That did not work";
    };
  }

  private static String error(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 413 -> "too_large";
      default -> status >= 500 ? "internal" : "bad_request";
    };
  }
}
