package io.applyflow.job;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.metrics.Metrics;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stage's way to its work on one node (event loop): claims the stage's next jobs from Postgres ({@link Claims})
 * whenever it has a free slot, sends each to the stage's consumer on this node (a local request: the bus carries
 * the command, Postgres the truth), holds the claim's lease while the work runs ({@link Leases} renews it) and ends
 * the claim when the stage answers. It looks for work when a job enters one of its states anywhere in the cluster
 * ({@code run.progress}) and every {@link #POLL_MILLIS} besides, so a job left by a node that died is taken up once
 * its lease expires, in any run. Jobs waiting for a slot stay in their status, queued, in Postgres.
 *
 * <p>What the stage's answer means: a new status is the stage's own (guarded) move; the same status means the
 * stage left the job where it was, and the job fails; a failure fails the job (the apply stage's: needs attention);
 * a {@link Failure#STALE} failure is a move that lost and changes nothing more; no answer in time takes the claim
 * back (the token is raised, so a late write loses) and the job is claimed again. A job claimed more than
 * {@link #MAX_CLAIMS} times in one status (work that dies with its node each time) is given up.
 */
public final class StageWorker extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(StageWorker.class);
  static final long POLL_MILLIS = 1_000;
  /** Claims of one job in one status before it is given up (a crash or hang every time). */
  public static final int MAX_CLAIMS = 5;

  /**
   * A stage as its worker sees it: its name (as in {@link JobStatus#stage}), the local address a claimed job is sent
   * to, how long it may take, what a failed job becomes, and how many jobs this node works on at once.
   */
  public record Stage(String name, Function<Claims.Claimed, String> address, long timeoutMillis, JobStatus failed,
                      int concurrency) {
  }

  private final Stage stage;
  private final Set<JobStatus> states;
  private final Claims claims;
  private final Jobs jobs;
  private final Leases leases;
  private int inFlight;
  private boolean polling;
  private boolean again;

  public StageWorker(Stage stage, Claims claims, Jobs jobs, Leases leases) {
    this.stage = stage;
    this.states = JobStatus.claimedBy(stage.name());
    this.claims = claims;
    this.jobs = jobs;
    this.leases = leases;
    if (states.isEmpty()) {
      throw new IllegalArgumentException("no job state is taken by a stage named " + stage.name());
    }
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(POLL_MILLIS, t -> poll());
    return vertx.eventBus().<JobBus.Progress>consumer(JobBus.PROGRESS, m -> {
      JobBus.Progress p = m.body();
      if (p.jobId() > 0 && states.stream().anyMatch(s -> s.db().equals(p.status()))) {
        poll();
      }
    }).completion().onSuccess(v -> poll());
  }

  /** Jobs this worker is working on now. */
  public int inFlight() {
    return inFlight;
  }

  private void poll() {
    if (leases.closing() || inFlight >= stage.concurrency()) {
      return;
    }
    if (polling) {
      again = true;
      return;
    }
    polling = true;
    again = false;
    int free = stage.concurrency() - inFlight;
    claims.claim(states, free).onComplete(ar -> {
      polling = false;
      if (ar.failed()) {
        log.warn("{}: could not claim work: {}", stage.name(), ar.cause().getMessage());
        return;
      }
      if (!ar.result().isEmpty()) {
        Metrics.claimed(stage.name(), ar.result().size());
      }
      ar.result().forEach(this::work);
      if (again || ar.result().size() == free) {
        poll();
      }
    });
  }

  private void work(Claims.Claimed c) {
    inFlight++;
    leases.hold(c.jobId());
    long started = System.nanoTime();
    Future<JobBus.StageResult> answer = c.claims() > MAX_CLAIMS ? giveUp(c)
        : vertx.eventBus().<JobBus.StageResult>request(stage.address().apply(c), c.command(),
            new DeliveryOptions().setLocalOnly(true).setSendTimeout(stage.timeoutMillis())).map(Message::body);
    answer.transform(ar -> settle(c, ar))
        .transform(ar -> {
          Metrics.stage(stage.name(), ar.succeeded() ? ar.result() : "failed", System.nanoTime() - started);
          return claims.release(c);
        })
        .onComplete(ar -> {
          leases.drop(c.jobId());
          inFlight--;
          poll();
        });
  }

  /** What the stage's answer leaves to do; completes with the outcome's name for the stage timer. */
  private Future<String> settle(Claims.Claimed c, AsyncResult<JobBus.StageResult> ar) {
    if (ar.succeeded()) {
      if (!c.status().db().equals(ar.result().status())) {
        return Future.succeededFuture("ok");
      }
      return fail(c, stage.name() + " left the job " + c.status().db()).map("failed");
    }
    Throwable t = ar.cause();
    if (Failure.of(t) == Failure.STALE) {
      log.info("job {}: {}'s move lost ({}); nothing more to do", c.jobId(), stage.name(), t.getMessage());
      return Future.succeededFuture("stale");
    }
    if (t instanceof ReplyException re && re.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
      log.warn("job {}: {} did not answer ({}); the claim is taken back and the job will be claimed again",
          c.jobId(), stage.name(), re.failureType());
      return claims.revoke(c).map("abandoned");
    }
    String why = Failure.of(t) == Failure.UPSTREAM ? "could not reach the job board: " : "";
    log.warn("job {}: {} failed: {}", c.jobId(), stage.name(), t.getMessage());
    return fail(c, stage.name() + " failed: " + why + t.getMessage()).map("failed");
  }

  private Future<JobBus.StageResult> giveUp(Claims.Claimed c) {
    log.warn("job {}: claimed {} times in {}; giving up", c.jobId(), c.claims(), c.status().db());
    return fail(c, "the work on this job (" + c.status().label + ") stopped " + (c.claims() - 1)
        + " times without an answer (a crash or a hang each time), so Applyflow stopped trying"
        + (stage.failed() == JobStatus.NEEDS_ATTENTION ? "; check the employer's site before doing anything" : ""));
  }

  private Future<JobBus.StageResult> fail(Claims.Claimed c, String message) {
    return jobs.transition(c.command(), stage.name(), stage.failed(), message, null)
        .recover(e -> {
          log.info("job {}: not marked {}: {}", c.jobId(), stage.failed().db(), e.getMessage());
          return Future.succeededFuture(new JobBus.StageResult(c.jobId(), c.status().db()));
        });
  }
}
