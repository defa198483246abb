package io.applyflow.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.sandbox.SandboxBoards.Board;
import io.applyflow.sandbox.SandboxBoards.Posting;
import io.applyflow.sandbox.SandboxSubmissions.NewFile;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.templ.thymeleaf.ThymeleafTemplateEngine;
import io.vertx.sqlclient.Pool;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox job board: a Greenhouse-compatible fake employer served by Applyflow itself under
 * {@code /sandbox}, used by the default run and by tests. Nothing sent to it leaves the machine.
 *
 * <ul>
 *   <li>{@code GET /sandbox/boards-api/v1/boards/{board}[/jobs[/{id}]]}: the Job Board API shapes
 *       ({@code content=true}, {@code questions=true}), {@code absolute_url}s on the authority the request came in on;</li>
 *   <li>{@code GET /sandbox/job-boards/{board}/jobs/{id}}: the hosted job page and application form, DOM
 *       modelled on job-boards.greenhouse.io ({@code templates/sandbox/job.html}, {@code /static/js/sandbox-form.js});</li>
 *   <li>{@code POST} of the same URL: a multipart application, checked and stored; {@code 201} or {@code 400};</li>
 *   <li>{@code GET .../confirmation}, {@code GET /sandbox/submissions}, {@code GET /sandbox/submissions/{id}/files/{field}};</li>
 *   <li>{@code GET|POST /sandbox/login}: the page a login wall redirects to (no account ever signs in).</li>
 * </ul>
 *
 * <p>Scenarios (the posting's private {@code sandbox.scenario}, see {@link SandboxBoards}) change how a posting's
 * page and POST behave: {@code every-field} and {@code knockout} only differ in their questions; {@code captcha}
 * shows a challenge instead of the form and answers a POST with 428 {@code captcha-failed}; {@code reject-first}
 * refuses the first otherwise valid POST of each (email, job) with a 400 phone error and accepts later ones;
 * {@code slow} stores the application at once and answers {@code SANDBOX_SLOW_MS} ms later (system property,
 * else environment variable, default 8000); {@code login-wall} redirects the job page to {@code /sandbox/login}
 * and answers a POST with 401; {@code classic} renders the legacy boards.greenhouse.io form, takes a plain
 * form POST of {@code job_application[...]} names and answers 303 to the confirmation (or the form again, 400,
 * with the errors).
 *
 * <p>Threading: handlers run on the event loop and never block; database work goes through the
 * Vert.x {@link Pool}, uploaded temp files are read with the async file system and deleted when the
 * request ends. Bad input answers a 4xx JSON body naming what was wrong.
 */
public final class SandboxRoutes {
  private static final Logger log = LoggerFactory.getLogger(SandboxRoutes.class);
  static final long UPLOAD_LIMIT_BYTES = 10L * 1024 * 1024;
  private static final String API = "/sandbox/boards-api/v1/boards";
  private static final String PAGES = "/sandbox/job-boards";
  static final String SLOW_MS = "SANDBOX_SLOW_MS";
  static final long DEFAULT_SLOW_MS = 8_000;
  static final String REJECT_FIRST_MESSAGE = "Please confirm your phone number";

  private final SandboxBoards boards;
  private final SandboxSubmissions submissions;
  /** (email, board, job) keys whose first valid POST the reject-first scenario has refused. */
  private final Set<String> rejectedOnce = ConcurrentHashMap.newKeySet();
  private volatile ThymeleafTemplateEngine engine;

  private SandboxRoutes(SandboxBoards boards, Pool pool) {
    this.boards = boards;
    this.submissions = new SandboxSubmissions(pool);
  }

  /** Mounts every sandbox route on {@code router}; {@code pool} must reach a schema migrated by Flyway. */
  public static void mount(Router router, Pool pool) {
    SandboxRoutes r = new SandboxRoutes(SandboxBoards.get(), pool);
    String uploads = Path.of(System.getProperty("java.io.tmpdir"), "applyflow-sandbox-uploads").toString();
    BodyHandler body = BodyHandler.create(uploads)
        .setBodyLimit(UPLOAD_LIMIT_BYTES)
        .setDeleteUploadedFilesOnEnd(true);

    router.get(API + "/:board").handler(r::apiBoard);
    router.get(API + "/:board/jobs").handler(r::apiJobs);
    router.get(API + "/:board/jobs/:id").handler(r::apiJob);
    router.get(PAGES + "/:board/jobs/:id").handler(r::jobPage);
    router.post(PAGES + "/:board/jobs/:id").handler(body).handler(r::submit);
    router.get(PAGES + "/:board/jobs/:id/confirmation").handler(r::confirmation);
    router.get("/sandbox/submissions").handler(r::listSubmissions);
    router.get("/sandbox/submissions/:id/files/:field").handler(r::submissionFile);
    router.get("/sandbox/login").handler(r::login);
    router.post("/sandbox/login").handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(r::login);
    router.route("/sandbox/*").failureHandler(SandboxRoutes::failure);
  }

  // --- Job Board API -------------------------------------------------------------------------------

  private void apiBoard(RoutingContext ctx) {
    apiBoardOrNotFound(ctx).ifPresent(b -> json(ctx, 200, GreenhouseJson.board(b)));
  }

  private void apiJobs(RoutingContext ctx) {
    boolean content = "true".equalsIgnoreCase(ctx.request().getParam("content"));
    apiBoardOrNotFound(ctx).ifPresent(b -> json(ctx, 200, GreenhouseJson.jobs(b, origin(ctx.request()), content)));
  }

  private void apiJob(RoutingContext ctx) {
    boolean questions = "true".equalsIgnoreCase(ctx.request().getParam("questions"));
    apiBoardOrNotFound(ctx).ifPresent(b -> {
      String raw = ctx.pathParam("id");
      Long id = parseId(raw);
      if (id == null) {
        json(ctx, 400, GreenhouseJson.MAPPER.createObjectNode()
            .put("error", "Invalid job id '" + raw + "': it must be a number"));
        return;
      }
      Optional<Posting> p = boards.posting(b.token(), id);
      if (p.isEmpty()) {
        json(ctx, 404, GreenhouseJson.MAPPER.createObjectNode()
            .put("error", "Could not find a job with id '" + raw + "' for " + b.token()));
        return;
      }
      json(ctx, 200, GreenhouseJson.job(p.get(), origin(ctx.request()), questions));
    });
  }

  private Optional<Board> apiBoardOrNotFound(RoutingContext ctx) {
    String token = ctx.pathParam("board");
    Optional<Board> b = boards.board(token);
    if (b.isEmpty()) {
      json(ctx, 404, GreenhouseJson.MAPPER.createObjectNode()
          .put("error", "Could not find a job board with token '" + token + "'"));
    }
    return b;
  }

  // --- hosted pages --------------------------------------------------------------------------------

  private void jobPage(RoutingContext ctx) {
    postingOrError(ctx).ifPresent(p -> {
      Board board = boards.board(p.board()).orElseThrow();
      switch (p.scenario()) {
        case "login-wall" -> ctx.response().setStatusCode(302)
            .putHeader("location", "/sandbox/login?next=" + URLEncoder.encode(ctx.request().path(), StandardCharsets.UTF_8))
            .putHeader("cache-control", "no-store")
            .end();
        case "classic" -> render(ctx, 200, "templates/sandbox/classic.html", ClassicPage.model(board, p, Map.of(), Map.of()));
        default -> render(ctx, "templates/sandbox/job.html", JobPage.model(board, p, boards.countries(), boards.locations()));
      }
    });
  }

  /** The login wall: a sign-in form that never signs anyone in. */
  private void login(RoutingContext ctx) {
    String next = ctx.request().getParam("next");
    if (next == null || !next.startsWith("/sandbox/")) {
      next = "/sandbox/";
    }
    Map<String, Object> m = new HashMap<>();
    m.put("next", next);
    boolean post = ctx.request().method() == HttpMethod.POST;
    String email = post ? ctx.request().getFormAttribute("email") : null;
    m.put("email", email == null ? "" : email);
    m.put("error", post ? "Invalid email or password." : null);
    render(ctx, post ? 401 : 200, "templates/sandbox/login.html", m);
  }

  private void confirmation(RoutingContext ctx) {
    postingOrError(ctx).ifPresent(p -> render(ctx, "templates/sandbox/confirmation.html",
        JobPage.confirmationModel(boards.board(p.board()).orElseThrow(), p)));
  }

  private void render(RoutingContext ctx, String template, Map<String, Object> model) {
    render(ctx, 200, template, model);
  }

  private void render(RoutingContext ctx, int status, String template, Map<String, Object> model) {
    engine(ctx).render(model, template)
        .onSuccess(html -> ctx.response()
            .setStatusCode(status)
            .putHeader("content-type", "text/html; charset=utf-8")
            .putHeader("cache-control", "no-store")
            .end(html))
        .onFailure(ctx::fail);
  }

  private ThymeleafTemplateEngine engine(RoutingContext ctx) {
    ThymeleafTemplateEngine e = engine;
    if (e == null) {
      // Router and Pool do not expose their Vertx, so the engine is made on the first page request.
      e = ThymeleafTemplateEngine.create(ctx.vertx());
      engine = e;
    }
    return e;
  }

  // --- applications --------------------------------------------------------------------------------

  private void submit(RoutingContext ctx) {
    Optional<Posting> found = postingOrError(ctx);
    if (found.isEmpty()) {
      return;
    }
    Posting posting = found.get();
    if ("captcha".equals(posting.scenario())) {
      ctx.response().setStatusCode(428).putHeader("content-type", "application/json")
          .end(new JsonObject().put("error", "captcha-failed").put("code", "captcha-failed")
              .put("detail", "Please complete the reCAPTCHA and resubmit your application.").encode());
      return;
    }
    if ("login-wall".equals(posting.scenario())) {
      error(ctx, 401, "login-required", "Please sign in to apply for this position.");
      return;
    }
    Map<String, List<String>> form = new LinkedHashMap<>();
    MultiMap attrs = ctx.request().formAttributes();
    for (String name : attrs.names()) {
      form.put(name, attrs.getAll(name));
    }
    List<SubmissionForm.Part> parts = new ArrayList<>();
    for (FileUpload u : ctx.fileUploads()) {
      parts.add(new SubmissionForm.Part(u.name(), u.fileName(), u.contentType(), u.size(), u.uploadedFileName()));
    }
    boolean classic = "classic".equals(posting.scenario());
    if (classic) {
      ClassicPage.Normalised n = ClassicPage.normalise(form, parts);
      form = n.form();
      parts = n.parts();
    }
    SubmissionForm.Result result = SubmissionForm.check(posting, form, parts, boards::country, !classic);
    if (!result.valid() && classic) {
      render(ctx, 400, "templates/sandbox/classic.html",
          ClassicPage.model(boards.board(posting.board()).orElseThrow(), posting, form, result.errors()));
      return;
    }
    if (result.valid() && "reject-first".equals(posting.scenario())
        && rejectedOnce.add(result.email().toLowerCase(Locale.ROOT) + "|" + posting.board() + "/" + posting.id())) {
      log.info("sandbox refused the first application for {}/{} (reject-first scenario)", posting.board(), posting.id());
      ctx.response().setStatusCode(400).putHeader("content-type", "application/json")
          .end(new JsonObject()
              .put("error", "invalid-attributes")
              .put("detail", "Please fix: phone")
              .put("fields", new JsonObject().put("phone", REJECT_FIRST_MESSAGE))
              .encode());
      return;
    }
    if (!result.valid()) {
      JsonObject fields = new JsonObject();
      result.errors().forEach(fields::put);
      ctx.response().setStatusCode(400).putHeader("content-type", "application/json")
          .end(new JsonObject()
              .put("error", "invalid-attributes")
              .put("detail", "Please fix: " + String.join(", ", result.errors().keySet()))
              .put("fields", fields)
              .encode());
      return;
    }
    List<Future<NewFile>> reads = result.files().stream()
        .map(p -> ctx.vertx().fileSystem().readFile(p.path())
            .map(buf -> new NewFile(p.field(), safeFilename(p.filename()), SubmissionForm.contentType(p), buf)))
        .toList();
    Future.all(reads)
        .compose(all -> submissions.insert(posting.board(), posting.id(), result, all.<NewFile>list()))
        .onSuccess(id -> {
          String confirmation = origin(ctx.request()) + PAGES + "/" + posting.board() + "/jobs/" + posting.id() + "/confirmation";
          log.info("sandbox received application {} for {}/{}", id, posting.board(), posting.id());
          if (classic) {
            ctx.response().setStatusCode(303).putHeader("location", confirmation).end();
            return;
          }
          Runnable answer = () -> ctx.response().setStatusCode(201)
              .putHeader("content-type", "application/json")
              .putHeader("location", confirmation)
              .end(new JsonObject().put("submission_id", id).put("confirmation_url", confirmation).encode());
          long delay = "slow".equals(posting.scenario()) ? slowMillis() : 0;
          if (delay > 0) {
            ctx.vertx().setTimer(delay, t -> {
              if (!ctx.response().closed()) {
                answer.run();
              }
            });
          } else {
            answer.run();
          }
        })
        .onFailure(ctx::fail);
  }

  /** The slow scenario's delay: {@code SANDBOX_SLOW_MS} as a system property, else the environment, else 8 s. */
  static long slowMillis() {
    String raw = System.getProperty(SLOW_MS);
    if (raw == null || raw.isBlank()) {
      raw = System.getenv(SLOW_MS);
    }
    if (raw == null || raw.isBlank()) {
      return DEFAULT_SLOW_MS;
    }
    try {
      return Math.max(0, Math.min(120_000, Long.parseLong(raw.strip())));
    } catch (NumberFormatException e) {
      log.warn("{}='{}' is not a number of milliseconds; using {}", SLOW_MS, raw, DEFAULT_SLOW_MS);
      return DEFAULT_SLOW_MS;
    }
  }

  private void listSubmissions(RoutingContext ctx) {
    String board = ctx.request().getParam("board");
    String job = ctx.request().getParam("job_id");
    Long jobId = null;
    if (job != null) {
      jobId = parseId(job);
      if (jobId == null) {
        error(ctx, 400, "bad-request", "job_id '" + job + "' is not a number");
        return;
      }
    }
    submissions.list(board, jobId)
        .onSuccess(arr -> ctx.response().putHeader("content-type", "application/json").end(arr.encode()))
        .onFailure(ctx::fail);
  }

  private void submissionFile(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    Long id = parseId(raw);
    String field = ctx.pathParam("field");
    if (id == null) {
      error(ctx, 400, "bad-request", "submission id '" + raw + "' is not a number");
      return;
    }
    submissions.file(id, field)
        .onSuccess(f -> {
          if (f.isEmpty()) {
            error(ctx, 404, "not-found", "submission " + id + " has no file '" + field + "'");
            return;
          }
          ctx.response()
              .putHeader("content-type", f.get().contentType())
              .putHeader("content-disposition", "inline; filename=\"" + f.get().filename() + "\"")
              .end(f.get().content());
        })
        .onFailure(ctx::fail);
  }

  // --- helpers -------------------------------------------------------------------------------------

  /** The posting named by {@code :board} and {@code :id}, or an error response already sent. */
  private Optional<Posting> postingOrError(RoutingContext ctx) {
    String token = ctx.pathParam("board");
    if (boards.board(token).isEmpty()) {
      error(ctx, 404, "not-found", "Could not find a job board with token '" + token + "'");
      return Optional.empty();
    }
    String raw = ctx.pathParam("id");
    Long id = parseId(raw);
    if (id == null) {
      error(ctx, 400, "bad-request", "job id '" + raw + "' is not a number");
      return Optional.empty();
    }
    Optional<Posting> p = boards.posting(token, id);
    if (p.isEmpty()) {
      error(ctx, 404, "not-found", "Could not find a job with id '" + raw + "' for " + token);
    }
    return p;
  }

  static Long parseId(String raw) {
    if (raw == null || !raw.matches("\\d{1,18}")) {
      return null;
    }
    return Long.parseLong(raw);
  }

  /** {@code scheme://host:port} as the client addressed this server, so links work on any port. */
  static String origin(HttpServerRequest req) {
    HostAndPort a = req.authority();
    String scheme = req.scheme() == null ? "http" : req.scheme();
    if (a == null) {
      return scheme + "://" + req.localAddress().hostAddress() + ":" + req.localAddress().port();
    }
    String host = a.host().contains(":") && !a.host().startsWith("[") ? "[" + a.host() + "]" : a.host();
    return scheme + "://" + host + (a.port() > 0 ? ":" + a.port() : "");
  }

  private static String safeFilename(String name) {
    String n = name == null || name.isBlank() ? "upload" : Path.of(name.replace('\\', '/')).getFileName().toString();
    n = n.replaceAll("[\"\\r\\n\\p{Cntrl}]", "_");
    return n.length() > 200 ? n.substring(n.length() - 200) : n;
  }

  private static void json(RoutingContext ctx, int status, JsonNode body) {
    try {
      ctx.response().setStatusCode(status)
          .putHeader("content-type", "application/json; charset=utf-8")
          .end(GreenhouseJson.MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      ctx.fail(e);
    }
  }

  private static void error(RoutingContext ctx, int status, String error, String detail) {
    ctx.response().setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", error).put("detail", detail).encode());
  }

  private static void failure(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    int status = ctx.statusCode();
    if (status == 413) {
      error(ctx, 413, "payload-too-large", "uploads are limited to " + UPLOAD_LIMIT_BYTES / (1024 * 1024) + " MB");
    } else if (status >= 400 && status < 500) {
      error(ctx, status, "bad-request", ctx.failure() == null ? "the request could not be read" : ctx.failure().getMessage());
    } else {
      log.error("sandbox request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      error(ctx, 500, "internal", "the sandbox could not handle this request");
    }
  }
}
