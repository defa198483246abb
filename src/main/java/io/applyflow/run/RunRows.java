package io.applyflow.run;

import io.applyflow.job.JobStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The jobs of a run as the run page's {@code run-jobs} fragment and {@code GET /api/search/{run}} show them, read with
 * only the columns they show (not the descriptions, tailorings and fill plans a {@link io.applyflow.job.Job} carries),
 * and whether each is queued for its stage or being worked on: a job a stage takes ({@link JobStatus#stage()}) with
 * no live lease is waiting for a free place in that stage; with a live lease a node is working on it.
 */
final class RunRows {
  private final Pool pool;

  RunRows(Pool pool) {
    this.pool = pool;
  }

  /** One job's row. {@code working}: a live lease, a node is on it now. */
  record JobRow(long id, String title, String company, String location, String url, JobStatus status, Integer score,
                Long duplicateOf, boolean working) {

    /** The stage that takes the job next, or null (waiting for the user, or final). */
    String stage() {
      return status.stage();
    }

    /** Waiting for a free place in its stage (no node holds it). */
    boolean queued() {
      return stage() != null && !working;
    }

    /** What happens to the job now, in words, when a stage has it or it waits for one; else null. */
    String activity() {
      String stage = stage();
      if (stage == null) {
        return null;
      }
      return queued() ? "Waiting for a free " + slot(stage) + " slot" : doing(stage);
    }

    /** The run API's and the run page's view of the job. */
    JsonObject json() {
      return new JsonObject()
          .put("job_id", id).put("title", title).put("company", company).put("location", location)
          .put("url", url).put("status", status.db()).put("status_label", status.label)
          .put("progress", status.progress).put("stopped", status.isStopped()).put("waiting", status.isWaiting())
          .put("score", score).put("duplicate_of", duplicateOf)
          .put("stage", stage()).put("queued", queued()).put("activity", activity());
    }

    Map<String, Object> model() {
      return json().getMap();
    }
  }

  static String slot(String stage) {
    return switch (stage) {
      case "describe" -> "reading";
      case "score" -> "scoring";
      case "tailor" -> "tailoring";
      case "render" -> "PDF";
      case "apply" -> "application";
      default -> stage;
    };
  }

  static String doing(String stage) {
    return switch (stage) {
      case "describe" -> "Reading the posting now";
      case "score" -> "Scoring now";
      case "tailor" -> "Tailoring the resume now";
      case "render" -> "Making the PDF now";
      case "apply" -> "Filling in the form now";
      default -> "Being worked on now";
    };
  }

  /** The run's jobs in the order they were found. */
  Future<List<JobRow>> ofRun(long runId, long userId) {
    return pool.preparedQuery("""
            select id, title, company, location, url, status, score, duplicate_of,
              (lease_until is not null and lease_until >= now()) as working
            from jobs where run_id = $1 and user_id = $2 order by id""")
        .execute(Tuple.of(runId, userId))
        .map(rs -> {
          List<JobRow> out = new ArrayList<>();
          for (Row r : rs) {
            out.add(new JobRow(r.getLong("id"), r.getString("title"), r.getString("company"), r.getString("location"),
                r.getString("url"), JobStatus.of(r.getString("status")), r.getInteger("score"),
                r.getLong("duplicate_of"), Boolean.TRUE.equals(r.getBoolean("working"))));
          }
          return out;
        });
  }

  /**
   * The newest {@code limit} events of the run's jobs, oldest first. Read per job through {@code job_events (job_id,
   * id)} and merged, so the cost follows the run's own events, not the size of the whole table.
   */
  Future<JsonArray> events(long runId, long userId, int limit) {
    return pool.preparedQuery("""
            select job_id, at, stage, status, message from (
              select e.id, e.job_id, e.at, e.stage, e.status, e.message
              from jobs j cross join lateral (
                select id, job_id, at, stage, status, message from job_events
                where job_id = j.id and user_id = $2 order by id desc limit $3) e
              where j.run_id = $1 and j.user_id = $2
              order by e.id desc limit $3) newest
            order by id""")
        .execute(Tuple.of(runId, userId, limit))
        .map(rs -> {
          JsonArray out = new JsonArray();
          for (Row r : rs) {
            out.add(new JsonObject().put("job_id", r.getLong("job_id")).put("at", r.getOffsetDateTime("at").toString())
                .put("stage", r.getString("stage")).put("status", r.getString("status"))
                .put("message", r.getString("message")));
          }
          return out;
        });
  }
}
