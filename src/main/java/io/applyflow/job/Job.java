package io.applyflow.job;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** One posting inside a run, as stored. */
public record Job(
    long id, long runId, long userId, String source, String board, String externalId, String apiUrl, String url,
    String title, String company, String location, JobStatus status, Integer score, String descriptionHtml,
    String descriptionText, JsonObject questions, JsonArray matchingKeywords, JsonArray missingKeywords,
    JsonObject tailored, JsonObject fillPlan, JsonObject scoreDetail, JsonArray tailorDiff, JsonArray rewording,
    JsonObject coverLetter, JsonObject interviewQuestions, Long duplicateOf, OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static final String COLUMNS = """
      id, run_id, user_id, source, board, external_id, api_url, url, title, company, location, status, score,
      description_html, description_text, questions, matching_keywords, missing_keywords, tailored, fill_plan,
      score_detail, tailor_diff, rewording, cover_letter, interview_questions, duplicate_of, created_at, updated_at""";

  static Job from(Row r) {
    return new Job(r.getLong("id"), r.getLong("run_id"), r.getLong("user_id"), r.getString("source"),
        r.getString("board"), r.getString("external_id"), r.getString("api_url"), r.getString("url"),
        r.getString("title"), r.getString("company"), r.getString("location"), JobStatus.of(r.getString("status")),
        r.getInteger("score"), r.getString("description_html"), r.getString("description_text"),
        (JsonObject) r.getValue("questions"), (JsonArray) r.getValue("matching_keywords"),
        (JsonArray) r.getValue("missing_keywords"), (JsonObject) r.getValue("tailored"),
        (JsonObject) r.getValue("fill_plan"), (JsonObject) r.getValue("score_detail"),
        (JsonArray) r.getValue("tailor_diff"), (JsonArray) r.getValue("rewording"),
        (JsonObject) r.getValue("cover_letter"), (JsonObject) r.getValue("interview_questions"),
        r.getLong("duplicate_of"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
  }

  /** The short summary the run API and the run page show; {@code status_label} is the state in words. */
  public JsonObject summary() {
    return new JsonObject()
        .put("job_id", id).put("title", title).put("company", company).put("location", location)
        .put("url", url).put("status", status.db()).put("status_label", status.label)
        .put("progress", status.progress).put("stopped", status.isStopped()).put("waiting", status.isWaiting())
        .put("score", score).put("duplicate_of", duplicateOf);
  }
}
