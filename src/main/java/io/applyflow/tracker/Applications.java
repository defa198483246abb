package io.applyflow.tracker;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The applications tracker's store: a user's applications and their activity, read and written only through that
 * user's id. Every change (added, status, fields edited, notes) writes an {@code application_events} row in the
 * same transaction as the change itself. Fields are checked by {@link ApplicationFields} before any SQL runs.
 */
public final class Applications {
  /** More than anyone tracks; the CSV export and a bulk action stop there. */
  public static final int MAX_EXPORT = 10_000;
  public static final int MAX_BULK = 500;

  private static final String COLUMNS = """
      a.id, a.job_id, a.status, a.company, a.position, a.url, a.location, a.deadline, a.salary, a.follow_up,
      a.contacts, a.notes, a.description, a.score, a.analysis, a.origin, a.applied_at, a.created_at, a.updated_at""";

  /** What a field is called in the activity list. */
  private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("company", "company"),
      Map.entry("position", "position"), Map.entry("url", "link"), Map.entry("location", "location"),
      Map.entry("deadline", "deadline"), Map.entry("salary", "salary"), Map.entry("follow_up", "follow-up date"),
      Map.entry("contacts", "contacts"), Map.entry("notes", "notes"), Map.entry("description", "description"),
      Map.entry("score", "score"), Map.entry("analysis", "analysis"));

  private final Pool pool;

  public Applications(Pool pool) {
    this.pool = pool;
  }

  /**
   * Adds an application for {@code userId} from {@code fields} (see {@link ApplicationFields}; status NEW unless
   * sent) and its "created" activity entry; answers it as {@link #get} does. {@code origin} is {@code manual} (a
   * person typed it: company and position required) or {@code url} (read from a posting: the URL required).
   * BAD_INPUT names every field that is wrong.
   */
  public Future<JsonObject> create(long userId, JsonObject fields, String origin) {
    JsonObject v;
    try {
      if (!"manual".equals(origin) && !"url".equals(origin)) {
        throw Failure.BAD_INPUT.with("origin must be manual or url");
      }
      v = ApplicationFields.check(fields == null ? new JsonObject() : fields, true, origin).orFail();
    } catch (Failure.Coded e) {
      return Future.failedFuture(e);
    }
    String status = v.getString("status", ApplicationStatus.NEW.name());
    Tuple t = Tuple.tuple().addLong(userId).addString(status).addString(v.getString("company"))
        .addString(v.getString("position")).addString(v.getString("url")).addString(v.getString("location"))
        .addValue(date(v.getString("deadline"))).addString(v.getString("salary"))
        .addValue(date(v.getString("follow_up"))).addValue(v.getJsonArray("contacts", new JsonArray()))
        .addString(v.getString("notes")).addString(v.getString("description")).addValue(v.getInteger("score"))
        .addValue(v.getJsonObject("analysis")).addString(origin)
        .addString("manual".equals(origin) ? "Added by hand" : "Added from its URL");
    return pool.withTransaction(conn -> conn.preparedQuery("""
            with app as (
              insert into applications (user_id, status, company, position, url, location, deadline, salary,
                follow_up, contacts, notes, description, score, analysis, origin, applied_at)
              values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                case when $2 = 'APPLIED' then now() end)
              returning id, status)
            insert into application_events (application_id, user_id, kind, to_status, message)
            select id, $1::bigint, 'created', status, $16::text from app
            returning application_id""")
        .execute(t)
        .compose(rs -> load(conn, userId, rs.iterator().next().getLong("application_id"))));
  }

  /** One application with its activity ({@code events}, oldest first); NOT_FOUND for any other user's id. */
  public Future<JsonObject> get(long userId, long id) {
    return pool.withConnection(conn -> load(conn, userId, id));
  }

  private static Future<JsonObject> load(SqlConnection conn, long userId, long id) {
    return conn.preparedQuery("select " + COLUMNS + " from applications a where a.id = $1 and a.user_id = $2")
        .execute(Tuple.of(id, userId))
        .compose(rs -> {
          if (!rs.iterator().hasNext()) {
            return Future.failedFuture(notFound(id));
          }
          JsonObject app = json(rs.iterator().next());
          return conn.preparedQuery("""
                  select id, at, kind, from_status, to_status, message from application_events
                  where application_id = $1 and user_id = $2 order by at, id""")
              .execute(Tuple.of(id, userId))
              .map(events -> {
                JsonArray list = new JsonArray();
                events.forEach(e -> list.add(new JsonObject().put("id", e.getLong("id"))
                    .put("at", iso(e.getOffsetDateTime("at"))).put("kind", e.getString("kind"))
                    .put("from_status", e.getString("from_status")).put("to_status", e.getString("to_status"))
                    .put("message", e.getString("message"))));
                return app.put("events", list);
              });
        });
  }

  /** A page of the user's applications: {@code {applications, total, page, per_page, pages}}. */
  public Future<JsonObject> list(long userId, ApplicationQuery q) {
    return select(userId, q, q.perPage(), q.offset()).map(rs -> {
      JsonArray apps = new JsonArray();
      long total = 0;
      for (Row r : rs) {
        total = r.getLong("total");
        apps.add(json(r));
      }
      if (apps.isEmpty() && q.page() > 1) {
        // past the last page: the total still tells the client how many there are
        return null;
      }
      return new JsonObject().put("applications", apps).put("total", total).put("page", q.page())
          .put("per_page", q.perPage()).put("pages", (total + q.perPage() - 1) / q.perPage());
    }).compose(page -> page != null ? Future.succeededFuture(page)
        : count(userId, q).map(total -> new JsonObject().put("applications", new JsonArray()).put("total", total)
            .put("page", q.page()).put("per_page", q.perPage()).put("pages", (total + q.perPage() - 1) / q.perPage())));
  }

  /** Every application the query matches (no pages), in its order, up to {@link #MAX_EXPORT}: for the CSV. */
  public Future<List<JsonObject>> all(long userId, ApplicationQuery q) {
    return select(userId, q, MAX_EXPORT, 0).map(rs -> {
      List<JsonObject> out = new ArrayList<>();
      rs.forEach(r -> out.add(json(r)));
      return out;
    });
  }

  private Future<RowSet<Row>> select(long userId, ApplicationQuery q, int limit, int offset) {
    return pool.preparedQuery("select " + COLUMNS + ", count(*) over () as total from applications a " + WHERE
            + " order by " + q.orderBy() + " limit $4 offset $5")
        .execute(Tuple.of(userId, q.statuses().isEmpty() ? null : q.statuses().toArray(String[]::new),
            q.likePattern(), limit, offset));
  }

  private static final String WHERE = """
      where a.user_id = $1 and ($2::text[] is null or a.status = any($2))
        and ($3::text is null or a.company ilike $3 or a.position ilike $3 or a.location ilike $3
             or a.notes ilike $3)""";

  private Future<Long> count(long userId, ApplicationQuery q) {
    return pool.preparedQuery("select count(*) as n from applications a " + WHERE)
        .execute(Tuple.of(userId, q.statuses().isEmpty() ? null : q.statuses().toArray(String[]::new),
            q.likePattern()))
        .map(rs -> rs.iterator().next().getLong("n"));
  }

  /**
   * Changes the fields sent ({@link ApplicationFields}: unknown fields and bad values are BAD_INPUT naming them; a
   * {@code status} among them changes the status). Only what really changed is written, with one activity entry for
   * the status and one for the other fields ({@code note} when only the notes changed).
   */
  public Future<JsonObject> patch(long userId, long id, JsonObject fields) {
    JsonObject v;
    try {
      v = ApplicationFields.check(fields == null ? new JsonObject() : fields, false, null).orFail();
    } catch (Failure.Coded e) {
      return Future.failedFuture(e);
    }
    return pool.withTransaction(conn -> conn.preparedQuery("select " + COLUMNS
            + " from applications a where a.id = $1 and a.user_id = $2 for update")
        .execute(Tuple.of(id, userId))
        .compose(rs -> {
          if (!rs.iterator().hasNext()) {
            return Future.failedFuture(notFound(id));
          }
          JsonObject old = json(rs.iterator().next());
          List<String> changed = new ArrayList<>();
          for (String f : v.fieldNames()) {
            if (!Objects.equals(old.getValue(f), v.getValue(f))) {
              changed.add(f);
            }
          }
          if (changed.isEmpty()) {
            return load(conn, userId, id);
          }
          StringBuilder set = new StringBuilder();
          Tuple t = Tuple.of(id, userId);
          for (String f : changed) {
            t.addValue(f.equals("deadline") || f.equals("follow_up") ? date(v.getString(f)) : v.getValue(f));
            set.append(f).append(" = $").append(t.size()).append(", ");
          }
          if (changed.contains("status") && ApplicationStatus.APPLIED.name().equals(v.getString("status"))) {
            set.append("applied_at = coalesce(applied_at, now()), ");
          }
          Future<?> update = conn.preparedQuery("update applications set " + set
                  + "updated_at = now() where id = $1 and user_id = $2").execute(t);
          if (changed.remove("status")) {
            String from = old.getString("status");
            String to = v.getString("status");
            update = update.compose(x -> event(conn, userId, id, "status", from, to,
                "Status: " + ApplicationStatus.labelOf(from) + " → " + ApplicationStatus.labelOf(to)));
          }
          if (!changed.isEmpty()) {
            boolean onlyNotes = changed.equals(List.of("notes"));
            String message = onlyNotes ? "Notes edited"
                : "Edited " + String.join(", ", changed.stream().map(WORDS::get).toList());
            update = update.compose(x -> event(conn, userId, id, onlyNotes ? "note" : "edited", null, null, message));
          }
          return update.compose(x -> load(conn, userId, id));
        }));
  }

  /** Moves one application to {@code status} (an activity entry when it is a change). */
  public Future<JsonObject> setStatus(long userId, long id, ApplicationStatus status) {
    return patch(userId, id, new JsonObject().put("status", status.name()));
  }

  private static Future<?> event(SqlConnection conn, long userId, long appId, String kind, String from, String to,
                                 String message) {
    return conn.preparedQuery("""
            insert into application_events (application_id, user_id, kind, from_status, to_status, message)
            values ($1, $2, $3, $4, $5, $6)""")
        .execute(Tuple.of(appId, userId, kind, from, to, message));
  }

  /** Deletes one application and its activity; NOT_FOUND for any other user's id. */
  public Future<Void> delete(long userId, long id) {
    return pool.preparedQuery("delete from applications where id = $1 and user_id = $2")
        .execute(Tuple.of(id, userId))
        .compose(rs -> rs.rowCount() == 1 ? Future.succeededFuture() : Future.failedFuture(notFound(id)));
  }

  /**
   * Moves the user's applications among {@code ids} to {@code status}, each with its activity entry, in one
   * transaction; ids of other users and applications already there are left alone. Answers the ids changed.
   */
  public Future<List<Long>> bulkStatus(long userId, List<Long> ids, ApplicationStatus status) {
    return pool.withTransaction(conn -> conn.preparedQuery("""
            with changed as (
              update applications a set status = $3, updated_at = now(),
                applied_at = case when $3 = 'APPLIED' then coalesce(a.applied_at, now()) else a.applied_at end
              from applications o
              where o.id = a.id and a.user_id = $1 and a.id = any($2) and a.status <> $3
              returning a.id, o.status as from_status)
            insert into application_events (application_id, user_id, kind, from_status, to_status, message)
            select id, $1::bigint, 'status', from_status, $3::text, 'Status: ' || $4::text || ' (changed with others)'
            from changed
            returning application_id""")
        .execute(Tuple.tuple().addLong(userId).addArrayOfLong(ids.toArray(Long[]::new)).addString(status.name())
            .addString(status.label))
        .map(Applications::ids));
  }

  /** Deletes the user's applications among {@code ids}; answers the ids deleted. */
  public Future<List<Long>> bulkDelete(long userId, List<Long> ids) {
    return pool.preparedQuery("delete from applications where user_id = $1 and id = any($2) returning id")
        .execute(Tuple.tuple().addLong(userId).addArrayOfLong(ids.toArray(Long[]::new)))
        .map(rs -> {
          List<Long> out = new ArrayList<>();
          rs.forEach(r -> out.add(r.getLong("id")));
          return out;
        });
  }

  private static List<Long> ids(RowSet<Row> rs) {
    List<Long> out = new ArrayList<>();
    rs.forEach(r -> out.add(r.getLong("application_id")));
    return out;
  }

  private static Failure.Coded notFound(long id) {
    return Failure.NOT_FOUND.with("no application " + id + " (it may have been deleted)");
  }

  private static LocalDate date(String iso) {
    return iso == null ? null : LocalDate.parse(iso);
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).toString();
  }

  /** An application row as the API shows it (dates {@code YYYY-MM-DD}, times ISO-8601 UTC). */
  static JsonObject json(Row r) {
    LocalDate deadline = r.getLocalDate("deadline");
    LocalDate followUp = r.getLocalDate("follow_up");
    Object contacts = r.getValue("contacts");
    Object analysis = r.getValue("analysis");
    return new JsonObject().put("id", r.getLong("id")).put("job_id", r.getLong("job_id"))
        .put("status", r.getString("status")).put("status_label", ApplicationStatus.labelOf(r.getString("status")))
        .put("company", r.getString("company")).put("position", r.getString("position"))
        .put("url", r.getString("url")).put("location", r.getString("location"))
        .put("deadline", deadline == null ? null : deadline.toString()).put("salary", r.getString("salary"))
        .put("follow_up", followUp == null ? null : followUp.toString())
        .put("contacts", contacts instanceof JsonArray a ? a : new JsonArray())
        .put("notes", r.getString("notes")).put("description", r.getString("description"))
        .put("score", r.getInteger("score")).put("analysis", analysis instanceof JsonObject o ? o : null)
        .put("origin", r.getString("origin")).put("applied_at", iso(r.getOffsetDateTime("applied_at")))
        .put("created_at", iso(r.getOffsetDateTime("created_at")))
        .put("updated_at", iso(r.getOffsetDateTime("updated_at")));
  }
}
