package io.applyflow.pipeline;

import io.applyflow.job.Job;
import io.applyflow.job.JobStatus;
import io.applyflow.job.Jobs;
import io.applyflow.job.Runs;
import io.applyflow.job.JobBus;

import io.applyflow.apply.ApplyBus;
import io.applyflow.describe.DescribeBus;
import io.applyflow.platform.bus.FairGate;
import io.applyflow.platform.bus.FairLimiter;
import io.applyflow.platform.bus.Failure;
import io.applyflow.render.RenderBus;
import io.applyflow.score.ScoreBus;
import io.applyflow.search.SearchBus;
import io.applyflow.tailor.TailorBus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run conductor (event loop). Consumes {@code run.start}: asks search for postings, then walks each job
 * through describe → score → tailor → render → apply by request/reply, and marks the run
 * done when every job is final or waiting for the user. Each stage has a {@link FairLimiter}: a call is only sent
 * when the stage has a free slot, and the calls waiting for one are served round-robin across users, so one user's
 * hundreds of jobs delay another user's job by one turn, not by hundreds. A stage's queue is bounded; a job that
 * finds it full is held back in its current status ({@link FairGate}) and sent when room frees (never dropped, never
 * failed); the stage reads the job afresh when the call is sent, as it does for every call. Each stage writes the
 * truth to Postgres; this verticle only decides what comes next from the job's stored status, so at start-up it
 * resumes unfinished runs where they stopped (stages are idempotent by job id).
 */
public final class PipelineVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(PipelineVerticle.class);
  /**
   * Calls in flight at once per stage, across users. Describe reads job boards: 4, as polite as the one shared
   * limit of 4 was. Score and tailor are local work (tailor may call the LLM): 4 each. Render has two worker
   * instances: 2, so a render's send timeout never ticks while it waits behind another. Apply: one per apply worker.
   */
  static final int DESCRIBE_CONCURRENCY = 4;
  static final int SCORE_CONCURRENCY = 4;
  static final int TAILOR_CONCURRENCY = 4;
  static final int RENDER_CONCURRENCY = 2;
  /**
   * A stage's queue (calls promised to it, in the order it serves them): at most this many per user, two rounds of
   * the widest stage, and this many in all. Past either bound a job is held back in its status until room frees.
   */
  static final int QUEUE_PER_USER = 8;
  static final int QUEUE_TOTAL = 64;

  private final Runs runs;
  private final Jobs jobs;
  private final Set<Long> active = new HashSet<>();
  private final Map<String, FairGate<Long>> stages;

  /** {@code applySlots}: how many apply worker instances listen, so a job is only sent when one is free. */
  public PipelineVerticle(Runs runs, Jobs jobs, int applySlots) {
    this.runs = runs;
    this.jobs = jobs;
    this.stages = Map.of(
        "describe", stage(DESCRIBE_CONCURRENCY),
        "score", stage(SCORE_CONCURRENCY),
        "tailor", stage(TAILOR_CONCURRENCY),
        "render", stage(RENDER_CONCURRENCY),
        "apply", stage(applySlots));
  }

  /** A stage's way in: a bounded fair queue per user, and jobs held back in their status while it is full. */
  private static FairGate<Long> stage(int concurrency) {
    return new FairGate<>(new FairLimiter<>(concurrency, QUEUE_PER_USER, QUEUE_TOTAL));
  }

  @Override
  public Future<?> start() {
    return Future.all(
            vertx.eventBus().<PipelineBus.Start>consumer(PipelineBus.START, this::handle).completion(),
            vertx.eventBus().<JobBus.JobCommand>consumer(PipelineBus.JOB, msg -> continueJob(msg.body())).completion())
        .onSuccess(v -> resumeUnfinished());
  }

  /**
   * After a restart: drives unfinished runs on from each job's stored status, and hands approved jobs that were
   * interrupted while applying back to the apply stage, whose ledger check decides (an attempt without a
   * confirmation → needs_attention; no attempt → filled again and waiting for approval).
   */
  private void resumeUnfinished() {
    runs.unfinished().onSuccess(list -> list.forEach(run -> {
      log.info("resuming run {} after a restart", run.id());
      drive(new PipelineBus.Start(run.id(), run.userId()));
    })).onFailure(t -> log.error("could not list unfinished runs", t));
    jobs.interruptedApplications().onSuccess(list -> list.forEach(cmd -> {
      log.info("job {} was interrupted while applying; checking the ledger", cmd.jobId());
      stages.get("apply").run(cmd.userId(), () -> ApplyBus.apply(vertx.eventBus(), cmd))
          .onFailure(t -> failJob(cmd, "apply", t));
    })).onFailure(t -> log.error("could not list interrupted applications", t));
  }

  /** Walks one job on from its stored status (the user approved it); its run's status stays as it was. */
  private void continueJob(JobBus.JobCommand cmd) {
    jobs.get(cmd.jobId(), cmd.userId())
        .compose(job -> walk(cmd, job.status()))
        .onFailure(t -> log.warn("job {} could not continue: {}", cmd.jobId(), t.getMessage()));
  }

  private void handle(Message<PipelineBus.Start> msg) {
    drive(msg.body());
  }

  private void drive(PipelineBus.Start start) {
    if (!active.add(start.runId())) {
      return;
    }
    EventBus bus = vertx.eventBus();
    runs.get(start.runId(), start.userId())
        .compose(run -> jobs.ofRun(run.id(), run.userId()).compose(existing -> existing.isEmpty()
            ? SearchBus.search(bus, new SearchBus.Request(run.id(), run.userId()))
                .compose(found -> jobs.ofRun(run.id(), run.userId()))
            : Future.succeededFuture(existing)))
        .compose(this::walkAll)
        .compose(v -> runs.finish(start.runId(), start.userId(), "done", null))
        .recover(t -> {
          log.warn("run {} failed: {}", start.runId(), t.getMessage());
          return runs.finish(start.runId(), start.userId(), "failed", t.getMessage());
        })
        .onComplete(ar -> active.remove(start.runId()));
  }

  /** Walks every job to a settled state; the stages' limiters decide which calls are in flight. */
  private Future<Void> walkAll(List<Job> all) {
    List<Future<Void>> walks = new ArrayList<>();
    for (Job job : all) {
      walks.add(walk(new JobBus.JobCommand(job.id(), job.userId()), job.status()));
    }
    return Future.join(walks).mapEmpty();
  }

  /** Sends the job to the stage its status calls for until it settles; a failed stage fails the job. */
  private Future<Void> walk(JobBus.JobCommand cmd, JobStatus status) {
    if (status.isSettled()) {
      return Future.succeededFuture();
    }
    String stage = stageFor(status);
    return stages.get(stage).run(cmd.userId(), () -> send(stage, cmd))
        .compose(result -> {
          JobStatus next = JobStatus.of(result.status());
          if (next == status) {
            return jobs.transition(cmd, stage, JobStatus.FAILED, stage + " left the job " + status.db(), null)
                .mapEmpty();
          }
          return walk(cmd, next);
        }, t -> failJob(cmd, stage, t));
  }

  private Future<Void> failJob(JobBus.JobCommand cmd, String stage, Throwable t) {
    log.warn("{} failed for job {}: {}", stage, cmd.jobId(), t.getMessage());
    JobStatus to = "apply".equals(stage) ? JobStatus.NEEDS_ATTENTION : JobStatus.FAILED;
    String why = Failure.of(t) == Failure.UPSTREAM ? "could not reach the job board: " : "";
    return jobs.transition(cmd, stage, to, stage + " failed: " + why + t.getMessage(), null)
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  static String stageFor(JobStatus status) {
    return switch (status) {
      case DISCOVERED -> "describe";
      case DESCRIBED -> "score";
      case SCORED, ACCEPTED -> "tailor"; // SCORED: jobs scored before bands existed
      case TAILORED -> "render";
      case RENDERED, APPLYING -> "apply";
      default -> throw new IllegalStateException("no stage after " + status);
    };
  }

  private Future<JobBus.StageResult> send(String stage, JobBus.JobCommand cmd) {
    EventBus bus = vertx.eventBus();
    return switch (stage) {
      case "describe" -> DescribeBus.describe(bus, cmd);
      case "score" -> ScoreBus.score(bus, cmd);
      case "tailor" -> TailorBus.tailor(bus, cmd);
      case "render" -> RenderBus.render(bus, cmd);
      case "apply" -> ApplyBus.apply(bus, cmd);
      default -> Future.failedFuture("unknown stage " + stage);
    };
  }
}
