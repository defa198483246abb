package io.applyflow.render;

import io.applyflow.job.JobBus;

import io.applyflow.job.Document;
import io.applyflow.job.Job;
import io.applyflow.job.JobStatus;
import io.applyflow.job.Jobs;
import io.applyflow.job.Stages;
import io.applyflow.settings.Settings;
import io.applyflow.settings.SettingsStore;
import io.applyflow.tailor.Bullet;
import io.applyflow.tailor.TailoredResume;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Render stage. A <b>worker</b> verticle: consumes {@code render.resume}, renders the tailored resume to a PDF with
 * openhtmltopdf (PDF/UA + PDF/A-3u) and runs the parse-back gate, and does the same for the cover letter; only a PDF
 * whose text gives back the name, contact details, headings and every chosen bullet in order is stored. The job owner's
 * settings choose the template, the paper and the page budget; {@link PageBudget} drops the lowest-ranked bullets until
 * the resume fits, and the render event names what it dropped. Database calls are asynchronous; the rendering runs in
 * their callbacks, which Vert.x runs on this verticle's worker thread.
 */
public final class RenderVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(RenderVerticle.class);
  private final Jobs jobs;
  private final ResumePdf pdf;
  private final SettingsStore settings;

  public RenderVerticle(Jobs jobs, ResumePdf pdf, SettingsStore settings) {
    this.jobs = jobs;
    this.pdf = pdf;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    return Stages.consume(vertx, RenderBus.RESUME, jobs, "render",
        (cmd, job) -> settings.load(cmd.userId()).compose(s -> render(cmd, job, options(s))));
  }

  /**
   * A rendered PDF read once: the parse-back gate's problems and, when it passes, its page-1 preview (null when the
   * preview could not be made).
   */
  record Checked(byte[] bytes, List<String> problems, byte[] png) {
    boolean passed() {
      return problems.isEmpty();
    }
  }

  private Future<JobBus.StageResult> render(JobBus.JobCommand cmd, Job job, RenderOptions options) {
    TailoredResume tailored = job.tailored().mapTo(TailoredResume.class);
    long started = System.nanoTime();
    List<String> noPreview = new ArrayList<>();
    PageBudget.Result fitted;
    Checked r;
    try {
      fitted = PageBudget.fit(tailored, options, relevance(job.tailorDiff()), pdf);
      // The gate checks the resume as printed: a bullet the budget dropped is not demanded back.
      r = check(cmd, fitted.pdf(), doc -> ParseBackGate.check(doc, fitted.resume()), "resume", noPreview);
    } catch (RuntimeException e) {
      return jobs.transition(cmd, "render", JobStatus.FAILED, "could not render the resume PDF: " + e.getMessage(), null);
    }
    long ms = (System.nanoTime() - started) / 1_000_000; // render, page budget, gate and preview of the resume
    if (!r.passed()) {
      return jobs.transition(cmd, "render", JobStatus.FAILED,
          "the PDF failed the parse-back check, so it is not used: " + String.join("; ", r.problems()),
          new JsonObject().put("problems", new JsonArray(r.problems())));
    }
    TailoredResume resume = fitted.resume();
    Checked letter = letter(cmd, resume, job.coverLetter(), options, noPreview);
    String filename = fileName(resume.name(), "Resume");
    boolean letterOk = letter != null && letter.passed();
    String letterNote = letter == null ? "" : letterOk
        ? "; cover letter rendered and checked"
        : "; the cover letter PDF is not stored: " + String.join("; ", letter.problems());
    return jobs.transition(cmd, "render", JobStatus.RENDERED,
        "rendered " + filename + " (" + r.bytes().length / 1024 + " KB in " + ms + " ms, " + fitted.describe(options)
            + "); parse-back check passed" + letterNote + previewNote(noPreview),
        budgetDetails(fitted, options)
            .put("bytes", r.bytes().length).put("ms", ms).put("sha256", Document.sha256(r.bytes())),
        conn -> Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.RESUME_PDF, filename,
                "application/pdf", r.bytes())
            .compose(id -> letterOk
                ? Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.COVER_LETTER_PDF,
                    fileName(resume.name(), "Cover_Letter"), "application/pdf", letter.bytes())
                : Future.succeededFuture(id))
            .compose(id -> storePreviews(conn, cmd, resume.name(), r.png(), letterOk ? letter.png() : null)));
  }

  /**
   * Reads {@code bytes} once, for the gate and, when it passes, the page-1 preview, here on the worker thread. A
   * preview is a convenience: one that cannot be made is logged and named in {@code noPreview}, never a reason to
   * fail the job or drop its PDF.
   */
  static Checked check(JobBus.JobCommand cmd, byte[] bytes, Function<PDDocument, List<String>> gate, String what,
                       List<String> noPreview) {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      List<String> problems = gate.apply(doc);
      return new Checked(bytes, problems, problems.isEmpty() ? preview(cmd, doc, what, noPreview) : null);
    } catch (IOException e) {
      return new Checked(bytes, List.of("the PDF could not be read: " + e.getMessage()), null);
    }
  }

  private static byte[] preview(JobBus.JobCommand cmd, PDDocument doc, String what, List<String> noPreview) {
    try {
      return Preview.png(doc);
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("job_id", cmd.jobId()).log("job {}: no preview of the {}: {}", cmd.jobId(), what,
          e.toString());
      noPreview.add(what);
      return null;
    }
  }

  /** The timeline's words for previews that could not be made; empty when every one was. */
  static String previewNote(List<String> noPreview) {
    return noPreview.isEmpty() ? "" : "; no preview of the " + String.join(" or the ", noPreview)
        + " (the PDF is unaffected)";
  }

  /** Stores the previews (null: none) beside their PDFs, in the transaction that stores the PDFs. */
  private static Future<Long> storePreviews(SqlConnection conn, JobBus.JobCommand cmd, String name, byte[] resume,
                                            byte[] letter) {
    Future<Long> stored = resume == null ? Future.succeededFuture(0L)
        : Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.RESUME_PNG, pngName(name, "Resume"),
            "image/png", resume);
    return letter == null ? stored : stored.compose(id -> Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(),
        Document.COVER_LETTER_PNG, pngName(name, "Cover_Letter"), "image/png", letter));
  }

  /** {@code Richard_Hendriks_Resume.png}. */
  private static String pngName(String name, String what) {
    String pdf = fileName(name, what);
    return pdf.substring(0, pdf.length() - ".pdf".length()) + ".png";
  }

  /**
   * The cover letter PDF, checked and previewed; null when the job has no letter. A letter that cannot be rendered is a
   * problem of the letter, never a reason to fail the job's resume. Rendered only once the resume has passed its gate.
   */
  private Checked letter(JobBus.JobCommand cmd, TailoredResume resume, JsonObject coverLetter, RenderOptions options,
                         List<String> noPreview) {
    if (coverLetter == null || coverLetter.getJsonArray("paragraphs", new JsonArray()).isEmpty()) {
      return null;
    }
    List<String> paragraphs = new ArrayList<>();
    coverLetter.getJsonArray("paragraphs").forEach(p -> paragraphs.add(String.valueOf(p)));
    try {
      byte[] bytes = pdf.renderLetter(resume, paragraphs, options);
      return check(cmd, bytes, doc -> ParseBackGate.checkLetter(doc, resume, paragraphs), "cover letter", noPreview);
    } catch (RuntimeException e) {
      return new Checked(null, List.of("it could not be rendered: " + e.getMessage()), null);
    }
  }

  /** The user's layout settings as render options; a stored value is always one the settings accept. */
  static RenderOptions options(Settings s) {
    RenderOptions.Template template = s.resumeTemplate().equals(RenderOptions.Template.COMPACT.id())
        ? RenderOptions.Template.COMPACT : RenderOptions.Template.CLASSIC;
    RenderOptions.Paper paper = s.paper().equals("a4") ? RenderOptions.Paper.A4 : RenderOptions.Paper.LETTER;
    return new RenderOptions(template, paper, s.resumePages());
  }

  /** Bullet id → the tailor's relevance score, from the job's {@code tailor_diff}; empty when there is none. */
  static Map<String, Double> relevance(JsonArray tailorDiff) {
    Map<String, Double> out = new HashMap<>();
    if (tailorDiff != null) {
      for (Object o : tailorDiff) {
        if (o instanceof JsonObject row && row.getString("id") != null
            && row.getValue("relevance") instanceof Number n) {
          out.put(row.getString("id"), n.doubleValue());
        }
      }
    }
    return out;
  }

  /** {dropped: [{id, text}], pages, max_pages, fits, template, paper, renders} for the render event. */
  static JsonObject budgetDetails(PageBudget.Result fitted, RenderOptions options) {
    JsonArray dropped = new JsonArray();
    for (Bullet b : fitted.dropped()) {
      dropped.add(new JsonObject().put("id", b.id()).put("text", b.text()));
    }
    return new JsonObject().put("dropped", dropped).put("pages", fitted.pages()).put("max_pages", options.maxPages())
        .put("fits", fitted.fits()).put("template", options.template().id())
        .put("paper", options.paper() == RenderOptions.Paper.A4 ? "a4" : "letter").put("renders", fitted.renders());
  }

  /** {@code Richard_Hendriks_Resume.pdf}: what a recruiter sees as the attachment's name. */
  static String fileName(String name, String what) {
    String safe = name == null ? "" : name.trim().replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_|_$", "");
    return safe.isEmpty() ? what + ".pdf" : safe + "_" + what + ".pdf";
  }
}
