package io.applyflow.run;

import io.applyflow.job.Jobs;
import io.applyflow.job.Document;

import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Reading a job over HTTP: {@code GET /api/job/{id}}, its PDFs, their page-1 previews ({@code resume.png},
 * {@code cover-letter.png}) and documents, and the job page {@code /jobs/{id}}
 * with its live fragments streamed over SSE from {@code /jobs/{id}/events}. What the user does to a job (submit,
 * approve, discard, answer) is in {@link ReviewRoutes}.
 */
public final class JobRoutes {
  private final Vertx vertx;
  private final Jobs jobs;
  private final JobPage pages;

  private final Live live;

  private JobRoutes(Vertx vertx, Jobs jobs, JobPage pages, Live live) {
    this.vertx = vertx;
    this.live = live;
    this.jobs = jobs;
    this.pages = pages;
  }

  static void mount(Router router, Vertx vertx, Jobs jobs, JobPage pages, Live live) {
    JobRoutes r = new JobRoutes(vertx, jobs, pages, live);
    router.get("/api/job/:job_id").handler(Auth.requireApiUser()).handler(r::apiGet);
    router.get("/api/job/:job_id/resume.pdf").handler(Auth.requireApiUser()).handler(r::resumePdf);
    router.get("/api/job/:job_id/cover-letter.pdf").handler(Auth.requireApiUser()).handler(r::coverLetterPdf);
    router.get("/api/job/:job_id/resume.png").handler(Auth.requireApiUser()).handler(r.newest(Document.RESUME_PNG));
    router.get("/api/job/:job_id/cover-letter.png").handler(Auth.requireApiUser())
        .handler(r.newest(Document.COVER_LETTER_PNG));
    router.get("/api/job/:job_id/documents/:doc_id").handler(Auth.requireApiUser()).handler(r::documentById);
    router.get("/jobs/:job_id").handler(Auth.requirePageUser()).handler(r::page);
    router.get("/jobs/:job_id/events").handler(Auth.requirePageUser()).handler(r::stream);
    router.get("/jobs/:job_id/resume.pdf").handler(Auth.requirePageUser()).handler(r::resumePdf);
    router.get("/jobs/:job_id/cover-letter.pdf").handler(Auth.requirePageUser()).handler(r::coverLetterPdf);
    router.get("/jobs/:job_id/resume.png").handler(Auth.requirePageUser()).handler(r.newest(Document.RESUME_PNG));
    router.get("/jobs/:job_id/cover-letter.png").handler(Auth.requirePageUser())
        .handler(r.newest(Document.COVER_LETTER_PNG));
    router.get("/jobs/:job_id/documents/:doc_id").handler(Auth.requirePageUser()).handler(r::documentById);
  }

  private void apiGet(RoutingContext ctx) {
    pages.detail(Http.idParam(ctx, "job_id"), Auth.userId(ctx))
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

  /**
   * The newest document of a kind (a preview PNG), read through the caller's own id: another user's job, or a job
   * without one, is a 404. The headers are those of every document (no-store, same-origin: {@code SecurityHeaders}).
   */
  private Handler<RoutingContext> newest(String kind) {
    return ctx -> jobs.document(Http.idParam(ctx, "job_id"), Auth.userId(ctx), kind)
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
        .end(Buffer.buffer(doc.content()));
  }

  /**
   * The job page. After a decision without JavaScript the browser is sent back here (POST-redirect-GET) with
   * {@code ?done=<action>} or {@code ?refused=<action>}; the words shown are derived from the job's state, never
   * taken from the address.
   */
  private void page(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    long userId = Auth.userId(ctx);
    String done = ctx.request().getParam("done");
    String refused = ctx.request().getParam("refused");
    pages.render(ctx, jobId, userId, 200, "job-decision",
            done == null ? JobPage.Flash.NONE : job -> ReviewRoutes.doneWords(done, job),
            refused == null ? JobPage.Flash.NONE : job -> ReviewRoutes.refusalWords(refused, job))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void stream(RoutingContext ctx) {
    long jobId = Http.idParam(ctx, "job_id");
    long userId = Auth.userId(ctx);
    live.openIf(ctx, userId, jobs.get(jobId, userId), p -> p.jobId() == jobId,
        () -> pages.fragments(ctx, jobId, userId));
  }
}
