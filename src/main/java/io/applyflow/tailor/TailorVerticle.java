package io.applyflow.tailor;

import io.applyflow.profile.Profiles;
import io.applyflow.run.Job;
import io.applyflow.run.JobStatus;
import io.applyflow.run.Jobs;
import io.applyflow.run.RunBus;
import io.applyflow.run.Stages;
import io.applyflow.score.Resumes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.EnumSet;

/**
 * Tailor stage (event loop; the engine is pure and fast). Consumes {@code tailor.job}: chooses and orders the
 * profile's own bullets for the job and stores the tailored resume; every bullet keeps its source id.
 */
public final class TailorVerticle extends VerticleBase {
  private final Jobs jobs;
  private final Profiles profiles;

  public TailorVerticle(Jobs jobs, Profiles profiles) {
    this.jobs = jobs;
    this.profiles = profiles;
  }

  @Override
  public Future<?> start() {
    return Stages.consume(vertx, TailorBus.JOB, jobs, EnumSet.of(JobStatus.SCORED, JobStatus.ACCEPTED),
        (cmd, job) -> profiles.load(cmd.userId()).compose(p -> tailor(cmd, job, p)));
  }

  private Future<RunBus.StageResult> tailor(RunBus.JobCommand cmd, Job job, JsonObject profile) {
    TailoredResume tailored = Tailor.tailor(Resumes.tree(profile.getJsonObject("resume")), job.descriptionText());
    JsonObject stored = JsonObject.mapFrom(tailored);
    JsonArray ids = new JsonArray(tailored.bullets().stream().map(Bullet::id).toList());
    return jobs.transition(cmd, "tailor", JobStatus.TAILORED,
        "chose " + ids.size() + " of your bullets and ordered " + tailored.skills().size() + " skills for this job",
        new JsonObject().put("bullets", ids),
        conn -> conn.preparedQuery("update jobs set tailored = $3 where id = $1 and user_id = $2")
            .execute(Tuple.of(cmd.jobId(), cmd.userId(), stored)));
  }
}
