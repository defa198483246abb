package io.applyflow.versions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions of one job read from its detail document ({@code GET /api/job/{id}}: {@code documents} and
 * {@code events}), so the job page lists them without another query; and the model of the
 * {@code templates/versions/list.html} fragment. Pure.
 */
public final class VersionRows {
  /** How many versions the profile page shows before linking to {@code /versions}. */
  public static final int PROFILE_ROWS = 20;

  private VersionRows() {
  }

  /** The job's resume and letter versions, newest first. */
  public static List<Version> ofJob(JsonObject detail) {
    long jobId = detail.getLong("job_id", 0L);
    JsonArray docs = detail.getJsonArray("documents", new JsonArray());
    Map<String, Long> newest = new HashMap<>();
    for (int i = 0; i < docs.size(); i++) {
      JsonObject d = docs.getJsonObject(i);
      if (isVersion(d.getString("kind"))) {
        newest.merge(d.getString("kind"), d.getLong("id"), Math::max);
      }
    }
    List<Version> out = new ArrayList<>();
    for (int i = docs.size() - 1; i >= 0; i--) {
      JsonObject d = docs.getJsonObject(i);
      String kind = d.getString("kind");
      if (!isVersion(kind)) {
        continue;
      }
      long id = d.getLong("id");
      out.add(new Version(id, kind, jobId, detail.getString("title"), detail.getString("company"),
          d.getString("created_at"), d.getLong("bytes", 0L), d.getString("sha256"),
          pages(detail.getJsonArray("events"), d.getString("sha256")), newest.get(kind) == id));
    }
    out.sort((a, b) -> Long.compare(b.id(), a.id()));
    return out;
  }

  static boolean isVersion(String kind) {
    return Version.RESUME.equals(kind) || Version.LETTER.equals(kind);
  }

  /** The page count the render event recorded for the PDF with this SHA-256 (the resume's), or null. */
  static Integer pages(JsonArray events, String sha256) {
    if (events == null || sha256 == null) {
      return null;
    }
    Integer pages = null;
    for (int i = 0; i < events.size(); i++) {
      Object data = events.getJsonObject(i).getValue("data");
      if (data instanceof JsonObject o && sha256.equals(o.getString("sha256")) && o.getValue("pages") instanceof Number n) {
        pages = n.intValue();
      }
    }
    return pages;
  }

  /**
   * The fragment's model: {@code items} (each {@link Version#view()}), {@code total}, {@code more} (the address of the
   * full list when {@code total} exceeds what is shown, else null), {@code empty} (what to say when there is none),
   * {@code showJob} (whether each row names its job: not on the job's own page), {@code pageOwnsHeading} (false: the
   * fragment has its own heading; the {@code /versions} page, whose title it would repeat, sets it to true).
   */
  public static Map<String, Object> list(List<Version> versions, long total, String more, String empty,
                                         boolean showJob) {
    Map<String, Object> m = new HashMap<>();
    m.put("items", versions.stream().map(Version::view).toList());
    m.put("total", total);
    m.put("more", total > versions.size() ? more : null);
    m.put("empty", empty);
    m.put("showJob", showJob);
    m.put("pageOwnsHeading", false);
    return m;
  }

  /** The job page's list: every version of the job. */
  public static Map<String, Object> forJobPage(JsonObject detail) {
    List<Version> versions = ofJob(detail);
    return list(versions, versions.size(), null,
        "No versions yet: the tailored resume and the cover letter are listed here once their PDFs are made.", false);
  }
}
