package io.applyflow;

import io.applyflow.account.AccountRoutes;
import io.applyflow.account.Accounts;
import io.applyflow.home.Checklist;
import io.applyflow.home.HomeRoutes;
import io.applyflow.platform.web.ErrorPages;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.security.Tokens;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Inputs;
import io.applyflow.platform.web.Views;
import io.applyflow.profile.ProfileRoutes;
import io.applyflow.profile.Profiles;
import io.applyflow.apply.AnswerBank;
import io.applyflow.settings.SettingsRoutes;
import io.applyflow.settings.SettingsStore;
import io.applyflow.run.Jobs;
import io.applyflow.run.RunRoutes;
import io.applyflow.run.Runs;
import io.applyflow.sandbox.SandboxRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

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
  private Router router;

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

    router.route().handler(Inputs.addressGuard()); // a control character in the path or query: 400 before anything
    router.get("/health").handler(ctx -> Http.json(ctx, 200, new JsonObject().put("status", "ok")));
    router.get("/ready").handler(ctx -> pool.query("select 1").execute()
        .onSuccess(rs -> Http.json(ctx, 200, new JsonObject().put("status", "ready")))
        .onFailure(t -> Http.error(ctx, 503, "not_ready", "the database does not answer")));
    router.route("/static/*").handler(StaticHandler.create("static"));
    router.get("/favicon.ico").handler(ctx -> ctx.reroute("/static/favicon.svg"));
    router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    if (sandbox) {
      SandboxRoutes.mount(router, pool);
    }
    router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.route().handler(Inputs.formGuard()); // every form field within its maximum, without control characters
    router.route().handler(new Auth(tokens).identify());
    Checklist checklist = new Checklist(pool);
    AccountRoutes.mount(router, new Accounts(vertx, pool, tokens), tokens, views);
    ProfileRoutes.mount(router, profiles, views, checklist::of);
    RunRoutes runRoutes = RunRoutes.mount(router, vertx, runs, jobs, profiles, new AnswerBank(pool), views);
    HomeRoutes.mount(router, checklist, jobs, runRoutes, views);
    SettingsRoutes.mount(router, new SettingsStore(pool), views);
    router.route("/api/*").last().handler(ctx -> Http.error(ctx, 404, "not_found", "no such endpoint: "
        + ctx.request().method() + " " + ctx.request().path()));
    router.route().last().handler(ctx -> ErrorPages.page(ctx, views, 404,
        "There is no page at " + ctx.request().path() + "."));
    router.route().failureHandler(ctx -> ErrorPages.handle(ctx, views, BODY_LIMIT));
    // Form fields as large as the body may be: a pasted resume is one field (the default cap is 8 KB).
    HttpServerOptions options = new HttpServerOptions().setMaxFormAttributeSize((int) BODY_LIMIT)
        .setMaxFormFields(Inputs.FORM_FIELDS);
    this.router = router;
    return vertx.createHttpServer(options).requestHandler(router).listen(port, host).onSuccess(s -> server = s);
  }

  /**
   * Every route of the router as {@code "METHOD /path"} ({@code "ANY /path"} for a route of every method), in
   * mounting order; routes without a path (the body handler, the guards) are left out. For tests.
   */
  public List<String> routes() {
    List<String> out = new ArrayList<>();
    for (Route r : router.getRoutes()) {
      String path = r.getPath();
      if (path == null) {
        continue;
      }
      if (r.methods() == null || r.methods().isEmpty()) {
        out.add("ANY " + path);
      } else {
        r.methods().stream().map(HttpMethod::name).sorted().forEach(m -> out.add(m + " " + path));
      }
    }
    return out;
  }

  public int actualPort() {
    return server.actualPort();
  }
}
