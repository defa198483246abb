package io.applyflow.home;

import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Views;
import io.applyflow.job.Jobs;
import io.applyflow.run.Live;
import io.applyflow.run.RunRoutes;
import io.applyflow.run.RunView;
import io.applyflow.tracker.ApplicationStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The start page, {@code /}: for a visitor, what Applyflow is and how to begin; for a user, the dashboard: the
 * getting-started checklist until it is done, what waits for them first, their applications per status, the funnel
 * and applications per week as SVG ({@link Charts}), recent activity and their runs. The dashboard's parts are
 * kept live over SSE from {@code /home/events} (on every {@code run.progress} of the user, coalesced). Also
 * {@code GET /api/stats} ({@link Stats}) and {@code /notices/events}, the notice-only stream of the pages that have
 * no stream of their own ({@link Live#notices}).
 */
public final class HomeRoutes {
  /** The dashboard's live fragments, by event name (each the id of its root element in home/dashboard.html). */
  static final List<String> FRAGMENTS = List.of("home-waiting", "home-stats", "home-activity", "home-runs");
  private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

  private final Checklist checklist;
  private final Stats stats;
  private final Jobs jobs;
  private final RunRoutes runs;
  private final Views views;
  /** The recommendations feed's model for a user (its newest rows), shown on the dashboard. */
  private final java.util.function.LongFunction<Future<Map<String, Object>>> feed;

  private HomeRoutes(Checklist checklist, Stats stats, Jobs jobs, RunRoutes runs, Views views,
                     java.util.function.LongFunction<Future<Map<String, Object>>> feed) {
    this.feed = feed;
    this.checklist = checklist;
    this.stats = stats;
    this.jobs = jobs;
    this.runs = runs;
    this.views = views;
  }

  public static void mount(Router router, Checklist checklist, Stats stats, Jobs jobs, RunRoutes runs, Views views,
                           java.util.function.LongFunction<Future<Map<String, Object>>> feed) {
    HomeRoutes r = new HomeRoutes(checklist, stats, jobs, runs, views, feed);
    Live live = runs.live();
    router.get("/").handler(r::home);
    router.get("/home/events").handler(Auth.requirePageUser())
        .handler(ctx -> live.open(ctx, Auth.userId(ctx), p -> true, () -> r.fragments(Auth.userId(ctx))));
    router.get("/notices/events").handler(Auth.requirePageUser())
        .handler(ctx -> live.notices(ctx, Auth.userId(ctx)));
    router.get("/api/stats").handler(Auth.requireApiUser()).handler(r::apiStats);
  }

  private void apiStats(RoutingContext ctx) {
    stats.of(Auth.userId(ctx))
        .onSuccess(body -> Http.json(ctx, 200, body))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void home(RoutingContext ctx) {
    Long userId = ctx.get(Auth.USER_ID);
    if (userId == null) {
      Map<String, Object> model = new HashMap<>();
      model.put("csrf", ctx.get(Auth.CSRF));
      Views.html(ctx, 200, views.render("home/welcome", null, model));
      return;
    }
    checklist.of(userId).compose(steps -> model(userId).compose(m -> feed.apply(userId).map(f -> {
          m.putAll(f);
          m.put("checklist", steps);
          m.put("csrf", ctx.get(Auth.CSRF));
          return m;
        })))
        .onSuccess(m -> Views.html(ctx, 200, views.render("home/dashboard", null, m)))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private Future<Map<String, String>> fragments(long userId) {
    return model(userId).map(m -> {
      Map<String, String> out = new HashMap<>();
      FRAGMENTS.forEach(f -> out.put(f, views.render("home/dashboard", f, m)));
      return out;
    });
  }

  /** Everything the dashboard shows but the checklist, read now. */
  private Future<Map<String, Object>> model(long userId) {
    return Future.all(stats.of(userId), stats.waitingJobs(userId, 10), stats.activity(userId, 10),
            runs.rows(userId, 5), jobs.counts(userId))
        .map(all -> {
          JsonObject s = all.resultAt(0);
          List<Map<String, Object>> activity = all.resultAt(2);
          activity.forEach(a -> a.put("when", RunView.when((String) a.get("at"))));
          Map<String, Object> m = view(s);
          m.put("waiting_jobs", all.resultAt(1));
          m.put("activity", activity);
          m.put("runs", all.resultAt(3));
          m.put("totals", RunView.words(all.resultAt(4)));
          return m;
        });
  }

  /** The page's view of {@link Stats#of}: words, links and the two charts. Pure. */
  static Map<String, Object> view(JsonObject s) {
    Map<String, Object> m = new HashMap<>();
    m.put("waiting", s.getJsonObject("waiting").getMap());
    List<Map<String, Object>> statuses = new ArrayList<>();
    long applications = 0;
    for (String st : Stats.STATUSES) {
      long n = s.getJsonObject("statuses").getLong(st, 0L);
      applications += n;
      statuses.add(Map.of("status", st, "label", ApplicationStatus.labelOf(st), "n", n, "href", "/applications?status=" + st));
    }
    m.put("statuses", statuses);
    m.put("applications", applications);
    List<Charts.Bar> funnel = new ArrayList<>();
    List<Map<String, Object>> funnelRows = new ArrayList<>();
    JsonArray f = s.getJsonArray("funnel");
    for (int i = 0; i < f.size(); i++) {
      String stage = f.getJsonObject(i).getString("stage");
      String label = Character.toUpperCase(stage.charAt(0)) + stage.substring(1);
      long n = f.getJsonObject(i).getLong("count");
      funnel.add(new Charts.Bar(label, n));
      funnelRows.add(Map.of("label", label, "n", n));
    }
    m.put("funnel", funnelRows);
    m.put("funnel_svg", Charts.funnel("funnel-chart", "The funnel: from postings found to offers", funnel));
    List<Charts.Bar> weeks = new ArrayList<>();
    List<Map<String, Object>> weekRows = new ArrayList<>();
    JsonArray w = s.getJsonArray("weeks");
    long sent = 0;
    for (int i = 0; i < w.size(); i++) {
      LocalDate monday = LocalDate.parse(w.getJsonObject(i).getString("week"));
      long n = w.getJsonObject(i).getLong("applications");
      sent += n;
      weeks.add(new Charts.Bar(WEEK.format(monday), n));
      weekRows.add(Map.of("label", "Week of " + WEEK.format(monday), "n", n));
    }
    m.put("weeks", weekRows);
    m.put("weeks_sent", sent);
    m.put("weeks_svg", Charts.columns("weeks-chart", "Applications sent per week, the last 12 weeks", weeks));
    return m;
  }
}
