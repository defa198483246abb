package io.applyflow;

import io.applyflow.account.AccountRoutes;
import io.applyflow.account.Accounts;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.security.Tokens;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Views;
import io.applyflow.profile.ProfileRoutes;
import io.applyflow.profile.Profiles;
import io.applyflow.apply.AnswerBank;
import io.applyflow.run.JobRoutes;
import io.applyflow.run.ReviewRoutes;
import io.applyflow.settings.SettingsRoutes;
import io.applyflow.settings.SettingsStore;
import io.applyflow.run.Jobs;
import io.applyflow.run.RunRoutes;
import io.applyflow.run.Runs;
import io.applyflow.sandbox.SandboxRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;

/**
 * The web role (event loop): the HTTP server with the JSON API, the htmx pages, SSE streams, static files and,
 * unless switched off, the sandbox board. Reads state from Postgres; starts runs by sending {@code run.start}.
 */
public final class WebVerticle extends VerticleBase {
  private static final long BODY_LIMIT = 2L * 1024 * 1024;

  private final String host;
  private final int port;
  private final boolean sandbox;
  private final Pool pool;
  private HttpServer server;

  public WebVerticle(String host, int port, boolean sandbox, Pool pool) {
    this.host = host;
    this.port = port;
    this.sandbox = sandbox;
    this.pool = pool;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    Views views = new Views(vertx);
    Tokens tokens = new Tokens(pool);
    Profiles profiles = new Profiles(pool);
    Runs runs = new Runs(pool, vertx.eventBus());
    Jobs jobs = new Jobs(pool, vertx.eventBus());

    router.get("/health").handler(ctx -> Http.json(ctx, 200, new JsonObject().put("status", "ok")));
    router.get("/ready").handler(ctx -> pool.query("select 1").execute()
        .onSuccess(rs -> Http.json(ctx, 200, new JsonObject().put("status", "ready")))
        .onFailure(t -> Http.error(ctx, 503, "not_ready", "the database does not answer")));
    router.route("/static/*").handler(StaticHandler.create("static"));
    router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    if (sandbox) {
      SandboxRoutes.mount(router, pool);
    }
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.route().handler(new Auth(tokens).identify());
    router.get("/").handler(ctx -> ctx.redirect(ctx.get(Auth.USER_ID) == null ? "/login" : "/runs"));
    AccountRoutes.mount(router, new Accounts(vertx, pool, tokens), tokens, views);
    ProfileRoutes.mount(router, profiles, views);
    RunRoutes.mount(router, vertx, runs, jobs, profiles, views);
    JobRoutes.mount(router, vertx, jobs, runs, views);
    ReviewRoutes.mount(router, vertx, jobs, new AnswerBank(pool), views);
    SettingsRoutes.mount(router, new SettingsStore(pool), views);
    router.route("/api/*").last().handler(ctx -> Http.error(ctx, 404, "not_found", "no such endpoint: "
        + ctx.request().method() + " " + ctx.request().path()));
    router.route().failureHandler(ctx -> {
      if (ctx.failure() != null) {
        Http.fail(ctx, ctx.failure());
      } else {
        int status = ctx.statusCode();
        Http.error(ctx, status, status == 413 ? "too_large" : "bad_request",
            status == 413 ? "the request body is larger than " + BODY_LIMIT / 1024 + " KB" : "the request could not be read");
      }
    });
    return vertx.createHttpServer().requestHandler(router).listen(port, host).onSuccess(s -> server = s);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
