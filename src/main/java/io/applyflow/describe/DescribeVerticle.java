package io.applyflow.describe;

import io.applyflow.run.Job;
import io.applyflow.run.JobStatus;
import io.applyflow.run.Jobs;
import io.applyflow.run.RunBus;
import io.applyflow.run.Stages;
import io.applyflow.search.GreenhouseApi;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.EnumSet;

/**
 * Describe stage (event loop). Consumes {@code describe.job}: reads the posting with {@code questions=true},
 * stores the sanitised description, its text and the form schema (questions, location questions, compliance,
 * demographic questions). A job already past this stage is left alone (a re-sent command is a no-op).
 */
public final class DescribeVerticle extends VerticleBase {
  private final Jobs jobs;
  private final GreenhouseApi api;

  public DescribeVerticle(Jobs jobs, GreenhouseApi api) {
    this.jobs = jobs;
    this.api = api;
  }

  @Override
  public Future<?> start() {
    return Stages.consume(vertx, DescribeBus.JOB, jobs, EnumSet.of(JobStatus.DISCOVERED), this::describe);
  }

  private Future<RunBus.StageResult> describe(RunBus.JobCommand cmd, Job job) {
    return api.job(job.apiUrl()).compose(posting -> {
      String html = Descriptions.sanitise(posting.getString("content"));
      String text = Descriptions.text(html);
      JsonObject schema = new JsonObject()
          .put("questions", posting.getValue("questions"))
          .put("location_questions", posting.getValue("location_questions"))
          .put("compliance", posting.getValue("compliance"))
          .put("demographic_questions", posting.getValue("demographic_questions"));
      int questionCount = posting.getJsonArray("questions") == null ? 0 : posting.getJsonArray("questions").size();
      return jobs.transition(cmd, "describe", JobStatus.DESCRIBED,
          "read the description (" + text.split("\\s+").length + " words) and " + questionCount + " form questions",
          null,
          conn -> conn.preparedQuery("""
                  update jobs set description_html = $3, description_text = $4, questions = $5
                  where id = $1 and user_id = $2""")
              .execute(Tuple.of(cmd.jobId(), cmd.userId(), html, text, schema)));
    });
  }
}
