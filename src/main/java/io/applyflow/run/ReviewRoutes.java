package io.applyflow.run;

import io.applyflow.job.Job;
import io.applyflow.job.JobStatus;
import io.applyflow.job.Jobs;
import io.applyflow.job.SchemaFields;
import io.applyflow.job.JobBus;

import io.applyflow.apply.AnswerBank;
import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Inputs;
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
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the user decides, over the API and the pages: submit a filled application ({@code POST .../submit}), approve
 * a borderline job ({@code .../approve}), discard a job ({@code .../discard}), answer a job's open questions
 * ({@code .../answers}); and the two queues that list what waits for the user, {@code /review} and
 * {@code /clarify}, kept live over SSE ({@code /review/events}, {@code /clarify/events}).
 *
 * <p>Every state change is one conditional update, so two clicks cannot both pass; a refusal says in words why
 * ({@link Refusals}). A page form answers htmx with the fragment it came from (the job's decision panel or the
 * queue row), and a plain browser with a redirect back to the page it came from (POST-redirect-GET), so a reload
 * never sends anything again.
 */
public final class ReviewRoutes {
  private static final Logger log = LoggerFactory.getLogger(ReviewRoutes.class);
  private static final EnumSet<JobStatus> DISCARDABLE = EnumSet.of(JobStatus.AWAITING_APPROVAL, JobStatus.NEEDS_INPUT,
      JobStatus.NEEDS_ATTENTION, JobStatus.CLARIFY);
  /** Each decision's refusal, in words, by action. */
  private static final Map<String, Function<Job, String>> REFUSALS = Map.of("submit", Refusals::submit,
      "approve", Refusals::approve, "discard", Refusals::discard, "retry", Refusals::retry);
  /** The resume preview's width in the queue, in CSS pixels: enough to recognise the document, small for a row. */
  private static final int QUEUE_THUMB_WIDTH = 110;
  /** How long a decided job stays in the review queue's "Just decided" list. */
  private static final int RECENT_MINUTES = 60;

  private final Vertx vertx;
  private final Jobs jobs;
  private final AnswerBank answers;
  private final Views views;
  private final JobPage pages;

  private final Live live;

  private ReviewRoutes(Vertx vertx, Jobs jobs, AnswerBank answers, Views views, JobPage pages, Live live) {
    this.vertx = vertx;
    this.live = live;
    this.jobs = jobs;
    this.answers = answers;
    this.views = views;
    this.pages = pages;
  }

  static void mount(Router router, Vertx vertx, Jobs jobs, AnswerBank answers, Views views, JobPage pages,
                    Live live) {
    ReviewRoutes r = new ReviewRoutes(vertx, jobs, answers, views, pages, live);
    router.post("/api/job/:job_id/submit").handler(Auth.requireApiUser()).handler(ctx -> r.api(ctx, "submit"));
    router.post("/api/job/:job_id/approve").handler(Auth.requireApiUser()).handler(ctx -> r.api(ctx, "approve"));
    router.post("/api/job/:job_id/discard").handler(Auth.requireApiUser()).handler(ctx -> r.api(ctx, "discard"));
    router.post("/api/job/:job_id/retry").handler(Auth.requireApiUser()).handler(ctx -> r.api(ctx, "retry"));
    router.post("/api/job/:job_id/answers").handler(Auth.requireApiUser()).handler(r::apiAnswers);
    router.post("/jobs/:job_id/submit").handler(Auth.requirePageUser()).handler(ctx -> r.page(ctx, "submit"));
    router.post("/jobs/:job_id/approve").handler(Auth.requirePageUser()).handler(ctx -> r.page(ctx, "approve"));
    router.post("/jobs/:job_id/discard").handler(Auth.requirePageUser()).handler(ctx -> r.page(ctx, "discard"));
    router.post("/jobs/:job_id/retry").handler(Auth.requirePageUser()).handler(ctx -> r.page(ctx, "retry"));
    router.post("/jobs/:job_id/answers").handler(Auth.requirePageUser()).handler(r::pageAnswers);
    router.get("/review").handler(Auth.requirePageUser()).handler(ctx -> r.queuePage(ctx, "review"));
    router.get("/review/events").handler(Auth.requirePageUser()).handler(ctx -> r.stream(ctx, "review"));
    router.get("/clarify").handler(Auth.requirePageUser()).handler(ctx -> r.queuePage(ctx, "clarify"));
    router.get("/clarify/events").handler(Auth.requirePageUser()).handler(ctx -> r.stream(ctx, "clarify"));
  }

  // --- the decisions ----------------------------------------------------------------------------------------

  /**
   * One decision on a job, as one guarded status change (two clicks cannot both pass; the table of allowed
   * transitions decides, see {@link Jobs#moveIfIn}); completes with the job's new state, or CONFLICT saying in words
   * why not ({@link Refusals}). Nothing is sent to a stage from here: the stage that takes the new state claims the
   * job from Postgres, under its limits.
   * <ul>
   *   <li>{@code submit}: awaiting approval → applying, marked approved: the apply stage submits through the ledger;</li>
   *   <li>{@code approve}: clarify → accepted: the tailoring stage takes it;</li>
   *   <li>{@code discard}: any waiting state → discarded; nothing is sent;</li>
   *   <li>{@code retry}: needs attention → rendered: the apply stage takes it again. Safe whatever happened: the
   *       apply stage reads the submit ledger first, so a job with an attempt and no confirmation comes back as
   *       "submit outcome unknown" and is never sent a second time.</li>
   * </ul>
   */
  Future<JobStatus> decide(String action, long jobId, long userId) {
    JobBus.JobCommand cmd = new JobBus.JobCommand(jobId, userId);
    return switch (action) {
      case "submit" -> decided(cmd, JobStatus.APPLYING, REFUSALS.get(action),
          jobs.approveSubmission(cmd, "you approved the application; submitting"));
      case "approve" -> decided(cmd, JobStatus.ACCEPTED, REFUSALS.get(action), jobs.moveIfIn(cmd,
          EnumSet.of(JobStatus.CLARIFY), JobStatus.ACCEPTED, "score",
          "you approved this job from the clarify queue; it goes on to tailoring"));
      case "discard" -> decided(cmd, JobStatus.DISCARDED, REFUSALS.get(action), jobs.moveIfIn(cmd, DISCARDABLE,
          JobStatus.DISCARDED, "review", "you discarded this job; nothing was sent"));
      case "retry" -> decided(cmd, JobStatus.RENDERED, REFUSALS.get(action), jobs.moveIfIn(cmd,
          EnumSet.of(JobStatus.NEEDS_ATTENTION), JobStatus.RENDERED, "review",
          "you asked Applyflow to try this form again"));
      default -> Future.failedFuture(Failure.NOT_FOUND.with("no action " + action));
    };
  }

  /** The decision's outcome: its new state, or why not in words from the job's state now. */
  private Future<JobStatus> decided(JobBus.JobCommand cmd, JobStatus to, Function<Job, String> refusal,
                                    Future<Boolean> moved) {
    return moved.compose(done -> done ? Future.succeededFuture(to)
        // not the user's job (NOT_FOUND), or not (no longer) where the action applies: say why from its state now
        : jobs.get(cmd.jobId(), cmd.userId()).compose(now -> Future.failedFuture(Failure.CONFLICT.with(refusal.apply(now)))));
  }

  /**
   * Saves the user's answers to the job's open questions and hands the job back to the apply stage, which plans
   * again with them. BAD_INPUT names an unknown question or an answer that is not one of the options.
   */
  Future<JsonObject> answer(long jobId, long userId, Map<String, String> given) {
    JobBus.JobCommand cmd = new JobBus.JobCommand(jobId, userId);
    try {
      // the lengths and characters of what was sent first, before anything is read or compared
      given.forEach((k, v) -> {
        Inputs.line("a question's field name", k, Inputs.FIELD_NAME);
        Inputs.multiline("the answer to '" + Inputs.shown(k) + "'", v, Inputs.ANSWER);
      });
    } catch (Failure.Coded e) {
      return Future.failedFuture(e);
    }
    return jobs.get(jobId, userId).compose(job -> jobs.codeWaits(userId, jobId).compose(codes -> {
      if (job.status() != JobStatus.NEEDS_INPUT) {
        return Future.failedFuture(Failure.CONFLICT.with(Refusals.answers(job)));
      }
      if (codes.containsKey(jobId)) {
        return Future.failedFuture(Failure.CONFLICT.with("job " + jobId + " has no question to answer: it waits for "
            + "the security code the employer emailed to " + codes.get(jobId).getString("email")
            + "; enter it on the job page or with POST /api/job/" + jobId + "/security-code"));
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
        if (a.getValue() == null || a.getValue().isBlank() || a.getValue().length() > Inputs.ANSWER) {
          return Future.failedFuture(Failure.BAD_INPUT.with("the answer to '" + labels.get(a.getKey())
              + "' must be 1 to " + Inputs.ANSWER + " characters"));
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
            // the apply stage claims the job from rendered and plans again with the saved answers
            return new JsonObject().put("job_id", jobId).put("saved", given.size()).put("status", "rendered");
          });
    }));
  }

  // --- the API ------------------------------------------------------------------------------------------------

  private void api(RoutingContext ctx, String action) {
    long jobId = Http.idParam(ctx, "job_id");
    decide(action, jobId, Auth.userId(ctx))
        .onSuccess(s -> Http.json(ctx, s == JobStatus.DISCARDED ? 200 : 202,
            new JsonObject().put("job_id", jobId).put("status", s.db())))
        .onFailure(t -> Http.fail(ctx, t));
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

  // --- the pages' forms ---------------------------------------------------------------------------------------

  /**
   * A decision from a page. htmx: the clicked queue row is replaced by what happened, or the job page's decision
   * panel is rendered again (with the refusal in words and 409 when refused). Plain browser: a 303 back to the page
   * the form names in {@code return} (our own pages only), which shows what happened from the job's state.
   */
  private void page(RoutingContext ctx, String action) {
    long jobId = Http.idParam(ctx, "job_id");
    long userId = Auth.userId(ctx);
    String back = Http.localPath(ctx.request().getFormAttribute("return"), "/jobs/" + jobId);
    decide(action, jobId, userId).onComplete(ar -> {
      if (ar.failed() && Failure.of(ar.cause()) != Failure.CONFLICT) {
        Http.fail(ctx, ar.cause());
        return;
      }
      String outcome = ar.succeeded() ? "done" : "refused";
      if (!Http.isHtmx(ctx)) {
        String sep = back.contains("?") ? "&" : "?";
        Http.redirect(ctx, back + sep + outcome + "=" + action + "&job=" + jobId);
        return;
      }
      int status = ar.succeeded() ? 200 : 409;
      String target = ctx.request().getHeader("HX-Target");
      if (target != null && target.matches("(review|clarify)-\\d+")) {
        jobs.get(jobId, userId)
            .onSuccess(job -> queueRow(ctx, status, target, job,
                ar.succeeded() ? doneWords(action, job) : ar.cause().getMessage()))
            .onFailure(t -> Http.fail(ctx, t));
        return;
      }
      pages.render(ctx, jobId, userId, status, "job-decision",
              ar.succeeded() ? job -> doneWords(action, job) : JobPage.Flash.NONE,
              ar.succeeded() ? JobPage.Flash.NONE : job -> ar.cause().getMessage())
          .onFailure(t -> Http.fail(ctx, t));
    });
  }

  /** What the user's action did, in words (the page shows the job's current state beside it). */
  static String doneWords(String action, Job job) {
    return switch (action) {
      case "submit" -> "You approved it: Applyflow is sending your application for " + job.title() + " to "
          + job.company() + ". The confirmation shows here as soon as the employer's page gives it.";
      case "approve" -> "Approved: " + job.title() + " goes on to tailoring and the application form.";
      case "discard" -> "Discarded " + job.title() + ". Nothing was sent.";
      case "retry" -> "Trying again: Applyflow opens the form for " + job.title() + " once more; this page shows what"
          + " happens.";
      default -> null;
    };
  }

  /** Why {@code action} was refused for {@code job} as it is now, in words; null for an unknown action. */
  static String refusalWords(String action, Job job) {
    Function<Job, String> why = REFUSALS.get(action);
    return why == null ? null : why.apply(job);
  }

  private void queueRow(RoutingContext ctx, int status, String id, Job job, String text) {
    Map<String, Object> model = new HashMap<>();
    model.put("id", id);
    model.put("job", job.summary().getMap());
    model.put("text", text);
    model.put("refused", status >= 400);
    Views.html(ctx, status, views.render("review/queue", "queue-row", model));
  }

  private void pageAnswers(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    long userId = Auth.userId(ctx);
    Map<String, String> given = new LinkedHashMap<>();
    ctx.request().formAttributes().forEach(e -> {
      if (e.getKey().startsWith("answer.") && !e.getValue().isBlank()) {
        given.put(e.getKey().substring("answer.".length()), e.getValue());
      }
    });
    answer(jobId, userId, given)
        .onSuccess(r -> Http.redirect(ctx, "/jobs/" + jobId))
        .onFailure(t -> {
          if (Failure.of(t) == Failure.INTERNAL || Failure.of(t) == Failure.NOT_FOUND) {
            Http.fail(ctx, t);
          } else {
            pages.render(ctx, jobId, userId, Failure.of(t).httpStatus, "job-decision", JobPage.Flash.NONE,
                    job -> t.getMessage())
                .onFailure(e -> Http.fail(ctx, e));
          }
        });
  }

  // --- the queues ---------------------------------------------------------------------------------------------

  /** The queue's template: {@code review/queue} or {@code review/clarify}. */
  private static String template(String queue) {
    return "review".equals(queue) ? "review/queue" : "review/clarify";
  }

  /** The queue's live fragments; the first is the one an htmx request for the page gets. */
  private static List<String> fragments(String queue) {
    return "review".equals(queue) ? List.of("review-queue", "review-recent") : List.of("clarify-queue");
  }

  private Future<Map<String, Object>> queueModel(RoutingContext ctx, long userId, String queue) {
    return "review".equals(queue) ? reviewModel(ctx, userId) : clarifyModel(ctx, userId);
  }

  private void queuePage(RoutingContext ctx, String queue) {
    long userId = Auth.userId(ctx);
    queueModel(ctx, userId, queue)
        .compose(model -> outcome(ctx, userId, model).map(model))
        .onSuccess(model -> views.page(ctx, template(queue), fragments(queue).get(0), model))
        .onFailure(t -> Http.fail(ctx, t));
  }

  /** The queue, live: rendered again after any change to one of the user's jobs. */
  private void stream(RoutingContext ctx, String queue) {
    long userId = Auth.userId(ctx);
    live.open(ctx, userId, p -> true, () -> queueModel(ctx, userId, queue).map(m -> {
      Map<String, String> out = new LinkedHashMap<>();
      fragments(queue).forEach(f -> out.put(f, views.render(template(queue), f, m)));
      return out;
    }));
  }

  /** A notice or refusal for a decision made without JavaScript ({@code ?done=submit&job=12}), from the job's state. */
  private Future<Void> outcome(RoutingContext ctx, long userId, Map<String, Object> model) {
    String done = ctx.request().getParam("done");
    String refused = ctx.request().getParam("refused");
    String job = ctx.request().getParam("job");
    if ((done == null && refused == null) || job == null || !job.matches("\\d{1,18}")) {
      return Future.succeededFuture();
    }
    return jobs.get(Long.parseLong(job), userId)
        .map(j -> {
          model.put("notice", done == null ? null : doneWords(done, j));
          model.put("error", refused == null ? null : refusalWords(refused, j));
          return (Void) null;
        })
        .recover(t -> Future.succeededFuture());
  }

  private Future<Map<String, Object>> clarifyModel(RoutingContext ctx, long userId) {
    return jobs.withStatus(userId, JobStatus.CLARIFY).map(list -> {
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
      return model;
    });
  }

  private Future<Map<String, Object>> reviewModel(RoutingContext ctx, long userId) {
    return jobs.waiting(userId).compose(list -> jobs.codeWaits(userId, null).compose(codes ->
        jobs.recentlyDecided(userId, RECENT_MINUTES).map(recent -> {
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
        row.put("status_label", JobStatus.of(j.getString("status")).label);
        // a job waiting for an emailed security code has no question to answer: the queue points to its code form
        JsonObject code = codes.get(j.getLong("job_id"));
        row.put("code_wait", code == null ? null : code.getMap());
        JsonObject png = j.getJsonObject("resume_png");
        row.put("resume_thumb", png == null ? null : JobView.thumb(png.getMap(), QUEUE_THUMB_WIDTH));
        rows.add(row);
      }
      model.put("jobs", rows);
      model.put("recent", recent.stream().map(r -> {
        Map<String, Object> m = new HashMap<>(r.getMap());
        m.put("when", RunView.when(r.getString("updated_at")));
        return m;
      }).toList());
      return model;
    })));
  }

}
