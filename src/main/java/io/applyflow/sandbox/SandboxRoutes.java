package io.applyflow.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.sandbox.SandboxBoards.Board;
import io.applyflow.sandbox.SandboxBoards.Posting;
import io.applyflow.sandbox.SandboxSubmissions.NewFile;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
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
 * The sandbox job board: a Greenhouse-compatible fake employer served by Applyflow itself, on its own origin
 * ({@link SandboxVerticle}: its own port, so nothing it serves shares the app's origin), under {@code /sandbox}, used
 * by the default run and by tests. Nothing sent to it leaves the machine. What it received is shown only to the
 * user whose job sent it, behind the app's login ({@link ReceivedRoutes}).
 *
 * <ul>
 *   <li>{@code GET /sandbox/boards-api/v1/boards/{board}[/jobs[/{id}]]}: the Job Board API shapes
 *       ({@code content=true}, {@code questions=true}), {@code absolute_url}s on the authority the request came in on;</li>
 *   <li>{@code GET /sandbox/job-boards/{board}/jobs/{id}}: the hosted job page and application form, DOM
 *       modelled on job-boards.greenhouse.io ({@code templates/sandbox/job.html}, {@code /static/js/sandbox-form.js});</li>
 *   <li>{@code POST} of the same URL: a multipart application, checked and stored; {@code 201} or {@code 400};
 *       files are taken only when their bytes are a kind the real form accepts ({@link FileKind});</li>
 *   <li>{@code GET .../confirmation} (where the classic form's 303 goes, as on boards.greenhouse.io);</li>
 *   <li>{@code GET /sandbox/company/{board}/careers[?gh_jid={id}]}: the employer's own careers page, whose embed
 *       loader ({@code /static/js/sandbox-embed.js}) frames {@code GET /sandbox/embed/job_app?for={board}&token={id}}
 *       (the classic form) in {@code div#grnhse_app > iframe#grnhse_iframe}; the form posts back to that URL and
 *       its 303 goes to {@code GET /sandbox/embed/confirmation?for=&token=}, all inside the frame. A posting marked
 *       {@code sandbox.embed} reports the careers page as its {@code absolute_url};</li>
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
 * with the errors); {@code security-code} answers the first otherwise valid POST with 428 {@code captcha-failed} and
 * {@code security_code_recipient}, "emails" a code ({@link SecurityCodes}) and takes the application when a resubmit
 * carries that code as {@code security_code} within {@code SANDBOX_SECURITY_CODE_TTL_SECONDS} (default 600).
 * Independently of the scenario, {@code sandbox.widgets} picks how the hosted page renders its single selects
 * ({@link SandboxBoards#WIDGETS}); the POST is the same whichever widget sent it.
 *
 * <p>Anonymous use is bounded: a request body of at most {@link Limits#bodyBytes} (413 past it) and
 * {@link Limits#postsPerMinute} POSTs per client address ({@link PostThrottle}; 429 with {@code Retry-After}).
 *
 * <p>Threading: handlers run on the event loop and never block; database work goes through the
 * Vert.x {@link Pool}, uploaded temp files are read with the async file system and deleted when the
 * request ends. Bad input answers a 4xx JSON body naming what was wrong.
 */
public final class SandboxRoutes {
  private static final Logger log = LoggerFactory.getLogger(SandboxRoutes.class);
  /**
   * The sandbox's bounds on anonymous use. {@code bodyBytes}: the whole multipart request (files and fields);
   * {@code postsPerMinute}: POSTs per client address, as a burst and then a steady rate.
   */
  public record Limits(long bodyBytes, int postsPerMinute) {
    /**
     * 5 MiB per request: the resumes and letters Applyflow renders are tens of KB and a person's own resume rarely
     * passes 1 MB, so 5 MiB carries a resume and a cover letter with room to spare while halving what one anonymous
     * request may store. 30 POSTs a minute per address: far above what a person or the apply workers send, low
     * enough that one client cannot fill the database.
     */
    public static final Limits DEFAULT = new Limits(5L * 1024 * 1024, 30);
  }

  private static final String API = "/sandbox/boards-api/v1/boards";
  private static final String PAGES = "/sandbox/job-boards";
  /** The employers' own sites: a careers page that embeds the board ({@code #grnhse_app}). */
  private static final String COMPANY = "/sandbox/company";
  /** What boards.greenhouse.io/embed serves into {@code iframe#grnhse_iframe}: the classic form of one posting. */
  private static final String EMBED = "/sandbox/embed";
  static final String SLOW_MS = "SANDBOX_SLOW_MS";
  static final long DEFAULT_SLOW_MS = 8_000;
  static final String REJECT_FIRST_MESSAGE = "Please confirm your phone number";
  static final String SECURITY_CODE_SCENARIO = "security-code";
  static final String SECURITY_CODE_FIELD = "security_code";
  /** The renderer's own {@code application.errors.invalid_attribute} ("Please enter a valid {{ attribute }}."). */
  static final String SECURITY_CODE_WRONG = "Please enter a valid security code.";
  /** Not a renderer string (its i18n file has none for this): the sandbox's own words. */
  static final String SECURITY_CODE_EXPIRED = "This security code has expired. Clear the field and submit your "
      + "application again to receive a new code.";

  private final SandboxBoards boards;
  private final SandboxSubmissions submissions;
  private final SecurityCodes codes;
  private final Limits limits;
  private final PostThrottle throttle;
  /** (email, board, job) keys whose first valid POST the reject-first scenario has refused. */
  private final Set<String> rejectedOnce = ConcurrentHashMap.newKeySet();
  private volatile ThymeleafTemplateEngine engine;

  private SandboxRoutes(SandboxBoards boards, Pool pool, Limits limits) {
    this.boards = boards;
    this.submissions = new SandboxSubmissions(pool);
    this.codes = new SecurityCodes(pool);
    this.limits = limits;
    this.throttle = new PostThrottle(limits.postsPerMinute());
  }

  /**
   * Mounts every sandbox route on {@code router} (the sandbox's own router: see {@link SandboxVerticle});
   * {@code pool} must reach a schema migrated by Flyway.
   */
  static void mount(Router router, Pool pool, Limits limits) {
    SandboxRoutes r = new SandboxRoutes(SandboxBoards.get(), pool, limits);
    String uploads = Path.of(System.getProperty("java.io.tmpdir"), "applyflow-sandbox-uploads").toString();
    BodyHandler body = BodyHandler.create(uploads)
        .setBodyLimit(limits.bodyBytes())
        .setDeleteUploadedFilesOnEnd(true);

    // before any body is read: a throttled client's upload is never written to disk
    router.post("/sandbox/*").handler(r::throttle);
    router.get(API + "/:board").handler(r::apiBoard);
    router.get(API + "/:board/jobs").handler(r::apiJobs);
    router.get(API + "/:board/jobs/:id").handler(r::apiJob);
    router.get(PAGES + "/:board/jobs/:id").handler(r::jobPage);
    router.post(PAGES + "/:board/jobs/:id").handler(body).handler(r::submit);
    router.get(PAGES + "/:board/jobs/:id/confirmation").handler(r::confirmation);
    router.get(COMPANY + "/:board/careers").handler(r::careers);
    router.get(EMBED + "/job_app").handler(r::embedJobApp);
    router.post(EMBED + "/job_app").handler(body).handler(r::embedSubmit);
    router.get(EMBED + "/confirmation").handler(r::embedConfirmation);
    router.get("/sandbox/login").handler(r::login);
    router.post("/sandbox/login").handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(r::login);
    // Lever and Ashby boards modelled on theirs (own files; same throttle, body limit and store)
    List<String> places = r.boards.locations().stream().map(SandboxBoards.Location::name).toList();
    LeverBoard.mount(router, body, r.submissions, places);
    AshbyBoard.mount(router, body, r.submissions, places);
    router.route().failureHandler(r::failure);
  }

  /** 429 with {@code Retry-After} once the client's address has used its POSTs for now. */
  private void throttle(RoutingContext ctx) {
    String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    long wait = throttle.take(address == null ? "?" : address);
    if (wait == 0) {
      ctx.next();
      return;
    }
    log.info("sandbox throttled a POST from {} ({} per minute)", address, throttle.perMinute());
    ctx.response().setStatusCode(429).putHeader("retry-after", String.valueOf(wait))
        .putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("connection", "close")
        .end(new JsonObject().put("error", "too-many-requests")
            .put("detail", "The sandbox takes at most " + throttle.perMinute()
                + " submissions a minute from one address; try again in " + wait + " s.").encode());
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

  // --- the embed: an employer's careers page framing the board ------------------------------------

  /**
   * The employer's careers page: its own header and text, the board's openings, and {@code div#grnhse_app}, into
   * which {@code sandbox-embed.js} (the board's embed loader) puts {@code iframe#grnhse_iframe} with the posting
   * named by {@code gh_jid}.
   */
  private void careers(RoutingContext ctx) {
    String token = ctx.pathParam("board");
    Optional<Board> board = boards.board(token);
    if (board.isEmpty()) {
      error(ctx, 404, "not-found", "Could not find a careers page for '" + token + "'");
      return;
    }
    String jid = ctx.request().getParam("gh_jid");
    if (jid != null && !jid.isEmpty()) {
      Long id = parseId(jid);
      if (id == null) {
        error(ctx, 400, "bad-request", "gh_jid must be a job id (digits only)");
        return;
      }
      if (boards.posting(token, id).isEmpty()) {
        error(ctx, 404, "not-found", "gh_jid '" + id + "' is not a job of " + board.get().name());
        return;
      }
    }
    Map<String, Object> m = new HashMap<>();
    m.put("board", token);
    m.put("company", board.get().name());
    m.put("jobs", board.get().postings().stream()
        .map(p -> Map.of("title", p.title(), "location", p.locationName(),
            "href", COMPANY + "/" + token + "/careers?gh_jid=" + p.id()))
        .toList());
    render(ctx, "templates/sandbox/careers.html", m);
  }

  private void embedJobApp(RoutingContext ctx) {
    embedPostingOrError(ctx).ifPresent(p -> {
      Map<String, Object> m = ClassicPage.model(boards.board(p.board()).orElseThrow(), p, Map.of(), Map.of());
      render(ctx, "templates/sandbox/classic.html", embedModel(m, p));
    });
  }

  private void embedSubmit(RoutingContext ctx) {
    embedPostingOrError(ctx).ifPresent(p -> submit(ctx, p, true));
  }

  private void embedConfirmation(RoutingContext ctx) {
    embedPostingOrError(ctx).ifPresent(p -> {
      Map<String, Object> m = JobPage.confirmationModel(boards.board(p.board()).orElseThrow(), p);
      m.put("jobPath", COMPANY + "/" + p.board() + "/careers?gh_jid=" + p.id());
      m.put("embedded", true);
      render(ctx, "templates/sandbox/confirmation.html", m);
    });
  }

  /** The classic form as the embed serves it: posting back to the embed URL, with the frame's resize script. */
  private static Map<String, Object> embedModel(Map<String, Object> m, Posting p) {
    m.put("submitPath", embedQuery(EMBED + "/job_app", p));
    m.put("embedded", true);
    return m;
  }

  private static String embedQuery(String path, Posting p) {
    return path + "?for=" + URLEncoder.encode(p.board(), StandardCharsets.UTF_8) + "&token=" + p.id();
  }

  /** The posting named by the embed's {@code for} (board) and {@code token} (job id), or an error already sent. */
  private Optional<Posting> embedPostingOrError(RoutingContext ctx) {
    String token = ctx.request().getParam("for");
    String raw = ctx.request().getParam("token");
    if (token == null || token.isEmpty() || raw == null || raw.isEmpty()) {
      error(ctx, 400, "bad-request", "the embed needs 'for' (the board) and 'token' (the job id)");
      return Optional.empty();
    }
    if (boards.board(token).isEmpty()) {
      error(ctx, 404, "not-found", "Could not find a job board with token '" + token + "'");
      return Optional.empty();
    }
    Long id = parseId(raw);
    if (id == null) {
      error(ctx, 400, "bad-request", "token '" + raw + "' is not a job id");
      return Optional.empty();
    }
    Optional<Posting> p = boards.posting(token, id);
    if (p.isEmpty()) {
      error(ctx, 404, "not-found", "Could not find a job with id '" + raw + "' for " + token);
    }
    return p;
  }

  // --- applications --------------------------------------------------------------------------------

  private void submit(RoutingContext ctx) {
    postingOrError(ctx).ifPresent(p -> submit(ctx, p, false));
  }

  private void submit(RoutingContext ctx, Posting posting, boolean embedded) {
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
    Map<String, List<String>> raw = new LinkedHashMap<>();
    MultiMap attrs = ctx.request().formAttributes();
    for (String name : attrs.names()) {
      raw.put(name, attrs.getAll(name));
    }
    // every upload's bytes (the body limit bounds them all), then what each is by its bytes alone
    List<Future<SubmissionForm.Part>> reads = new ArrayList<>();
    for (FileUpload u : ctx.fileUploads()) {
      reads.add(u.size() == 0
          ? Future.succeededFuture(new SubmissionForm.Part(u.name(), u.fileName(), 0, Buffer.buffer(), null))
          : ctx.vertx().fileSystem().readFile(u.uploadedFileName()).map(buf -> new SubmissionForm.Part(u.name(),
              u.fileName(), buf.length(), buf, FileKind.sniff(buf).orElse(null))));
    }
    Future.all(reads)
        .onSuccess(all -> checkAndStore(ctx, posting, raw, all.<SubmissionForm.Part>list(), embedded))
        .onFailure(ctx::fail);
  }

  /**
   * {@code embedded}: the POST came from the classic form framed by an employer's careers page
   * ({@code /sandbox/embed/job_app}); its errors and its confirmation stay in the frame.
   */
  private void checkAndStore(RoutingContext ctx, Posting posting, Map<String, List<String>> raw,
      List<SubmissionForm.Part> uploaded, boolean embedded) {
    List<String> sentCode = raw.remove(SECURITY_CODE_FIELD);
    String securityCode = sentCode == null || sentCode.isEmpty() || sentCode.get(0).isBlank() ? null : sentCode.get(0);
    Map<String, List<String>> form = raw;
    List<SubmissionForm.Part> parts = uploaded;
    boolean classic = embedded || "classic".equals(posting.scenario());
    if (classic) {
      ClassicPage.Normalised n = ClassicPage.normalise(form, parts);
      form = n.form();
      parts = n.parts();
    }
    SubmissionForm.Result result = SubmissionForm.check(posting, form, parts, boards::country, !classic);
    if (!result.valid() && classic) {
      Map<String, Object> page = ClassicPage.model(boards.board(posting.board()).orElseThrow(), posting, form, result.errors());
      if (embedded) {
        embedModel(page, posting);
      }
      render(ctx, 400, "templates/sandbox/classic.html", page);
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
    if (SECURITY_CODE_SCENARIO.equals(posting.scenario())) {
      securityCode(ctx, posting, result, securityCode);
      return;
    }
    store(ctx, posting, result, classic, embedded);
  }

  /**
   * The security-code scenario (EXTERNAL_APIS.md §2.4): an otherwise valid application without a code gets a code
   * "emailed" ({@link SecurityCodes}) and 428 {@code {code: "captcha-failed", security_code_recipient}}; with the
   * newest code sent to its email for this posting, still valid, it is stored as usual; a wrong or expired code is a
   * 400 naming {@code security_code} (status and shape assumed: the same field error as any other refused field).
   */
  private void securityCode(RoutingContext ctx, Posting posting, SubmissionForm.Result result, String code) {
    if (code == null) {
      codes.send(posting.board(), posting.id(), result.email())
          .onSuccess(sent -> ctx.response().setStatusCode(428).putHeader("content-type", "application/json")
              .end(new JsonObject().put("code", "captcha-failed").put("security_code_recipient", result.email())
                  .encode()))
          .onFailure(ctx::fail);
      return;
    }
    codes.use(posting.board(), posting.id(), result.email(), code)
        .onSuccess(check -> {
          if (check == SecurityCodes.Check.ACCEPTED) {
            store(ctx, posting, result, false, false);
            return;
          }
          String message = check == SecurityCodes.Check.EXPIRED ? SECURITY_CODE_EXPIRED : SECURITY_CODE_WRONG;
          log.info("sandbox refused a security code for {}/{}: {}", posting.board(), posting.id(), check);
          ctx.response().setStatusCode(400).putHeader("content-type", "application/json")
              .end(new JsonObject().put("error", "invalid-attributes").put("detail", message)
                  .put("fields", new JsonObject().put(SECURITY_CODE_FIELD, message)).encode());
        })
        .onFailure(ctx::fail);
  }

  private void store(RoutingContext ctx, Posting posting, SubmissionForm.Result result, boolean classic,
                     boolean embedded) {
    List<NewFile> files = result.files().stream()
        .map(p -> new NewFile(p.field(), p.kind().fileName(safeFilename(p.filename())), p.kind().contentType, p.content()))
        .toList();
    submissions.insert(posting.board(), posting.id(), result, files)
        .onSuccess(id -> {
          String confirmation = origin(ctx.request()) + (embedded ? embedQuery(EMBED + "/confirmation", posting)
              : PAGES + "/" + posting.board() + "/jobs/" + posting.id() + "/confirmation");
          log.info("sandbox received application {} for {}/{}", id, posting.board(), posting.id());
          if (classic) {
            // the id in the URL is the receipt the apply worker keeps (the hosted form's JSON names it instead)
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
    String n = name == null ? "" : name.replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\"\\p{Cntrl}]", "_").strip();
    if (n.isEmpty() || n.equals(".") || n.equals("..")) {
      n = "upload";
    }
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

  private void failure(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    int status = ctx.statusCode();
    if (status == 413) {
      error(ctx, 413, "payload-too-large", "an application to the sandbox is limited to "
          + limits.bodyBytes() / (1024 * 1024) + " MB in all (files and fields)");
    } else if (status >= 400 && status < 500) {
      error(ctx, status, "bad-request", ctx.failure() == null ? "the request could not be read" : ctx.failure().getMessage());
    } else {
      log.error("sandbox request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      error(ctx, 500, "internal", "the sandbox could not handle this request");
    }
  }
}
