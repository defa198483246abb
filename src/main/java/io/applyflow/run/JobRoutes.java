package io.applyflow.run;

import io.applyflow.apply.ApplyBus;
import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Views;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs over HTTP: {@code GET /api/job/{id}}, {@code /resume.pdf}, {@code /documents/{doc}},
 * {@code POST /api/job/{id}/submit}, and the job page {@code /jobs/{id}} with its Submit button.
 */
public final class JobRoutes {
  private static final Logger log = LoggerFactory.getLogger(JobRoutes.class);

  private final Vertx vertx;
  private final Jobs jobs;
  private final Runs runs;
  private final Views views;

  private JobRoutes(Vertx vertx, Jobs jobs, Runs runs, Views views) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.runs = runs;
    this.views = views;
  }

  public static void mount(Router router, Vertx vertx, Jobs jobs, Runs runs, Views views) {
    JobRoutes r = new JobRoutes(vertx, jobs, runs, views);
    router.get("/api/job/:job_id").handler(Auth.requireApiUser()).handler(r::apiGet);
    router.get("/api/job/:job_id/resume.pdf").handler(Auth.requireApiUser()).handler(r::resumePdf);
    router.get("/api/job/:job_id/cover-letter.pdf").handler(Auth.requireApiUser()).handler(r::coverLetterPdf);
    router.get("/api/job/:job_id/documents/:doc_id").handler(Auth.requireApiUser()).handler(r::documentById);
    router.post("/api/job/:job_id/submit").handler(Auth.requireApiUser()).handler(r::apiSubmit);
    router.get("/jobs/:job_id").handler(Auth.requirePageUser()).handler(r::page);
    router.get("/jobs/:job_id/resume.pdf").handler(Auth.requirePageUser()).handler(r::resumePdf);
    router.get("/jobs/:job_id/cover-letter.pdf").handler(Auth.requirePageUser()).handler(r::coverLetterPdf);
    router.get("/jobs/:job_id/documents/:doc_id").handler(Auth.requirePageUser()).handler(r::documentById);
    router.post("/jobs/:job_id/submit").handler(Auth.requirePageUser()).handler(r::pageSubmit);
  }

  private Future<JsonObject> detail(long jobId, long userId) {
    return jobs.get(jobId, userId).compose(job -> runs.get(job.runId(), userId).compose(run ->
        jobs.events(jobId, userId).compose(events -> jobs.documents(jobId, userId).map(docs -> job.summary()
            .put("run_id", job.runId()).put("mode", run.mode()).put("board", job.board())
            .put("source", job.source()).put("external_id", job.externalId())
            .put("description_html", job.descriptionHtml())
            .put("matching_keywords", job.matchingKeywords() == null ? new JsonArray() : job.matchingKeywords())
            .put("missing_keywords", job.missingKeywords() == null ? new JsonArray() : job.missingKeywords())
            .put("score", score(job))
            .put("tailored", job.tailored())
            .put("tailor_diff", job.tailorDiff())
            .put("rewording", job.rewording())
            .put("cover_letter", job.coverLetter())
            .put("interview_questions", job.interviewQuestions() == null ? null
                : job.interviewQuestions().getJsonArray("questions"))
            .put("questions", job.questions() == null ? null : job.questions().getValue("questions"))
            .put("fill_plan", job.fillPlan() == null ? null : job.fillPlan().getJsonArray("entries"))
            .put("documents", docs)
            .put("schema", job.questions())
            .put("events", events)))));
  }

  /**
   * The score breakdown (total, skills, keywords, experience, education, matching and missing keywords and
   * skills, explanation, band); null before scoring. A job scored before breakdowns existed gives what it has.
   */
  private static JsonObject score(Job job) {
    if (job.scoreDetail() != null) {
      return job.scoreDetail();
    }
    return job.score() == null ? null : new JsonObject().put("total", job.score())
        .put("matching_keywords", job.matchingKeywords()).put("missing_keywords", job.missingKeywords());
  }

  private void apiGet(RoutingContext ctx) {
    detail(Http.idParam(ctx, "job_id"), Auth.userId(ctx))
        .onSuccess(body -> Http.json(ctx, 200, body))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void resumePdf(RoutingContext ctx) {
    jobs.document(Http.idParam(ctx, "job_id"), Auth.userId(ctx), Document.RESUME_PDF)
        .onSuccess(doc -> send(ctx, doc))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void coverLetterPdf(RoutingContext ctx) {
    jobs.document(Http.idParam(ctx, "job_id"), Auth.userId(ctx), Document.COVER_LETTER_PDF)
        .onSuccess(doc -> send(ctx, doc))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void documentById(RoutingContext ctx) {
    jobs.document(Http.idParam(ctx, "job_id"), Auth.userId(ctx), Http.idParam(ctx, "doc_id"))
        .onSuccess(doc -> send(ctx, doc))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private static void send(RoutingContext ctx, Document doc) {
    ctx.response().putHeader("content-type", doc.contentType())
        .putHeader("content-disposition", "inline; filename=\"" + doc.filename().replace("\"", "") + "\"")
        .putHeader("cache-control", "private, max-age=60")
        .end(Buffer.buffer(doc.content()));
  }

  /**
   * Moves an awaiting job to applying in one conditional update (so two clicks cannot both pass), then asks the
   * apply stage to submit. CONFLICT when the job is not awaiting approval.
   */
  Future<JobStatus> submit(long jobId, long userId) {
    RunBus.JobCommand cmd = new RunBus.JobCommand(jobId, userId);
    return jobs.get(jobId, userId).compose(job -> jobs.compareAndSet(cmd, JobStatus.AWAITING_APPROVAL,
            JobStatus.APPLYING, "apply", "you approved the application; submitting")
        .compose(moved -> {
          if (!moved) {
            return Future.failedFuture(Failure.CONFLICT.with("job " + jobId + " is " + job.status().db()
                + ", not awaiting_approval; it cannot be submitted (again)"));
          }
          ApplyBus.submit(vertx.eventBus(), cmd)
              .onFailure(t -> log.warn("submit of job {} did not complete: {}", jobId, t.getMessage()));
          return Future.succeededFuture(JobStatus.APPLYING);
        }));
  }

  private void apiSubmit(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    submit(jobId, Auth.userId(ctx))
        .onSuccess(s -> Http.json(ctx, 202, new JsonObject().put("job_id", jobId).put("status", s.db())))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void pageSubmit(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    long userId = Auth.userId(ctx);
    submit(jobId, userId)
        .<String>transform(ar -> renderJob(ctx, jobId, userId, ar.failed() ? ar.cause().getMessage() : null))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private Future<String> renderJob(RoutingContext ctx, long jobId, long userId, String error) {
    return detail(jobId, userId).map(d -> {
      Map<String, Object> model = new HashMap<>();
      model.put("csrf", ctx.get(Auth.CSRF));
      model.put("job", d.getMap());
      model.put("events", list(d.getJsonArray("events")));
      List<Map<String, Object>> documents = list(d.getJsonArray("documents"));
      model.put("documents", documents);
      model.put("screenshots", documents.stream().filter(doc -> Document.SCREENSHOT.equals(doc.get("kind"))).toList());
      model.put("matching", d.getJsonArray("matching_keywords").getList());
      model.put("missing", d.getJsonArray("missing_keywords").getList());
      model.put("bullets", bullets(d.getJsonObject("tailored")));
      model.put("score", d.getJsonObject("score") == null ? null : plain(d.getJsonObject("score")));
      model.put("missingSkills", d.getJsonObject("score") == null ? List.of()
          : d.getJsonObject("score").getJsonArray("missing_skills", new JsonArray()).getList());
      model.put("diff", d.getJsonArray("tailor_diff") == null ? List.of() : list(d.getJsonArray("tailor_diff")));
      model.put("rewording", d.getJsonArray("rewording") == null ? List.of() : list(d.getJsonArray("rewording")));
      model.put("letter", d.getJsonObject("cover_letter") == null ? null : plain(d.getJsonObject("cover_letter")));
      model.put("interview", d.getJsonArray("interview_questions") == null ? List.of()
          : d.getJsonArray("interview_questions").getList());
      model.put("error", error != null ? error : ctx.request().getParam("error"));
      JsonArray plan = d.getJsonArray("fill_plan") == null ? new JsonArray() : d.getJsonArray("fill_plan");
      model.put("plan", planRows(plan));
      model.put("open", openQuestions(plan, d.getJsonObject("schema")));
      views.page(ctx, "job/page", "job-actions", model);
      return "";
    });
  }

  private void page(RoutingContext ctx) {
    renderJob(ctx, Http.idParam(ctx, "job_id"), Auth.userId(ctx), null).onFailure(t -> Http.fail(ctx, t));
  }

  /**
   * The plan as table rows: what will be typed or chosen, and where it comes from. The paste-in companion of an
   * upload ({@code resume_text} next to {@code resume}) is left out when the upload itself is planned.
   */
  private static List<Map<String, Object>> planRows(JsonArray plan) {
    java.util.Set<String> plannedFiles = new java.util.HashSet<>();
    for (int i = 0; i < plan.size(); i++) {
      JsonObject e = plan.getJsonObject(i);
      if ("input_file".equals(e.getString("type")) && !"missing".equals(e.getString("provenance"))) {
        plannedFiles.add(e.getString("field"));
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      JsonObject e = plan.getJsonObject(i);
      String field = e.getString("field", "");
      if (field.endsWith("_text") && "missing".equals(e.getString("provenance"))
          && plannedFiles.contains(field.substring(0, field.length() - "_text".length()))) {
        continue;
      }
      Map<String, Object> row = new HashMap<>(e.getMap());
      JsonArray options = e.getJsonArray("options", new JsonArray());
      String shown = e.getString("value") != null ? e.getString("value")
          : options.isEmpty() ? "—" : String.join(", ", options.getList());
      row.put("shown", shown);
      row.putIfAbsent("category", "NONE");
      rows.add(row);
    }
    return rows;
  }

  /** Required questions the plan could not answer, with their options when they are selects. */
  private static List<Map<String, Object>> openQuestions(JsonArray plan, JsonObject schema) {
    List<Map<String, Object>> open = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      JsonObject e = plan.getJsonObject(i);
      if ("missing".equals(e.getString("provenance")) && e.getBoolean("required", false)
          && !"input_file".equals(e.getString("type"))) {
        Map<String, Object> q = new HashMap<>();
        q.put("field", e.getString("field"));
        q.put("label", e.getString("label"));
        q.put("choices", SchemaFields.options(schema, e.getString("field")));
        open.add(q);
      }
    }
    return open;
  }

  private static List<Map<String, Object>> list(JsonArray a) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(plain(a.getJsonObject(i)));
    }
    return out;
  }

  /** The object as plain maps and lists all the way down, which is what the template's list helpers take. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(JsonObject o) {
    return io.vertx.core.json.Json.decodeValue(o.encode(), Map.class);
  }

  /** The tailored resume's summary and bullets in document order, with their source ids, for the job page. */
  private static List<Map<String, Object>> bullets(JsonObject tailored) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (tailored == null) {
      return out;
    }
    JsonObject summary = tailored.getJsonObject("summary");
    if (summary != null) {
      out.add(Map.of("role", "Summary", "id", summary.getString("id"), "text", summary.getString("text")));
    }
    for (String section : List.of("work", "projects")) {
      JsonArray roles = tailored.getJsonArray(section, new JsonArray());
      for (int i = 0; i < roles.size(); i++) {
        JsonObject role = roles.getJsonObject(i);
        JsonArray bs = role.getJsonArray("bullets", new JsonArray());
        for (int b = 0; b < bs.size(); b++) {
          out.add(Map.of("role", role.getString("title", "") + " · " + role.getString("organisation", ""),
              "id", bs.getJsonObject(b).getString("id"), "text", bs.getJsonObject(b).getString("text")));
        }
      }
    }
    return out;
  }
}
