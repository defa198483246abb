package io.applyflow.render;

import io.applyflow.run.Document;
import io.applyflow.run.Job;
import io.applyflow.run.JobStatus;
import io.applyflow.run.Jobs;
import io.applyflow.run.RunBus;
import io.applyflow.run.Stages;
import io.applyflow.tailor.TailoredResume;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Render stage. A <b>worker</b> verticle: consumes {@code render.resume}, renders the tailored resume to a PDF
 * with openhtmltopdf (PDF/UA + PDF/A-3u) and runs the parse-back gate, and does the same for the cover letter; only a PDF whose text gives back the
 * name, contact details, headings and every chosen bullet in order is stored. Database calls are asynchronous;
 * the rendering runs in their callbacks, which Vert.x runs on this verticle's worker thread.
 */
public final class RenderVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(RenderVerticle.class);
  private final Jobs jobs;
  private final ResumePdf pdf;

  public RenderVerticle(Jobs jobs, ResumePdf pdf) {
    this.jobs = jobs;
    this.pdf = pdf;
  }

  @Override
  public Future<?> start() {
    return Stages.consume(vertx, RenderBus.RESUME, jobs, EnumSet.of(JobStatus.TAILORED), this::render);
  }

  private record Rendered(byte[] bytes, List<String> problems) {
  }

  private Future<RunBus.StageResult> render(RunBus.JobCommand cmd, Job job) {
    TailoredResume resume = job.tailored().mapTo(TailoredResume.class);
    long started = System.nanoTime();
    Rendered r;
    try {
      byte[] bytes = pdf.render(resume);
      r = new Rendered(bytes, ParseBackGate.check(bytes, resume));
    } catch (RuntimeException e) {
      return jobs.transition(cmd, "render", JobStatus.FAILED, "could not render the resume PDF: " + e.getMessage(), null);
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    Rendered letter = letter(resume, job.coverLetter());
    if (!r.problems().isEmpty()) {
      return jobs.transition(cmd, "render", JobStatus.FAILED,
          "the PDF failed the parse-back check, so it is not used: " + String.join("; ", r.problems()),
          new JsonObject().put("problems", new JsonArray(r.problems())));
    }
    String filename = fileName(resume.name(), "Resume");
    boolean letterOk = letter != null && letter.problems().isEmpty();
    String letterNote = letter == null ? "" : letterOk
        ? "; cover letter rendered and checked"
        : "; the cover letter PDF is not stored: " + String.join("; ", letter.problems());
    Previews previews = previews(cmd, r.bytes(), letterOk ? letter.bytes() : null);
    return jobs.transition(cmd, "render", JobStatus.RENDERED,
        "rendered " + filename + " (" + r.bytes().length / 1024 + " KB in " + ms + " ms); parse-back check passed"
            + letterNote + previews.note(),
        new JsonObject().put("bytes", r.bytes().length).put("ms", ms).put("sha256", Document.sha256(r.bytes()))
            .put("preview_ms", previews.ms()),
        conn -> Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.RESUME_PDF, filename,
                "application/pdf", r.bytes())
            .compose(id -> letterOk
                ? Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.COVER_LETTER_PDF,
                    fileName(resume.name(), "Cover_Letter"), "application/pdf", letter.bytes())
                : Future.succeededFuture(id))
            .compose(id -> storePreviews(conn, cmd, resume.name(), previews)));
  }

  /** Page-1 PNGs of the PDFs that are stored (null: none), how long they took, and a note for the job's event. */
  record Previews(byte[] resume, byte[] letter, long ms, String note) {
  }

  /**
   * Makes the previews of the PDFs that passed the gate, here on the worker thread. A preview is a convenience: one
   * that cannot be made is logged and noted on the timeline, never a reason to fail the job or drop its PDF.
   */
  static Previews previews(RunBus.JobCommand cmd, byte[] resumePdf, byte[] letterPdf) {
    long started = System.nanoTime();
    List<String> failed = new ArrayList<>();
    byte[] resume = preview(cmd, resumePdf, "resume", failed);
    byte[] letter = letterPdf == null ? null : preview(cmd, letterPdf, "cover letter", failed);
    long ms = (System.nanoTime() - started) / 1_000_000;
    return new Previews(resume, letter, ms, failed.isEmpty() ? "" : "; no preview of the " + String.join(" or the ", failed)
        + " (the PDF is unaffected)");
  }

  private static byte[] preview(RunBus.JobCommand cmd, byte[] pdf, String what, List<String> failed) {
    try {
      return Preview.png(pdf);
    } catch (RuntimeException e) {
      log.warn("job {}: no preview of the {}: {}", cmd.jobId(), what, e.toString());
      failed.add(what);
      return null;
    }
  }

  /** Stores the previews beside their PDFs, in the transaction that stores the PDFs. */
  private static Future<Long> storePreviews(SqlConnection conn, RunBus.JobCommand cmd, String name, Previews p) {
    Future<Long> stored = p.resume() == null ? Future.succeededFuture(0L)
        : Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.RESUME_PNG, pngName(name, "Resume"),
            "image/png", p.resume());
    return p.letter() == null ? stored : stored.compose(id -> Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(),
        Document.COVER_LETTER_PNG, pngName(name, "Cover_Letter"), "image/png", p.letter()));
  }

  /** {@code Richard_Hendriks_Resume.png}. */
  private static String pngName(String name, String what) {
    String pdf = fileName(name, what);
    return pdf.substring(0, pdf.length() - ".pdf".length()) + ".png";
  }

  /**
   * The cover letter PDF with its parse-back problems; null when the job has no letter. A letter that cannot be
   * rendered is a problem of the letter, never a reason to fail the job's resume.
   */
  private Rendered letter(TailoredResume resume, JsonObject coverLetter) {
    if (coverLetter == null || coverLetter.getJsonArray("paragraphs", new JsonArray()).isEmpty()) {
      return null;
    }
    List<String> paragraphs = new ArrayList<>();
    coverLetter.getJsonArray("paragraphs").forEach(p -> paragraphs.add(String.valueOf(p)));
    String contact = String.join(" · ", java.util.stream.Stream.of(resume.email(), resume.phone(), resume.location())
        .filter(s -> s != null && !s.isBlank()).toList());
    try {
      byte[] bytes = pdf.renderLetter(resume.name(), contact.isEmpty() ? null : contact, paragraphs);
      return new Rendered(bytes, ParseBackGate.checkLetter(bytes, resume.name(), contact, paragraphs));
    } catch (RuntimeException e) {
      return new Rendered(null, List.of("it could not be rendered: " + e.getMessage()));
    }
  }

  /** {@code Richard_Hendriks_Resume.pdf}: what a recruiter sees as the attachment's name. */
  static String fileName(String name, String what) {
    String safe = name == null ? "" : name.trim().replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_|_$", "");
    return safe.isEmpty() ? what + ".pdf" : safe + "_" + what + ".pdf";
  }
}
