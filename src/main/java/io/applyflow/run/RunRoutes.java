package io.applyflow.run;

import io.applyflow.job.JobStatus;
import io.applyflow.job.Jobs;
import io.applyflow.job.RunEvents;
import io.applyflow.llm.LlmSpend;
import io.applyflow.job.Runs;
import io.applyflow.pipeline.PipelineBus;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Sse;
import io.applyflow.platform.web.Inputs;
import io.applyflow.platform.web.Views;
import io.applyflow.profile.Profiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs over HTTP: {@code POST /api/search}, {@code GET /api/search/{run_id}} (+ {@code /events}, SSE JSON), and
 * the pages {@code /runs}, {@code /runs/new}, {@code /runs/{id}} with its live {@code run-jobs} fragment
 * streamed over SSE from {@code /runs/{id}/events}.
 */
public final class RunRoutes {
  private static final Set<String> LEVELS = Set.of("entry", "mid", "senior");
  private static final Set<String> MODES = Set.of("review", "auto");

  private final Vertx vertx;
  private final Runs runs;
  private final Jobs jobs;
  private final Profiles profiles;
  private final Views views;
  private final Live live;
  private final int runsPerUser;
  private final RunRows rows;
  private final RunEvents runEvents;
  private final LlmSpend llmSpend;

  private RunRoutes(Vertx vertx, Pool pool, Runs runs, Jobs jobs, Profiles profiles, Views views, Live live,
                    int runsPerUser) {
    this.vertx = vertx;
    this.rows = new RunRows(pool);
    this.runEvents = new RunEvents(pool, vertx.eventBus());
    this.llmSpend = new LlmSpend(pool);
    this.runs = runs;
    this.jobs = jobs;
    this.profiles = profiles;
    this.views = views;
    this.live = live;
    this.runsPerUser = runsPerUser;
  }

  /** The per-user limits of the run feature: runs going at once (409 past it), live streams per node (429). */
  public record Limits(int runsPerUser, int streamsPerUser) {
  }

  /**
   * Mounts the run feature's routes: runs ({@code /api/search}, {@code /runs}), jobs ({@link JobRoutes}) and the
   * user's decisions and queues ({@link ReviewRoutes}). Returns the run routes, whose {@link #rows} the start page
   * reuses.
   */
  public static RunRoutes mount(Router router, Vertx vertx, Pool pool, Runs runs, Jobs jobs, Profiles profiles,
                                io.applyflow.apply.AnswerBank answers, Views views, Limits limits) {
    Live live = new Live(vertx, new Sse.PerUser(limits.streamsPerUser()), jobs);
    RunRoutes r = new RunRoutes(vertx, pool, runs, jobs, profiles, views, live, limits.runsPerUser());
    router.post("/api/search").handler(Auth.requireApiUser()).handler(r::apiCreate);
    router.get("/api/search/:run_id").handler(Auth.requireApiUser()).handler(r::apiGet);
    router.get("/api/search/:run_id/events").handler(Auth.requireApiUser()).handler(ctx -> r.stream(ctx, false));
    router.get("/runs").handler(Auth.requirePageUser()).handler(r::listPage);
    router.get("/runs/new").handler(Auth.requirePageUser()).handler(ctx -> r.newPage(ctx, 200, null, Map.of()));
    router.post("/runs").handler(Auth.requirePageUser()).handler(r::pageCreate);
    router.get("/runs/:run_id").handler(Auth.requirePageUser()).handler(r::runPage);
    router.get("/runs/:run_id/events").handler(Auth.requirePageUser()).handler(ctx -> r.stream(ctx, true));
    JobPage pages = new JobPage(jobs, runs, views, r.llmSpend);
    JobRoutes.mount(router, vertx, jobs, pages, live);
    ReviewRoutes.mount(router, vertx, jobs, answers, views, pages, live);
    SecurityCodeRoutes.mount(router, vertx, jobs, pages);
    return r;
  }

  /**
   * Validates a search request and starts the run; BAD_INPUT names the field, CONFLICT means no profile yet or
   * {@code RUNS_PER_USER} runs already going.
   */
  Future<Long> create(long userId, JsonObject in) {
    String position = Inputs.line("position", text(in, "position", true), Inputs.POSITION);
    String level = Inputs.line("level", text(in, "level", true), Inputs.WORD).toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw Failure.BAD_INPUT.with("level must be one of entry, mid, senior; got '" + level + "'");
    }
    String mode = in.getValue("mode") == null ? "review"
        : Inputs.line("mode", text(in, "mode", true), Inputs.WORD).toLowerCase(Locale.ROOT);
    if (!MODES.contains(mode)) {
      throw Failure.BAD_INPUT.with("mode must be review or auto; got '" + mode + "'");
    }
    String location = in.getValue("location") == null ? null
        : Inputs.line("location", text(in, "location", false), Inputs.LOCATION);
    int limit = limit(in.getValue("limit"));
    return profiles.find(userId).compose(p -> p == null
        ? Future.failedFuture(Failure.CONFLICT.with("store your profile first (PUT /api/profile or the profile page)"))
        : runs.create(userId, position, level, location == null || location.isBlank() ? null : location, limit, mode,
            runsPerUser))
        .onSuccess(runId -> PipelineBus.start(vertx.eventBus(), new PipelineBus.Start(runId, userId)));
  }

  private void apiCreate(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    create(userId, Http.jsonBody(ctx))
        .onSuccess(runId -> Http.json(ctx, 202, new JsonObject().put("run_id", runId).put("status", "running")
            .put("links", new JsonObject().put("self", "/api/search/" + runId).put("page", "/runs/" + runId))))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void apiGet(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    long runId = Http.idParam(ctx, "run_id");
    runs.get(runId, userId).compose(run -> rows.ofRun(runId, userId).compose(list ->
            runEvents.problems(runId, userId).compose(problems -> rows.events(runId, userId, 500).compose(events ->
                llmSpend.run(runId, userId).map(llm -> {
                  long waiting = list.stream().filter(j -> j.status().isWaiting()).count();
                  return run.json().put("state", RunView.state(run.status(), waiting)).put("waiting", waiting)
                      .put("jobs", new JsonArray(list.stream().map(RunRows.JobRow::json).toList()))
                      .put("problems", new JsonArray(problems.stream().map(RunEvents.Problem::json).toList()))
                      .put("llm", llm.json())
                      .put("events", events);
                })))))
        .onSuccess(body -> Http.json(ctx, 200, body))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void listPage(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    rows(userId, 50)
        .onSuccess(list -> {
          Map<String, Object> model = base(ctx);
          model.put("runs", list);
          views.page(ctx, "run/list", "run-list", model);
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  /** The live streams of the pages, shared so every page of a user counts in one per-user limit. */
  public Live live() {
    return live;
  }

  /** The user's newest runs as the pages show them ({@link RunView}): state in words, what waits, where to act. */
  public Future<List<Map<String, Object>>> rows(long userId, int limit) {
    return runs.ofUser(userId, limit).compose(list -> jobs.countsByRun(userId, list.stream().map(Runs.Run::id).toList())
        .map(counts -> list.stream().map(r -> RunView.of(r, counts.get(r.id()))).toList()));
  }

  private void newPage(RoutingContext ctx, int status, String error, Map<String, String> values) {
    Map<String, Object> model = base(ctx);
    model.put("error", error);
    model.put("values", values);
    Views.html(ctx, status, views.render("run/new", ctx.request().getHeader("HX-Request") != null ? "run-form" : null,
        model));
  }

  private void pageCreate(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    JsonObject in = new JsonObject();
    for (String key : List.of("position", "level", "location", "mode")) {
      if (f.get(key) != null && !f.get(key).isBlank()) {
        in.put(key, f.get(key));
      }
    }
    Map<String, String> values = new HashMap<>();
    in.forEach(e -> values.put(e.getKey(), String.valueOf(e.getValue())));
    Future<Long> created;
    try {
      if (f.get("limit") != null && !f.get("limit").isBlank()) {
        values.put("limit", f.get("limit"));
        in.put("limit", Integer.parseInt(Inputs.line("limit", f.get("limit"), Inputs.NUMBER).trim()));
      }
      created = create(Auth.userId(ctx), in);
    } catch (NumberFormatException e) {
      newPage(ctx, 400, "limit must be a whole number from 1 to 100", values);
      return;
    } catch (Failure.Coded e) {
      newPage(ctx, 400, e.getMessage(), values);
      return;
    }
    created.onSuccess(runId -> Http.redirect(ctx, "/runs/" + runId)).onFailure(t -> newPage(ctx, Failure.of(t).httpStatus, t.getMessage(), values));
  }

  private void runPage(RoutingContext ctx) {
    long userId = Auth.userId(ctx);
    long runId = Http.idParam(ctx, "run_id");
    runModel(runId, userId)
        .onSuccess(model -> {
          model.putAll(base(ctx));
          views.page(ctx, "run/page", "run-jobs", model);
        })
        .onFailure(t -> Http.fail(ctx, t));
  }

  /**
   * What the run page shows: the run in words, its jobs (only the columns the rows show, {@link RunRows}) and the
   * problems of its search. {@code finished} (a Boolean) is whether the run is done or failed.
   */
  private Future<Map<String, Object>> runModel(long runId, long userId) {
    return runs.get(runId, userId).compose(run -> rows.ofRun(runId, userId).compose(list ->
        runEvents.problems(runId, userId).compose(problems -> llmSpend.run(runId, userId).map(llm -> {
          Map<String, Object> model = new HashMap<>();
          Map<JobStatus, Long> counts = new java.util.EnumMap<>(JobStatus.class);
          list.forEach(j -> counts.merge(j.status(), 1L, Long::sum));
          model.put("run", RunView.of(run, counts));
          model.put("jobs", list.stream().map(RunRows.JobRow::model).toList());
          model.put("problems", problems.stream().map(p -> p.json().put("when", RunView.when(p.at())).getMap())
              .toList());
          model.put("finished", !"running".equals(run.status()));
          model.put("llm", llm.json().getMap());
          model.put("llmCost", RunView.llmCost(llm));
          return model;
        }))));
  }

  /**
   * The live stream of a run: first the current state from Postgres, then a fresh rendering after every
   * {@code run.progress} for this run (coalesced), and a heartbeat. HTML fragments for pages; for the API one
   * {@code run} event carrying the run and its jobs as JSON. Once the run is done or failed the stream sends
   * {@code event: done} after the state and ends (a late joiner gets the final state, then {@code done}).
   */
  private void stream(RoutingContext ctx, boolean html) {
    long userId = Auth.userId(ctx);
    long runId = Http.idParam(ctx, "run_id");
    runs.get(runId, userId)
        .onSuccess(v -> live.openUntil(ctx, userId, p -> p.runId() == runId,
            () -> runModel(runId, userId).map(model -> new Live.Frames(html
                ? Map.of("run-jobs", views.render("run/page", "run-jobs", model),
                    "run-summary", views.render("run/page", "run-summary", model),
                    "run-problems", views.render("run/page", "run-problems", model))
                : Map.of("run", apiRun(model).encode()), Boolean.TRUE.equals(model.get("finished"))))))
        .onFailure(t -> Http.fail(ctx, t));
  }

  @SuppressWarnings("unchecked")
  private static JsonObject apiRun(Map<String, Object> model) {
    Map<String, Object> run = (Map<String, Object>) model.get("run");
    return new JsonObject().put("run_id", run.get("run_id")).put("status", run.get("status"))
        .put("state", run.get("state")).put("waiting", run.get("waiting"))
        .put("jobs", new JsonArray((List<?>) model.get("jobs")))
        .put("problems", new JsonArray(((List<Map<String, Object>>) model.get("problems")).stream()
            .map(p -> new JsonObject().put("at", p.get("at")).put("kind", p.get("kind")).put("source", p.get("source"))
                .put("message", p.get("message"))).toList()))
        .put("llm", new JsonObject((Map<String, Object>) model.get("llm")));
  }

  private static Map<String, Object> base(RoutingContext ctx) {
    Map<String, Object> model = new HashMap<>();
    model.put("csrf", ctx.get(Auth.CSRF));
    return model;
  }

  private static String text(JsonObject in, String key, boolean required) {
    Object v = in.getValue(key);
    if (v == null || (v instanceof String s && s.isBlank())) {
      if (required) {
        throw Failure.BAD_INPUT.with(key + " is required");
      }
      return "";
    }
    if (!(v instanceof String s)) {
      throw Failure.BAD_INPUT.with(key + " must be a string");
    }
    return s.trim();
  }

  private static int limit(Object v) {
    if (v == null) {
      return 5;
    }
    if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 1 || ((Number) v).longValue() > 100) {
      throw Failure.BAD_INPUT.with("limit must be a whole number from 1 to 100; got " + Inputs.shown(String.valueOf(v)));
    }
    return ((Number) v).intValue();
  }
}
