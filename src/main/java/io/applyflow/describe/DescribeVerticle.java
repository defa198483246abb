package io.applyflow.describe;

import io.applyflow.search.Descriptions;
import io.applyflow.job.JobBus;

import io.applyflow.platform.bus.Failure;
import io.applyflow.job.Job;
import io.applyflow.job.JobStatus;
import io.applyflow.job.Jobs;
import io.applyflow.job.Stages;
import io.applyflow.search.AtsSource;
import io.applyflow.search.AtsSources;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Tuple;

/**
 * Describe stage (event loop). Consumes {@code describe.job}: reads the posting from its ATS (the source named by
 * {@code jobs.source}: Greenhouse with {@code questions=true}, Lever's posting, Ashby's board), stores the sanitised
 * description, its text and the form schema (Greenhouse: questions, location questions, compliance, demographic
 * questions; Lever and Ashby publish none: {@code {"form_source": "page"}}, the apply stage reads the form from the
 * page). A job already past this stage is left alone (a re-sent command is a no-op).
 */
public final class DescribeVerticle extends VerticleBase {
  private final Jobs jobs;
  private final AtsSources sources;

  public DescribeVerticle(Jobs jobs, AtsSources sources) {
    this.jobs = jobs;
    this.sources = sources;
  }

  @Override
  public Future<?> start() {
    return Stages.consume(vertx, DescribeBus.JOB, jobs, "describe", this::describe);
  }

  private Future<JobBus.StageResult> describe(JobBus.JobCommand cmd, Job job) {
    AtsSource source = sources.forJob(job.source());
    if (source == null) {
      return Future.failedFuture(Failure.INTERNAL.with("no ATS source reads jobs of source '" + job.source() + "'"));
    }
    return source.fetch(job.board(), job.externalId(), job.apiUrl()).compose(posting -> {
      String html = posting.html();
      String text = Descriptions.text(html);
      String questions = "page".equals(posting.schema().getString("form_source"))
          ? "the form is read from the application page (" + job.source() + " publishes no questions)"
          : posting.questionCount() + " form questions";
      return jobs.transition(cmd, "describe", JobStatus.DESCRIBED,
          "read the description (" + text.split("\\s+").length + " words) and " + questions,
          null,
          conn -> conn.preparedQuery("""
                  update jobs set description_html = $3, description_text = $4, questions = $5
                  where id = $1 and user_id = $2""")
              .execute(Tuple.of(cmd.jobId(), cmd.userId(), html, text, posting.schema())));
    });
  }
}
