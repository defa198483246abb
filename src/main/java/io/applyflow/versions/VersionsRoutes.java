package io.applyflow.versions;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Views;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Resume and cover letter versions over HTTP: {@code GET /api/versions} (paged: {@code page} from 1, {@code per_page}
 * 1 to 100, default 20; {@code job_id} to keep one job's), {@code GET /api/versions/{doc_id}} (metadata and the diff
 * against the master), the full list {@code /versions} and one version's page {@code /versions/{doc_id}}. Downloads
 * are the job's document routes ({@code /jobs/{job_id}/documents/{doc_id}}). Everything is read through the caller's
 * own id: another user's document is a 404.
 */
public final class VersionsRoutes {
  static final int PER_PAGE = 20;
  static final int MAX_PER_PAGE = 100;
  private static final int MAX_PAGE = 100_000;

  private final Versions versions;
  private final Views views;

  private VersionsRoutes(Versions versions, Views views) {
    this.versions = versions;
    this.views = views;
  }

  public static void mount(Router router, Versions versions, Views views) {
    VersionsRoutes r = new VersionsRoutes(versions, views);
    router.get("/api/versions").handler(Auth.requireApiUser()).handler(r::apiList);
    router.get("/api/versions/:doc_id").handler(Auth.requireApiUser()).handler(r::apiOne);
    router.get("/versions").handler(Auth.requirePageUser()).handler(r::pageList);
    router.get("/versions/:doc_id").handler(Auth.requirePageUser()).handler(r::pageOne);
  }

  private void apiList(RoutingContext ctx) {
    int page;
    int perPage;
    Long jobId;
    try {
      page = number(ctx, "page", 1, 1, MAX_PAGE);
      perPage = number(ctx, "per_page", PER_PAGE, 1, MAX_PER_PAGE);
      String job = ctx.request().getParam("job_id");
      jobId = job == null ? null : (long) number(ctx, "job_id", 0, 1, Integer.MAX_VALUE);
    } catch (Failure.Coded e) {
      Http.fail(ctx, e);
      return;
    }
    versions.page(Auth.userId(ctx), jobId, perPage, (page - 1) * perPage)
        .onSuccess(p -> {
          JsonArray items = new JsonArray();
          p.versions().forEach(v -> items.add(v.json()));
          JsonObject body = new JsonObject().put("versions", items).put("total", p.total()).put("page", page)
              .put("per_page", perPage);
          if ((long) page * perPage < p.total()) {
            body.put("next", "/api/versions?page=" + (page + 1) + "&per_page=" + perPage
                + (jobId == null ? "" : "&job_id=" + jobId));
          }
          Http.json(ctx, 200, body);
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void apiOne(RoutingContext ctx) {
    versions.one(Auth.userId(ctx), Http.idParam(ctx, "doc_id"))
        .onSuccess(d -> Http.json(ctx, 200, d.json()))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void pageList(RoutingContext ctx) {
    int page = number(ctx, "page", 1, 1, MAX_PAGE);
    versions.page(Auth.userId(ctx), null, PER_PAGE, (page - 1) * PER_PAGE)
        .onSuccess(p -> {
          Map<String, Object> model = new HashMap<>();
          Map<String, Object> list = VersionRows.list(p.versions(), p.total(), null,
              page == 1 ? "No versions yet: every resume and cover letter Applyflow makes for a job is listed here."
                  : "No versions on this page.", true);
          list.put("pageOwnsHeading", true);
          model.put("versions", list);
          model.put("page", page);
          model.put("previous", page > 1 ? "/versions?page=" + (page - 1) : null);
          model.put("next", (long) page * PER_PAGE < p.total() ? "/versions?page=" + (page + 1) : null);
          model.put("pages", Math.max(1, (p.total() + PER_PAGE - 1) / PER_PAGE));
          views.page(ctx, "versions/page", "versions-page", model);
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void pageOne(RoutingContext ctx) {
    versions.one(Auth.userId(ctx), Http.idParam(ctx, "doc_id"))
        .onSuccess(d -> views.page(ctx, "versions/diff", "version-diff", d.view()))
        .onFailure(t -> Http.fail(ctx, t));
  }

  /** A whole-number query parameter within bounds, {@code absent} when it is not given; BAD_INPUT naming it. */
  static int number(RoutingContext ctx, String name, int absent, int min, int max) {
    String raw = ctx.request().getParam(name);
    if (raw == null) {
      return absent;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Failure.BAD_INPUT.with(name + " must be a whole number from " + min + " to " + max + ", got '"
        + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "'");
  }
}
