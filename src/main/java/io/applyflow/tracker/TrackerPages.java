package io.applyflow.tracker;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.SafeUrls;
import io.applyflow.platform.web.Times;
import io.applyflow.platform.web.Views;
import io.vertx.core.MultiMap;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The tracker's pages. {@code /applications}: the list (filters, sorting, pages: the {@code applications-table}
 * fragment for htmx), each row's status a select that saves on change ({@code POST /applications/{id}/status}
 * answers htmx with the row, {@code application-row}), bulk status and delete ({@code POST /applications/bulk}),
 * the add-by-hand form ({@code POST /applications}; a 400 re-renders {@code add-form} with each error next to its
 * field) and the add-by-URL form (its route belongs to the URL reader). {@code /applications/{id}}: the details,
 * the edit form ({@code POST /applications/{id}/edit}, {@code application-form}), the status, the activity and
 * delete with a confirmation ({@code POST /applications/{id}/delete}). Plain forms are answered with a 303 redirect.
 */
final class TrackerPages {
  private static final List<String> ADD_FIELDS = List.of("company", "position", "url", "location", "deadline",
      "salary", "notes");
  private static final List<String> EDIT_FIELDS = List.of("company", "position", "url", "location", "deadline",
      "salary", "follow_up", "notes");
  /** Success messages by the {@code notice} key a redirect carries (never text from the address itself). */
  private static final Map<String, String> NOTICES = Map.of(
      "added", "Added to your applications.",
      "saved", "Saved.",
      "status", "Status saved.",
      "deleted", "Deleted, with its activity.",
      "bulk-status", "Status changed for the selected applications.",
      "bulk-delete", "The selected applications were deleted.");

  /** Where {@link #detail} leaves the job's versions for {@link #renderDetail}. */
  private static final String VERSIONS = "tracker.versions";

  private final Applications store;
  private final Views views;
  /** The resume and letter versions of a job, by (user id, job id), for an application that a run made. */
  private final BiFunction<Long, Long, Future<Map<String, Object>>> versionsOfJob;

  private TrackerPages(Applications store, Views views, BiFunction<Long, Long, Future<Map<String, Object>>> versionsOfJob) {
    this.store = store;
    this.views = views;
    this.versionsOfJob = versionsOfJob;
  }

  static void mount(Router router, Applications store, Views views,
                    BiFunction<Long, Long, Future<Map<String, Object>>> versionsOfJob) {
    TrackerPages p = new TrackerPages(store, views, versionsOfJob);
    router.get("/applications").handler(Auth.requirePageUser()).handler(p::list);
    router.post("/applications").handler(Auth.requirePageUser()).handler(p::add);
    router.post("/applications/bulk").handler(Auth.requirePageUser()).handler(p::bulk);
    router.get("/applications/:id").handler(Auth.requirePageUser()).handler(p::detail);
    router.post("/applications/:id/edit").handler(Auth.requirePageUser()).handler(p::edit);
    router.post("/applications/:id/status").handler(Auth.requirePageUser()).handler(p::status);
    router.post("/applications/:id/delete").handler(Auth.requirePageUser()).handler(p::delete);
  }

  // --- the list -----------------------------------------------------------------------------------------------

  private void list(RoutingContext ctx) {
    ApplicationQuery q = TrackerRoutes.query(ctx);
    String fragment = Http.isHtmx(ctx) ? "applications-table" : null;
    renderList(ctx, 200, q, fragment, Map.of(), Map.of(), notice(ctx));
  }

  private void renderList(RoutingContext ctx, int status, ApplicationQuery q, String fragment,
                          Map<String, String> addValues, Map<String, String> addErrors, String notice) {
    store.list(Auth.userId(ctx), q).onSuccess(page -> safely(ctx, () -> {
      Map<String, Object> model = base(ctx);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Object o : page.getJsonArray("applications")) {
        rows.add(row((JsonObject) o));
      }
      model.put("apps", rows);
      model.put("total", page.getLong("total"));
      model.put("page", q.page());
      model.put("pages", page.getLong("pages"));
      model.put("q", q.q());
      model.put("filterStatus", q.statuses().size() == 1 ? q.statuses().get(0) : "");
      model.put("sort", q.sort());
      Map<String, String> sortLinks = new LinkedHashMap<>();
      for (String key : ApplicationQuery.SORT_KEYS) {
        sortLinks.put(key, link(q.sortedBy(key)));
      }
      model.put("sortLinks", sortLinks);
      model.put("sortedBy", q.sortKey());
      model.put("descending", q.descending());
      model.put("prev", q.page() > 1 ? link(q.withPage(q.page() - 1)) : null);
      model.put("next", q.page() < page.getLong("pages") ? link(q.withPage(q.page() + 1)) : null);
      String filters = new ApplicationQuery(q.statuses(), q.q(), q.sort(), 1, ApplicationQuery.PER_PAGE).queryString();
      model.put("csv", "/api/applications.csv" + (filters.isEmpty() ? "" : "?" + filters));
      model.put("back", Http.localPath(link(q), "/applications"));
      model.put("add", addValues);
      model.put("addErrors", addErrors);
      model.put("notice", notice);
      Views.html(ctx, status, views.render("tracker/list", fragment, model));
    })).onFailure(t -> Http.fail(ctx, t));
  }

  private static String link(ApplicationQuery q) {
    String s = q.queryString();
    return "/applications" + (s.isEmpty() ? "" : "?" + s);
  }

  private void add(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    Map<String, String> values = new LinkedHashMap<>();
    JsonObject fields = new JsonObject();
    for (String f : ADD_FIELDS) {
      String v = form.get(f);
      values.put(f, v == null ? "" : v);
      if (v != null && !v.isBlank()) {
        fields.put(f, v);
      }
    }
    ApplicationFields.Checked checked = ApplicationFields.check(fields, true, "manual");
    if (!checked.ok()) {
      addFailed(ctx, values, checked.problems());
      return;
    }
    store.create(Auth.userId(ctx), fields, "manual")
        .onSuccess(app -> Http.redirect(ctx, "/applications/" + app.getLong("id") + "?notice=added"))
        .onFailure(t -> {
          if (Failure.of(t) == Failure.BAD_INPUT) {
            addFailed(ctx, values, Map.of("fields", t.getMessage()));
          } else {
            Http.fail(ctx, t);
          }
        });
  }

  /** The add form again, each problem next to its field: the fragment for htmx, the whole page otherwise. */
  private void addFailed(RoutingContext ctx, Map<String, String> values, Map<String, String> problems) {
    if (Http.isHtmx(ctx)) {
      Map<String, Object> model = base(ctx);
      model.put("add", values);
      model.put("addErrors", problems);
      Views.html(ctx, 400, views.render("tracker/list", "add-form", model));
    } else {
      renderList(ctx, 400, ApplicationQuery.all(), null, values, problems, null);
    }
  }

  private void bulk(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    Bulk b = Bulk.of(form.getAll("ids"), form.get("action"), form.get("status"));
    long userId = Auth.userId(ctx);
    String back = Http.localPath(form.get("return"), "/applications");
    String notice = b.delete() ? "bulk-delete" : "bulk-status";
    (b.delete() ? store.bulkDelete(userId, b.ids()) : store.bulkStatus(userId, b.ids(), b.status()))
        .onSuccess(ids -> Http.redirect(ctx, back + (back.contains("?") ? "&" : "?") + "notice=" + notice))
        .onFailure(t -> Http.fail(ctx, t));
  }

  // --- one application ----------------------------------------------------------------------------------------

  private void detail(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    long userId = Auth.userId(ctx);
    store.get(userId, id)
        .compose(app -> app.getLong("job_id") == null ? Future.succeededFuture(app)
            : versionsOfJob.apply(userId, app.getLong("job_id")).map(v -> {
              ctx.put(VERSIONS, v);
              return app;
            }))
        .onSuccess(app -> safely(ctx, () -> renderDetail(ctx, 200, app, null, Map.of(), notice(ctx))))
        .onFailure(t -> Http.fail(ctx, t));
  }

  /** The detail page ({@code fragment} null) or its edit form, with {@code values} as typed when they failed. */
  private void renderDetail(RoutingContext ctx, int status, JsonObject app, Map<String, Object> values,
                            Map<String, String> errors, String notice) {
    Map<String, Object> model = base(ctx);
    model.put("a", row(app));
    model.put("values", values != null ? values : formValues(app));
    model.put("errors", errors);
    model.put("notice", notice);
    List<Map<String, Object>> events = new ArrayList<>();
    for (Object o : app.getJsonArray("events", new JsonArray())) {
      JsonObject e = (JsonObject) o;
      Map<String, Object> ev = new HashMap<>();
      ev.put("at", Times.minute(e.getString("at")));
      ev.put("iso", e.getString("at"));
      ev.put("kind", e.getString("kind"));
      ev.put("message", e.getString("message"));
      events.add(ev);
    }
    model.put("events", events);
    model.put("versions", ctx.get(VERSIONS));
    boolean formOnly = status == 400 && Http.isHtmx(ctx);
    Views.html(ctx, status, views.render("tracker/detail", formOnly ? "application-form" : null, model));
  }

  /** The edit form's values from the stored application. */
  private static Map<String, Object> formValues(JsonObject app) {
    Map<String, Object> v = new HashMap<>();
    for (String f : EDIT_FIELDS) {
      v.put(f, app.getValue(f) == null ? "" : String.valueOf(app.getValue(f)));
    }
    List<Map<String, String>> contacts = new ArrayList<>();
    for (Object o : app.getJsonArray("contacts", new JsonArray())) {
      contacts.add(contact((JsonObject) o));
    }
    v.put("contacts", contacts);
    return v;
  }

  private static Map<String, String> contact(JsonObject c) {
    Map<String, String> m = new HashMap<>();
    for (String k : List.of("name", "email", "role", "phone")) {
      m.put(k, c.getString(k, ""));
    }
    return m;
  }

  private void edit(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    JsonObject fields = new JsonObject();
    Map<String, Object> values = new HashMap<>();
    for (String f : EDIT_FIELDS) {
      String v = form.get(f);
      if (v != null) {
        fields.put(f, v);
      }
      values.put(f, v == null ? "" : v);
    }
    // contacts: one row of inputs each (the last one blank, for adding); a ticked "remove" drops its row
    List<String> names = form.getAll("contact_name");
    List<String> emails = form.getAll("contact_email");
    List<String> roles = form.getAll("contact_role");
    List<String> phones = form.getAll("contact_phone");
    List<String> removed = form.getAll("contact_remove");
    JsonArray contacts = new JsonArray();
    List<Map<String, String>> shown = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      JsonObject c = new JsonObject().put("name", at(names, i)).put("email", at(emails, i))
          .put("role", at(roles, i)).put("phone", at(phones, i));
      boolean blank = c.stream().allMatch(e -> ((String) e.getValue()).isBlank());
      if (!blank && !removed.contains(String.valueOf(i))) {
        contacts.add(c);
        shown.add(contact(c));
      }
    }
    if (form.contains("contact_name")) {
      fields.put("contacts", contacts);
    }
    values.put("contacts", shown);
    long userId = Auth.userId(ctx);
    ApplicationFields.Checked checked = ApplicationFields.check(fields, false, null);
    if (!checked.ok()) {
      store.get(userId, id)
          .onSuccess(app -> safely(ctx, () -> renderDetail(ctx, 400, app, values, checked.problems(), null)))
          .onFailure(t -> Http.fail(ctx, t));
      return;
    }
    store.patch(userId, id, fields)
        .onSuccess(app -> Http.redirect(ctx, "/applications/" + id + "?notice=saved"))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private static String at(List<String> list, int i) {
    return i < list.size() && list.get(i) != null ? list.get(i) : "";
  }

  private void status(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    MultiMap form = ctx.request().formAttributes();
    ApplicationStatus status = ApplicationStatus.parse("status", form.get("status"));
    boolean row = "row".equals(form.get("view"));
    store.setStatus(Auth.userId(ctx), id, status).onSuccess(app -> safely(ctx, () -> {
      if (row && Http.isHtmx(ctx)) {
        Map<String, Object> model = base(ctx);
        Map<String, Object> r = row(app);
        r.put("saved", true);
        model.put("a", r);
        model.put("back", Http.localPath(form.get("return"), "/applications"));
        Views.html(ctx, 200, views.render("tracker/row", "application-row", model));
      } else if (row) {
        String back = Http.localPath(form.get("return"), "/applications");
        Http.redirect(ctx, back + (back.contains("?") ? "&" : "?") + "notice=status");
      } else {
        Http.redirect(ctx, "/applications/" + id + "?notice=status");
      }
    })).onFailure(t -> Http.fail(ctx, t));
  }

  private void delete(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    store.delete(Auth.userId(ctx), id)
        .onSuccess(v -> Http.redirect(ctx, "/applications?notice=deleted"))
        .onFailure(t -> Http.fail(ctx, t));
  }

  // --- views --------------------------------------------------------------------------------------------------

  private static Map<String, Object> base(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    model.put("csrf", ctx.get(Auth.CSRF));
    List<Map<String, String>> statuses = new ArrayList<>();
    for (ApplicationStatus s : ApplicationStatus.values()) {
      statuses.add(Map.of("value", s.name(), "label", s.label));
    }
    model.put("statuses", statuses);
    model.put("add", Map.of());
    // the add-by-URL form (templates/analyze/page.html :: add-url-form) as it first shows: empty, no error
    model.put("values", Map.of());
    model.put("errors", Map.of());
    model.put("noProfile", false);
    model.put("addErrors", Map.of());
    return model;
  }

  /** An application as a page shows it: its fields, the status label, a link only when it is a safe URL. */
  static Map<String, Object> row(JsonObject a) {
    Map<String, Object> r = new HashMap<>();
    for (String f : List.of("id", "job_id", "status", "status_label", "company", "position", "location", "deadline",
        "salary", "follow_up", "score", "notes", "origin", "description")) {
      r.put(f, a.getValue(f));
    }
    r.put("url", SafeUrls.webUrl(a.getString("url")));
    r.put("rawUrl", a.getString("url"));
    r.put("updated", Times.minute(a.getString("updated_at")));
    r.put("created", Times.minute(a.getString("created_at")));
    r.put("applied", Times.minute(a.getString("applied_at")));
    r.put("title", (a.getString("position") == null ? "(no position)" : a.getString("position"))
        + (a.getString("company") == null ? "" : " at " + a.getString("company")));
    List<Map<String, String>> contacts = new ArrayList<>();
    for (Object o : a.getJsonArray("contacts", new JsonArray())) {
      contacts.add(contact((JsonObject) o));
    }
    r.put("contacts", contacts);
    return r;
  }

  /** The success message a redirect asked for ({@code ?notice=saved}), from the fixed table; null otherwise. */
  private static String notice(RoutingContext ctx) {
    String key = first(ctx, "notice");
    return key == null ? null : NOTICES.get(key);
  }

  /** Runs {@code render}; a failure while rendering becomes the error page instead of a request left hanging. */
  private static void safely(RoutingContext ctx, Runnable render) {
    try {
      render.run();
    } catch (RuntimeException e) {
      Http.fail(ctx, e);
    }
  }

  private static String first(RoutingContext ctx, String name) {
    List<String> all = ctx.queryParam(name);
    return all.isEmpty() ? null : all.get(0);
  }
}
