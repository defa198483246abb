package io.applyflow.home;

import io.applyflow.tracker.ApplicationStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One user's numbers for the dashboard and {@code GET /api/stats}, read with the user's id in every query:
 * applications per status, the funnel, applications sent per week and what waits for the user.
 *
 * <p>The funnel, stage by stage (each stage counts a subset of the one before):
 * <ul>
 *   <li><b>discovered</b>: postings found by runs (every job row) plus applications added by hand or from a URL
 *       (applications without a job);</li>
 *   <li><b>accepted</b>: jobs that reached {@code accepted} or a later stage of the pipeline (now, or by their
 *       history in {@code job_events}: accepted, tailored, rendered, awaiting approval, applying, submitted, needs
 *       input, needs attention), so a job discarded after tailoring still counts, one discarded from the clarify
 *       queue does not; plus the applications added by hand or URL (the user chose them);</li>
 *   <li><b>submitted</b>: applications in {@code APPLIED}, {@code INTERVIEW} or {@code OFFER}, and those in
 *       {@code REJECTED}, {@code DECLINED} or {@code WITHDRAWN} that were really sent: made by a run, with an
 *       {@code applied_at}, or that passed APPLIED, INTERVIEW or OFFER per {@code application_events} (an
 *       application withdrawn before it was sent is not counted);</li>
 *   <li><b>interview</b>: applications that are or were in {@code INTERVIEW} (or reached {@code OFFER});</li>
 *   <li><b>offer</b>: applications that are or were in {@code OFFER}.</li>
 * </ul>
 *
 * <p>Weeks: the submitted applications counted by the ISO week (Monday, UTC) in which they were sent:
 * {@code applied_at}, else the first change to APPLIED, else the day the application was made; the last 12 weeks,
 * the current one last, weeks without any as 0.
 */
public final class Stats {
  /** The tracker's statuses, in lifecycle order (V13__tracker.sql). */
  /** The application statuses in lifecycle order, as stored (the tracker's {@link ApplicationStatus}). */
  public static final List<String> STATUSES = java.util.Arrays.stream(ApplicationStatus.values()).map(Enum::name)
      .toList();
  /** The funnel's stages in order. */
  public static final List<String> STAGES = List.of("discovered", "accepted", "submitted", "interview", "offer");
  static final int WEEKS = 12;

  /** Job states that mean the job got past scoring (see the class comment). */
  private static final String[] ACCEPTED = {"accepted", "tailored", "rendered", "awaiting_approval", "applying",
      "submitted", "needs_input", "needs_attention"};

  /** The condition "this application (a) was sent", shared by the funnel and the weeks. */
  private static final String SENT = """
      (a.status in ('APPLIED', 'INTERVIEW', 'OFFER')
       or (a.status in ('REJECTED', 'DECLINED', 'WITHDRAWN')
           and (a.job_id is not null or a.applied_at is not null
                or exists (select 1 from application_events e where e.application_id = a.id and e.user_id = a.user_id
                           and e.to_status in ('APPLIED', 'INTERVIEW', 'OFFER')))))""";

  private final Pool pool;

  public Stats(Pool pool) {
    this.pool = pool;
  }

  /** The whole answer of {@code GET /api/stats}: statuses, funnel, weeks, waiting. */
  public Future<JsonObject> of(long userId) {
    return Future.all(statuses(userId), funnel(userId), weeks(userId, today()), waiting(userId))
        .map(all -> new JsonObject().put("statuses", all.resultAt(0)).put("funnel", all.resultAt(1))
            .put("weeks", all.resultAt(2)).put("waiting", all.resultAt(3)));
  }

  /** Applications per status, every status present (0 when none), in lifecycle order. */
  public Future<JsonObject> statuses(long userId) {
    return pool.preparedQuery("select status, count(*) as n from applications where user_id = $1 group by status")
        .execute(Tuple.of(userId))
        .map(rs -> {
          Map<String, Long> counts = new HashMap<>();
          rs.forEach(r -> counts.put(r.getString("status"), r.getLong("n")));
          JsonObject out = new JsonObject(new LinkedHashMap<>());
          STATUSES.forEach(s -> out.put(s, counts.getOrDefault(s, 0L)));
          return out;
        });
  }

  /** The funnel: {@code [{stage, count}]} in order (see the class comment for what each stage counts). */
  public Future<JsonArray> funnel(long userId) {
    return pool.preparedQuery("""
            select
              (select count(*) from jobs j where j.user_id = $1) as jobs,
              (select count(*) from applications a where a.user_id = $1 and a.job_id is null) as own,
              (select count(*) from jobs j where j.user_id = $1
                 and (j.status = any($2) or exists (select 1 from job_events e where e.job_id = j.id
                      and e.user_id = j.user_id and e.status = any($2)))) as accepted,
              (select count(*) from applications a where a.user_id = $1 and """ + SENT + """
            ) as submitted,
              (select count(*) from applications a where a.user_id = $1
                 and (a.status in ('INTERVIEW', 'OFFER') or exists (select 1 from application_events e
                      where e.application_id = a.id and e.user_id = a.user_id
                        and e.to_status in ('INTERVIEW', 'OFFER')))) as interview,
              (select count(*) from applications a where a.user_id = $1
                 and (a.status = 'OFFER' or exists (select 1 from application_events e
                      where e.application_id = a.id and e.user_id = a.user_id and e.to_status = 'OFFER'))) as offer""")
        .execute(Tuple.tuple().addLong(userId).addArrayOfString(ACCEPTED))
        .map(rs -> {
          Row r = rs.iterator().next();
          long own = r.getLong("own");
          return funnelOf(r.getLong("jobs") + own, r.getLong("accepted") + own, r.getLong("submitted"),
              r.getLong("interview"), r.getLong("offer"));
        });
  }

  static JsonArray funnelOf(long... counts) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < STAGES.size(); i++) {
      out.add(new JsonObject().put("stage", STAGES.get(i)).put("count", counts[i]));
    }
    return out;
  }

  /** Applications sent per ISO week, the 12 weeks up to the one holding {@code today}: {@code [{week, applications}]}. */
  public Future<JsonArray> weeks(long userId, LocalDate today) {
    LocalDate first = monday(today).minusWeeks(WEEKS - 1);
    return pool.preparedQuery("""
            select to_char(date_trunc('week', s.at at time zone 'UTC'), 'YYYY-MM-DD') as week, count(*) as n
            from (select coalesce(a.applied_at,
                    (select min(e.at) from application_events e where e.application_id = a.id
                       and e.user_id = a.user_id and e.to_status = 'APPLIED'),
                    a.created_at) as at
                  from applications a where a.user_id = $1 and """ + SENT + """
            ) s
            where (s.at at time zone 'UTC') >= $2::date
            group by 1""")
        .execute(Tuple.of(userId, first))
        .map(rs -> {
          Map<String, Long> counts = new HashMap<>();
          rs.forEach(r -> counts.put(r.getString("week"), r.getLong("n")));
          return weeksOf(today, counts);
        });
  }

  /** The 12 weeks up to {@code today}'s, oldest first, each with its count or 0. */
  static JsonArray weeksOf(LocalDate today, Map<String, Long> counts) {
    JsonArray out = new JsonArray();
    LocalDate week = monday(today).minusWeeks(WEEKS - 1);
    for (int i = 0; i < WEEKS; i++, week = week.plusWeeks(1)) {
      out.add(new JsonObject().put("week", week.toString()).put("applications", counts.getOrDefault(week.toString(), 0L)));
    }
    return out;
  }

  static LocalDate monday(LocalDate d) {
    return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  /**
   * What waits for the user, by kind: {@code awaiting_approval} (filled forms to submit), {@code needs_input}
   * (questions only they can answer), {@code security_codes} (an emailed code to type; these jobs are needs_input
   * too but counted here, not there), {@code needs_attention}, {@code clarify} (borderline jobs), {@code review}
   * (all of the review queue: the first four) and {@code total}.
   */
  public Future<JsonObject> waiting(long userId) {
    return pool.preparedQuery("""
            select
              count(*) filter (where j.status = 'awaiting_approval') as awaiting_approval,
              count(*) filter (where j.status = 'needs_input' and not coalesce(c.code, false)) as needs_input,
              count(*) filter (where j.status = 'needs_input' and coalesce(c.code, false)) as security_codes,
              count(*) filter (where j.status = 'needs_attention') as needs_attention,
              count(*) filter (where j.status = 'clarify') as clarify
            from jobs j
            left join lateral (select e.data->>'kind' = 'security_code' as code from job_events e
                               where e.job_id = j.id and e.user_id = j.user_id and e.status = 'needs_input'
                               order by e.id desc limit 1) c on j.status = 'needs_input'
            where j.user_id = $1 and j.status in ('awaiting_approval', 'needs_input', 'needs_attention', 'clarify')""")
        .execute(Tuple.of(userId))
        .map(rs -> {
          Row r = rs.iterator().next();
          JsonObject out = new JsonObject(new LinkedHashMap<>());
          long review = 0;
          for (String k : List.of("awaiting_approval", "needs_input", "security_codes", "needs_attention")) {
            out.put(k, r.getLong(k));
            review += r.getLong(k);
          }
          out.put("clarify", r.getLong("clarify"));
          out.put("review", review);
          out.put("total", review + r.getLong("clarify"));
          return out;
        });
  }

  /**
   * The jobs that wait for the user, newest first (at most {@code limit}), each with where to act:
   * {@code {job_id, title, company, status, kind, action, href}}; {@code kind} is the status or
   * {@code security_code}.
   */
  public Future<List<Map<String, Object>>> waitingJobs(long userId, int limit) {
    return pool.preparedQuery("""
            select j.id, j.title, j.company, j.status, coalesce(c.code, false) as code
            from jobs j
            left join lateral (select e.data->>'kind' = 'security_code' as code from job_events e
                               where e.job_id = j.id and e.user_id = j.user_id and e.status = 'needs_input'
                               order by e.id desc limit 1) c on j.status = 'needs_input'
            where j.user_id = $1 and j.status in ('awaiting_approval', 'needs_input', 'needs_attention', 'clarify')
            order by j.updated_at desc, j.id desc limit $2""")
        .execute(Tuple.of(userId, limit))
        .map(rs -> {
          List<Map<String, Object>> out = new ArrayList<>();
          for (Row r : rs) {
            long id = r.getLong("id");
            String kind = r.getBoolean("code") ? "security_code" : r.getString("status");
            Map<String, Object> m = new HashMap<>();
            m.put("job_id", id);
            m.put("title", r.getString("title"));
            m.put("company", r.getString("company"));
            m.put("status", r.getString("status"));
            m.put("kind", kind);
            m.put("badge", switch (kind) {
              case "security_code" -> "Security code";
              case "needs_input" -> "Needs your answer";
              case "needs_attention" -> "Needs a look";
              case "clarify" -> "Borderline";
              default -> "Ready to submit";
            });
            m.put("action", switch (kind) {
              case "security_code" -> "Enter the emailed code";
              case "needs_input" -> "Answer its questions";
              case "needs_attention" -> "See what happened";
              case "clarify" -> "Approve or discard";
              default -> "Review and submit";
            });
            m.put("href", "/jobs/" + id + switch (kind) {
              case "needs_input" -> "#job-questions";
              default -> "";
            });
            out.add(m);
          }
          return out;
        });
  }

  /**
   * The newest {@code limit} things that happened, newest first: changes of the user's applications, and the job
   * events that matter to the person (a job waiting for them, sent, failed, discarded, not a match; not each
   * pipeline step). Each {@code {kind: job|application, at (ISO), status, message, title, company, href}}.
   */
  public Future<List<Map<String, Object>>> activity(long userId, int limit) {
    return pool.preparedQuery("""
            (select 'job' as kind, e.id, e.at, e.status, e.message, j.title, j.company, j.id as job_id
               from job_events e join jobs j on j.id = e.job_id and j.user_id = e.user_id
              where e.user_id = $1 and e.status in ('clarify', 'awaiting_approval', 'submitted', 'needs_input',
                    'needs_attention', 'failed', 'discarded', 'rejected', 'duplicate')
              order by e.at desc, e.id desc limit $2)
            union all
            (select 'application', e.id, e.at, e.to_status, e.message, coalesce(a.position, j.title),
                    coalesce(a.company, j.company), a.job_id
               from application_events e join applications a on a.id = e.application_id and a.user_id = e.user_id
               left join jobs j on j.id = a.job_id and j.user_id = a.user_id
              where e.user_id = $1
              order by e.at desc, e.id desc limit $2)
            order by at desc, id desc limit $2""")
        .execute(Tuple.of(userId, limit))
        .map(rs -> {
          List<Map<String, Object>> out = new ArrayList<>();
          for (Row r : rs) {
            Map<String, Object> m = new HashMap<>();
            String kind = r.getString("kind");
            Long jobId = r.getLong("job_id");
            m.put("kind", kind);
            m.put("at", r.getOffsetDateTime("at").toString());
            m.put("status", r.getString("status"));
            m.put("message", r.getString("message"));
            m.put("title", r.getString("title"));
            m.put("company", r.getString("company"));
            m.put("href", jobId != null ? "/jobs/" + jobId : "/applications");
            out.add(m);
          }
          return out;
        });
  }
}
