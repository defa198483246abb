package io.applyflow.tracker;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Views;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The applications tracker's JSON API (and, through {@link TrackerPages}, its pages):
 * <ul>
 *   <li>{@code GET /api/applications} ({@code status} repeatable or comma-separated, {@code q}, {@code sort},
 *       {@code page}, {@code per_page}) answers {@code {applications, total, page, per_page, pages}};</li>
 *   <li>{@code POST /api/applications} adds one by hand (201); {@code GET/PATCH/DELETE /api/applications/{id}};
 *       {@code PUT /api/applications/{id}/status {"status": ...}};</li>
 *   <li>{@code GET /api/applications.csv} (the same filters, every row, RFC 4180, formula-safe);</li>
 *   <li>{@code POST /api/applications/bulk {"ids": [...], "status": ...}} or {@code {"ids": [...], "delete": true}}.</li>
 * </ul>
 * Another user's id is 404; bad input is 400 naming the field.
 */
public final class TrackerRoutes {
  private final Applications store;

  private TrackerRoutes(Applications store) {
    this.store = store;
  }

  public static void mount(Router router, Applications store, Views views,
                           java.util.function.BiFunction<Long, Long, io.vertx.core.Future<java.util.Map<String, Object>>> versionsOfJob) {
    TrackerRoutes r = new TrackerRoutes(store);
    // the literal paths first: /api/applications/:id would take them otherwise
    router.get("/api/applications.csv").handler(Auth.requireApiUser()).handler(r::csv);
    router.post("/api/applications/bulk").handler(Auth.requireApiUser()).handler(r::bulk);
    router.get("/api/applications").handler(Auth.requireApiUser()).handler(r::list);
    router.post("/api/applications").handler(Auth.requireApiUser()).handler(r::create);
    router.get("/api/applications/:id").handler(Auth.requireApiUser()).handler(r::get);
    router.patch("/api/applications/:id").handler(Auth.requireApiUser()).handler(r::patch);
    router.delete("/api/applications/:id").handler(Auth.requireApiUser()).handler(r::delete);
    router.put("/api/applications/:id/status").handler(Auth.requireApiUser()).handler(r::status);
    TrackerPages.mount(router, store, views, versionsOfJob);
  }

  /** The list's filters from the request's query ({@link ApplicationQuery#parse}). */
  static ApplicationQuery query(RoutingContext ctx) {
    return ApplicationQuery.parse(ctx.queryParam("status"), first(ctx, "q"), first(ctx, "sort"), first(ctx, "page"),
        first(ctx, "per_page"));
  }

  private static String first(RoutingContext ctx, String name) {
    List<String> all = ctx.queryParam(name);
    return all.isEmpty() ? null : all.get(0);
  }

  private void list(RoutingContext ctx) {
    store.list(Auth.userId(ctx), query(ctx))
        .onSuccess(page -> Http.json(ctx, 200, page))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void csv(RoutingContext ctx) {
    ApplicationQuery q = query(ctx);
    store.all(Auth.userId(ctx), new ApplicationQuery(q.statuses(), q.q(), q.sort(), 1, ApplicationQuery.PER_PAGE))
        .onSuccess(apps -> ctx.response().setStatusCode(200)
            .putHeader("content-type", "text/csv; charset=utf-8; header=present")
            .putHeader("content-disposition", "attachment; filename=\"applications.csv\"")
            .end(io.vertx.core.buffer.Buffer.buffer(ApplicationsCsv.of(apps).getBytes(StandardCharsets.UTF_8))))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void create(RoutingContext ctx) {
    store.create(Auth.userId(ctx), Http.jsonBody(ctx), "manual")
        .onSuccess(app -> Http.json(ctx, 201, app))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void get(RoutingContext ctx) {
    store.get(Auth.userId(ctx), Http.idParam(ctx, "id"))
        .onSuccess(app -> Http.json(ctx, 200, app))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void patch(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    store.patch(Auth.userId(ctx), id, Http.jsonBody(ctx))
        .onSuccess(app -> Http.json(ctx, 200, app))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void delete(RoutingContext ctx) {
    store.delete(Auth.userId(ctx), Http.idParam(ctx, "id"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void status(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    JsonObject body = Http.jsonBody(ctx);
    for (String key : body.fieldNames()) {
      if (!key.equals("status")) {
        throw Failure.BAD_INPUT.with("unknown field " + io.applyflow.platform.web.Inputs.shown(key)
            + "; send {\"status\": one of " + ApplicationStatus.allowed() + "}");
      }
    }
    Object raw = body.getValue("status");
    if (raw != null && !(raw instanceof String)) {
      throw Failure.BAD_INPUT.with("status must be a string: one of " + ApplicationStatus.allowed());
    }
    ApplicationStatus status = ApplicationStatus.parse("status", (String) raw);
    store.setStatus(Auth.userId(ctx), id, status)
        .onSuccess(app -> Http.json(ctx, 200, app))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void bulk(RoutingContext ctx) {
    Bulk b = Bulk.fromJson(Http.jsonBody(ctx));
    long userId = Auth.userId(ctx);
    (b.delete() ? store.bulkDelete(userId, b.ids()) : store.bulkStatus(userId, b.ids(), b.status()))
        .onSuccess(ids -> Http.json(ctx, 200, new JsonObject().put(b.delete() ? "deleted" : "changed",
            new JsonArray(List.copyOf(ids))).put("count", ids.size())))
        .onFailure(t -> Http.fail(ctx, t));
  }
}
