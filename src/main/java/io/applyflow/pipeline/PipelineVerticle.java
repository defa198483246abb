package io.applyflow.pipeline;

import io.applyflow.job.JobBus;
import io.applyflow.job.Leases;
import io.applyflow.job.Runs;
import io.applyflow.search.SearchBus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run conductor (event loop). Owns running runs under a lease ({@link Runs#claim}: any number of conductors
 * share the runs, none takes a run another holds): it asks search for a run's postings, records that the search
 * finished, and marks the run done when every job is final or waiting for the user. It does not walk jobs: each
 * stage claims its own work from Postgres ({@code job/StageWorker}). A conductor that dies stops renewing its runs'
 * leases; another one (or this one after a restart) takes them over and goes on where they stood: a run whose
 * search had not finished is searched again (a run's postings are stored once, so nothing doubles).
 */
public final class PipelineVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(PipelineVerticle.class);
  static final long POLL_MILLIS = 2_000;
  /** Runs one conductor takes at one look. */
  static final int CLAIM_AT_ONCE = 20;

  private final Runs runs;
  private final Leases leases;
  private final Set<Long> checking = new HashSet<>();
  private boolean claiming;

  public PipelineVerticle(Runs runs, Leases leases) {
    this.runs = runs;
    this.leases = leases;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(POLL_MILLIS, t -> {
      claim();
      leases.ownedRuns().forEach(this::checkDone);
    });
    return Future.all(
            vertx.eventBus().<PipelineBus.Start>consumer(PipelineBus.START, m -> claim()).completion(),
            vertx.eventBus().<JobBus.Progress>consumer(JobBus.PROGRESS, m -> {
              if (m.body().jobId() > 0 && leases.ownsRun(m.body().runId())) {
                checkDone(m.body().runId());
              }
            }).completion())
        .onSuccess(v -> claim());
  }

  /** Takes the running runs nobody holds, and starts what each needs. */
  private void claim() {
    if (claiming || leases.closing()) {
      return;
    }
    claiming = true;
    runs.claim(leases.node(), leases.ttl(), CLAIM_AT_ONCE)
        .onComplete(ar -> claiming = false)
        .onSuccess(owned -> owned.forEach(run -> {
          leases.holdRun(run.id());
          log.info("run {}: owned by node {}{}", run.id(), leases.node(), run.searched() ? "" : "; searching");
          if (run.searched()) {
            checkDone(run.id());
          } else {
            search(run);
          }
        }))
        .onFailure(t -> log.warn("could not claim runs: {}", t.getMessage()));
  }

  private void search(Runs.Owned run) {
    SearchBus.search(vertx.eventBus(), new SearchBus.Request(run.id(), run.userId()))
        .compose(found -> runs.searched(run.id(), leases.node()))
        .onSuccess(mine -> {
          if (mine) {
            checkDone(run.id());
          } else {
            leases.dropRun(run.id());
          }
        })
        .onFailure(t -> {
          log.warn("run {} failed: {}", run.id(), t.getMessage());
          runs.finishOwned(run.id(), run.userId(), "failed", t.getMessage(), leases.node())
              .onComplete(ar -> leases.dropRun(run.id()));
        });
  }

  /** Marks the run done when its search finished and none of its jobs is still on its way. */
  private void checkDone(long runId) {
    if (!checking.add(runId)) {
      return;
    }
    runs.ownedState(runId, leases.node())
        .compose(state -> {
          if (state == null) {
            leases.dropRun(runId); // ended, or taken over after this node's lease lapsed
            return Future.succeededFuture();
          }
          if (!state.searched()) {
            return Future.succeededFuture();
          }
          return runs.unsettled(runId).compose(n -> n > 0 ? Future.succeededFuture()
              : runs.finishOwned(runId, state.userId(), "done", null, leases.node())
                  .onSuccess(ended -> leases.dropRun(runId)).mapEmpty());
        })
        .onFailure(t -> log.warn("run {}: could not check whether it is done: {}", runId, t.getMessage()))
        .onComplete(ar -> checking.remove(runId));
  }
}
