package io.applyflow.score;

import io.applyflow.job.JobBus;

import io.applyflow.profile.Profiles;
import io.applyflow.job.Job;
import io.applyflow.job.JobStatus;
import io.applyflow.job.Jobs;
import io.applyflow.job.Stages;
import io.applyflow.settings.Settings;
import io.applyflow.settings.SettingsStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

/**
 * Score stage (event loop; the {@link Scorer} is pure and takes about a millisecond). Consumes {@code score.job}:
 * scores a described job against its owner's resume (total and the skills, keywords, experience and education
 * sub-scores, matching and missing keywords and skills; the job's company and board are passed in so their names
 * are never keywords), then puts it in a band with the owner's thresholds
 * ({@link SettingsStore}): at or above <i>accept</i> → {@code accepted} (goes on to tailoring), at or above
 * <i>clarify</i> → {@code clarify} (waits for the user), below → {@code rejected} (kept, visible, never applied).
 * The whole breakdown and the thresholds used are stored in {@code jobs.score_detail}.
 */
public final class ScoreVerticle extends VerticleBase {
  private final Jobs jobs;
  private final Profiles profiles;
  private final SettingsStore settings;

  public ScoreVerticle(Jobs jobs, Profiles profiles, SettingsStore settings) {
    this.jobs = jobs;
    this.profiles = profiles;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    return Stages.consume(vertx, ScoreBus.JOB, jobs, "score",
        (cmd, job) -> profiles.load(cmd.userId()).compose(p -> settings.load(cmd.userId())
            .compose(s -> score(cmd, job, p, s))));
  }

  private Future<JobBus.StageResult> score(JobBus.JobCommand cmd, Job job, JsonObject profile, Settings s) {
    ScoreDetail d = Scorer.score(job.title(), job.descriptionHtml(), Arrays.asList(job.company(), job.board()),
        Resumes.tree(profile.getJsonObject("resume")), LocalDate.now());
    Settings.Band band = s.band(d.total());
    JsonObject detail = new JsonObject(d.toMap()).put("band", band.name().toLowerCase(Locale.ROOT))
        .put("accept_threshold", s.acceptThreshold()).put("clarify_threshold", s.clarifyThreshold());
    JsonArray matching = new JsonArray(d.matchingKeywords());
    JsonArray missing = new JsonArray(d.missingKeywords());
    String breakdown = "score " + d.total() + "/100 (skills " + d.skills() + ", keywords " + d.keywords()
        + ", experience " + d.experience() + ", education " + d.education() + "): ";
    JobStatus to;
    String verdict;
    switch (band) {
      case ACCEPT -> {
        to = JobStatus.ACCEPTED;
        verdict = "accepted, at or above your accept threshold " + s.acceptThreshold() + ". ";
      }
      case CLARIFY -> {
        to = JobStatus.CLARIFY;
        verdict = "between your clarify threshold " + s.clarifyThreshold() + " and accept threshold "
            + s.acceptThreshold() + ", so it waits in the clarify queue for you. ";
      }
      default -> {
        to = JobStatus.REJECTED;
        verdict = "rejected, below your clarify threshold " + s.clarifyThreshold() + "; it will not be applied to. ";
      }
    }
    return jobs.transition(cmd, "score", to, breakdown + verdict + d.explanation(), detail,
        conn -> conn.preparedQuery("""
                update jobs set score = $3, matching_keywords = $4, missing_keywords = $5, score_detail = $6
                where id = $1 and user_id = $2""")
            .execute(Tuple.of(cmd.jobId(), cmd.userId(), d.total(), matching, missing, detail)));
  }
}
