package io.applyflow.apply;

import io.applyflow.job.JobBus;

import com.microsoft.playwright.Page;
import io.applyflow.job.JobStatus;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A job's form held open on the board's email security-code step by one {@link ApplyVerticle} instance: who it is
 * for, where the code went, until when it waits, the consumer of {@code apply.code.<job id>} and the expiry timer.
 * Also the words and the structured data the job shows while it waits ({@code kind: security_code}).
 *
 * <p>Threading: used only on its apply instance's worker context.
 */
final class SecurityCodeHold {
  static final String KIND = "security_code";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final JobBus.JobCommand cmd;
  private final String email;
  private final Instant expiresAt;
  private final Page page;
  MessageConsumer<io.vertx.core.json.JsonObject> consumer;
  long timer = -1;

  SecurityCodeHold(JobBus.JobCommand cmd, String email, Instant expiresAt, Page page) {
    this.cmd = cmd;
    this.email = email == null ? "the email address on the application" : email;
    this.expiresAt = expiresAt;
    this.page = page;
  }

  JobBus.JobCommand cmd() {
    return cmd;
  }

  String email() {
    return email;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  Page page() {
    return page;
  }

  /** Unregisters the code address and cancels the timer (the page is closed by the caller). */
  void stop(Vertx vertx) {
    if (consumer != null) {
      consumer.unregister();
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** What the job says while it waits; {@code refusal}: the board's words about the last code, or null. */
  String ask(String refusal) {
    String left = words(Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds()));
    String ask = "enter the security code sent to " + email + " within " + left + " (by " + CLOCK.format(expiresAt)
        + ")";
    return refusal == null
        ? ask + ": the employer's form asked for it after the submit click and is kept open until then; the "
            + "application is not complete without it"
        : "the employer's form did not take the security code: '" + refusal + "'; " + ask;
  }

  /** The event's data: {@code {kind: security_code, email, expires_at, board_message?}}. */
  JsonObject data(String refusal) {
    JsonObject data = new JsonObject().put("kind", KIND).put("email", email).put("expires_at", expiresAt.toString());
    return refusal == null ? data : data.put("board_message", refusal);
  }

  JsonObject reply(JobStatus status, boolean accepted, String message) {
    return new JsonObject().put("job_id", cmd.jobId()).put("status", status.db()).put("accepted", accepted)
        .put("message", message);
  }

  /** "45 seconds", "1 minute", "10 minutes". */
  static String words(long seconds) {
    if (seconds < 120) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = (seconds + 59) / 60;
    return minutes + " minutes";
  }
}
