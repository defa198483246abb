package io.applyflow.versions;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * One version of a tailored document: a stored resume or cover letter PDF of a job (one {@code documents} row of kind
 * {@code resume_pdf} or {@code cover_letter_pdf}). Downloads go through the job's document route, so there is one way
 * to read a file and one owner check.
 *
 * @param id        the document's id
 * @param kind      {@link #RESUME} or {@link #LETTER}
 * @param jobId     the job it was made for
 * @param title     the job's title
 * @param company   the job's company
 * @param createdAt when it was stored (ISO-8601)
 * @param bytes     its size
 * @param sha256    the SHA-256 of its bytes, hex
 * @param pages     its page count as the render stage recorded it (the resume's render event); null when not recorded
 * @param current   whether it is the job's newest document of its kind, the one the job's tailored resume describes
 */
public record Version(long id, String kind, long jobId, String title, String company, String createdAt, long bytes,
                      String sha256, Integer pages, boolean current) {
  /** A tailored resume PDF. */
  public static final String RESUME = "resume_pdf";
  /** A cover letter PDF. */
  public static final String LETTER = "cover_letter_pdf";

  /** Whether this is a resume (it has a diff against the master); otherwise a cover letter. */
  public boolean resume() {
    return RESUME.equals(kind);
  }

  /** The download address: the job's document route. */
  public String href() {
    return "/jobs/" + jobId + "/documents/" + id;
  }

  /** The first 12 hex digits of the SHA-256, enough to tell versions apart by eye. */
  public String shortSha() {
    return sha256 == null ? "" : sha256.substring(0, Math.min(12, sha256.length()));
  }

  /** The API's view: metadata and links, never the bytes. */
  public JsonObject json() {
    return new JsonObject().put("id", id).put("kind", kind).put("job_id", jobId).put("title", title)
        .put("company", company).put("created_at", createdAt).put("bytes", bytes).put("sha256", sha256)
        .put("sha256_short", shortSha()).put("pages", pages).put("current", current)
        .put("links", new JsonObject().put("download", href()).put("api_download", "/api/job/" + jobId + "/documents/" + id)
            .put("page", "/versions/" + id).put("self", "/api/versions/" + id).put("job", "/jobs/" + jobId));
  }

  /** The templates' view (plain map; kind words, size in KB, times as people read them). */
  public Map<String, Object> view() {
    Map<String, Object> m = new HashMap<>();
    m.put("id", id);
    m.put("kind", kind);
    m.put("what", resume() ? "Resume" : "Cover letter");
    m.put("jobId", jobId);
    m.put("title", title);
    m.put("company", company);
    m.put("createdAt", createdAt);
    m.put("when", io.applyflow.platform.web.Times.minute(createdAt));
    m.put("kb", Math.max(1, bytes / 1024));
    m.put("fileSize", Math.max(1, bytes / 1024) + " KB" + (pages == null ? "" : ", " + VersionText.count(pages, "page")));
    m.put("sha", shortSha());
    m.put("pages", pages);
    m.put("current", current);
    m.put("href", href());
    m.put("diffHref", "/versions/" + id);
    return m;
  }
}
