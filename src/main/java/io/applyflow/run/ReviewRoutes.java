package io.applyflow.run;

import io.applyflow.apply.AnswerBank;
import io.applyflow.apply.ApplyBus;
import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Views;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the user decides: {@code POST /api/job/{id}/answers} (answers to the questions a job needs; saved to the
 * answer bank and reused, then the job resumes), {@code POST /api/job/{id}/discard}, and the review queue page
 * {@code /review} listing every job waiting for the user with its plan and screenshot.
 */
public final class ReviewRoutes {
  private static final Logger log = LoggerFactory.getLogger(ReviewRoutes.class);
  private static final EnumSet<JobStatus> DISCARDABLE = EnumSet.of(JobStatus.AWAITING_APPROVAL, JobStatus.NEEDS_INPUT,
      JobStatus.NEEDS_ATTENTION, JobStatus.CLARIFY);

  private final Vertx vertx;
  private final Jobs jobs;
  private final AnswerBank answers;
  private final Views views;

  private ReviewRoutes(Vertx vertx, Jobs jobs, AnswerBank answers, Views views) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.answers = answers;
    this.views = views;
  }

  public static void mount(Router router, Vertx vertx, Jobs jobs, AnswerBank answers, Views views) {
    ReviewRoutes r = new ReviewRoutes(vertx, jobs, answers, views);
    router.post("/api/job/:job_id/answers").handler(Auth.requireApiUser()).handler(r::apiAnswers);
    router.post("/api/job/:job_id/discard").handler(Auth.requireApiUser()).handler(r::apiDiscard);
    router.get("/review").handler(Auth.requirePageUser()).handler(r::queuePage);
    router.post("/jobs/:job_id/answers").handler(Auth.requirePageUser()).handler(r::pageAnswers);
    router.post("/jobs/:job_id/discard").handler(Auth.requirePageUser()).handler(r::pageDiscard);
    router.post("/api/job/:job_id/approve").handler(Auth.requireApiUser()).handler(r::apiApprove);
    router.get("/clarify").handler(Auth.requirePageUser()).handler(r::clarifyPage);
    router.post("/jobs/:job_id/approve").handler(Auth.requirePageUser()).handler(r::pageApprove);
  }

  /**
   * Saves the user's answers to the job's open questions and hands the job back to the apply stage, which plans
   * again with them. BAD_INPUT names an unknown question or an answer that is not one of the options.
   */
  Future<JsonObject> answer(long jobId, long userId, Map<String, String> given) {
    RunBus.JobCommand cmd = new RunBus.JobCommand(jobId, userId);
    return jobs.get(jobId, userId).compose(job -> {
      if (job.status() != JobStatus.NEEDS_INPUT) {
        return Future.failedFuture(Failure.CONFLICT.with("job " + jobId + " is " + job.status().db()
            + "; it is not waiting for answers"));
      }
      Map<String, String> labels = new LinkedHashMap<>();
      List<String> open = new ArrayList<>();
      JsonArray plan = job.fillPlan() == null ? new JsonArray() : job.fillPlan().getJsonArray("entries", new JsonArray());
      for (int i = 0; i < plan.size(); i++) {
        JsonObject e = plan.getJsonObject(i);
        labels.put(e.getString("field"), e.getString("label"));
        if ("missing".equals(e.getString("provenance")) && e.getBoolean("required", false)) {
          open.add(e.getString("field"));
        }
      }
      if (given.isEmpty()) {
        return Future.failedFuture(Failure.BAD_INPUT.with("answers is empty; the open questions are " + open));
      }
      for (var a : given.entrySet()) {
        if (!labels.containsKey(a.getKey())) {
          return Future.failedFuture(Failure.BAD_INPUT.with("job " + jobId + " has no question '" + a.getKey()
              + "'; the open questions are " + open));
        }
        if (a.getValue() == null || a.getValue().isBlank() || a.getValue().length() > 10_000) {
          return Future.failedFuture(Failure.BAD_INPUT.with("the answer to '" + labels.get(a.getKey())
              + "' must be 1 to 10000 characters"));
        }
        List<String> options = SchemaFields.options(job.questions(), a.getKey());
        if (options != null && !options.contains(a.getValue().trim())) {
          return Future.failedFuture(Failure.BAD_INPUT.with("'" + a.getValue() + "' is not an option of '"
              + labels.get(a.getKey()) + "'; choose one of " + options));
        }
      }
      Future<Void> saved = Future.succeededFuture();
      for (var a : given.entrySet()) {
        saved = saved.compose(v -> answers.save(userId, labels.get(a.getKey()), a.getValue().trim()).mapEmpty());
      }
      return saved
          .compose(v -> jobs.compareAndSet(cmd, JobStatus.NEEDS_INPUT, JobStatus.RENDERED, "apply",
              "you answered " + given.size() + " question(s); they are saved for later jobs too"))
          .map(moved -> {
            if (moved) {
              ApplyBus.apply(vertx.eventBus(), cmd)
                  .onFailure(t -> log.warn("job {} did not resume after answers: {}", jobId, t.getMessage()));
            }
            return new JsonObject().put("job_id", jobId).put("saved", given.size()).put("status", "rendered");
          });
    });
  }

  private void apiAnswers(RoutingContext ctx) {
    JsonObject body = Http.jsonBody(ctx);
    Object raw = body.getValue("answers");
    if (!(raw instanceof JsonObject given)) {
      throw Failure.BAD_INPUT.with("answers must be an object of {\"<field>\": \"<answer>\"}");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (var e : given) {
      if (!(e.getValue() instanceof String v)) {
        throw Failure.BAD_INPUT.with("the answer to '" + e.getKey() + "' must be a string");
      }
      map.put(e.getKey(), v);
    }
    answer(Http.idParam(ctx, "job_id"), Auth.userId(ctx), map)
        .onSuccess(r -> Http.json(ctx, 202, r))
        .onFailure(t -> Http.fail(ctx, t));
  }

  /** Discards a job waiting for the user; completes with the state it was discarded from. */
  private Future<JobStatus> discard(long jobId, long userId) {
    RunBus.JobCommand cmd = new RunBus.JobCommand(jobId, userId);
    return jobs.get(jobId, userId).compose(job -> jobs.moveIfIn(cmd, DISCARDABLE, JobStatus.DISCARDED, "review",
            "you discarded this job; nothing was sent")
        .compose(moved -> moved ? Future.succeededFuture(job.status())
            : Future.failedFuture(Failure.CONFLICT.with("job " + jobId + " is " + job.status().db()
                + "; only a job waiting for you can be discarded"))));
  }

  private void apiDiscard(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    discard(jobId, Auth.userId(ctx))
        .onSuccess(v -> Http.json(ctx, 200, new JsonObject().put("job_id", jobId).put("status", "discarded")))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void pageAnswers(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    Map<String, String> given = new LinkedHashMap<>();
    ctx.request().formAttributes().forEach(e -> {
      if (e.getKey().startsWith("answer.") && !e.getValue().isBlank()) {
        given.put(e.getKey().substring("answer.".length()), e.getValue());
      }
    });
    answer(jobId, Auth.userId(ctx), given)
        .onSuccess(r -> Http.redirect(ctx, "/jobs/" + jobId))
        .onFailure(t -> {
          if (Failure.of(t) == Failure.INTERNAL) {
            Http.fail(ctx, t);
          } else {
            Http.redirect(ctx, "/jobs/" + jobId + "?error=" + java.net.URLEncoder.encode(t.getMessage(),
                java.nio.charset.StandardCharsets.UTF_8));
          }
        });
  }

  private void pageDiscard(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    discard(jobId, Auth.userId(ctx)).onComplete(ar -> queueRow(ctx, jobId, "review-",
        ar.succeeded() ? "Discarded. Nothing was sent." : ar.cause().getMessage(),
        ar.succeeded() && ar.result() == JobStatus.CLARIFY ? "/clarify" : "/review"));
  }

  /**
   * The answer to a queue button: for htmx, the row that replaces the clicked one (its id from {@code HX-Target},
   * so the review and clarify queues share this) saying what happened; without JavaScript, a redirect.
   */
  private static void queueRow(RoutingContext ctx, long jobId, String idPrefix, String text, String redirect) {
    if (ctx.request().getHeader("HX-Request") == null) {
      Http.redirect(ctx, redirect);
      return;
    }
    String target = ctx.request().getHeader("HX-Target");
    String id = target != null && target.matches("[a-z]+-\\d+") ? target : idPrefix + jobId;
    Views.html(ctx, 200, "<tr id=\"" + id + "\"><td colspan=\"5\">" + escape(text) + "</td></tr>");
  }

  /**
   * Moves a job from the clarify queue on to tailoring in one conditional update (two clicks cannot both pass) and
   * asks the conductor to walk it on. CONFLICT when the job is not waiting in the clarify queue.
   */
  Future<JobStatus> approve(long jobId, long userId) {
    RunBus.JobCommand cmd = new RunBus.JobCommand(jobId, userId);
    return jobs.get(jobId, userId).compose(job -> jobs.compareAndSet(cmd, JobStatus.CLARIFY, JobStatus.ACCEPTED,
            "score", "you approved this job from the clarify queue; it goes on to tailoring")
        .compose(moved -> {
          if (!moved) {
            return Future.failedFuture(Failure.CONFLICT.with("job " + jobId + " is " + job.status().db()
                + "; only a job in the clarify queue can be approved"));
          }
          RunBus.continueJob(vertx.eventBus(), cmd);
          return Future.succeededFuture(JobStatus.ACCEPTED);
        }));
  }

  private void apiApprove(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    approve(jobId, Auth.userId(ctx))
        .onSuccess(s -> Http.json(ctx, 202, new JsonObject().put("job_id", jobId).put("status", s.db())))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void pageApprove(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    approve(jobId, Auth.userId(ctx)).onComplete(ar -> queueRow(ctx, jobId, "clarify-",
        ar.succeeded() ? "Approved; it goes on to tailoring." : ar.cause().getMessage(), "/jobs/" + jobId));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private void clarifyPage(RoutingContext ctx) {
    jobs.withStatus(Auth.userId(ctx), JobStatus.CLARIFY).onSuccess(list -> {
      Map<String, Object> model = new HashMap<>();
      model.put("csrf", ctx.get(Auth.CSRF));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (JsonObject j : list) {
        Map<String, Object> row = new HashMap<>(j.getMap());
        JsonObject detail = j.getJsonObject("score_detail", new JsonObject());
        row.put("detail", detail.getMap());
        row.put("missing_skills", detail.getJsonArray("missing_skills", new JsonArray()).getList());
        rows.add(row);
      }
      model.put("jobs", rows);
      views.page(ctx, "review/clarify", "clarify-queue", model);
    }).onFailure(t -> Http.fail(ctx, t));
  }

  private void queuePage(RoutingContext ctx) {
    jobs.waiting(Auth.userId(ctx)).onSuccess(list -> {
      Map<String, Object> model = new HashMap<>();
      model.put("csrf", ctx.get(Auth.CSRF));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (JsonObject j : list) {
        Map<String, Object> row = new HashMap<>(j.getMap());
        JsonArray entries = j.getJsonObject("fill_plan") == null ? new JsonArray()
            : j.getJsonObject("fill_plan").getJsonArray("entries", new JsonArray());
        long missing = entries.stream().filter(e -> "missing".equals(((JsonObject) e).getString("provenance"))
            && ((JsonObject) e).getBoolean("required", false)).count();
        long planned = entries.stream().filter(e -> !"missing".equals(((JsonObject) e).getString("provenance"))).count();
        row.put("planned", planned);
        row.put("missing", missing);
        rows.add(row);
      }
      model.put("jobs", rows);
      views.page(ctx, "review/queue", "review-queue", model);
    }).onFailure(t -> Http.fail(ctx, t));
  }

}
