package io.applyflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.applyflow.platform.web.Inputs;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Ashby job board ({@code sandbox/ashby.json}, board {@code Meridian}), modelled on Ashby's public
 * posting API and its hosted pages at jobs.ashbyhq.com, which are a client-side application:
 *
 * <ul>
 *   <li>{@code GET /sandbox/ashby-api/posting-api/job-board/{board}[?includeCompensation=true]}:
 *       {@code {"apiVersion":"1","jobs":[...]}} in the API's shape ({@code compensation} only when asked for; unlisted
 *       jobs are there with {@code isListed:false}, as the field exists to say); {@code jobUrl}/{@code applyUrl} on
 *       the authority the request came in on. The board name matches in any case. Unknown board: 404
 *       {@code {"success":false,"errors":["..."]}};</li>
 *   <li>{@code GET /sandbox/ashby/{board}}: the board's page, listing its listed jobs ({@code isListed} true);</li>
 *   <li>{@code GET /sandbox/ashby/{board}/{id}} (jobUrl) and {@code .../application} (applyUrl): a page shell that
 *       {@code /static/js/sandbox-ashby.js} fills in from
 *       {@code GET /sandbox/ashby/api/non-user-graphql?op=ApiJobPosting&organizationHostedJobsPageName=&jobPostingId=}
 *       (the posting and its form definition), as Ashby's page fills itself from its GraphQL API;</li>
 *   <li>{@code GET /sandbox/ashby/api/non-user-graphql?op=ApiLocationSearch&query=}: the location autocomplete;</li>
 *   <li>{@code POST /sandbox/ashby/api/non-user-graphql?op=ApiSubmitSingleApplicationFormAction}: the page script's
 *       multipart application ({@code jobPostingId}, {@code organizationHostedJobsPageName} and one part per field
 *       path), checked ({@link AshbyApplication}) and stored with source {@code ashby} and a new application id;
 *       200 {@code {"application_id": "<uuid>", "data": {"submitSingleApplicationFormAction": {...}}}}, or 400
 *       {@code {"success":false,"errors":[...],"fieldErrors":{path: message}}}.</li>
 * </ul>
 *
 * <p>Real Ashby answers GraphQL ({@code data.submitSingleApplicationFormAction}); the top-level
 * {@code application_id} is the sandbox's addition so the apply worker's receipt is where it reads receipts.
 */
final class AshbyBoard {
  private static final Logger log = LoggerFactory.getLogger(AshbyBoard.class);
  static final String API = "/sandbox/ashby-api/posting-api/job-board";
  static final String PAGES = "/sandbox/ashby";
  static final String GRAPHQL = PAGES + "/api/non-user-graphql";

  private final String board;
  private final String organization;
  private final List<JsonNode> jobs;
  private final List<String> locations;
  private final SandboxSubmissions submissions;
  private final AtsPages pages = new AtsPages();

  private AshbyBoard(JsonNode data, List<String> locations, SandboxSubmissions submissions) {
    this.board = data.path("board").asText();
    this.organization = data.path("organization").asText();
    List<JsonNode> list = new ArrayList<>();
    data.path("jobs").forEach(list::add);
    this.jobs = List.copyOf(list);
    this.locations = locations;
    this.submissions = submissions;
  }

  static void mount(Router router, BodyHandler body, SandboxSubmissions submissions, List<String> locations) {
    AshbyBoard b = new AshbyBoard(AtsPages.resource("ashby.json"), locations, submissions);
    router.get(API + "/:board").handler(b::apiBoard);
    router.get(GRAPHQL).handler(b::graphqlQuery);
    router.post(GRAPHQL).handler(body).handler(b::submit);
    router.get(PAGES + "/:board").handler(b::boardPage);
    router.get(PAGES + "/:board/:id").handler(ctx -> b.page(ctx, "overview"));
    router.get(PAGES + "/:board/:id/application").handler(ctx -> b.page(ctx, "application"));
  }

  private static void ashbyError(RoutingContext ctx, int status, String message) {
    ObjectNode e = GreenhouseJson.MAPPER.createObjectNode().put("success", false);
    e.putArray("errors").add(message);
    AtsPages.json(ctx, status, e);
  }

  private boolean isBoard(String name) {
    return name != null && board.equalsIgnoreCase(name);
  }

  Optional<JsonNode> job(String boardName, String id) {
    if (!isBoard(boardName) || !AtsPages.isUuid(id)) {
      return Optional.empty();
    }
    return jobs.stream().filter(j -> j.path("id").asText().equalsIgnoreCase(id)).findFirst();
  }

  // --- posting API ---------------------------------------------------------------------------------

  private void apiBoard(RoutingContext ctx) {
    String name = ctx.pathParam("board");
    if (!isBoard(name)) {
      ashbyError(ctx, 404, "Job board '" + Inputs.shown(name) + "' not found");
      return;
    }
    boolean compensation = "true".equalsIgnoreCase(ctx.request().getParam("includeCompensation"));
    String origin = SandboxRoutes.origin(ctx.request());
    ObjectNode out = GreenhouseJson.MAPPER.createObjectNode();
    out.put("apiVersion", "1");
    ArrayNode list = out.putArray("jobs");
    for (JsonNode j : jobs) {
      ObjectNode copy = AtsPages.publicCopy(j);
      String url = origin + PAGES + "/" + board + "/" + j.path("id").asText();
      copy.put("jobUrl", url);
      copy.put("applyUrl", url + "/application");
      if (!compensation) {
        copy.remove("compensation");
      }
      list.add(copy);
    }
    AtsPages.json(ctx, 200, out);
  }

  // --- the page's queries --------------------------------------------------------------------------

  private void graphqlQuery(RoutingContext ctx) {
    String op = ctx.request().getParam("op");
    if ("ApiLocationSearch".equals(op)) {
      String query = ctx.request().getParam("query");
      ArrayNode results = GreenhouseJson.MAPPER.createArrayNode();
      if (query != null && !query.isBlank() && query.length() <= 100) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        locations.stream().filter(l -> l.toLowerCase(Locale.ROOT).contains(q)).limit(8)
            .forEach(l -> results.addObject().put("title", l));
      }
      ObjectNode out = GreenhouseJson.MAPPER.createObjectNode();
      out.putObject("data").set("locationSearch", results);
      AtsPages.json(ctx, 200, out);
      return;
    }
    if (!"ApiJobPosting".equals(op)) {
      ashbyError(ctx, 400, "op must be ApiJobPosting or ApiLocationSearch, got '" + Inputs.shown(String.valueOf(op)) + "'");
      return;
    }
    String name = ctx.request().getParam("organizationHostedJobsPageName");
    String id = ctx.request().getParam("jobPostingId");
    Optional<JsonNode> j = job(name, id);
    if (j.isEmpty()) {
      ashbyError(ctx, 404, "No job posting '" + Inputs.shown(String.valueOf(id)) + "' on board '"
          + Inputs.shown(String.valueOf(name)) + "'");
      return;
    }
    AtsPages.json(ctx, 200, GreenhouseJson.MAPPER.createObjectNode().set("data",
        GreenhouseJson.MAPPER.createObjectNode().set("jobPosting", postingWithForm(j.get()))));
  }

  /** The posting as the page needs it: what it shows and the form definition it renders. */
  private ObjectNode postingWithForm(JsonNode j) {
    ObjectNode p = GreenhouseJson.MAPPER.createObjectNode();
    p.put("id", j.path("id").asText());
    p.put("title", j.path("title").asText());
    p.put("organizationName", organization);
    p.put("departmentName", j.path("department").asText());
    p.put("teamName", j.path("team").asText());
    p.put("locationName", j.path("location").asText());
    p.put("employmentType", j.path("employmentType").asText());
    p.put("isRemote", j.path("isRemote").asBoolean());
    p.put("descriptionHtml", j.path("descriptionHtml").asText());
    JsonNode comp = j.path("compensation").path("compensationTierSummary");
    if (j.path("shouldDisplayCompensationOnJobPostings").asBoolean(false) && comp.isTextual()) {
      p.put("compensationTierSummary", comp.asText());
    } else {
      p.putNull("compensationTierSummary");
    }
    ObjectNode section = p.putObject("applicationForm").putArray("sections").addObject();
    section.putNull("title");
    ArrayNode entries = section.putArray("fieldEntries");
    for (AshbyApplication.Field f : fields(j)) {
      ObjectNode e = entries.addObject();
      e.put("id", f.path());
      ObjectNode field = e.putObject("field");
      field.put("path", f.path());
      field.put("title", f.title());
      field.put("type", f.type());
      field.put("isNullable", !f.required());
      if (!f.options().isEmpty()) {
        ArrayNode values = field.putArray("selectableValues");
        f.options().forEach(o -> values.addObject().put("label", o).put("value", o));
      }
      e.put("isRequired", f.required());
    }
    return p;
  }

  /** The posting's form: the system fields, then its own questions. */
  static List<AshbyApplication.Field> fields(JsonNode j) {
    List<AshbyApplication.Field> out = new ArrayList<>(AshbyApplication.systemFields());
    for (JsonNode q : j.path("sandbox").path("questions")) {
      List<String> options = new ArrayList<>();
      q.path("selectableValues").forEach(v -> options.add(v.path("value").asText()));
      out.add(new AshbyApplication.Field(q.path("path").asText(), q.path("type").asText(), q.path("title").asText(),
          q.path("isRequired").asBoolean(false), List.copyOf(options)));
    }
    return out;
  }

  // --- pages ---------------------------------------------------------------------------------------

  /** jobs.ashbyhq.com/{board}: the script lists the board's listed jobs from the posting API. */
  private void boardPage(RoutingContext ctx) {
    Map<String, Object> m = new HashMap<>();
    m.put("organization", organization);
    if (!isBoard(ctx.pathParam("board"))) {
      pages.render(ctx, 404, "templates/sandbox/ashby-missing.html", m);
      return;
    }
    m.put("board", board);
    m.put("id", "");
    m.put("title", "Jobs");
    m.put("view", "board");
    pages.render(ctx, 200, "templates/sandbox/ashby-job.html", m);
  }

  private void page(RoutingContext ctx, String view) {
    Optional<JsonNode> j = job(ctx.pathParam("board"), ctx.pathParam("id"));
    Map<String, Object> m = new HashMap<>();
    m.put("organization", organization);
    if (j.isEmpty()) {
      pages.render(ctx, 404, "templates/sandbox/ashby-missing.html", m);
      return;
    }
    m.put("board", board);
    m.put("id", j.get().path("id").asText());
    m.put("title", j.get().path("title").asText());
    m.put("view", view);
    pages.render(ctx, 200, "templates/sandbox/ashby-job.html", m);
  }

  // --- applications --------------------------------------------------------------------------------

  private void submit(RoutingContext ctx) {
    String op = ctx.request().getParam("op");
    if (!"ApiSubmitSingleApplicationFormAction".equals(op)) {
      ashbyError(ctx, 400, "op must be ApiSubmitSingleApplicationFormAction, got '" + Inputs.shown(String.valueOf(op)) + "'");
      return;
    }
    Map<String, List<String>> form = AtsPages.fields(ctx);
    String boardName = LeverApplication.single(form, "organizationHostedJobsPageName");
    String id = LeverApplication.single(form, "jobPostingId");
    Optional<JsonNode> found = job(boardName.isEmpty() ? board : boardName, id);
    if (found.isEmpty()) {
      ashbyError(ctx, 404, "No job posting '" + Inputs.shown(id) + "' on this board");
      return;
    }
    JsonNode j = found.get();
    AtsPages.parts(ctx).onSuccess(parts -> {
      AshbyApplication.Result r = AshbyApplication.check(fields(j), form, parts, locations);
      if (!r.valid()) {
        ObjectNode e = GreenhouseJson.MAPPER.createObjectNode().put("success", false);
        ArrayNode messages = e.putArray("errors");
        ObjectNode byField = e.putObject("fieldErrors");
        r.errors().forEach((path, message) -> {
          messages.add(message);
          byField.put(path, message);
        });
        AtsPages.json(ctx, 400, e);
        return;
      }
      String applicationId = UUID.randomUUID().toString();
      String[] name = AtsPages.splitName(r.name());
      String postingId = j.path("id").asText();
      SandboxSubmissions.AtsApplication a = new SandboxSubmissions.AtsApplication("ashby", board, postingId,
          applicationId, name[0], name[1], r.email(), r.phone(), r.answers());
      submissions.insert(a, r.files().stream().map(f -> AtsPages.file(f, "resume")).toList())
          .onSuccess(rowId -> {
            log.info("sandbox (Ashby) received application {} ({}) for {}/{}", rowId, applicationId, board, postingId);
            ObjectNode out = GreenhouseJson.MAPPER.createObjectNode();
            out.put("application_id", applicationId);
            ObjectNode action = out.putObject("data").putObject("submitSingleApplicationFormAction");
            action.putObject("applicationFormResult").put("applicationId", applicationId);
            action.putObject("messages").putNull("blockMessageForCandidateHtml");
            AtsPages.json(ctx, 200, out);
          })
          .onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }
}
