package io.applyflow.home;

import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Views;
import io.applyflow.run.JobStatus;
import io.applyflow.run.Jobs;
import io.applyflow.run.RunRoutes;
import io.applyflow.run.RunView;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * The start page, {@code /}: for a visitor, what Applyflow is and how to begin; for a user, the getting-started
 * checklist until it is done, what waits for them, their totals and their recent runs.
 */
public final class HomeRoutes {
  private final Checklist checklist;
  private final Jobs jobs;
  private final RunRoutes runs;
  private final Views views;

  private HomeRoutes(Checklist checklist, Jobs jobs, RunRoutes runs, Views views) {
    this.checklist = checklist;
    this.jobs = jobs;
    this.runs = runs;
    this.views = views;
  }

  public static void mount(Router router, Checklist checklist, Jobs jobs, RunRoutes runs, Views views) {
    HomeRoutes r = new HomeRoutes(checklist, jobs, runs, views);
    router.get("/").handler(r::home);
  }

  private void home(RoutingContext ctx) {
    Long userId = ctx.get(Auth.USER_ID);
    Map<String, Object> model = new HashMap<>();
    model.put("csrf", ctx.get(Auth.CSRF));
    if (userId == null) {
      Views.html(ctx, 200, views.render("home/welcome", null, model));
      return;
    }
    checklist.of(userId)
        .compose(steps -> jobs.counts(userId).compose(counts -> runs.rows(userId, 5).map(recent -> {
          model.put("checklist", steps);
          long clarify = counts.getOrDefault(JobStatus.CLARIFY, 0L);
          model.put("review", RunView.waiting(counts) - clarify);
          model.put("clarify", clarify);
          model.put("totals", RunView.words(counts));
          model.put("runs", recent);
          return model;
        })))
        .onSuccess(m -> Views.html(ctx, 200, views.render("home/dashboard", null, m)))
        .onFailure(t -> Http.fail(ctx, t));
  }
}
