package io.applyflow.job;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The common shape of a pipeline stage's consumer (local: its {@link StageWorker} on this node sends it the jobs it
 * claimed): load the job (through its owner's id), leave it alone unless it is in one of the states the stage takes
 * ({@link JobStatus#claimedBy}, so a re-sent command is a no-op), run the stage's work, and reply with the job's new
 * status or fail with a code.
 */
public final class Stages {
  private Stages() {
  }

  public static Future<Void> consume(Vertx vertx, String address, Jobs jobs, String stage,
                                     BiFunction<JobBus.JobCommand, Job, Future<JobBus.StageResult>> work) {
    Set<JobStatus> ready = JobStatus.claimedBy(stage);
    return vertx.eventBus().<JobBus.JobCommand>localConsumer(address, (Message<JobBus.JobCommand> msg) -> {
      JobBus.JobCommand cmd = msg.body();
      jobs.get(cmd.jobId(), cmd.userId())
          .compose(job -> ready.contains(job.status())
              ? work.apply(cmd, job)
              : Future.succeededFuture(new JobBus.StageResult(job.id(), job.status().db())))
          .onSuccess(msg::reply)
          .onFailure(t -> Failure.reply(msg, t));
    }).completion();
  }
}
