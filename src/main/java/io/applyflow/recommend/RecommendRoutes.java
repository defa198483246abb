package io.applyflow.recommend;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.config.Config;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Times;
import io.applyflow.platform.web.Views;
import io.applyflow.search.Level;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recommendations, pages and API. The feed page {@code /recommendations} (its list is the {@code recommend-feed}
 * fragment of {@code templates/recommend/feed.html}, which the dashboard includes too), "Refresh now"
 * ({@code POST /recommendations/refresh}, once a minute per user), Dismiss ({@code POST /recommendations/{id}/dismiss});
 * the discovery settings on the settings page ({@code POST /settings/recommendations} for the watch-list and interval,
 * {@code POST /settings/recommendations/searches} and {@code .../searches/{id}/delete} for saved searches). API:
 * {@code GET /api/recommendations}, {@code POST /api/recommendations/{id}/dismiss},
 * {@code POST /api/recommendations/refresh}, {@code GET/PUT /api/recommendations/settings}. A pass itself runs on the
 * scrape role ({@code recommend.discover}); nothing here applies or creates a job.
 */
public final class RecommendRoutes {
  /** Rows the page lists; the dashboard shows fewer ({@link #feedModel}). */
  public static final int PAGE_ROWS = 100;

  private final Recommendations recs;
  private final Views views;
  private final Config config;
  private final EventBus bus;

  private RecommendRoutes(Recommendations recs, Views views, Config config, EventBus bus) {
    this.recs = recs;
    this.views = views;
    this.config = config;
    this.bus = bus;
  }

  /** Mounts the routes; a refresh is sent on {@code bus} to the scrape role. */
  public static RecommendRoutes mount(Router router, Recommendations recs, Views views, Config config, EventBus bus) {
    RecommendRoutes r = new RecommendRoutes(recs, views, config, bus);
    router.get("/api/recommendations/settings").handler(Auth.requireApiUser()).handler(r::apiSettings);
    router.put("/api/recommendations/settings").handler(Auth.requireApiUser()).handler(r::apiSaveSettings);
    router.post("/api/recommendations/refresh").handler(Auth.requireApiUser()).handler(r::apiRefresh);
    router.get("/api/recommendations").handler(Auth.requireApiUser()).handler(r::apiFeed);
    router.post("/api/recommendations/:id/dismiss").handler(Auth.requireApiUser()).handler(r::apiDismiss);
    router.get("/recommendations").handler(Auth.requirePageUser()).handler(ctx -> r.page(ctx, 200, null, null));
    router.post("/recommendations/refresh").handler(Auth.requirePageUser()).handler(r::pageRefresh);
    router.post("/recommendations/:id/dismiss").handler(Auth.requirePageUser()).handler(r::pageDismiss);
    router.post("/settings/recommendations/searches/:id/delete").handler(Auth.requirePageUser())
        .handler(r::removeSearch);
    router.post("/settings/recommendations/searches").handler(Auth.requirePageUser()).handler(r::addSearch);
    router.post("/settings/recommendations").handler(Auth.requirePageUser()).handler(r::saveSources);
    return r;
  }

  // --- the feed -----------------------------------------------------------------------------------------------

  /**
   * What {@code templates/recommend/feed.html :: recommend-feed} needs: {@code recommendations} (the user's newest
   * {@code limit} rows) and {@code recommendBack} (where Dismiss without JavaScript returns). Put them, with
   * {@code csrf}, into the model of a page that includes the fragment.
   */
  public Future<Map<String, Object>> feedModel(long userId, int limit, String back) {
    return recs.feed(userId, limit).map(rows -> {
      Map<String, Object> model = new HashMap<>();
      model.put("recommendations", rows.stream().map(RecommendRoutes::row).toList());
      model.put("recommendBack", back);
      return model;
    });
  }

  private static Map<String, Object> row(Recommendations.Item i) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", i.id());
    m.put("title", i.title());
    m.put("company", i.company() == null ? i.board() : i.company());
    m.put("location", i.location());
    m.put("url", i.url());
    m.put("score", i.score());
    m.put("found", Times.minute(i.foundAt()));
    m.put("level", Level.ofTitle(i.title()).name().toLowerCase(Locale.ROOT));
    m.put("band", i.score() == null ? "reject" : i.score() >= 60 ? "accept" : i.score() >= 40 ? "clarify" : "reject");
    return m;
  }

  private void page(RoutingContext ctx, int status, String error, String notice) {
    long userId = Auth.userId(ctx);
    feedModel(userId, PAGE_ROWS, "/recommendations").compose(model -> recs.setup(userId).map(setup -> {
      model.put("csrf", ctx.get(Auth.CSRF));
      model.put("error", error);
      model.put("notice", notice);
      model.put("configured", !setup.watchlist().isEmpty() || !setup.searches().isEmpty());
      model.put("lastRun", setup.lastRunAt() == null ? null
          : Times.minute(setup.lastRunAt()));
      model.put("everyHours", setup.intervalHours() == null ? config.recommendEveryHours() : setup.intervalHours());
      return model;
    })).onSuccess(model -> Views.html(ctx, status, views.render("recommend/page",
            Http.isHtmx(ctx) ? "recommend-panel" : null, model)))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void pageRefresh(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    refresh(userId)
        .onSuccess(p -> page(ctx, 200, null, said(p)))
        .onFailure(t -> {
          Failure f = Failure.of(t);
          page(ctx, t instanceof TooSoon ? 429 : f == Failure.INTERNAL ? 500 : f.httpStatus, t.getMessage(), null);
        });
  }

  private static String said(RecommendBus.Pass p) {
    String s = "Refreshed: " + p.listed() + " posting" + (p.listed() == 1 ? "" : "s") + " read, " + p.added() + " new.";
    return p.problems().isEmpty() ? s : s + " Not read: " + String.join("; ", p.problems());
  }

  /** A refresh asked for less than a minute after the last one. */
  private static final class TooSoon extends RuntimeException {
    TooSoon(long seconds) {
      super("You refreshed less than a minute ago; try again in " + seconds + " second" + (seconds == 1 ? "" : "s")
          + ".", null, false, false);
    }
  }

  private Future<RecommendBus.Pass> refresh(long userId) {
    return recs.claimRefresh(userId).compose(wait -> wait > 0 ? Future.failedFuture(new TooSoon(wait))
        : RecommendBus.discover(bus, userId));
  }

  private void pageDismiss(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    recs.dismiss(Auth.userId(ctx), id).onSuccess(v -> {
      if (Http.isHtmx(ctx)) {
        Views.html(ctx, 200, ""); // the row replaces itself with nothing
      } else {
        Http.redirect(ctx, Http.localPath(ctx.request().getFormAttribute("back"), "/recommendations"));
      }
    }).onFailure(t -> Http.fail(ctx, t));
  }

  private void apiFeed(RoutingContext ctx) {
    int limit = PAGE_ROWS;
    String raw = ctx.request().getParam("limit");
    if (raw != null) {
      try {
        limit = Integer.parseInt(raw);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 500) {
        Http.fail(ctx, Failure.BAD_INPUT.with("limit must be a whole number from 1 to 500, got '" + raw + "'"));
        return;
      }
    }
    recs.feed(Auth.userId(ctx), limit)
        .onSuccess(rows -> Http.json(ctx, 200, new JsonObject().put("recommendations",
            new JsonArray(rows.stream().map(Recommendations.Item::toJson).toList()))))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void apiDismiss(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    recs.dismiss(Auth.userId(ctx), id)
        .onSuccess(v -> Http.json(ctx, 200, new JsonObject().put("id", id).put("dismissed", true)))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void apiRefresh(RoutingContext ctx) {
    refresh(Auth.userId(ctx))
        .onSuccess(p -> Http.json(ctx, 200, new JsonObject().put("listed", p.listed()).put("added", p.added())
            .put("problems", p.problems())))
        .onFailure(t -> {
          if (t instanceof TooSoon) {
            Http.error(ctx, 429, "too_many_requests", t.getMessage());
          } else {
            Http.fail(ctx, t);
          }
        });
  }

  // --- settings -----------------------------------------------------------------------------------------------

  private void apiSettings(RoutingContext ctx) {
    recs.setup(Auth.userId(ctx))
        .onSuccess(s -> Http.json(ctx, 200, s.toJson(config.recommendEveryHours())))
        .onFailure(t -> Http.fail(ctx, t));
  }

  /**
   * {@code PUT /api/recommendations/settings {watchlist?: ["greenhouse:acme", ...], interval_hours?: 1..720 | null,
   * searches?: [{position, level, location?}]}}: what is sent replaces what is stored; the rest is kept.
   */
  private void apiSaveSettings(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    JsonObject body;
    List<String> watchlist;
    Integer interval;
    List<Discovery.SavedSearch> searches;
    try {
      body = Http.jsonBody(ctx);
      watchlist = body.containsKey("watchlist") ? entries(body.getValue("watchlist")) : null;
      interval = !body.containsKey("interval_hours") || body.getValue("interval_hours") == null ? null
          : body.getValue("interval_hours") instanceof Integer n ? SavedSearches.interval(n)
          : SavedSearches.interval(String.valueOf(body.getValue("interval_hours")));
      searches = body.containsKey("searches") ? searches(body.getValue("searches")) : null;
    } catch (Failure.Coded e) {
      Http.fail(ctx, e);
      return;
    }
    boolean intervalSent = body.containsKey("interval_hours");
    recs.setup(userId)
        .compose(current -> recs.saveSettings(userId, watchlist == null ? current.watchlist() : watchlist,
            intervalSent ? interval : current.intervalHours()))
        .compose(v -> searches == null ? Future.succeededFuture() : recs.replaceSearches(userId, searches))
        .compose(v -> recs.setup(userId))
        .onSuccess(s -> Http.json(ctx, 200, s.toJson(config.recommendEveryHours())))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private static List<String> entries(Object raw) {
    if (!(raw instanceof JsonArray a)) {
      throw Failure.BAD_INPUT.with("watchlist must be an array of entries such as \"greenhouse:acme\"");
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof String s)) {
        throw Failure.BAD_INPUT.with("watchlist entry " + (i + 1) + " must be a string");
      }
      lines.add(s);
    }
    return WatchList.parse(lines, "entry").stream().map(Config.WatchEntry::toString).toList();
  }

  private static List<Discovery.SavedSearch> searches(Object raw) {
    if (!(raw instanceof JsonArray a) || a.size() > 20) {
      throw Failure.BAD_INPUT.with("searches must be an array of at most 20 {position, level, location} objects");
    }
    List<Discovery.SavedSearch> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof JsonObject o)) {
        throw Failure.BAD_INPUT.with("searches[" + i + "] must be an object {position, level, location}");
      }
      try {
        out.add(SavedSearches.of(str(o, "position"), str(o, "level"), str(o, "location")));
      } catch (Failure.Coded e) {
        throw Failure.BAD_INPUT.with("searches[" + i + "]: " + e.getMessage());
      }
    }
    return out;
  }

  private static String str(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v != null && !(v instanceof String)) {
      throw Failure.BAD_INPUT.with(key + " must be a string");
    }
    return (String) v;
  }

  /**
   * The model of {@code templates/recommend/settings.html :: recommend-settings} for the settings page:
   * {@code recommend} (watch-list text, interval, saved searches, the default source in words).
   */
  public Future<Map<String, Object>> settingsModel(RoutingContext ctx) {
    return recs.setup(Auth.userId(ctx)).map(s -> {
      Map<String, Object> m = settingsValues(s);
      if ("saved".equals(ctx.request().getParam("recommend"))) {
        m.put("sourcesSaved", "Saved. The next discovery uses this watch-list.");
      }
      return m;
    });
  }

  private Map<String, Object> settingsValues(Recommendations.Setup s) {
    Map<String, Object> m = new HashMap<>();
    m.put("watchlistText", WatchList.lines(s.watchlist()));
    m.put("intervalHours", s.intervalHours() == null ? "" : String.valueOf(s.intervalHours()));
    m.put("defaultHours", config.recommendEveryHours());
    m.put("defaultSource", config.searchUsesSandbox() ? "the sandbox board"
        : config.watchlist().isEmpty() ? "none (the server has no WATCHLIST)"
        : "the server's WATCHLIST: " + String.join(", ", config.watchlist()));
    m.put("searches", s.searches().stream().map(x -> {
      Map<String, Object> row = new HashMap<>();
      row.put("id", x.id());
      row.put("position", x.position());
      row.put("level", x.level());
      row.put("location", x.location());
      return row;
    }).toList());
    m.put("searchValues", Map.of());
    return m;
  }

  private void saveSources(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    String text = ctx.request().getFormAttribute("watchlist");
    String rawInterval = ctx.request().getFormAttribute("interval_hours");
    List<String> watchlist;
    Integer interval;
    try {
      watchlist = WatchList.parseLines(text).stream().map(Config.WatchEntry::toString).toList();
      interval = SavedSearches.interval(rawInterval);
    } catch (Failure.Coded e) {
      settingsError(ctx, "recommend-sources", e.getMessage(), m -> {
        m.put("watchlistText", text == null ? "" : text);
        m.put("intervalHours", rawInterval == null ? "" : rawInterval);
      });
      return;
    }
    recs.saveSettings(userId, watchlist, interval).onSuccess(v -> {
      if (!Http.isHtmx(ctx)) {
        Http.redirect(ctx, "/settings?recommend=saved#recommend-settings");
        return;
      }
      recs.setup(userId).onSuccess(s -> {
        Map<String, Object> m = settingsValues(s);
        m.put("sourcesSaved", "Saved. The next discovery uses this watch-list.");
        renderSettings(ctx, 200, "recommend-sources", m);
      }).onFailure(t -> Http.fail(ctx, t));
    }).onFailure(t -> Http.fail(ctx, t));
  }

  private void addSearch(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    var f = ctx.request().formAttributes();
    Map<String, String> typed = new HashMap<>();
    for (String k : List.of("position", "level", "location")) {
      typed.put(k, f.get(k) == null ? "" : f.get(k));
    }
    Discovery.SavedSearch s;
    try {
      s = SavedSearches.of(f.get("position"), f.get("level"), f.get("location"));
    } catch (Failure.Coded e) {
      settingsError(ctx, "recommend-searches", e.getMessage(), m -> m.put("searchValues", typed));
      return;
    }
    recs.addSearch(userId, s.position(), s.level(), s.location())
        .onSuccess(id -> afterSearchChange(ctx, "Saved search added."))
        .onFailure(t -> {
          if (Failure.of(t) == Failure.BAD_INPUT) {
            settingsError(ctx, "recommend-searches", t.getMessage(), m -> m.put("searchValues", typed));
          } else {
            Http.fail(ctx, t);
          }
        });
  }

  private void removeSearch(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    recs.removeSearch(Auth.userId(ctx), id)
        .compose(found -> found ? Future.succeededFuture()
            : Future.failedFuture(Failure.NOT_FOUND.with("You have no saved search " + id + ".")))
        .onSuccess(v -> afterSearchChange(ctx, "Saved search removed."))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void afterSearchChange(RoutingContext ctx, String notice) {
    if (!Http.isHtmx(ctx)) {
      Http.redirect(ctx, "/settings#recommend-searches");
      return;
    }
    recs.setup(Auth.userId(ctx)).onSuccess(s -> {
      Map<String, Object> m = settingsValues(s);
      m.put("searchesSaved", notice);
      renderSettings(ctx, 200, "recommend-searches", m);
    }).onFailure(t -> Http.fail(ctx, t));
  }

  /**
   * A refusal next to its field: htmx gets the form's fragment (400) in place; a plain form gets the recommendation
   * settings on a page of their own (400), with a link back to the settings page.
   */
  private void settingsError(RoutingContext ctx, String fragment, String message,
                             java.util.function.Consumer<Map<String, Object>> typed) {
    recs.setup(Auth.userId(ctx)).onSuccess(s -> {
      Map<String, Object> m = settingsValues(s);
      typed.accept(m);
      m.put("errorField", SavedSearches.field(message));
      m.put("error", message);
      renderSettings(ctx, 400, Http.isHtmx(ctx) ? fragment : null, m);
    }).onFailure(t -> Http.fail(ctx, t));
  }

  private void renderSettings(RoutingContext ctx, int status, String fragment, Map<String, Object> recommend) {
    Map<String, Object> model = new HashMap<>();
    model.put("csrf", ctx.get(Auth.CSRF));
    model.put("recommend", recommend);
    Views.html(ctx, status, views.render("recommend/settings", fragment, model));
  }
}
