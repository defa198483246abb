package io.applyflow.score;

import io.applyflow.profile.Profiles;
import io.applyflow.run.Job;
import io.applyflow.run.JobStatus;
import io.applyflow.run.Jobs;
import io.applyflow.run.RunBus;
import io.applyflow.run.Stages;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.EnumSet;

/**
 * Score stage (event loop; scoring is pure and takes well under a millisecond). Consumes {@code score.job}:
 * keyword-overlap score 0–100 with matching and missing keywords, written to the job.
 */
public final class ScoreVerticle extends VerticleBase {
  private final Jobs jobs;
  private final Profiles profiles;

  public ScoreVerticle(Jobs jobs, Profiles profiles) {
    this.jobs = jobs;
    this.profiles = profiles;
  }

  @Override
  public Future<?> start() {
    return Stages.consume(vertx, ScoreBus.JOB, jobs, EnumSet.of(JobStatus.DESCRIBED),
        (cmd, job) -> profiles.load(cmd.userId()).compose(p -> score(cmd, job, p)));
  }

  private Future<RunBus.StageResult> score(RunBus.JobCommand cmd, Job job, JsonObject profile) {
    ScoreResult r = KeywordScorer.score(job.descriptionText(), Resumes.tree(profile.getJsonObject("resume")));
    JsonArray matching = new JsonArray(r.matching());
    JsonArray missing = new JsonArray(r.missing());
    return jobs.transition(cmd, "score", JobStatus.SCORED, "score " + r.score() + "/100. " + r.explanation(),
        new JsonObject().put("score", r.score()).put("matching", matching).put("missing", missing),
        conn -> conn.preparedQuery("""
                update jobs set score = $3, matching_keywords = $4, missing_keywords = $5
                where id = $1 and user_id = $2""")
            .execute(Tuple.of(cmd.jobId(), cmd.userId(), r.score(), matching, missing)));
  }
}
