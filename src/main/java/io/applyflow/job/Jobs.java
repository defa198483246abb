package io.applyflow.job;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs, their events and their documents in Postgres. Every read and write names the owner's user id. A state
 * change and its event are written in one transaction, then {@code run.progress} is published.
 */
public final class Jobs {
  private static final Logger log = LoggerFactory.getLogger(Jobs.class);
  private final Pool pool;
  private final EventBus bus;

  public Jobs(Pool pool, EventBus bus) {
    this.pool = pool;
    this.bus = bus;
  }

  /** A posting found by search. Returns the new job's id, or null when the run already has this posting. */
  public record Posting(String source, String board, String externalId, String apiUrl, String url, String title,
                        String company, String location) {
  }

  /**
   * Stores a posting found by a run. When the user already has this posting (the same posting, or the same company
   * and normalised title from another run) in a job that stands for it, the new row is a {@code duplicate} pointing
   * at that job, so a posting is never filled twice and the queues hold one entry per posting. A per-user advisory
   * lock makes two runs discovering the same posting at once see each other.
   */
  public Future<Long> insertDiscovered(long runId, long userId, Posting p) {
    return pool.withTransaction(conn -> conn.preparedQuery("select pg_advisory_xact_lock($1)")
            .execute(Tuple.of(DISCOVERY_LOCK ^ userId))
            .compose(v -> standingJob(conn, runId, userId, p))
            .compose(earlier -> conn.preparedQuery("""
                    insert into jobs (run_id, user_id, source, board, external_id, api_url, url, title, company,
                      location, status, duplicate_of)
                    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                    on conflict on constraint jobs_run_posting_key do nothing
                    returning id""")
                .execute(Tuple.from(java.util.Arrays.asList(runId, userId, p.source(), p.board(), p.externalId(),
                    p.apiUrl(), p.url(), p.title(), p.company(), p.location() == null ? "" : p.location(),
                    (earlier == null ? JobStatus.DISCOVERED : JobStatus.DUPLICATE).db(),
                    earlier == null ? null : earlier.jobId())))
                .compose(rs -> {
                  if (!rs.iterator().hasNext()) {
                    return Future.succeededFuture((Long) null);
                  }
                  long id = rs.iterator().next().getLong("id");
                  Future<Void> found = event(conn, id, userId, "search", JobStatus.DISCOVERED,
                      "found " + p.title() + " at " + p.company(), new JsonObject().put("url", p.url()));
                  return (earlier == null ? found : found.compose(v -> event(conn, id, userId, "search",
                          JobStatus.DUPLICATE, earlier.why(), new JsonObject().put("earlier_job_id", earlier.jobId()))))
                      .map(v -> id);
                })))
        .onSuccess(id -> {
          if (id != null) {
            JobBus.publish(bus, new JobBus.Progress(runId, id, userId, JobStatus.DISCOVERED.db()));
          }
        });
  }

  /**
   * Which jobs stand for their posting, as an SQL condition over {@code jobs j} left-joined to its {@code submit_ledger
   * l}, with {@code run} the parameter holding the discovering run: one with a submit attempt, or one of another run
   * that still counts (waiting, on its way, sent, discarded). Rejected and failed jobs do not: a later run looks at
   * the posting again. The one rule of {@link #insertDiscovered} and {@link #knownPostings}.
   */
  private static String standsFor(String run) {
    return " (l.id is not null or (j.run_id <> " + run + " and j.status not in ('rejected', 'failed', 'duplicate')))";
  }

  /** Keys the advisory lock of discovery apart from any other use of advisory locks. */
  private static final long DISCOVERY_LOCK = 0x4A4F4253_00000000L;

  /** The job that already stands for a posting, and why a new find of it is a duplicate. */
  record Standing(long jobId, long runId, JobStatus status, boolean applied) {
    String why() {
      if (applied || status == JobStatus.SUBMITTED || status == JobStatus.APPLYING) {
        return "you already applied to this posting (job " + jobId + "); it will not be opened again";
      }
      if (status == JobStatus.DISCARDED) {
        return "you discarded this posting earlier (job " + jobId + "); it is not brought back";
      }
      if (status.isWaiting()) {
        return "this posting is already waiting for you as job " + jobId + " (run " + runId
            + "); it is not filled again";
      }
      return "this posting is already being prepared in run " + runId + " (job " + jobId + ")";
    }
  }

  /**
   * The job through which the user already applied (or tried to) to this posting or a repost of it (same company,
   * same normalised title), else a job of another run that still stands for it: waiting in a queue, on its way
   * through the pipeline, sent, or discarded. Rejected and failed jobs do not stand for a posting: a later run
   * looks at it again. Null when the posting is new to the user.
   */
  private static Future<Standing> standingJob(SqlConnection conn, long runId, long userId, Posting p) {
    return conn.preparedQuery("""
            select j.id, j.run_id, j.status, (l.id is not null) as applied from jobs j
            left join submit_ledger l on l.job_id = j.id and l.user_id = j.user_id
            where j.user_id = $1 and""" + standsFor("$7") + """
              and ((j.source = $2 and j.board = $3 and j.external_id = $4)
                or (lower(j.company) = lower($5)
                    and trim(regexp_replace(lower(j.title), '[^a-z0-9]+', ' ', 'g'))
                      = trim(regexp_replace(lower($6), '[^a-z0-9]+', ' ', 'g'))))
            order by (l.id is null), j.id limit 1""")
        .execute(Tuple.of(userId, p.source(), p.board(), p.externalId(), p.company(), p.title(), runId))
        .map(rs -> {
          if (!rs.iterator().hasNext()) {
            return null;
          }
          Row r = rs.iterator().next();
          return new Standing(r.getLong("id"), r.getLong("run_id"), JobStatus.of(r.getString("status")),
              r.getBoolean("applied"));
        });
  }

  /**
   * The postings the user already has a standing job for ({@code source/board/external_id}, and
   * {@code company|normalised title}), so a search can fill its limit with new postings. The same rule as
   * {@link #insertDiscovered}, which stays the authority when two runs race.
   */
  public Future<java.util.Set<String>> knownPostings(long userId, long runId) {
    return pool.preparedQuery("""
            select j.source, j.board, j.external_id, j.company, j.title from jobs j
            left join submit_ledger l on l.job_id = j.id and l.user_id = j.user_id
            where j.user_id = $1 and""" + standsFor("$2"))
        .execute(Tuple.of(userId, runId))
        .map(rs -> {
          java.util.Set<String> keys = new java.util.HashSet<>();
          for (Row r : rs) {
            keys.add(postingKey(r.getString("source"), r.getString("board"), r.getString("external_id")));
            keys.add(titleKey(r.getString("company"), r.getString("title")));
          }
          return keys;
        });
  }

  /** The key of one posting on one board. */
  public static String postingKey(String source, String board, String externalId) {
    return source + "/" + board + "/" + externalId;
  }

  /** The key of a company's role, whatever posting carries it: the same normalisation as the SQL above. */
  public static String titleKey(String company, String title) {
    String t = title == null ? "" : title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    return (company == null ? "" : company.toLowerCase(java.util.Locale.ROOT)) + "|" + t;
  }

  /** The job, or NOT_FOUND when it does not exist or belongs to someone else. */
  public Future<Job> get(long jobId, long userId) {
    return pool.preparedQuery("select " + Job.COLUMNS + " from jobs where id = $1 and user_id = $2")
        .execute(Tuple.of(jobId, userId))
        .compose(rs -> rs.iterator().hasNext()
            ? Future.succeededFuture(Job.from(rs.iterator().next()))
            : Future.failedFuture(Failure.NOT_FOUND.with("no job " + jobId)));
  }

  public Future<List<Job>> ofRun(long runId, long userId) {
    return pool.preparedQuery("select " + Job.COLUMNS + " from jobs where run_id = $1 and user_id = $2 order by id")
        .execute(Tuple.of(runId, userId))
        .map(rs -> {
          List<Job> jobs = new ArrayList<>();
          rs.forEach(r -> jobs.add(Job.from(r)));
          return jobs;
        });
  }

  /**
   * Moves a job to {@code status} through the one guarded update every status change goes through ({@link #move}):
   * the job must be in a state {@link JobStatus#from} allows, and, for work done under a claim ({@code cmd.lease()
   * > 0}), the claim must still hold the job. {@code extra} (column updates, documents) runs in the same
   * transaction and is rolled back when the move loses. A lost move fails with {@link Failure#STALE}, so the work
   * that would follow it (a submit after "applying") never runs; it is logged and counted, and nothing is
   * overwritten. Returns the stage result to reply with.
   */
  public Future<JobBus.StageResult> transition(JobBus.JobCommand cmd, String stage, JobStatus status,
                                               String message, JsonObject data,
                                               Function<SqlConnection, Future<?>> extra) {
    return move(cmd, JobStatus.from(status), status, stage, message, data, extra, false)
        .compose(moved -> moved
            ? Future.succeededFuture(new JobBus.StageResult(cmd.jobId(), status.db()))
            : lost(cmd, stage, status));
  }

  /** Same as {@link #transition} with no column updates. */
  public Future<JobBus.StageResult> transition(JobBus.JobCommand cmd, String stage, JobStatus status,
                                               String message, JsonObject data) {
    return transition(cmd, stage, status, message, data, null);
  }

  /** Why a move did not happen: NOT_FOUND for someone else's job, else STALE naming the state the job is in. */
  private Future<JobBus.StageResult> lost(JobBus.JobCommand cmd, String stage, JobStatus wanted) {
    return get(cmd.jobId(), cmd.userId()).compose(now -> {
      log.warn("job {}: {} lost its move to {}: the job is {}{}", cmd.jobId(), stage, wanted.db(), now.status().db(),
          cmd.lease() > 0 ? " (claim " + cmd.lease() + ")" : "");
      Metrics.staleWrite(stage);
      return Future.failedFuture(Failure.STALE.with("job " + cmd.jobId() + " is " + now.status().db()
          + "; " + stage + " may not move it to " + wanted.db()));
    });
  }

  /** Moves the job from {@code from} to {@code to} only if it is still in {@code from}; false otherwise. */
  public Future<Boolean> compareAndSet(JobBus.JobCommand cmd, JobStatus from, JobStatus to, String stage,
                                       String message) {
    return moveIfIn(cmd, java.util.EnumSet.of(from), to, stage, message);
  }

  /**
   * A decision (the user's, or a timer's): moves the job to {@code to} if it is in one of {@code from} and the
   * table allows it; false when it is not. Nothing is sent to a stage: the stage that takes the new state claims
   * the job from Postgres.
   */
  public Future<Boolean> moveIfIn(JobBus.JobCommand cmd, java.util.Set<JobStatus> from, JobStatus to, String stage,
                                  String message) {
    return move(cmd, from, to, stage, message, null, null, false);
  }

  /** The user approved the submission: awaiting approval → applying, marked approved for the apply stage. */
  public Future<Boolean> approveSubmission(JobBus.JobCommand cmd, String message) {
    return move(cmd, java.util.EnumSet.of(JobStatus.AWAITING_APPROVAL), JobStatus.APPLYING, "review", message, null,
        null, true);
  }

  /**
   * The one status change: {@code update jobs set status = to where id, user and status = any(allowed)}, where
   * allowed is {@code from} ∩ {@link JobStatus#from}(to), and, under a claim, {@code lease_token} is the claim's.
   * Nothing becomes submitted without its confirmed ledger row. The job's lease is kept only when the new state is
   * one the same stage goes on with (applying, for the apply
   * stage), else released; the claim count restarts; {@code submit_approved} holds only for an approved applying.
   * The move, {@code extra} and the event are one transaction; progress is published after it.
   */
  private Future<Boolean> move(JobBus.JobCommand cmd, java.util.Set<JobStatus> from, JobStatus to, String stage,
                               String message, JsonObject data, Function<SqlConnection, Future<?>> extra,
                               boolean approve) {
    List<String> allowed = from.stream().filter(s -> s.allows(to)).map(JobStatus::db).toList();
    if (allowed.isEmpty()) {
      return Future.succeededFuture(false);
    }
    boolean keepLease = cmd.lease() > 0 && stage.equals(to.stage());
    return pool.withTransaction(conn -> (extra == null ? Future.succeededFuture() : extra.apply(conn))
            .compose(v -> conn.preparedQuery("""
                    update jobs set status = $3, updated_at = now(), claims = 0,
                      submit_approved = ($6 or (submit_approved and $3 = 'applying')),
                      lease_owner = case when $7 then lease_owner end,
                      lease_until = case when $7 then lease_until end
                    where id = $1 and user_id = $2 and status = any($4) and ($5 = 0 or lease_token = $5)
                      and ($3 <> 'submitted' or exists (select 1 from submit_ledger l where l.job_id = jobs.id
                                                          and l.user_id = jobs.user_id and l.state = 'confirmed'))
                    returning run_id""")
                .execute(Tuple.of(cmd.jobId(), cmd.userId(), to.db(), allowed.toArray(new String[0]), cmd.lease(),
                    approve, keepLease)))
            .compose(rs -> {
              if (!rs.iterator().hasNext()) {
                // roll back whatever extra wrote: the move did not happen
                return Future.failedFuture(new Lost());
              }
              long runId = rs.iterator().next().getLong("run_id");
              return event(conn, cmd.jobId(), cmd.userId(), stage, to, message, data).map(runId);
            }))
        .map(runId -> {
          JobBus.publish(bus, new JobBus.Progress(runId, cmd.jobId(), cmd.userId(), to.db()));
          return true;
        })
        .recover(t -> t instanceof Lost ? Future.succeededFuture(false) : Future.failedFuture(t));
  }

  /** The guarded update matched no row: rolls the transaction back. */
  private static final class Lost extends RuntimeException {
    Lost() {
      super("the move did not happen", null, false, false);
    }
  }

  /**
   * The user's jobs waiting for them (review queue), newest first, with their newest screenshot's id and the pixel
   * size of the preview of their newest resume PDF ({@code resume_png}: {@code width}, {@code height}; null without
   * one, or when the newest PDF has none: see {@link JobView#previewOf}).
   */
  public Future<List<JsonObject>> waiting(long userId) {
    return pool.preparedQuery("""
            select j.id, j.run_id, j.title, j.company, j.status, j.score, j.fill_plan,
              (select d.id from documents d where d.job_id = j.id and d.user_id = j.user_id and d.kind = 'screenshot'
               order by d.id desc limit 1) as screenshot_id,
              (select substring(d.content from 1 for 24) from documents d
               where d.job_id = j.id and d.user_id = j.user_id and d.kind = 'resume_png'
                 and d.id > (select max(p.id) from documents p
                             where p.job_id = j.id and p.user_id = j.user_id and p.kind = 'resume_pdf')
               order by d.id desc limit 1) as resume_png_head
            from jobs j where j.user_id = $1 and j.status in ('awaiting_approval', 'needs_input', 'needs_attention')
            order by j.updated_at desc limit 200""")
        .execute(Tuple.of(userId))
        .map(rs -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row r : rs) {
            out.add(new JsonObject().put("job_id", r.getLong("id")).put("run_id", r.getLong("run_id"))
                .put("title", r.getString("title")).put("company", r.getString("company"))
                .put("status", r.getString("status")).put("score", r.getInteger("score"))
                .put("fill_plan", r.getValue("fill_plan")).put("screenshot_id", r.getLong("screenshot_id"))
                .put("resume_png", pngSize(r.getBuffer("resume_png_head"))));
          }
          return out;
        });
  }

  /** {@code {width, height}} from a PNG's first bytes, or null. */
  private static JsonObject pngSize(io.vertx.core.buffer.Buffer head) {
    int[] size = head == null ? null : io.applyflow.platform.media.Png.size(head.getBytes());
    return size == null ? null : new JsonObject().put("width", size[0]).put("height", size[1]);
  }

  /** How many of the user's jobs are in each state, per run, for the given runs. */
  public Future<java.util.Map<Long, java.util.Map<JobStatus, Long>>> countsByRun(long userId, List<Long> runIds) {
    return pool.preparedQuery("""
            select run_id, status, count(*) as n from jobs where user_id = $1 and run_id = any($2)
            group by run_id, status""")
        .execute(Tuple.tuple().addLong(userId).addArrayOfLong(runIds.toArray(new Long[0])))
        .map(rs -> {
          java.util.Map<Long, java.util.Map<JobStatus, Long>> out = new java.util.HashMap<>();
          for (Row r : rs) {
            out.computeIfAbsent(r.getLong("run_id"), k -> new java.util.EnumMap<>(JobStatus.class))
                .put(JobStatus.of(r.getString("status")), r.getLong("n"));
          }
          return out;
        });
  }

  /** How many of the user's jobs are in each state, over all runs. */
  public Future<java.util.Map<JobStatus, Long>> counts(long userId) {
    return pool.preparedQuery("select status, count(*) as n from jobs where user_id = $1 group by status")
        .execute(Tuple.of(userId))
        .map(rs -> {
          java.util.Map<JobStatus, Long> out = new java.util.EnumMap<>(JobStatus.class);
          rs.forEach(r -> out.put(JobStatus.of(r.getString("status")), r.getLong("n")));
          return out;
        });
  }

  /**
   * The user's jobs the user decided on in the review queue in the last {@code minutes} (a {@code review} event:
   * submit or discard) and that are no longer waiting, newest first: the queue keeps showing what became of them.
   */
  public Future<List<JsonObject>> recentlyDecided(long userId, int minutes) {
    return pool.preparedQuery("""
            select j.id, j.run_id, j.title, j.company, j.status, j.updated_at from jobs j
            where j.user_id = $1
              and exists (select 1 from job_events e where e.job_id = j.id and e.user_id = j.user_id
                          and e.stage = 'review' and e.at > now() - make_interval(mins => $2))
              and j.status in ('applying', 'submitted', 'discarded', 'needs_attention', 'duplicate')
            order by j.updated_at desc limit 50""")
        .execute(Tuple.of(userId, minutes))
        .map(rs -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row r : rs) {
            JobStatus st = JobStatus.of(r.getString("status"));
            out.add(new JsonObject().put("job_id", r.getLong("id")).put("run_id", r.getLong("run_id"))
                .put("title", r.getString("title")).put("company", r.getString("company"))
                .put("status", st.db()).put("status_label", st.label)
                .put("updated_at", r.getOffsetDateTime("updated_at").toString()));
          }
          return out;
        });
  }

  /** The user's jobs in one state (the clarify queue), newest first, with their score breakdown. */
  public Future<List<JsonObject>> withStatus(long userId, JobStatus status) {
    return pool.preparedQuery("""
            select id, run_id, title, company, status, score, score_detail from jobs
            where user_id = $1 and status = $2 order by updated_at desc limit 200""")
        .execute(Tuple.of(userId, status.db()))
        .map(rs -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row r : rs) {
            out.add(new JsonObject().put("job_id", r.getLong("id")).put("run_id", r.getLong("run_id"))
                .put("title", r.getString("title")).put("company", r.getString("company"))
                .put("status", r.getString("status")).put("score", r.getInteger("score"))
                .put("score_detail", r.getValue("score_detail")));
          }
          return out;
        });
  }

  /** Records an event without changing the job's state. */
  public Future<Void> note(JobBus.JobCommand cmd, String stage, String message, JsonObject data) {
    return pool.withConnection(conn -> conn.preparedQuery("select status from jobs where id = $1 and user_id = $2")
        .execute(Tuple.of(cmd.jobId(), cmd.userId()))
        .compose(rs -> rs.iterator().hasNext()
            ? event(conn, cmd.jobId(), cmd.userId(), stage,
                JobStatus.of(rs.iterator().next().getString("status")), message, data)
            : Future.failedFuture(Failure.NOT_FOUND.with("no job " + cmd.jobId()))));
  }

  public Future<JsonArray> events(long jobId, long userId) {
    return pool.preparedQuery("""
            select at, stage, status, message, data from job_events where job_id = $1 and user_id = $2 order by id""")
        .execute(Tuple.of(jobId, userId))
        .map(rs -> {
          JsonArray out = new JsonArray();
          for (Row r : rs) {
            out.add(new JsonObject().put("at", r.getOffsetDateTime("at").toString()).put("stage", r.getString("stage"))
                .put("status", r.getString("status")).put("message", r.getString("message"))
                .put("data", r.getValue("data")));
          }
          return out;
        });
  }

  /** One document of a job by id, or NOT_FOUND. */
  public Future<Document> document(long jobId, long userId, long documentId) {
    return pool.preparedQuery("""
            select id, kind, filename, content_type, content, sha256, created_at from documents
            where id = $3 and job_id = $1 and user_id = $2""")
        .execute(Tuple.of(jobId, userId, documentId))
        .compose(rs -> rs.iterator().hasNext()
            ? Future.succeededFuture(Document.from(rs.iterator().next()))
            : Future.failedFuture(Failure.NOT_FOUND.with("job " + jobId + " has no document " + documentId)));
  }

  /** The newest document of a kind for a job, or NOT_FOUND. */
  public Future<Document> document(long jobId, long userId, String kind) {
    return pool.preparedQuery("""
            select id, kind, filename, content_type, content, sha256, created_at from documents
            where job_id = $1 and user_id = $2 and kind = $3 order by id desc limit 1""")
        .execute(Tuple.of(jobId, userId, kind))
        .compose(rs -> rs.iterator().hasNext()
            ? Future.succeededFuture(Document.from(rs.iterator().next()))
            : Future.failedFuture(Failure.NOT_FOUND.with("job " + jobId + " has no " + kind + " yet")));
  }

  /**
   * Metadata (no bytes) of every document of a job; a preview PNG also has its {@code width} and {@code height} in
   * pixels, read from its header (the first 24 bytes), so a page can give its {@code <img>} a size.
   */
  public Future<JsonArray> documents(long jobId, long userId) {
    return pool.preparedQuery("""
            select id, kind, filename, content_type, length(content) as bytes, sha256, created_at,
              case when kind in ('resume_png', 'cover_letter_png') then substring(content from 1 for 24) end as head
            from documents where job_id = $1 and user_id = $2 order by id""")
        .execute(Tuple.of(jobId, userId))
        .map(rs -> {
          JsonArray out = new JsonArray();
          for (Row r : rs) {
            JsonObject doc = new JsonObject().put("id", r.getLong("id")).put("kind", r.getString("kind"))
                .put("filename", r.getString("filename")).put("content_type", r.getString("content_type"))
                .put("bytes", r.getInteger("bytes")).put("sha256", r.getString("sha256"))
                .put("created_at", r.getOffsetDateTime("created_at").toString());
            JsonObject size = pngSize(r.getBuffer("head"));
            out.add(size == null ? doc : doc.mergeIn(size));
          }
          return out;
        });
  }

  /** Stores a document for a job inside a transition's transaction. */
  public static Future<Long> insertDocument(SqlConnection conn, long jobId, long userId, String kind,
                                            String filename, String contentType, byte[] content) {
    return conn.preparedQuery("""
            insert into documents (job_id, user_id, kind, filename, content_type, content, sha256)
            values ($1, $2, $3, $4, $5, $6, $7) returning id""")
        .execute(Tuple.of(jobId, userId, kind, filename, contentType, io.vertx.core.buffer.Buffer.buffer(content),
            Document.sha256(content)))
        .map(rs -> rs.iterator().next().getLong("id"));
  }

  private static Future<Void> event(SqlConnection conn, long jobId, long userId, String stage, JobStatus status,
                                    String message, JsonObject data) {
    return conn.preparedQuery("""
            insert into job_events (job_id, user_id, stage, status, message, data) values ($1, $2, $3, $4, $5, $6)""")
        .execute(Tuple.of(jobId, userId, stage, status.db(), message, data))
        .mapEmpty();
  }
  /**
   * The user's jobs that wait for an email security code (needs_input, and the newest needs_input event says
   * {@code kind: security_code}), by job id, each with that event's data {@code {kind, email, expires_at,
   * board_message?}}; {@code jobId} null for all of them.
   */
  public Future<java.util.Map<Long, JsonObject>> codeWaits(long userId, Long jobId) {
    return pool.preparedQuery("""
            select j.id, e.data from jobs j
            join lateral (select data from job_events where job_id = j.id and user_id = j.user_id
                          and status = 'needs_input' order by id desc limit 1) e on true
            where j.user_id = $1 and j.status = 'needs_input' and e.data->>'kind' = 'security_code'
              and ($2::bigint is null or j.id = $2)""")
        .execute(Tuple.of(userId, jobId))
        .map(rs -> {
          java.util.Map<Long, JsonObject> out = new java.util.LinkedHashMap<>();
          rs.forEach(r -> out.put(r.getLong("id"), (JsonObject) r.getValue("data")));
          return out;
        });
  }
}
