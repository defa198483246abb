package io.applyflow.sandbox;

import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Inputs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The employer's role (event loop): the sandbox board on its own HTTP listener, so its pages and whatever anyone
 * posts to it live on an origin of their own and never on the app's. It serves {@code /sandbox/*}
 * ({@link SandboxRoutes}) and the {@code /static/*} files its pages use, with {@code nosniff} and a CSP that allows
 * only its own scripts, styles and requests. It sets no cookie. The received applications are not served here at
 * all: the app shows each user their own ({@link ReceivedRoutes}).
 */
public final class SandboxVerticle extends VerticleBase {
  /**
   * The sandbox pages load only their own {@code /static/js/sandbox-*.js} and {@code /static/css/sandbox*.css}, have no
   * inline script or style, fetch only their own origin and post forms to it. Framing stays allowed: Greenhouse's
   * hosted form is meant to be embedded by an employer's site ({@code iframe#grnhse_iframe}), and the sandbox's own
   * careers pages frame it ({@code frame-src 'self'}).
   */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'";

  private final String host;
  private final int port;
  private final Pool pool;
  private final SandboxRoutes.Limits limits;
  private HttpServer server;
  private Router router;

  public SandboxVerticle(String host, int port, Pool pool) {
    this(host, port, pool, SandboxRoutes.Limits.DEFAULT);
  }

  public SandboxVerticle(String host, int port, Pool pool, SandboxRoutes.Limits limits) {
    this.host = host;
    this.port = port;
    this.pool = pool;
    this.limits = limits;
  }

  @Override
  public Future<?> start() {
    router = Router.router(vertx);
    router.route().handler(Inputs.addressGuard()); // a control character in the path or query: 400 before anything
    router.route().handler(ctx -> {
      ctx.response()
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Content-Security-Policy", CSP)
          .putHeader("Referrer-Policy", "no-referrer");
      ctx.next();
    });
    router.route("/static/*").handler(StaticHandler.create("static"));
    SandboxRoutes.mount(router, pool, limits);
    router.route().last().handler(ctx -> ctx.response().setStatusCode(404)
        .putHeader("content-type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", "not-found").put("detail", "the sandbox has nothing at "
            + ctx.request().path() + "; its boards are under /sandbox/boards-api/v1/boards/").encode()));
    // Form fields as large as the body may be (the default cap is 8 KB and a longer answer would fail the request);
    // SubmissionForm bounds each field itself.
    HttpServerOptions options = new HttpServerOptions().setMaxFormAttributeSize((int) limits.bodyBytes());
    return vertx.createHttpServer(options).requestHandler(router).listen(port, host).onSuccess(s -> server = s)
        .recover(t -> Future.failedFuture(new IllegalStateException("the sandbox board could not listen on " + host + ":"
            + port + " (SANDBOX_PORT; set another port, or SANDBOX=false): " + t.getMessage(), t)));
  }

  /** The sandbox's routes as {@code "METHOD /path"}, see {@link Http#routes}. For tests. */
  public List<String> routes() {
    return Http.routes(router);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
