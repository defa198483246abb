package io.applyflow.apply;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.config.Config;
import io.applyflow.profile.Profiles;
import io.applyflow.run.Document;
import io.applyflow.run.Job;
import io.applyflow.run.JobStatus;
import io.applyflow.run.Jobs;
import io.applyflow.run.RunBus;
import io.applyflow.run.Runs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apply stage. A <b>worker</b> verticle on the {@code apply} pool, one Playwright and one Chromium per instance
 * (started on first use, closed on undeploy), a fresh browser context per job. Consumes {@code apply.job} and
 * {@code apply.submit}. Database calls are asynchronous; the browser work runs in their callbacks, which Vert.x
 * runs on this instance's worker thread, one at a time.
 *
 * <p>Never submits twice: before the submit click a ledger row is committed; only the confirmation page marks
 * the job submitted. A ledger row without a confirmation means the outcome is unknown: the job goes to
 * needs_attention and is never submitted again automatically.
 */
public final class ApplyVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(ApplyVerticle.class);

  private final Config config;
  private final Jobs jobs;
  private final Runs runs;
  private final Profiles profiles;
  private final SubmitLedger ledger;
  private final GreenhouseHostedForm form = new GreenhouseHostedForm();
  private Playwright playwright;
  private Browser browser;

  public ApplyVerticle(Config config, Jobs jobs, Runs runs, Profiles profiles, SubmitLedger ledger) {
    this.config = config;
    this.jobs = jobs;
    this.runs = runs;
    this.profiles = profiles;
    this.ledger = ledger;
  }

  @Override
  public Future<?> start() {
    return Future.all(
        vertx.eventBus().<RunBus.JobCommand>consumer(ApplyBus.JOB, m -> handle(m, false)).completion(),
        vertx.eventBus().<RunBus.JobCommand>consumer(ApplyBus.SUBMIT, m -> handle(m, true)).completion());
  }

  @Override
  public Future<?> stop() {
    if (playwright != null) {
      playwright.close();
    }
    return Future.succeededFuture();
  }

  /** Everything a job needs before a browser opens. */
  private record Context(Job job, String mode, JsonObject profile, Document resume, SubmitLedger.Entry entry) {
  }

  private void handle(Message<RunBus.JobCommand> msg, boolean approved) {
    RunBus.JobCommand cmd = msg.body();
    jobs.get(cmd.jobId(), cmd.userId())
        .compose(job -> runs.get(job.runId(), cmd.userId()).compose(run -> profiles.load(cmd.userId())
            .compose(profile -> jobs.document(job.id(), cmd.userId(), Document.RESUME_PDF)
                .compose(pdf -> ledger.find(job)
                    .map(entry -> new Context(job, run.mode(), profile, pdf, entry))))))
        .compose(c -> decide(cmd, c, approved))
        .onSuccess(msg::reply)
        .onFailure(t -> {
          log.warn("apply failed for job {}: {}", cmd.jobId(), t.getMessage());
          Failure.reply(msg, t);
        });
  }

  private Future<RunBus.StageResult> decide(RunBus.JobCommand cmd, Context c, boolean approved) {
    JobStatus status = c.job().status();
    boolean ready = approved ? status == JobStatus.APPLYING
        : status == JobStatus.RENDERED || status == JobStatus.APPLYING;
    if (!ready) {
      return Future.succeededFuture(new RunBus.StageResult(c.job().id(), status.db()));
    }
    SubmitLedger.Entry entry = c.entry();
    if (entry != null) {
      if (entry.jobId() != c.job().id()) {
        return jobs.transition(cmd, "apply", JobStatus.DUPLICATE,
            "already applied to this posting (job " + entry.jobId() + ", " + entry.attemptedAt() + "); not opening it again",
            new JsonObject().put("other_job_id", entry.jobId()));
      }
      return entry.confirmed()
          ? jobs.transition(cmd, "apply", JobStatus.SUBMITTED, "the ledger already shows this job confirmed", null)
          : jobs.transition(cmd, "apply", JobStatus.NEEDS_ATTENTION,
              "submit outcome unknown: a submit was attempted at " + entry.attemptedAt()
                  + " but no confirmation was recorded; check the employer's site before doing anything", null);
    }
    // an apply.job for a job already applying is a restart's recovery: submit only if the run is in auto mode
    boolean submit = approved || "auto".equals(c.mode());
    return jobs.transition(cmd, "apply", JobStatus.APPLYING,
            submit ? "opening the application form to submit it" : "opening the application form (review mode)",
            new JsonObject().put("url", c.job().url()))
        .compose(v -> fillAndMaybeSubmit(cmd, c, submit));
  }

  /** An open page with the form filled; closed by whoever finishes with it. */
  private record Filled(BrowserContext context, Page page, List<FilledField> fields, byte[] screenshot) {
    void close() {
      try {
        context.close();
      } catch (RuntimeException ignored) {
        // the browser may already be gone; nothing to release then
      }
    }
  }

  private Future<RunBus.StageResult> fillAndMaybeSubmit(RunBus.JobCommand cmd, Context c, boolean submit) {
    Filled filled;
    BrowserContext context = browser().newContext();
    context.setDefaultTimeout(15_000);
    Page page = context.newPage();
    try {
      List<FilledField> fields = form.fill(page, c.job().url(), Applicants.from(c.profile()),
          new Upload(c.resume().filename(), c.resume().contentType(), c.resume().content()));
      filled = new Filled(context, page, fields, screenshot(page));
    } catch (RuntimeException e) {
      byte[] shot = screenshot(page);
      context.close();
      return trouble(cmd, e, shot, "before submitting");
    }
    JsonObject evidence = new JsonObject().put("fields", fieldsJson(filled.fields()));
    if (!submit) {
      filled.close();
      return jobs.transition(cmd, "apply", JobStatus.AWAITING_APPROVAL,
          "filled " + filled.fields().size() + " fields; waiting for your approval to submit", evidence,
          conn -> Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.SCREENSHOT, "filled-form.png",
              "image/png", filled.screenshot()));
    }
    return ledger.attempt(c.job())
        .compose(recorded -> recorded
            ? jobs.note(cmd, "apply", "ledger: submit attempt recorded; clicking submit", evidence)
                .compose(v -> clickSubmit(cmd, c, filled))
            : jobs.transition(cmd, "apply", JobStatus.DUPLICATE,
                "another attempt for this posting is already in the ledger; not submitting", null))
        .onComplete(ar -> filled.close());
  }

  private Future<RunBus.StageResult> clickSubmit(RunBus.JobCommand cmd, Context c, Filled filled) {
    Confirmation confirmation;
    try {
      confirmation = form.submit(filled.page());
    } catch (ApplyTrouble e) {
      byte[] shot = screenshot(filled.page());
      if (e.kind() == ApplyTrouble.Kind.VALIDATION) {
        // the form refused the submission and showed why: nothing was received, so the attempt is withdrawn
        return ledger.withdraw(c.job()).compose(v -> trouble(cmd, e, shot, "the form rejected the submission"));
      }
      return trouble(cmd, new ApplyTrouble(e.kind(), "submit outcome unknown: " + e.pageMessage()), shot,
          "after the submit click");
    } catch (RuntimeException e) {
      byte[] shot = screenshot(filled.page());
      return trouble(cmd, new RuntimeException("submit outcome unknown: " + e.getMessage(), e), shot,
          "after the submit click");
    }
    byte[] after = screenshot(filled.page());
    return jobs.transition(cmd, "apply", JobStatus.SUBMITTED,
        "submitted; the confirmation page says \"" + confirmation.heading() + "\"",
        new JsonObject().put("confirmation_url", confirmation.url()).put("fields", fieldsJson(filled.fields())),
        conn -> SubmitLedger.confirm(conn, c.job())
            .compose(v -> Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.SCREENSHOT,
                "before-submit.png", "image/png", filled.screenshot()))
            .compose(v -> after.length == 0 ? Future.succeededFuture() : Jobs.insertDocument(conn, cmd.jobId(),
                cmd.userId(), Document.SCREENSHOT, "confirmation.png", "image/png", after))
            .compose(v -> conn.preparedQuery("""
                    insert into applications (user_id, job_id, status) values ($1, $2, 'APPLIED')
                    on conflict on constraint applications_job_key do nothing""")
                .execute(Tuple.of(cmd.userId(), cmd.jobId()))));
  }

  private Future<RunBus.StageResult> trouble(RunBus.JobCommand cmd, Throwable e, byte[] shot, String when) {
    String kind = e instanceof ApplyTrouble t ? t.kind().name().toLowerCase() : "error";
    String message = e instanceof ApplyTrouble t ? t.pageMessage() : e.getMessage();
    JsonObject data = new JsonObject().put("kind", kind).put("when", when);
    return jobs.transition(cmd, "apply", JobStatus.NEEDS_ATTENTION, kind.replace('_', ' ') + " " + when + ": "
            + message, data,
        conn -> shot.length == 0 ? Future.succeededFuture()
            : Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.SCREENSHOT, "trouble.png", "image/png",
                shot));
  }

  private Browser browser() {
    if (browser == null || !browser.isConnected()) {
      String chromium = Browsers.detectChromium(config.chromiumPath());
      if (playwright == null) {
        playwright = Browsers.createPlaywright(chromium);
      }
      browser = Browsers.launch(playwright, chromium, config.headless());
      log.info("apply instance started {} ({})", browser.browserType().name(),
          chromium == null ? "browser managed by Playwright" : chromium);
    }
    return browser;
  }

  private static byte[] screenshot(Page page) {
    try {
      return page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setTimeout(10_000));
    } catch (RuntimeException e) {
      return new byte[0];
    }
  }

  private static JsonArray fieldsJson(List<FilledField> fields) {
    JsonArray out = new JsonArray();
    fields.forEach(f -> out.add(new JsonObject().put("field", f.field()).put("label", f.label())
        .put("value", f.value())
        .put("provenance", f.provenance())));
    return out;
  }
}
