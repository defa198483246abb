package io.applyflow.sandbox;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the sandbox board received: rows of {@code sandbox_submissions} and {@code sandbox_files}.
 * The sandbox plays the employer, so these rows belong to no Applyflow user; a user is shown a submission only
 * when their own submit ledger holds its receipt ({@link #receivedBy}, {@link #fileFor}): the ledger row of the
 * same ATS, board and posting whose {@code receipt} is the submission's (Greenhouse: its row id; Ashby: the application id
 * it was answered with; Lever answers none, so no user is shown a Lever submission).
 *
 * <p>Threading: every method is non-blocking and returns a Vert.x {@link Future}; call from an event loop.
 */
final class SandboxSubmissions {
  /** One stored file ready to insert. */
  record NewFile(String field, String filename, String contentType, Buffer content) {
  }

  /** A stored file read back. */
  record StoredFile(String filename, String contentType, Buffer content) {
  }

  /**
   * An application to a Lever or Ashby posting: {@code source} "lever" or "ashby", {@code postingId} the posting's
   * UUID, {@code receipt} the application id the sandbox answered with (Ashby), or null when the ATS names none
   * (Lever's hosted form only redirects to its thanks page). The full name is split at its last space.
   */
  record AtsApplication(String source, String board, String postingId, String receipt, String firstName,
      String lastName, String email, String phone, Map<String, Object> answers) {
  }

  /** A submission as the user who sent it sees it: today's JSON shape, and their own job that sent it. */
  record Received(JsonObject json, long appJobId) {
  }

  private static final String SELECT = """
      select s.id, s.source, s.board, s.job_id, s.posting_id, s.receipt, s.first_name, s.last_name, s.email, s.phone, s.answers, s.received_at,
             coalesce((select jsonb_agg(jsonb_build_object(
                                'field', f.field, 'filename', f.filename,
                                'content_type', f.content_type, 'bytes', octet_length(f.content))
                              order by f.id)
                         from sandbox_files f
                        where f.submission_id = s.id), '[]'::jsonb) as files
      """;

  /**
   * The join from a user's ledger to what the sandbox received: the same ATS, board and posting, and the receipt the
   * apply worker kept (Greenhouse: the submission id as decimal text; Ashby: the application id the sandbox
   * answered with). {@code $1} is the user's id.
   */
  private static final String MINE = """
        from submit_ledger l
        join sandbox_submissions s
          on s.source = l.source
         and s.board = l.board
         and ((s.source = 'greenhouse'
               and s.id = (case when l.receipt ~ '^[0-9]{1,18}$' then l.receipt::bigint end)
               and s.job_id::text = l.external_id)
           or (s.source <> 'greenhouse' and s.receipt = l.receipt and s.posting_id = l.external_id))
      """;
  private static final String MINE_WHERE = """
       where l.user_id = $1
         and l.receipt is not null
      """;

  private final Pool pool;

  SandboxSubmissions(Pool pool) {
    this.pool = pool;
  }

  /** Inserts a submission and its files in one transaction; completes with the new id. */
  Future<Long> insert(String board, long jobId, SubmissionForm.Result r, List<NewFile> files) {
    return pool.withTransaction(conn -> conn.preparedQuery("""
            insert into sandbox_submissions (board, job_id, first_name, last_name, email, phone, answers)
            values ($1, $2, $3, $4, $5, $6, $7)
            returning id
            """)
        .execute(Tuple.of(board, jobId, r.firstName(), r.lastName(), r.email(), r.phone(), new JsonObject(r.answers())))
        .compose(rows -> {
          long id = rows.iterator().next().getLong("id");
          if (files.isEmpty()) {
            return Future.succeededFuture(id);
          }
          List<Tuple> batch = files.stream()
              .map(f -> Tuple.of(id, f.field(), f.filename(), f.contentType(), f.content()))
              .toList();
          return conn.preparedQuery("""
                  insert into sandbox_files (submission_id, field, filename, content_type, content)
                  values ($1, $2, $3, $4, $5)
                  """)
              .executeBatch(batch)
              .map(ignored -> id);
        }));
  }

  /** Inserts a Lever or Ashby application and its files in one transaction; completes with the new row id. */
  Future<Long> insert(AtsApplication a, List<NewFile> files) {
    return pool.withTransaction(conn -> conn.preparedQuery("""
            insert into sandbox_submissions (source, board, posting_id, receipt, first_name, last_name, email, phone, answers)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            returning id
            """)
        .execute(Tuple.from(java.util.Arrays.asList(a.source(), a.board(), a.postingId(), a.receipt(), a.firstName(),
            a.lastName(), a.email(), a.phone(), new JsonObject(a.answers()))))
        .compose(rows -> {
          long id = rows.iterator().next().getLong("id");
          if (files.isEmpty()) {
            return Future.succeededFuture(id);
          }
          return conn.preparedQuery("""
                  insert into sandbox_files (submission_id, field, filename, content_type, content)
                  values ($1, $2, $3, $4, $5)
                  """)
              .executeBatch(files.stream()
                  .map(f -> Tuple.of(id, f.field(), f.filename(), f.contentType(), f.content()))
                  .toList())
              .map(ignored -> id);
        }));
  }

  /**
   * The employer's view: every submission in id order, optionally only one board's or one job's. No route serves
   * it (it holds every user's applications); tests read it to see what the employer received.
   */
  Future<JsonArray> all(String board, Long jobId) {
    return pool.preparedQuery(SELECT + """
              from sandbox_submissions s
             where ($1::text is null or s.board = $1)
               and ($2::bigint is null or s.job_id = $2)
             order by s.id
            """)
        .execute(Tuple.of(board, jobId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row row : rows) {
            out.add(toJson(row));
          }
          return out;
        });
  }

  /** The submissions {@code userId}'s own jobs sent, in id order, optionally only one board's or one posting's. */
  Future<List<Received>> receivedBy(long userId, String board, Long jobId) {
    return pool.preparedQuery(SELECT + ", l.job_id as app_job_id " + MINE + MINE_WHERE + """
               and ($2::text is null or s.board = $2)
               and ($3::bigint is null or s.job_id = $3)
             order by s.id
            """)
        .execute(Tuple.of(userId, board, jobId))
        .map(rows -> {
          List<Received> out = new java.util.ArrayList<>();
          for (Row row : rows) {
            out.add(new Received(toJson(row), row.getLong("app_job_id")));
          }
          return out;
        });
  }

  /** The employer's view of one stored file (any submission's; no route serves it), else empty. */
  Future<Optional<StoredFile>> employerFile(long submissionId, String field) {
    return pool.preparedQuery("""
            select filename, content_type, content from sandbox_files
             where submission_id = $1 and field = $2 order by id limit 1
            """)
        .execute(Tuple.of(submissionId, field))
        .map(SandboxSubmissions::firstFile);
  }

  private static Optional<StoredFile> firstFile(io.vertx.sqlclient.RowSet<Row> rows) {
    var it = rows.iterator();
    if (!it.hasNext()) {
      return Optional.empty();
    }
    Row r = it.next();
    return Optional.of(new StoredFile(r.getString("filename"), r.getString("content_type"), r.getBuffer("content")));
  }

  /** The first file stored under {@code field} for a submission {@code userId}'s own job sent, else empty. */
  Future<Optional<StoredFile>> fileFor(long userId, long submissionId, String field) {
    return pool.preparedQuery("""
            select f.filename, f.content_type, f.content
            """ + MINE + """
            join sandbox_files f on f.submission_id = s.id and f.field = $3
            """ + MINE_WHERE + """
               and s.id = $2
             order by f.id
             limit 1
            """)
        .execute(Tuple.of(userId, submissionId, field))
        .map(SandboxSubmissions::firstFile);
  }

  private static JsonObject toJson(Row row) {
    OffsetDateTime at = row.getOffsetDateTime("received_at");
    Object answers = row.getValue("answers");
    Object files = row.getValue("files");
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("source", row.getString("source"))
        .put("board", row.getString("board"))
        .put("job_id", row.getLong("job_id"))
        .put("posting_id", row.getString("posting_id"))
        .put("receipt", row.getString("receipt"))
        .put("first_name", row.getString("first_name"))
        .put("last_name", row.getString("last_name"))
        .put("email", row.getString("email"))
        .put("phone", row.getString("phone"))
        .put("answers", answers instanceof JsonObject o ? o : new JsonObject(Map.of()))
        .put("files", files instanceof JsonArray a ? a : new JsonArray())
        .put("received_at", at == null ? null : at.toString());
  }
}
