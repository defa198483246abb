package io.applyflow.settings;

import io.applyflow.llm.LlmProbe;
import io.applyflow.llm.LlmSettings;
import io.applyflow.llm.LlmClient;
import io.applyflow.llm.LlmLimits;
import io.applyflow.llm.LlmSpend;
import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Views;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The language model section of the settings page and its API. {@code GET /api/settings/llm} answers
 * {@code {source, base_url, model, key_set, own {base_url, model, key_set}, usage {today, month}}};
 * {@code PUT /api/settings/llm} takes {@code {base_url, model, api_key, remove_key}} (a missing field keeps its value,
 * a missing or empty {@code api_key} keeps the saved key) and answers as GET; {@code POST /api/settings/llm/test}
 * tests the saved settings, or those a body like PUT's would save, and answers {@code {outcome, message, status,
 * models}}. The page: {@code POST /settings/llm} saves the form (htmx gets the {@code llm-form} fragment, 400 with the
 * refusal next to the fields; a plain form a redirect, or the section on a page of its own when refused) and
 * {@code POST /settings/llm/test} answers the {@code llm-test} fragment. No answer ever holds the key.
 */
public final class LlmSettingsRoutes {
  private static final List<String> FIELDS = List.of("base_url", "model", "api_key");

  private final LlmSettings settings;
  private final LlmSpend usage;
  private final LlmProbe probe;
  private final Views views;
  private final LlmLimits.Settings limits;

  private LlmSettingsRoutes(LlmSettings settings, LlmSpend usage, LlmProbe probe, Views views,
                            LlmLimits.Settings limits) {
    this.settings = settings;
    this.usage = usage;
    this.probe = probe;
    this.views = views;
    this.limits = limits;
  }

  /** Mounts the routes; the answer's {@link #sectionModel} is what the settings page shows of them. */
  public static LlmSettingsRoutes mount(Router router, LlmSettings settings, LlmSpend usage, LlmProbe probe,
                                        Views views, LlmLimits.Settings limits) {
    LlmSettingsRoutes r = new LlmSettingsRoutes(settings, usage, probe, views, limits);
    router.get("/api/settings/llm").handler(Auth.requireApiUser()).handler(r::apiGet);
    router.put("/api/settings/llm").handler(Auth.requireApiUser()).handler(r::apiPut);
    router.post("/api/settings/llm/test").handler(Auth.requireApiUser()).handler(r::apiTest);
    router.post("/settings/llm/test").handler(Auth.requirePageUser()).handler(r::pageTest);
    router.post("/settings/llm").handler(Auth.requirePageUser()).handler(r::pageSave);
    return r;
  }

  // --- API ------------------------------------------------------------------------------------------------------

  private void apiGet(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    settings.view(userId).compose(v -> withUsage(userId, v.toJson()))
        .onSuccess(json -> Http.json(ctx, 200, json))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void apiPut(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    JsonObject body = Http.jsonBody(ctx);
    settings.view(userId)
        .compose(current -> settings.save(userId, input(body, current)))
        .compose(v -> withUsage(userId, v.toJson()))
        .onSuccess(json -> Http.json(ctx, 200, json))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void apiTest(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    String raw = ctx.body() == null ? null : ctx.body().asString();
    JsonObject body = raw == null || raw.isBlank() ? null : Http.jsonBody(ctx);
    (body == null ? settings.effective(userId)
        : settings.view(userId).compose(current -> settings.candidate(userId, input(body, current))))
        .compose(probe::test)
        .onSuccess(result -> Http.json(ctx, 200, result.toJson()))
        .onFailure(t -> Http.fail(ctx, t));
  }

  /** PUT's body over the user's saved values: a missing field keeps its value; BAD_INPUT names a wrong type. */
  private static LlmSettings.Input input(JsonObject body, LlmSettings.View current) {
    Object remove = body.getValue("remove_key");
    if (remove != null && !(remove instanceof Boolean)) {
      throw Failure.BAD_INPUT.with("remove_key must be true or false");
    }
    return LlmSettings.Input.of(text(body, "base_url", current.ownBaseUrl()), text(body, "model", current.ownModel()),
        text(body, "api_key", null), Boolean.TRUE.equals(remove));
  }

  private static String text(JsonObject body, String field, String current) {
    if (!body.containsKey(field)) {
      return current;
    }
    Object v = body.getValue(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    // the value itself is not repeated: it may be a key
    throw Failure.BAD_INPUT.with(field + " must be a string or null, not " + (v instanceof Number ? "a number"
        : v instanceof Boolean ? "true or false" : v instanceof JsonObject ? "an object" : "an array"));
  }

  private Future<JsonObject> withUsage(long userId, JsonObject json) {
    return spent(userId).map(s -> json.put("usage", new JsonObject().put("today", s.today().json())
            .put("month", s.month().json()))
        .put("budget", s.budget() == null ? null : new JsonObject()
            .put("tokens_per_day", s.budget().limits().tokensPerDay()).put("used_today", s.budget().usedToday())
            .put("tokens_per_run", s.budget().limits().tokensPerRun())
            .put("tokens_per_job", s.budget().limits().tokensPerJob())));
  }

  /** The budgets of the server in use and what its account (every user of its key) spent today. */
  private record Budget(LlmLimits limits, long usedToday) {
  }

  /** What the API and the page show of the user's spending: today, this month, and the key's budget (null if none). */
  private record Spent(LlmSpend.Usage today, LlmSpend.Usage month, Budget budget) {
  }

  private Future<Spent> spent(long userId) {
    Future<Budget> budget = settings.effective(userId)
        .compose(config -> !config.isConfigured() ? Future.<Budget>succeededFuture(null)
            : usage.accountToday(LlmClient.account(config)).map(u -> new Budget(limits.of(config), u.tokens())))
        .otherwise((Budget) null);
    return usage.userToday(userId).compose(today -> usage.userMonth(userId).compose(month -> budget
        .map(b -> new Spent(today, month, b))));
  }

  // --- the page -------------------------------------------------------------------------------------------------

  /** The section's model for the whole settings page: the saved values, what is in use, the usage. */
  public Future<Map<String, Object>> sectionModel(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    return settings.view(userId).compose(v -> {
      Map<String, Object> m = values(v, v.ownBaseUrl(), v.ownModel());
      if ("saved".equals(ctx.request().getParam("llm"))) {
        m.put("saved", "Saved. New runs use these settings.");
      }
      return usageLine(userId, m);
    });
  }

  private Future<Map<String, Object>> usageLine(long userId, Map<String, Object> m) {
    return spent(userId).map(s -> {
      m.put("usage", usageText(s.today(), s.month()));
      m.put("budget", s.budget() == null ? null : String.format(Locale.ROOT, "Today this key has used %,d of its "
              + "%,d tokens (every user of the key together; the day is UTC). A run may spend %,d, a job %,d.",
          s.budget().usedToday(), s.budget().limits().tokensPerDay(), s.budget().limits().tokensPerRun(),
          s.budget().limits().tokensPerJob()));
      return m;
    });
  }

  /** "12,345 tokens today in 14 requests, 6 answered from the cache · 40,120 this month". */
  static String usageText(LlmSpend.Usage today, LlmSpend.Usage month) {
    return String.format(Locale.ROOT, "%,d tokens today in %,d %s, %,d answered from the cache · %,d this month",
        today.tokens(), today.requests(), today.requests() == 1 ? "request" : "requests", today.cached(),
        month.tokens());
  }

  private static Map<String, Object> values(LlmSettings.View v, String baseUrl, String model) {
    Map<String, Object> m = new HashMap<>();
    m.put("baseUrl", baseUrl);
    m.put("model", model);
    m.put("keySaved", v.ownKeySet());
    m.put("source", v.source());
    m.put("inUse", switch (v.source()) {
      case "user" -> "In use: your settings, model " + v.model() + " at " + v.baseUrl()
          + (v.keySet() ? " with your key." : " without a key.");
      case "installation" -> "In use: this installation's default, model " + v.model() + " at " + v.baseUrl()
          + ". Enter a base URL or a key to use your own.";
      default -> "No language model is set, by you or by this installation: tailoring is deterministic.";
    });
    boolean own = "user".equals(v.source());
    m.put("placeholderBase", !own && v.baseUrl() != null ? v.baseUrl() : io.applyflow.llm.LlmConfig.GROQ_BASE_URL);
    m.put("placeholderModel", !own && v.model() != null ? v.model() : io.applyflow.llm.LlmConfig.GROQ_DEFAULT_MODEL);
    return m;
  }

  private void pageSave(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    String base = ctx.request().getFormAttribute("base_url");
    String model = ctx.request().getFormAttribute("model");
    LlmSettings.Input in;
    try {
      in = form(ctx);
    } catch (Failure.Coded e) {
      refused(ctx, userId, base, model, e);
      return;
    }
    settings.save(userId, in).onSuccess(v -> {
      if (!Http.isHtmx(ctx)) {
        Http.redirect(ctx, "/settings?llm=saved#llm-settings");
        return;
      }
      Map<String, Object> m = values(v, v.ownBaseUrl(), v.ownModel());
      m.put("saved", "Saved. New runs use these settings.");
      render(ctx, 200, "llm-form", m);
    }).onFailure(t -> {
      if (Failure.of(t) == Failure.BAD_INPUT) {
        refused(ctx, userId, base, model, t);
      } else {
        Http.fail(ctx, t);
      }
    });
  }

  private void pageTest(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    String base = ctx.request().getFormAttribute("base_url");
    String model = ctx.request().getFormAttribute("model");
    Future<LlmProbe.Result> result;
    try {
      result = settings.candidate(userId, form(ctx)).compose(probe::test);
    } catch (Failure.Coded e) {
      result = Future.failedFuture(e);
    }
    result.onSuccess(r -> testAnswer(ctx, userId, base, model, 200, r.toJson().getMap()))
        .onFailure(t -> {
          Failure f = Failure.of(t);
          if (f == Failure.INTERNAL || f == Failure.BUSY) {
            Http.fail(ctx, t);
            return;
          }
          // a refused value or a key that no longer opens: said where the test's answer goes
          testAnswer(ctx, userId, base, model, f.httpStatus, Map.of("outcome", "refused", "message", t.getMessage()));
        });
  }

  private void testAnswer(RoutingContext ctx, long userId, String base, String model, int status,
                          Map<String, Object> test) {
    if (Http.isHtmx(ctx)) {
      Map<String, Object> m = new HashMap<>();
      m.put("test", test);
      render(ctx, status, "llm-test", m);
      return;
    }
    settings.view(userId).compose(v -> usageLine(userId, values(v, base, model))).onSuccess(m -> {
      m.put("test", test);
      render(ctx, status, null, m);
    }).onFailure(t -> Http.fail(ctx, t));
  }

  private static LlmSettings.Input form(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    return LlmSettings.Input.of(f.get("base_url"), f.get("model"), f.get("api_key"), f.get("remove_key") != null);
  }

  /** The form again with what was typed (never the key) and the refusal; 400 (htmx: the fragment). */
  private void refused(RoutingContext ctx, long userId, String base, String model, Throwable t) {
    settings.view(userId).compose(v -> Http.isHtmx(ctx) ? Future.succeededFuture(values(v, base, model))
        : usageLine(userId, values(v, base, model))).onSuccess(m -> {
          m.put("error", t.getMessage());
          String field = t.getMessage().split(" ", 2)[0];
          m.put("errorField", FIELDS.contains(field) ? field : "");
          render(ctx, Failure.of(t).httpStatus, Http.isHtmx(ctx) ? "llm-form" : null, m);
        }).onFailure(e -> Http.fail(ctx, e));
  }

  private void render(RoutingContext ctx, int status, String fragment, Map<String, Object> llm) {
    Map<String, Object> model = new HashMap<>();
    model.put("csrf", ctx.get(Auth.CSRF));
    model.put("llm", llm);
    Views.html(ctx, status, views.render("settings/llm", fragment, model));
  }
}
