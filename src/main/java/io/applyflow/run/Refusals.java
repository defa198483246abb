package io.applyflow.run;

import io.applyflow.job.Job;

/**
 * Why a user's action cannot be done to a job right now, in words a person can act on: the job's state says what
 * already happened and what to do instead. Used for the API's 409 {@code detail} and on the pages.
 */
public final class Refusals {
  private Refusals() {
  }

  /** Why the application of {@code job} cannot be sent now. */
  public static String submit(Job job) {
    return switch (job.status()) {
      case SUBMITTED -> "This application was already sent to " + job.company() + " on "
          + RunView.when(job.updatedAt().toString()) + ". Applyflow never sends one twice.";
      case APPLYING -> "This application is being sent right now; the job page shows when " + job.company()
          + " confirms it.";
      case DUPLICATE -> "This is a second copy of a posting you already have"
          + (job.duplicateOf() == null ? "" : " (job " + job.duplicateOf() + ")") + ", so it is never sent.";
      case DISCARDED -> "You discarded this job, so it cannot be sent. Nothing was sent.";
      case NEEDS_INPUT -> "The form still needs your answers before it can be sent; they are asked on the job page.";
      case NEEDS_ATTENTION -> "Applyflow stopped on this form and needs you to look first; the job page says why.";
      case CLARIFY -> "This job waits in the clarify queue: approve it first, then Applyflow fills the form for you to "
          + "check.";
      case REJECTED -> "This job scored below your clarify threshold, so it is not applied to.";
      case FAILED -> "This job failed before its form was filled, so there is nothing to send.";
      default -> "The form is not filled yet (the job is at \"" + job.status().label
          + "\"); it will wait for you when it is.";
    };
  }

  /** Why {@code job} cannot be discarded now. */
  public static String discard(Job job) {
    return switch (job.status()) {
      case SUBMITTED, APPLYING -> "This application was already sent or is being sent, so it cannot be discarded.";
      case DISCARDED -> "You already discarded this job.";
      default -> "Only a job that waits for you can be discarded; this one is \"" + job.status().label + "\".";
    };
  }

  /** Why {@code job} cannot be approved from the clarify queue now. */
  public static String approve(Job job) {
    return switch (job.status()) {
      case ACCEPTED, TAILORED, RENDERED, APPLYING, AWAITING_APPROVAL, SUBMITTED ->
          "This job was already approved; it is \"" + job.status().label + "\".";
      case DISCARDED -> "You discarded this job, so it cannot be approved.";
      default -> "Only a job in the clarify queue can be approved; this one is \"" + job.status().label + "\".";
    };
  }

  /** Why {@code job} cannot be tried again now. */
  public static String retry(Job job) {
    return switch (job.status()) {
      case SUBMITTED -> "This application was already sent; there is nothing to try again.";
      case APPLYING, RENDERED -> "Applyflow is already working on this form.";
      default -> "Only a job that stopped on its form can be tried again; this one is \"" + job.status().label + "\".";
    };
  }

  /** Why answers to {@code job}'s questions are not taken now. */
  public static String answers(Job job) {
    return "This job is not waiting for answers (it is \"" + job.status().label + "\"); nothing was saved.";
  }
}
