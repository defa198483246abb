package io.applyflow.settings;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Views;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET/PUT /api/settings} ({@code {accept_threshold, clarify_threshold, send_cover_letter_in_auto}}; a PUT may
 * send any of them, BAD_INPUT names a bad one) and the settings page (the score bands, the auto-mode cover letter).
 */
public final class SettingsRoutes {
  private final SettingsStore store;
  private final Views views;

  private SettingsRoutes(SettingsStore store, Views views) {
    this.store = store;
    this.views = views;
  }

  public static void mount(Router router, SettingsStore store, Views views) {
    SettingsRoutes r = new SettingsRoutes(store, views);
    router.get("/api/settings").handler(Auth.requireApiUser()).handler(r::apiGet);
    router.put("/api/settings").handler(Auth.requireApiUser()).handler(r::apiPut);
    router.get("/settings").handler(Auth.requirePageUser()).handler(r::page);
    router.post("/settings").handler(Auth.requirePageUser()).handler(r::pageSave);
  }

  private void apiGet(RoutingContext ctx) {
    store.load(Auth.userId(ctx))
        .onSuccess(s -> Http.json(ctx, 200, s.toJson()))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void apiPut(RoutingContext ctx) {
    JsonObject body = Http.jsonBody(ctx);
    long userId = Auth.userId(ctx);
    store.load(userId)
        .compose(current -> store.save(userId, Settings.from(body, current)))
        .onSuccess(s -> Http.json(ctx, 200, s.toJson()))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void page(RoutingContext ctx) {
    store.load(Auth.userId(ctx))
        .onSuccess(s -> render(ctx, 200, s.toJson(), null, null))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void pageSave(RoutingContext ctx) {
    JsonObject form = new JsonObject();
    for (String f : new String[] {"accept_threshold", "clarify_threshold"}) {
      String v = ctx.request().getFormAttribute(f);
      if (v != null) {
        form.put(f, v);
      }
    }
    // A checkbox sends nothing when it is unticked, so its absence from the page's form means off.
    form.put("send_cover_letter_in_auto", ctx.request().getFormAttribute("send_cover_letter_in_auto") != null);
    long userId = Auth.userId(ctx);
    store.load(userId)
        .compose(current -> store.save(userId, Settings.from(form, current)))
        .onSuccess(s -> render(ctx, 200, s.toJson(), null, "Saved. New runs use these settings."))
        .onFailure(t -> {
          if (Failure.of(t) == Failure.BAD_INPUT) {
            render(ctx, 400, form, t.getMessage(), null);
          } else {
            Http.fail(ctx, t);
          }
        });
  }

  private void render(RoutingContext ctx, int status, JsonObject values, String error, String saved) {
    Map<String, Object> model = new HashMap<>();
    model.put("csrf", ctx.get(Auth.CSRF));
    model.put("values", values.getMap());
    model.put("error", error);
    model.put("saved", saved);
    boolean htmx = ctx.request().getHeader("HX-Request") != null;
    Views.html(ctx, status, views.render("settings/page", htmx ? "settings-form" : null, model));
  }
}
