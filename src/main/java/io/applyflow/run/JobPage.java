package io.applyflow.run;

import io.applyflow.job.Job;
import io.applyflow.job.Jobs;
import io.applyflow.job.Runs;
import io.applyflow.llm.LlmSpend;

import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Views;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job as one document ({@code GET /api/job/{id}}) and as the job page or its live fragments, read from Postgres
 * through the owner's id. Shared by the routes that show a job and those that act on it, so an action answers with
 * the same fragment the page shows.
 */
final class JobPage {
  /** The fragments the job page's SSE stream keeps up to date, in page order. */
  static final List<String> LIVE = List.of("job-decision", "job-questions", "job-prepared", "job-evidence",
      "job-timeline");

  private final Jobs jobs;
  private final Runs runs;
  private final Views views;
  private final LlmSpend llm;

  JobPage(Jobs jobs, Runs runs, Views views, LlmSpend llm) {
    this.jobs = jobs;
    this.runs = runs;
    this.views = views;
    this.llm = llm;
  }

  /** The job's whole document: summary, score, documents, plan, events; NOT_FOUND for someone else's job. */
  Future<JsonObject> detail(long jobId, long userId) {
    return jobs.get(jobId, userId).compose(job -> detail(job, userId));
  }

  private Future<JsonObject> detail(Job job, long userId) {
    long jobId = job.id();
    return runs.get(job.runId(), userId).compose(run ->
        jobs.events(jobId, userId).compose(events -> jobs.documents(jobId, userId).compose(docs -> llm.job(jobId,
            userId).map(cost -> job.summary()
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
            .put("llm", cost.json())
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

  /** What to tell the person above the job, worked out from the job as it is now; null for nothing. */
  interface Flash {
    Flash NONE = job -> null;

    String of(Job job);
  }

  /**
   * The page's model: {@link JobView#model} plus the form token, and a notice and an error (for {@code #job-flash})
   * derived from the same read of the job.
   */
  Future<Map<String, Object>> model(RoutingContext ctx, long jobId, long userId, Flash notice, Flash error) {
    return jobs.get(jobId, userId).compose(job -> detail(job, userId).map(d -> {
      Map<String, Object> model = JobView.model(d);
      model.put("csrf", ctx.get(Auth.CSRF));
      model.put("notice", notice.of(job));
      model.put("error", error.of(job));
      return model;
    }));
  }

  /**
   * Renders the whole page, or for htmx only {@code fragment} plus the notice or error in {@code #job-flash} (out of
   * band, so the page's live updates do not wipe it), with {@code status}.
   */
  Future<Void> render(RoutingContext ctx, long jobId, long userId, int status, String fragment, Flash notice,
                      Flash error) {
    return model(ctx, jobId, userId, notice, error).map(model -> {
      boolean htmx = ctx.request().getHeader("HX-Request") != null;
      String body = htmx ? views.render("job/page", fragment, model) + views.render("job/page", "job-flash", model)
          : views.render("job/page", null, model);
      Views.html(ctx, status, body);
      return null;
    });
  }

  /** The live fragments of the job page as they are now, by SSE event name. */
  Future<Map<String, String>> fragments(RoutingContext ctx, long jobId, long userId) {
    return model(ctx, jobId, userId, Flash.NONE, Flash.NONE).map(model -> {
      Map<String, String> out = new LinkedHashMap<>();
      for (String f : LIVE) {
        out.put(f, views.render("job/page", f, model));
      }
      return out;
    });
  }
}
