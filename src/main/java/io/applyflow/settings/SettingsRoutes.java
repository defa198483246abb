package io.applyflow.settings;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.security.Tokens;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Times;
import io.applyflow.platform.web.Views;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET/PUT /api/settings} ({@code {accept_threshold, clarify_threshold, send_cover_letter_in_auto,
 * resume_template, paper, resume_pages}}; a PUT may send any of them, BAD_INPUT names a bad one and its allowed
 * values) and the settings page (the score bands, the auto-mode cover letter, the documents' template, paper and
 * page budget, and the user's sessions and API tokens, each with a Revoke button: {@code POST /settings/tokens/{id}/revoke}, which
 * answers htmx with the {@code tokens} fragment and a plain form with a redirect back).
 */
public final class SettingsRoutes {

  private final SettingsStore store;
  private final Tokens tokens;
  private final Views views;
  private final Function<RoutingContext, Future<Map<String, Object>>> recommend;
  private final Function<RoutingContext, Future<Map<String, Object>>> llm;

  private SettingsRoutes(SettingsStore store, Tokens tokens, Views views,
                         Function<RoutingContext, Future<Map<String, Object>>> recommend,
                         Function<RoutingContext, Future<Map<String, Object>>> llm) {
    this.store = store;
    this.tokens = tokens;
    this.views = views;
    this.recommend = recommend;
    this.llm = llm;
  }

  public static void mount(Router router, SettingsStore store, Tokens tokens, Views views) {
    mount(router, store, tokens, views, null);
  }

  /**
   * As {@link #mount(Router, SettingsStore, Tokens, Views)}, the whole page also showing the recommendation settings
   * ({@code templates/recommend/settings.html}) with the model {@code recommend} answers, when it is not null.
   */
  public static void mount(Router router, SettingsStore store, Tokens tokens, Views views,
                           Function<RoutingContext, Future<Map<String, Object>>> recommend) {
    mount(router, store, tokens, views, recommend, null);
  }

  /**
   * As {@link #mount(Router, SettingsStore, Tokens, Views, Function)}, the whole page also showing the language model
   * section ({@code templates/settings/llm.html}, see {@link LlmSettingsRoutes}) with the model {@code llm} answers,
   * when it is not null.
   */
  public static void mount(Router router, SettingsStore store, Tokens tokens, Views views,
                           Function<RoutingContext, Future<Map<String, Object>>> recommend,
                           Function<RoutingContext, Future<Map<String, Object>>> llm) {
    SettingsRoutes r = new SettingsRoutes(store, tokens, views, recommend, llm);
    router.post("/settings/tokens/:id/revoke").handler(Auth.requirePageUser()).handler(r::revokeToken);
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

  private void revokeToken(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    tokens.revoke(Auth.userId(ctx), id)
        .compose(found -> found ? tokenRows(ctx)
            : Future.failedFuture(Failure.NOT_FOUND.with("You have no session or API token " + id
                + " (it may have been revoked already or expired).")))
        .onSuccess(rows -> {
          if (Http.isHtmx(ctx)) {
            Map<String, Object> model = new HashMap<>();
            model.put("csrf", ctx.get(Auth.CSRF));
            model.put("tokens", rows);
            model.put("revoked", "Revoked. Anything using it is logged out.");
            Views.html(ctx, 200, views.render("settings/page", "tokens", model));
          } else {
            Http.redirect(ctx, "/settings");
          }
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  /** The user's unexpired sessions and API tokens as the page lists them; never a token itself. */
  private Future<List<Map<String, Object>>> tokenRows(RoutingContext ctx) {
    Long current = Auth.tokenId(ctx);
    return tokens.list(Auth.userId(ctx)).map(list -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Tokens.Listed t : list) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", t.id());
        row.put("kind", "api".equals(t.kind()) ? "API token" : "Browser session");
        row.put("created", Times.minute(t.createdAt()));
        row.put("lastUsed", t.lastUsedAt() == null ? "never"
            : Times.minute(t.lastUsedAt()));
        row.put("expires", Times.minute(t.expiresAt()));
        row.put("current", current != null && current == t.id());
        rows.add(row);
      }
      return rows;
    });
  }

  private void pageSave(RoutingContext ctx) {
    JsonObject form = new JsonObject();
    for (String f : new String[] {"accept_threshold", "clarify_threshold", "resume_template", "paper",
        "resume_pages"}) {
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
    boolean htmx = ctx.request().getHeader("HX-Request") != null;
    if (!htmx && ctx.get("tokens") == null) {
      // the whole page (a form posted without JavaScript) lists the tokens too
      tokenRows(ctx).onSuccess(rows -> {
        ctx.put("tokens", rows);
        render(ctx, status, values, error, saved);
      }).onFailure(t -> Http.fail(ctx, t));
      return;
    }
    if (!htmx && recommend != null && ctx.get("recommend") == null) {
      recommend.apply(ctx).onSuccess(section -> {
        ctx.put("recommend", section);
        render(ctx, status, values, error, saved);
      }).onFailure(t -> Http.fail(ctx, t));
      return;
    }
    if (!htmx && llm != null && ctx.get("llm") == null) {
      llm.apply(ctx).onSuccess(section -> {
        ctx.put("llm", section);
        render(ctx, status, values, error, saved);
      }).onFailure(t -> Http.fail(ctx, t));
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("csrf", ctx.get(Auth.CSRF));
    model.put("llm", ctx.get("llm"));
    model.put("values", values.getMap());
    model.put("error", error);
    model.put("saved", saved);
    model.put("tokens", ctx.get("tokens"));
    model.put("recommend", ctx.get("recommend"));
    Views.html(ctx, status, views.render("settings/page", htmx ? "settings-form" : null, model));
  }
}
