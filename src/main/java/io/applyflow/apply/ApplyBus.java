package io.applyflow.apply;

import io.applyflow.job.JobBus;
import io.applyflow.job.JobStatus;
import io.applyflow.job.StageWorker;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * Contract of the apply stage, consumed by {@link ApplyVerticle} on the {@code apply} worker pool.
 * {@code apply.job}: fill a rendered job's form; in review mode stop before submitting (awaiting_approval), in
 * auto mode submit and wait for the confirmation. {@code apply.submit}: submit a job the user approved.
 * {@code apply.code.<job id>}: the security code for a job whose form waits for one; registered only by the apply
 * instance that holds that form's page open, for as long as it does (the clustered event bus routes it to that
 * node), so "no handlers" means the page is gone. Body and reply: see {@link #enterCode}.
 */
public final class ApplyBus {
  public static final String JOB = "apply.job";
  public static final String SUBMIT = "apply.submit";
  static final long TIMEOUT_MS = 600_000;
  /** Typing a code, the click and the board's answer: the submit's own limits plus room to spare. */
  static final long CODE_TIMEOUT_MS = 120_000;

  private ApplyBus() {
  }

  /**
   * The apply stage as its worker claims for it: a job the user approved goes to {@link #SUBMIT}, any other (a new
   * one, or one whose work stopped with its node) to {@link #JOB}, whose ledger check decides. A failure needs the
   * user's attention; {@link #TIMEOUT_MS} covers the board's pacing interval and the form's own limits.
   */
  public static StageWorker.Stage stage(int concurrency) {
    return new StageWorker.Stage("apply", c -> c.submitApproved() ? SUBMIT : JOB, TIMEOUT_MS,
        JobStatus.NEEDS_ATTENTION, concurrency);
  }

  /** The address of the page held open for {@code jobId}'s security code. */
  public static String codeAddress(long jobId) {
    return "apply.code." + jobId;
  }

  /**
   * Hands {@code code} to the apply instance holding the job's form open. Completes with
   * {@code {job_id, status, accepted, message}}: {@code accepted} false with the board's words when it refused the
   * code (the job still waits for one). Fails with a {@code ReplyException} of type NO_HANDLERS when no instance
   * holds the page any more, CONFLICT when the page was released meanwhile, NOT_FOUND for another user's job.
   */
  public static Future<JsonObject> enterCode(EventBus bus, long jobId, long userId, String code) {
    return bus.<JsonObject>request(codeAddress(jobId), new JsonObject().put("job_id", jobId).put("user_id", userId)
        .put("code", code), JobBus.timeout(CODE_TIMEOUT_MS)).map(Message::body);
  }

}
