package io.applyflow.run;

import io.applyflow.job.JobStatus;
import io.applyflow.job.Jobs;
import io.applyflow.job.JobBus;

import io.applyflow.apply.ApplyBus;
import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Inputs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The email security code a board asked for after the submit click (the job waits in needs_input with
 * {@code kind: security_code}): {@code POST /api/job/{id}/security-code {"code": "…"}} (token, or session and CSRF)
 * and the job page's form ({@code POST /jobs/{id}/security-code}). The code goes over the event bus to the apply
 * instance that holds the job's form open ({@link ApplyBus#enterCode}), which types it and submits.
 *
 * <p>Answers: 200 {@code {job_id, status, accepted, message}} once the form was submitted with it (status
 * {@code submitted}, or {@code needs_attention} when the outcome is unknown); 422 when the board refused the code
 * (the job still waits, the page shows the board's words); 400 for a code that is not 6–12 letters and digits;
 * 404 for someone else's job; 409 when the job does not wait for a code, or when the form that waited is gone (a
 * restart): the job then needs attention, "submit outcome unknown".
 */
public final class SecurityCodeRoutes {
  private static final Logger log = LoggerFactory.getLogger(SecurityCodeRoutes.class);
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{6,12}");

  private final Vertx vertx;
  private final Jobs jobs;
  private final JobPage pages;

  private SecurityCodeRoutes(Vertx vertx, Jobs jobs, JobPage pages) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.pages = pages;
  }

  static void mount(Router router, Vertx vertx, Jobs jobs, JobPage pages) {
    SecurityCodeRoutes r = new SecurityCodeRoutes(vertx, jobs, pages);
    router.post("/api/job/:job_id/security-code").handler(Auth.requireApiUser()).handler(r::api);
    router.post("/jobs/:job_id/security-code").handler(Auth.requirePageUser()).handler(r::page);
  }

  /** The code as sent, trimmed, or BAD_INPUT naming what is wrong with it. */
  static String validCode(Object raw) {
    if (raw == null) {
      throw Failure.BAD_INPUT.with("code is missing: send {\"code\": \"…\"} with the security code from the email");
    }
    if (!(raw instanceof String s)) {
      throw Failure.BAD_INPUT.with("code must be a string of letters and digits");
    }
    String code = s.strip();
    if (code.isEmpty()) {
      throw Failure.BAD_INPUT.with("code is empty: enter the security code from the email");
    }
    if (code.length() < 6 || code.length() > 12) {
      throw Failure.BAD_INPUT.with("a security code has 6 to 12 characters (Greenhouse's have 8); this one has "
          + code.length());
    }
    if (!CODE.matcher(code).matches()) {
      throw Failure.BAD_INPUT.with("a security code has only letters A-Z and digits; '" + Inputs.shown(code)
          + "' has other characters");
    }
    return code;
  }

  /** Hands the code to the form that waits for it; completes with the worker's answer. */
  Future<JsonObject> enter(long jobId, long userId, String code) {
    JobBus.JobCommand cmd = new JobBus.JobCommand(jobId, userId);
    return jobs.get(jobId, userId).compose(job -> jobs.codeWaits(userId, jobId).compose(waits -> {
      if (job.status() != JobStatus.NEEDS_INPUT || !waits.containsKey(jobId)) {
        return Future.failedFuture(Failure.CONFLICT.with("job " + jobId + " is not waiting for a security code; it is "
            + job.status().label.toLowerCase(java.util.Locale.ROOT) + " (" + job.status().db() + ")"));
      }
      return ApplyBus.enterCode(vertx.eventBus(), jobId, userId, code).recover(t -> {
        if (t instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
          return lost(cmd);
        }
        return Future.failedFuture(t);
      });
    }));
  }

  /** No apply instance holds the job's form any more (a restart): the job needs a look. */
  private Future<JsonObject> lost(JobBus.JobCommand cmd) {
    log.warn("job {}: a security code came but no apply instance holds its form any more", cmd.jobId());
    return jobs.moveIfIn(cmd, EnumSet.of(JobStatus.NEEDS_INPUT), JobStatus.NEEDS_ATTENTION, "apply",
            "submit outcome unknown: the form that waited for the security code was lost (Applyflow or its apply "
                + "worker restarted), so the code was not entered; the submit was attempted, so Applyflow will not "
                + "send this application again on its own; check the employer's site before doing anything")
        .compose(moved -> Future.failedFuture(Failure.CONFLICT.with("the form that waited for job " + cmd.jobId()
            + "'s security code was lost (Applyflow restarted), so the code was not entered; the job needs a look "
            + "now (submit outcome unknown)")));
  }

  /** The HTTP status for the worker's answer: 422 when the board refused the code, else 200. */
  static int status(JsonObject answer) {
    return !answer.getBoolean("accepted", false) && JobStatus.NEEDS_INPUT.db().equals(answer.getString("status"))
        ? 422 : 200;
  }

  private void api(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    String code = validCode(Http.jsonBody(ctx).getValue("code"));
    enter(jobId, Auth.userId(ctx), code)
        .onSuccess(answer -> {
          int status = status(answer);
          if (status == 422) {
            Http.json(ctx, 422, answer.copy().put("error", "code_refused").put("detail",
                "the employer's form did not take the code: '" + answer.getString("message")
                    + "'; the job still waits for the security code"));
          } else {
            Http.json(ctx, status, answer);
          }
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  /** The job page's form: htmx gets the code panel again with the outcome in the page's flash. */
  private void page(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    long userId = Auth.userId(ctx);
    Future<JsonObject> entered;
    try {
      entered = enter(jobId, userId, validCode(ctx.request().getFormAttribute("code")));
    } catch (Failure.Coded e) {
      entered = Future.failedFuture(e);
    }
    entered.onComplete(ar -> {
      if (ar.failed() && (Failure.of(ar.cause()) == Failure.INTERNAL || Failure.of(ar.cause()) == Failure.NOT_FOUND)) {
        Http.fail(ctx, ar.cause());
        return;
      }
      if (ar.succeeded() && status(ar.result()) == 200 && !Http.isHtmx(ctx)) {
        Http.redirect(ctx, "/jobs/" + jobId);
        return;
      }
      int status = ar.succeeded() ? status(ar.result()) : Failure.of(ar.cause()).httpStatus;
      String notice = ar.succeeded() && status == 200 ? words(ar.result()) : null;
      String error = ar.failed() ? ar.cause().getMessage()
          : status == 422 ? "The employer's form did not take that code: \"" + ar.result().getString("message")
              + "\". Check the email and enter it again." : null;
      pages.render(ctx, jobId, userId, status, "job-questions", job -> notice, job -> error)
          .onFailure(t -> Http.fail(ctx, t));
    });
  }

  private static String words(JsonObject answer) {
    return JobStatus.SUBMITTED.db().equals(answer.getString("status"))
        ? "Code accepted: the application was sent. " + answer.getString("message", "")
        : "The code was entered, but: " + answer.getString("message", "") + ". See below.";
  }
}
