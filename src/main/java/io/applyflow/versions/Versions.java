package io.applyflow.versions;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions read model: a user's tailored resumes and cover letters, one per {@code documents} row of kind
 * {@code resume_pdf} or {@code cover_letter_pdf}, with their job, newest first, and one version with its diff against
 * the master ({@link VersionDiff}). Every query names the owner's user id; another user's document is NOT_FOUND.
 *
 * <p>No bytes are read: the size is {@code length(content)} (from the TOAST header) and the page count is the one the
 * render stage recorded in the job's render event (matched by the PDF's SHA-256); cover letters have none recorded.
 * The diff runs on a worker ({@code executeBlocking}): it ranks the master's bullets.
 */
public final class Versions {
  /** The columns of a version, over {@code documents d join jobs j}. */
  private static final String COLUMNS = """
      d.id, d.kind, d.job_id, j.title, j.company, d.created_at, length(d.content) as bytes, d.sha256,
      (select (e.data->>'pages')::int from job_events e
       where e.job_id = d.job_id and e.user_id = d.user_id and e.stage = 'render' and e.data->>'sha256' = d.sha256
       order by e.id desc limit 1) as pages,
      d.id = (select max(o.id) from documents o where o.job_id = d.job_id and o.user_id = d.user_id and o.kind = d.kind)
        as current""";

  private final Vertx vertx;
  private final Pool pool;

  public Versions(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** One page of versions and how many there are in all. */
  public record Page(List<Version> versions, long total) {
  }

  /**
   * The user's versions, newest first, {@code limit} from {@code offset}; {@code jobId} null for all jobs, else only
   * that job's (NOT_FOUND is not raised for a job without versions or of another user: the page is just empty).
   */
  public Future<Page> page(long userId, Long jobId, int limit, int offset) {
    Future<List<Version>> rows = pool.preparedQuery("select " + COLUMNS + """

            from documents d join jobs j on j.id = d.job_id and j.user_id = d.user_id
            where d.user_id = $1 and d.kind in ('resume_pdf', 'cover_letter_pdf') and ($2::bigint is null or d.job_id = $2)
            order by d.created_at desc, d.id desc limit $3 offset $4""")
        .execute(Tuple.of(userId, jobId, limit, offset))
        .map(rs -> {
          List<Version> out = new ArrayList<>();
          rs.forEach(r -> out.add(version(r)));
          return out;
        });
    Future<Long> total = pool.preparedQuery("""
            select count(*) as n from documents
            where user_id = $1 and kind in ('resume_pdf', 'cover_letter_pdf') and ($2::bigint is null or job_id = $2)""")
        .execute(Tuple.of(userId, jobId))
        .map(rs -> rs.iterator().next().getLong("n"));
    return Future.all(rows, total).map(v -> new Page(rows.result(), total.result()));
  }

  /** The fragment's model of the user's newest versions for the profile page, linking to {@code /versions}. */
  public Future<Map<String, Object>> recent(long userId) {
    return page(userId, null, VersionRows.PROFILE_ROWS, 0).map(p -> VersionRows.list(p.versions(), p.total(),
        "/versions", "No versions yet: every resume and cover letter Applyflow makes for a job is listed here.", true));
  }

  /** The fragment's model of one job's versions (for the application page: {@code applications.job_id}). */
  public Future<Map<String, Object>> ofJob(long userId, long jobId) {
    return page(userId, jobId, 100, 0).map(p -> VersionRows.list(p.versions(), p.total(), null,
        "No resume or cover letter was made for this job.", false));
  }

  /**
   * One version with what its page shows: {@code version}, and for a resume {@code diff} ({@link VersionDiff}, null for
   * an earlier version of a job rendered more than once, whose tailored resume was not kept); for a letter
   * {@code letter} (the job's {@code cover_letter}: paragraphs and source) and {@code resumeId} (the job's current
   * resume version, or null). NOT_FOUND for a document that is not one of the user's versions.
   */
  public Future<Detail> one(long userId, long docId) {
    return pool.preparedQuery("select " + COLUMNS + """
            , j.tailored, j.tailor_diff, j.description_text, j.cover_letter,
              (select e.data from job_events e
               where e.job_id = d.job_id and e.user_id = d.user_id and e.stage = 'render' and e.data->>'sha256' = d.sha256
               order by e.id desc limit 1) as render,
              (select max(o.id) from documents o where o.job_id = d.job_id and o.user_id = d.user_id
               and o.kind = 'resume_pdf') as resume_id,
              p.resume as master, p.updated_at as master_saved_at
            from documents d join jobs j on j.id = d.job_id and j.user_id = d.user_id
            left join profiles p on p.user_id = d.user_id
            where d.id = $1 and d.user_id = $2 and d.kind in ('resume_pdf', 'cover_letter_pdf')""")
        .execute(Tuple.of(docId, userId))
        .compose(rs -> {
          if (!rs.iterator().hasNext()) {
            return Future.failedFuture(Failure.NOT_FOUND.with("you have no resume or cover letter version " + docId));
          }
          Row r = rs.iterator().next();
          Version v = version(r);
          if (!v.resume()) {
            Long resumeId = r.getLong("resume_id");
            return Future.succeededFuture(new Detail(v, null, (JsonObject) r.getValue("cover_letter"), resumeId));
          }
          if (!v.current()) {
            return Future.succeededFuture(new Detail(v, null, null, null));
          }
          JsonObject render = (JsonObject) r.getValue("render");
          JsonArray stored = (JsonArray) r.getValue("tailor_diff");
          JsonObject tailored = (JsonObject) r.getValue("tailored");
          JsonObject master = (JsonObject) r.getValue("master");
          String description = r.getString("description_text");
          OffsetDateTime savedAt = r.getOffsetDateTime("master_saved_at");
          boolean savedAfter = savedAt != null && savedAt.isAfter(r.getOffsetDateTime("created_at"));
          return vertx.executeBlocking(() -> VersionDiff.of(stored, tailored,
                  render == null ? null : render.getJsonArray("dropped"),
                  render == null ? null : render.getInteger("max_pages"), master, description, savedAfter), false)
              .map(diff -> new Detail(v, diff, null, null));
        });
  }

  /** A version with its diff (a resume) or its letter (a cover letter); see {@link #one}. */
  public record Detail(Version version, VersionDiff diff, JsonObject letter, Long resumeId) {
    /** {@code GET /api/versions/{id}}. */
    public JsonObject json() {
      JsonObject out = new JsonObject().put("version", version.json());
      if (version.resume()) {
        out.put("diff", diff == null ? null : diff.json());
        if (diff == null) {
          out.put("note", note());
        }
      } else {
        out.put("letter", letter);
        out.put("resume_version", resumeId);
      }
      return out;
    }

    /** Why an earlier resume version has no diff; null otherwise. */
    public String note() {
      return version.resume() && diff == null ? "This is an earlier version of this job's resume; the job keeps the "
          + "tailored resume of its newest version only, so there is no diff for this one." : null;
    }

    /** The page's model. */
    public Map<String, Object> view() {
      Map<String, Object> m = new HashMap<>();
      m.put("version", version.view());
      m.put("diff", diff == null ? null : diff.view());
      m.put("note", note());
      m.put("letter", letter == null ? null : letter.getMap());
      m.put("resumeId", resumeId);
      return m;
    }
  }

  private static Version version(Row r) {
    Boolean current = r.getBoolean("current");
    return new Version(r.getLong("id"), r.getString("kind"), r.getLong("job_id"), r.getString("title"),
        r.getString("company"), r.getOffsetDateTime("created_at").toString(), r.getInteger("bytes"),
        r.getString("sha256"), r.getInteger("pages"), current != null && current);
  }
}
