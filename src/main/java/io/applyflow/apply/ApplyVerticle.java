package io.applyflow.apply;

import io.applyflow.job.JobBus;
import io.applyflow.job.Pacing;
import io.applyflow.job.SubmitLedger;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.config.Config;
import io.applyflow.platform.metrics.Metrics;
import io.applyflow.profile.Profiles;
import io.applyflow.job.Document;
import io.applyflow.job.Job;
import io.applyflow.job.JobStatus;
import io.applyflow.job.Jobs;
import io.applyflow.job.Runs;
import io.applyflow.settings.Settings;
import io.applyflow.settings.SettingsStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apply stage. A <b>worker</b> verticle, each instance on its own single-thread pool ({@code apply-<n>}), one
 * Playwright and one Chromium per instance (started on first use, closed on undeploy), a fresh browser context per job.
 * Consumes {@code apply.job} and {@code apply.submit}. Database calls are asynchronous; the browser work runs in their
 * callbacks, which Vert.x runs on this instance's one worker thread, one at a time: Playwright must only be called on
 * the thread that created it.
 *
 * <p>Before a browser opens, the job's {@link FillPlan} is computed from its form schema, the profile, the answer
 * bank and the job's PDFs, and stored. A required question without a trusted answer sends the job to needs_input;
 * nothing is guessed. Auto mode submits only when the score reaches {@code AUTO_SUBMIT_MIN_SCORE}; otherwise the
 * job waits for approval like in review mode.
 *
 * <p>The cover letter PDF the render stage stored (only a letter that passed its parse-back check is stored) is
 * uploaded like the resume when the form has a cover-letter file field and {@link Attachments} allows it: always for
 * a form the user approves, since the job page showed them the letter; for an unattended auto-mode submission only
 * with the user's {@code send_cover_letter_in_auto} setting. An auto-mode form that requires a letter the setting
 * withholds is held for approval; the plan stored for a held job is the one its approval will send.
 *
 * <p>The browser opens only what {@link AllowedOrigins} allows ({@link PostingTarget} picks the page: the posting's
 * link, or Greenhouse's own form for a Greenhouse posting whose link is elsewhere); a refused link ends the job in
 * needs_attention naming it, and every page is guarded by a {@link NavigationGuard}.
 *
 * <p>Never submits twice: before the submit click a ledger row is committed; only a confirmation (the ATS accepted
 * the form's POST and the page reached says so, see {@link HostedForm#submit}) marks the job submitted,
 * with the ATS's receipt when it named one. A ledger row without a confirmation means the outcome is unknown: the job goes to
 * needs_attention and is never submitted again automatically. Submissions are paced per board and capped per day.
 *
 * <p>A board that asks, after the submit click, for a security code it emailed ({@link SecurityCodeRequired}) keeps
 * its form open on this instance: the job waits in needs_input with the address and the time limit, the code comes
 * on {@code apply.code.<job id>} ({@link ApplyBus#enterCode}, registered only while the page is held), is typed and
 * submitted; past {@code SECURITY_CODE_WAIT_SECONDS} the page is closed and the job needs attention.
 */
public final class ApplyVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(ApplyVerticle.class);

  private final Config config;
  private final Jobs jobs;
  private final Runs runs;
  private final Profiles profiles;
  private final SubmitLedger ledger;
  private final AnswerBank answers;
  private final SettingsStore settings;
  private final Pacing pacing;
  private final AllowedOrigins allowed;
  private final HostedForm form;
  private Playwright playwright;
  private Browser browser;
  /** Forms left open on the board's security-code step, by job id ({@link SecurityCodeHold}). */
  private final Map<Long, SecurityCodeHold> held = new HashMap<>();

  public ApplyVerticle(Config config, Jobs jobs, Runs runs, Profiles profiles, SubmitLedger ledger,
                       AnswerBank answers, SettingsStore settings, AllowedOrigins allowed) {
    this.config = config;
    this.allowed = allowed;
    this.form = new HostedForm(allowed);
    this.jobs = jobs;
    this.runs = runs;
    this.profiles = profiles;
    this.ledger = ledger;
    this.answers = answers;
    this.settings = settings;
    this.pacing = new Pacing(Duration.ofSeconds(config.boardIntervalSeconds()), config.dailyCap());
  }

  @Override
  public Future<?> start() {
    return Future.all(
        vertx.eventBus().<JobBus.JobCommand>localConsumer(ApplyBus.JOB, m -> handle(m, false)).completion(),
        vertx.eventBus().<JobBus.JobCommand>localConsumer(ApplyBus.SUBMIT, m -> handle(m, true)).completion());
  }

  @Override
  public Future<?> stop() {
    if (playwright != null) {
      playwright.close();
    }
    return Future.succeededFuture();
  }

  /**
   * Everything a job needs before a browser opens; {@code letter} is null when the job has no checked letter;
   * {@code schema} is the form's schema: the stored one, or for a form read from the page ({@link PageSchema}) what
   * the page showed this time.
   */
  private record Context(Job job, Runs.Run run, JsonObject profile, Document resume, Document letter,
                         SubmitLedger.Entry entry, Map<String, SavedAnswer> saved, Settings settings,
                         JsonObject schema) {
    Context withSchema(JsonObject read) {
      return new Context(job, run, profile, resume, letter, entry, saved, settings, read);
    }
  }

  /** A form opened (and read) before its plan was made; handed to the filler, or closed. */
  private record Opened(BrowserContext context, OpenForm form) {
    void close() {
      try {
        context.close();
      } catch (RuntimeException ignored) {
        // the browser may already be gone; nothing to release then
      }
    }
  }

  private void handle(Message<JobBus.JobCommand> msg, boolean approved) {
    JobBus.JobCommand cmd = msg.body();
    long user = cmd.userId();
    jobs.get(cmd.jobId(), user)
        .compose(job -> runs.get(job.runId(), user).compose(run -> profiles.load(user)
            .compose(profile -> jobs.document(job.id(), user, Document.RESUME_PDF)
                .compose(pdf -> letter(job, user).compose(letter -> ledger.find(job)
                    .compose(entry -> answers.load(user).compose(saved -> settings.load(user)
                        .map(s -> new Context(job, run, profile, pdf, letter, entry, saved, s,
                            job.questions() == null ? new JsonObject() : job.questions())))))))))
        .compose(c -> decide(cmd, c, approved))
        .onSuccess(msg::reply)
        .onFailure(t -> {
          log.warn("apply failed for job {}: {}", cmd.jobId(), t.getMessage());
          Failure.reply(msg, t);
        });
  }

  private Future<JobBus.StageResult> decide(JobBus.JobCommand cmd, Context c, boolean approved) {
    JobStatus status = c.job().status();
    boolean ready = approved ? status == JobStatus.APPLYING
        : status == JobStatus.RENDERED || status == JobStatus.APPLYING;
    if (!ready) {
      return Future.succeededFuture(new JobBus.StageResult(c.job().id(), status.db()));
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
    Job job = c.job();
    PostingTarget target = PostingTarget.choose(job.source(), job.board(), job.externalId(), job.apiUrl(), job.url(),
        allowed);
    if (target.url() == null) {
      return jobs.transition(cmd, "apply", JobStatus.NEEDS_ATTENTION, target.refusal(),
          new JsonObject().put("kind", "refused_url").put("refused_url", job.url()));
    }
    if (PageSchema.fromPage(c.schema())) {
      return readFromPage(cmd, c, approved, target);
    }
    return plan(cmd, c, approved, target, null);
  }

  /**
   * An ATS whose API publishes no questions (Lever, Ashby): the form is opened first and its labelled controls read
   * ({@link HostedForm#read}) before anything is typed; the plan is then made from them exactly as from an API's
   * schema, and the same open page is filled. The schema read is stored with the plan, so the job page and the
   * answer routes show the page's questions.
   */
  private Future<JobBus.StageResult> readFromPage(JobBus.JobCommand cmd, Context c, boolean approved,
                                                  PostingTarget target) {
    BrowserContext context = browser().newContext();
    context.setDefaultTimeout(15_000);
    Page page = context.newPage();
    Opened opened;
    List<PageField> fields;
    try {
      OpenForm open = form.open(page, target.url());
      fields = form.read(open);
      opened = new Opened(context, open);
    } catch (RuntimeException e) {
      byte[] shot = screenshot(page);
      context.close();
      return trouble(cmd, e, shot, "while reading the form");
    }
    log.info("job {}: read {} fields from the application page {}", cmd.jobId(), fields.size(), page.url());
    return plan(cmd, c.withSchema(PageSchema.of(fields, c.schema())), approved, target, opened);
  }

  /**
   * Plans the form and fills it (in {@code opened} when the form was already opened to be read), or stops for the
   * user's answers; {@code opened} is closed on every way that does not fill it.
   */
  private Future<JobBus.StageResult> plan(JobBus.JobCommand cmd, Context c, boolean approved, PostingTarget target,
                                          Opened opened) {
    Job job = c.job();
    // What the user approves (and what review mode sends): the letter they saw on the job page goes with it.
    FillPlan reviewed = planFor(c, Attachments.review(c.resume().filename(), letterName(c)));
    List<PlanEntry> open = reviewed.missingRequired();
    if (!open.isEmpty()) {
      JsonArray questions = new JsonArray();
      open.forEach(e -> questions.add(new JsonObject().put("field", e.field()).put("label", e.label())
          .put("type", e.type()).put("sensitive", e.category().isSensitive())));
      if (opened != null) {
        opened.close();
      }
      return jobs.transition(cmd, "apply", JobStatus.NEEDS_INPUT, "needs your answer to " + open.size()
              + " required question(s): " + String.join("; ", open.stream().map(PlanEntry::label).toList()),
          new JsonObject().put("questions", questions), storePlan(cmd, c, reviewed));
    }
    // an apply.job for a job already applying is a restart's recovery: submit only if the run is in auto mode
    boolean unattended = !approved && "auto".equals(c.run().mode());
    FillPlan unattendedPlan = unattended ? planFor(c, Attachments.auto(c.resume().filename(), letterName(c),
        c.settings().sendCoverLetterInAuto())) : null;
    String held = unattended ? autoSubmitBlocker(c, unattendedPlan) : null;
    boolean submit = approved || (unattended && held == null);
    // A held job waits for the user, who then approves the reviewed plan: store and fill that one.
    FillPlan plan = unattended && held == null ? unattendedPlan : reviewed;
    String opening = submit ? "opening the application form to submit it"
        : held != null ? "auto mode holds this one for your approval: " + held
        : "opening the application form (review mode)";
    JsonObject openedData = new JsonObject().put("url", target.url()).put("planned", plan.filled().size());
    if (target.note() != null) {
      opening += "; " + target.note();
      openedData.put("posting_url", job.url()).put("substituted", target.note());
    }
    if (opened != null) {
      opening += "; the form's " + c.schema().getJsonArray("questions", new JsonArray()).size()
          + " fields were read from the page";
    }
    return jobs.transition(cmd, "apply", JobStatus.APPLYING, opening, openedData, storePlan(cmd, c, plan))
        .onFailure(t -> {
          if (opened != null) {
            opened.close();
          }
        })
        .compose(v -> fillAndMaybeSubmit(cmd, c, target.url(), plan, submit, opened));
  }

  /** Stores the plan, and a schema read from the page with it. */
  private static Function<SqlConnection, Future<?>> storePlan(JobBus.JobCommand cmd, Context c, FillPlan plan) {
    JsonObject json = planJson(plan);
    if (!PageSchema.fromPage(c.schema())) {
      return conn -> conn.preparedQuery("update jobs set fill_plan = $3 where id = $1 and user_id = $2")
          .execute(Tuple.of(cmd.jobId(), cmd.userId(), json));
    }
    return conn -> conn.preparedQuery("update jobs set fill_plan = $3, questions = $4 where id = $1 and user_id = $2")
        .execute(Tuple.of(cmd.jobId(), cmd.userId(), json, c.schema()));
  }

  /** The job's cover letter PDF, or null when there is none (no letter, or it failed its parse-back check). */
  private Future<Document> letter(Job job, long userId) {
    return jobs.document(job.id(), userId, Document.COVER_LETTER_PDF)
        .recover(t -> Failure.of(t) == Failure.NOT_FOUND ? Future.succeededFuture(null) : Future.failedFuture(t));
  }

  private static String letterName(Context c) {
    return c.letter() == null ? null : c.letter().filename();
  }

  /** Why auto mode must not submit this job on its own, or null when it may. */
  private String autoSubmitBlocker(Context c, FillPlan plan) {
    Integer score = c.job().score();
    if (score == null || score < config.autoSubmitMinScore()) {
      return "its score " + score + " is below AUTO_SUBMIT_MIN_SCORE " + config.autoSubmitMinScore();
    }
    return plan.unattendedBlocker();
  }

  /** The plan from the schema, the profile, the answer bank and the job's PDFs, plus the phone country. */
  private static FillPlan planFor(Context c, Attachments files) {
    FillPlan plan = FillPlanner.plan(c.schema(), c.profile(), c.saved(), files);
    ApplicantData applicant = Applicants.from(c.profile());
    boolean hasCountry = plan.entries().stream().anyMatch(e -> "country".equals(e.field()));
    if (applicant.country() == null || hasCountry || applicant.phone() == null) {
      return plan;
    }
    List<PlanEntry> entries = new ArrayList<>(plan.entries());
    entries.add(new PlanEntry("country", "Country (phone)", "multi_value_single_select", false, null,
        List.of(applicant.country()), Applicants.countryProvenance(c.profile()), Sensitivity.NONE));
    return new FillPlan(entries);
  }

  static JsonObject planJson(FillPlan plan) {
    JsonArray entries = new JsonArray();
    for (PlanEntry e : plan.entries()) {
      entries.add(new JsonObject().put("field", e.field()).put("label", e.label()).put("type", e.type())
          .put("required", e.required()).put("value", e.value()).put("options", new JsonArray(e.options()))
          .put("provenance", e.provenance()).put("category", e.category().name()).put("reason", e.reason()));
    }
    return new JsonObject().put("entries", entries);
  }

  /** An open page with the form filled; closed by whoever finishes with it. */
  private record Filled(BrowserContext context, Page page, FillReport report, byte[] screenshot) {
    void close() {
      try {
        context.close();
      } catch (RuntimeException ignored) {
        // the browser may already be gone; nothing to release then
      }
    }
  }

  private Future<JobBus.StageResult> fillAndMaybeSubmit(JobBus.JobCommand cmd, Context c, String url, FillPlan plan,
                                                        boolean submit, Opened opened) {
    Filled filled;
    BrowserContext context = opened != null ? opened.context() : browser().newContext();
    context.setDefaultTimeout(15_000);
    Page page = opened != null ? opened.form().page() : context.newPage();
    try {
      Document letter = c.letter();
      Map<String, Upload> files = new HashMap<>();
      files.put(PlanEntry.RESUME_DOCUMENT,
          new Upload(c.resume().filename(), c.resume().contentType(), c.resume().content()));
      if (letter != null) {
        files.put(PlanEntry.COVER_LETTER_DOCUMENT, new Upload(letter.filename(), letter.contentType(), letter.content()));
      }
      FillReport report = form.fill(opened != null ? opened.form() : form.open(page, url), plan, files);
      filled = new Filled(context, page, report, screenshot(page));
    } catch (RuntimeException e) {
      byte[] shot = screenshot(page);
      context.close();
      return trouble(cmd, e, shot, "before submitting");
    }
    JsonObject evidence = new JsonObject().put("fields", fieldsJson(filled.report().filled()))
        .put("required_on_page", new JsonArray(filled.report().requiredOnPage()))
        .put("resume_sha256", c.resume().sha256());
    boolean letterAttached = filled.report().filled().stream()
        .anyMatch(f -> PlanEntry.COVER_LETTER_DOCUMENT.equals(f.provenance()));
    if (letterAttached) {
      evidence.put("cover_letter_sha256", c.letter().sha256());
    }
    if (!filled.report().requiredUnfilled().isEmpty()) {
      filled.close();
      return jobs.transition(cmd, "apply", JobStatus.NEEDS_ATTENTION,
          "the page requires fields the form's schema did not announce, so there is no trusted answer and nothing "
              + "was guessed: " + filled.report().requiredUnfilled(), evidence,
          conn -> Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.SCREENSHOT, "filled-form.png",
              "image/png", filled.screenshot()));
    }
    if (!submit) {
      filled.close();
      return jobs.transition(cmd, "apply", JobStatus.AWAITING_APPROVAL,
          "filled " + filled.report().filled().size() + " fields; waiting for your approval to submit", evidence,
          conn -> Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.SCREENSHOT, "filled-form.png",
              "image/png", filled.screenshot()));
    }
    return paced(c.job())
        .compose(attempt -> switch (attempt.outcome()) {
          case CAPPED -> jobs.transition(cmd, "apply", JobStatus.AWAITING_APPROVAL, "the daily cap of "
                  + pacing.dailyCap() + " submissions is reached, so nothing was sent; submit it later from the review "
                  + "queue", evidence,
              conn -> Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.SCREENSHOT, "filled-form.png",
                  "image/png", filled.screenshot()));
          case ALREADY -> jobs.transition(cmd, "apply", JobStatus.DUPLICATE,
              "another attempt for this posting is already in the ledger; not submitting",
              new JsonObject().put("other_job_id", attempt.already().jobId()).put("state", attempt.already().state()));
          case ATTEMPTED -> jobs.note(cmd, "apply", "ledger: submit attempt recorded; clicking submit", evidence)
              .compose(v -> clickSubmit(cmd, c, filled, evidence));
          case WAIT -> Future.failedFuture(new IllegalStateException("paced() waits out every WAIT"));
        })
        .onComplete(ar -> {
          SecurityCodeHold h = held.get(cmd.jobId());
          if (h == null || h.page() != filled.page()) {
            filled.close();
          }
        });
  }

  /**
   * Asks the ledger for the submission, waiting out the board's interval (the filled form stays open) and asking
   * again until it is recorded, capped or already taken: never WAIT. The decision and the ledger row are one
   * transaction ({@link SubmitLedger#attempt}).
   */
  private Future<SubmitLedger.Attempt> paced(Job job) {
    return ledger.attempt(job, pacing).compose(attempt -> {
      switch (attempt.outcome()) {
        case ATTEMPTED -> Metrics.submission("attempted");
        case CAPPED -> Metrics.submission("capped");
        case ALREADY -> Metrics.submission("duplicate");
        case WAIT -> {
          Metrics.submission("paced");
          log.info("pacing: waiting {} ms before submitting to board {}", attempt.waitMillis(), job.board());
          Promise<Void> waited = Promise.promise();
          vertx.setTimer(attempt.waitMillis(), t -> waited.complete());
          return waited.future().compose(v -> paced(job));
        }
      }
      return Future.succeededFuture(attempt);
    });
  }

  private Future<JobBus.StageResult> clickSubmit(JobBus.JobCommand cmd, Context c, Filled filled,
                                                 JsonObject evidence) {
    Confirmation confirmation;
    try {
      confirmation = form.submit(filled.page());
    } catch (SecurityCodeRequired e) {
      return holdForCode(cmd, c, filled, evidence, e);
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
    return confirmed(cmd, c, filled, evidence, confirmation);
  }

  /** The job submitted: ledger confirmed, receipt, screenshots, the application row, in one transaction. */
  private Future<JobBus.StageResult> confirmed(JobBus.JobCommand cmd, Context c, Filled filled, JsonObject evidence,
                                               Confirmation confirmation) {
    byte[] after = screenshot(filled.page());
    JsonObject confirmed = evidence.copy().put("confirmation_url", confirmation.url())
        .put("post_status", confirmation.postStatus()).put("confirmation_heading", confirmation.heading())
        .put("confirmation_text", confirmation.message()).put("receipt", confirmation.receipt());
    return jobs.transition(cmd, "apply", JobStatus.SUBMITTED,
        "submitted: the ATS accepted the form (HTTP " + confirmation.postStatus() + ") and its page says \""
            + confirmation.message() + "\"" + (confirmation.receipt() == null ? ""
            : "; its id for the application: " + confirmation.receipt()),
        confirmed,
        conn -> SubmitLedger.confirm(conn, c.job(), confirmation.receipt())
            .compose(v -> Jobs.insertDocument(conn, cmd.jobId(), cmd.userId(), Document.SCREENSHOT,
                "before-submit.png", "image/png", filled.screenshot()))
            .compose(v -> after.length == 0 ? Future.succeededFuture() : Jobs.insertDocument(conn, cmd.jobId(),
                cmd.userId(), Document.SCREENSHOT, "confirmation.png", "image/png", after))
            // the tracker's row (the job's own fields, copied once) and its first activity entry
            .compose(v -> conn.preparedQuery("""
                    with app as (
                      insert into applications (user_id, job_id, status, company, position, url, location, score,
                        origin, applied_at)
                      select j.user_id, j.id, 'APPLIED', j.company, j.title, j.url, j.location, j.score, 'run', now()
                        from jobs j where j.id = $2 and j.user_id = $1
                      on conflict on constraint applications_job_key do nothing
                      returning id, user_id)
                    insert into application_events (application_id, user_id, kind, to_status, message)
                    select id, user_id, 'created', 'APPLIED', 'Submitted by a run' from app""")
                .execute(Tuple.of(cmd.userId(), cmd.jobId()))))
        .onSuccess(r -> Metrics.submission("confirmed"));
  }

  // --- the email security code ---------------------------------------------------------------------

  /**
   * The board asked for the security code it emailed: the form stays open on this instance, the job waits in
   * needs_input for the code ({@code apply.code.<job id>}, see {@link ApplyBus#enterCode}) until
   * {@code SECURITY_CODE_WAIT_SECONDS}, then the page is closed and the job needs attention. The ledger row stays an
   * attempt: only a confirmation confirms it.
   */
  private Future<JobBus.StageResult> holdForCode(JobBus.JobCommand cmd, Context c, Filled filled, JsonObject evidence,
                                                 SecurityCodeRequired asked) {
    long jobId = cmd.jobId();
    SecurityCodeHold h = new SecurityCodeHold(cmd, asked.recipient(),
        Instant.now().plusSeconds(config.securityCodeWaitSeconds()), filled.page());
    held.put(jobId, h);
    h.consumer = vertx.eventBus().consumer(ApplyBus.codeAddress(jobId), m -> enterCode(jobId, c, filled, evidence, m));
    h.timer = vertx.setTimer(config.securityCodeWaitSeconds() * 1000L, t -> expire(jobId, filled));
    byte[] shot = screenshot(filled.page());
    log.info("job {}: the board asked for the security code sent to {}; holding the form open until {}", jobId,
        h.email(), h.expiresAt());
    return h.consumer.completion()
        .compose(v -> jobs.transition(cmd, "apply", JobStatus.NEEDS_INPUT, h.ask(null), h.data(null),
            conn -> shot.length == 0 ? Future.succeededFuture()
                : Jobs.insertDocument(conn, jobId, cmd.userId(), Document.SCREENSHOT, "security-code.png",
                    "image/png", shot)))
        .onFailure(t -> release(jobId, filled));
  }

  /** Types a code into the held form and submits it; replies {@code {job_id, status, accepted, message}}. */
  private void enterCode(long jobId, Context c, Filled filled, JsonObject evidence, Message<JsonObject> m) {
    SecurityCodeHold h = held.get(jobId);
    if (h == null || h.page() != filled.page()) {
      m.fail(Failure.CONFLICT.code, "the form of job " + jobId + " is no longer open for a security code");
      return;
    }
    if (m.body().getLong("user_id", -1L) != h.cmd().userId()) {
      m.fail(Failure.NOT_FOUND.code, "no job " + jobId);
      return;
    }
    JobBus.JobCommand cmd = h.cmd();
    Confirmation confirmation;
    try {
      confirmation = form.submitSecurityCode(filled.page(), m.body().getString("code", ""));
    } catch (SecurityCodeRequired refused) {
      // the board refused the code and still shows its step: the form stays open for another code
      String said = refused.pageMessage();
      jobs.transition(cmd, "apply", JobStatus.NEEDS_INPUT, h.ask(said), h.data(said))
          .onComplete(ar -> m.reply(h.reply(JobStatus.NEEDS_INPUT, false, said)));
      return;
    } catch (RuntimeException e) {
      byte[] shot = screenshot(filled.page());
      release(jobId, filled);
      String said = e instanceof ApplyTrouble t ? t.pageMessage() : e.getMessage();
      Throwable unknown = e instanceof ApplyTrouble t ? new ApplyTrouble(t.kind(), "submit outcome unknown: " + said)
          : new RuntimeException("submit outcome unknown: " + said, e);
      trouble(cmd, unknown, shot, "after the security code was entered")
          .onComplete(ar -> m.reply(h.reply(JobStatus.NEEDS_ATTENTION, false, "submit outcome unknown: " + said)));
      return;
    }
    SecurityCodeHold done = held.remove(jobId);
    done.stop(vertx);
    confirmed(cmd, c, filled, evidence, confirmation).onComplete(ar -> {
      filled.close();
      if (ar.succeeded()) {
        m.reply(h.reply(JobStatus.SUBMITTED, true, confirmation.message()));
      } else {
        Failure.reply(m, ar.cause());
      }
    });
  }

  /** The time for the code is up: the form is closed unsent and the job, if it still waits, needs attention. */
  private void expire(long jobId, Filled filled) {
    SecurityCodeHold h = held.get(jobId);
    if (h == null || h.page() != filled.page()) {
      return;
    }
    release(jobId, filled);
    log.info("job {}: no security code by {}; the form is closed", jobId, h.expiresAt());
    jobs.moveIfIn(h.cmd(), EnumSet.of(JobStatus.NEEDS_INPUT), JobStatus.NEEDS_ATTENTION, "apply",
            "the security code was not entered in time: the form waited " + SecurityCodeHold.words(
                config.securityCodeWaitSeconds()) + " for the code sent to " + h.email() + " and is closed now. The "
                + "submit was attempted, so Applyflow will not send this application again on its own; check the "
                + "employer's site before doing anything")
        .onFailure(t -> log.warn("job {}: could not record the security code's expiry: {}", jobId, t.getMessage()));
  }

  /** Stops waiting for {@code jobId}'s code and closes its form. */
  private void release(long jobId, Filled filled) {
    SecurityCodeHold h = held.get(jobId);
    if (h != null && h.page() == filled.page()) {
      held.remove(jobId).stop(vertx);
    }
    filled.close();
  }

  private Future<JobBus.StageResult> trouble(JobBus.JobCommand cmd, Throwable e, byte[] shot, String when) {
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
      browser = Browsers.launch(playwright, chromium, config.headless(), config.chromiumNoSandbox());
      log.info("apply instance started {} ({}, {}); it opens Greenhouse's job boards{}", browser.browserType().name(),
          chromium == null ? "browser managed by Playwright" : chromium,
          Browsers.sandboxOff(config.chromiumNoSandbox()) ? "without Chromium's sandbox" : "Chromium's sandbox on",
          allowed.extraOrigins().isEmpty() ? "" : " and " + allowed.extraOrigins());
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
        .put("value", f.value()).put("provenance", f.provenance())));
    return out;
  }
}
