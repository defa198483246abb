package io.applyflow;

import io.applyflow.account.AccountRoutes;
import io.applyflow.analyze.AnalyzeRoutes;
import io.applyflow.account.Accounts;
import io.applyflow.account.Throttle;
import io.applyflow.account.TokenRoutes;
import io.applyflow.home.Checklist;
import io.applyflow.home.HomeRoutes;
import io.applyflow.home.Stats;
import io.applyflow.platform.web.ErrorPages;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.security.ServerSecret;
import io.applyflow.platform.security.Tokens;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.SecurityHeaders;
import io.applyflow.platform.web.Inputs;
import io.applyflow.platform.web.Views;
import io.applyflow.versions.Versions;
import io.applyflow.versions.VersionsRoutes;
import io.applyflow.profile.ProfileRoutes;
import io.applyflow.profile.Profiles;
import io.applyflow.resumeimport.ImportRoutes;
import io.applyflow.apply.AnswerBank;
import io.applyflow.recommend.RecommendRoutes;
import io.applyflow.recommend.Recommendations;
import io.applyflow.settings.SettingsRoutes;
import io.applyflow.settings.SettingsStore;
import io.applyflow.job.Jobs;
import io.applyflow.run.RunRoutes;
import io.applyflow.job.Runs;
import io.applyflow.sandbox.ReceivedRoutes;
import io.applyflow.tracker.Applications;
import io.applyflow.tracker.TrackerRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The web role (event loop): the HTTP server with the JSON API, the htmx pages, SSE streams, static files and,
 * unless the sandbox is switched off, what it received from the user's own jobs ({@link ReceivedRoutes}; the
 * sandbox board itself has its own listener and origin, see {@code SandboxVerticle}). Reads state from Postgres;
 * starts runs by sending {@code run.start}.
 */
public final class WebVerticle extends VerticleBase {
  private static final long BODY_LIMIT = 2L * 1024 * 1024;
  private static final java.time.Duration PURGE_EVERY = java.time.Duration.ofHours(1);
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WebVerticle.class);

  private final String host;
  private final int port;
  private final boolean sandbox;
  private final Pool pool;
  private final io.applyflow.platform.config.Config config;
  private final io.applyflow.llm.LlmSettings llmSettings;
  private HttpServer server;
  private Router router;

  public WebVerticle(String host, int port, boolean sandbox, Pool pool, io.applyflow.platform.config.Config config,
                     io.applyflow.llm.LlmSettings llmSettings) {
    this.host = host;
    this.port = port;
    this.sandbox = sandbox;
    this.pool = pool;
    this.config = config;
    this.llmSettings = llmSettings;
  }

  @Override
  public Future<?> start() {
    // the CSRF secret is shared by every node through Postgres
    return ServerSecret.load(pool, "csrf").compose(this::serve);
  }

  private Future<?> serve(byte[] csrfSecret) {
    Router router = Router.router(vertx);
    Views views = new Views(vertx);
    Tokens tokens = new Tokens(pool);
    Profiles profiles = new Profiles(pool);
    Runs runs = new Runs(pool, vertx.eventBus());
    Jobs jobs = new Jobs(pool, vertx.eventBus());

    // first, so every response (error pages and JSON errors too) carries the CSP, nosniff and no-store
    router.route().handler(SecurityHeaders.create());
    router.route().handler(Inputs.addressGuard()); // a control character in the path or query: 400 before anything
    router.get("/health").handler(ctx -> Http.json(ctx, 200, new JsonObject().put("status", "ok")));
    io.applyflow.ops.OpsRoutes.mount(router, vertx, pool, config.roles()); // GET /metrics, GET /ready
    router.route("/static/*").handler(StaticHandler.create("static"));
    router.get("/favicon.ico").handler(ctx -> ctx.reroute("/static/favicon.svg"));
    router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    // the resume upload paths take up to 10 MB (to a temp file); every other body at most BODY_LIMIT, in memory
    BodyHandler bodies = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
    BodyHandler uploads = ImportRoutes.bodyHandler();
    router.route().handler(ctx -> (ImportRoutes.isUpload(ctx) ? uploads : bodies).handle(ctx));
    router.route().handler(Inputs.formGuard()); // every form field within its maximum, without control characters
    router.route().handler(new Auth(tokens, csrfSecret, config.publicHttps(), config.trustedProxyHops()).identify());
    Checklist checklist = new Checklist(pool);
    Throttle throttle = new Throttle(pool, config.signupsPerHour());
    AccountRoutes.mount(router, new Accounts(vertx, pool, tokens, throttle), tokens, views);
    TokenRoutes.mount(router, tokens);
    purge(tokens, throttle);
    vertx.setPeriodic(PURGE_EVERY.toMillis(), id -> purge(tokens, throttle));
    ImportRoutes.mount(router, profiles, views);
    Versions versions = new Versions(vertx, pool);
    ProfileRoutes.mount(router, profiles, views, checklist::of, versions::recent);
    VersionsRoutes.mount(router, versions, views);
    RunRoutes runRoutes = RunRoutes.mount(router, vertx, pool, runs, jobs, profiles, new AnswerBank(pool), views,
        new RunRoutes.Limits(config.runsPerUser(), config.ssePerUser()));
    Applications applications = new Applications(pool);
    TrackerRoutes.mount(router, applications, views, versions::ofJob);
    AnalyzeRoutes.mount(router, vertx, pool, profiles, applications, config, views);
    RecommendRoutes recommend = RecommendRoutes.mount(router, new Recommendations(pool), views, config,
        vertx.eventBus());
    HomeRoutes.mount(router, checklist, new Stats(pool), jobs, runRoutes, views,
        userId -> recommend.feedModel(userId, 5, "/"));
    io.applyflow.settings.LlmSettingsRoutes llm = io.applyflow.settings.LlmSettingsRoutes.mount(router,
        llmSettings,
        new io.applyflow.llm.LlmSpend(pool), new io.applyflow.llm.LlmProbe(io.vertx.ext.web.client.WebClient.create(
            vertx, new io.vertx.ext.web.client.WebClientOptions().setUserAgent("Applyflow/0.1")
                .setFollowRedirects(true))), views, Applyflow.llmLimits(config));
    SettingsRoutes.mount(router, new SettingsStore(pool), tokens, views, recommend::settingsModel, llm::sectionModel);
    if (sandbox) {
      ReceivedRoutes.mount(router, pool, views.global("sandboxOn", true));
    }
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

  /** Deletes expired tokens and old throttle counters; plain deletes, so every node may run it at once. */
  private static void purge(Tokens tokens, Throttle throttle) {
    tokens.purgeExpired().compose(t -> throttle.purge().map(c -> t + c))
        .onSuccess(n -> {
          if (n > 0) {
            log.info("purged {} expired tokens and old log-in counters", n);
          }
        })
        .onFailure(t -> log.warn("purging expired tokens failed: {}", t.getMessage()));
  }

  /**
   * Every route of the router as {@code "METHOD /path"} ({@code "ANY /path"} for a route of every method), in
   * mounting order; routes without a path (the body handler, the guards) are left out. For tests.
   */
  public List<String> routes() {
    return Http.routes(router);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
