package io.applyflow.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.search.Descriptions;
import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.config.Config;
import io.applyflow.platform.security.Auth;
import io.applyflow.platform.web.Http;
import io.applyflow.platform.web.Times;
import io.applyflow.platform.web.Views;
import io.applyflow.profile.Profiles;
import io.applyflow.score.Resumes;
import io.applyflow.search.AtsSources;
import io.applyflow.tracker.ApplicationFields;
import io.applyflow.tracker.Applications;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The match analyser and add-by-URL (issue 11, items 2 and 3).
 * <ul>
 *   <li>{@code GET /analyze}: the form (a job URL, or a title and a pasted description) and the history;
 *       {@code GET /analyze/{id}} shows one past analysis; {@code POST /analyze} (fields {@code url}, {@code title},
 *       {@code description}) analyses, stores and answers 303 to {@code /analyze/{id}}, or 400 with the form and the
 *       error next to its field;</li>
 *   <li>{@code POST /api/analyze} {@code {"url"}} or {@code {"description", "title"[, "company"]}}: the analysis
 *       ({@link MatchAnalysis.Result#toMap} with the posting's title, company, location, url and source, its id and
 *       time), stored in the history; {@code GET /api/analyses}: {@code {"analyses": [...]}}, newest first;
 *       {@code GET /api/analyses/{id}}: one;</li>
 *   <li>{@code POST /api/applications/analyze} {@code {"url"}}: 201 with an application in status NEW (origin
 *       {@code url}) holding the posting's title, company, location, description, score and analysis; the form
 *       {@code POST /applications/analyze} (field {@code url}) answers 303 to {@code /applications}, or 400 with the
 *       {@code add-url-form} fragment and the error next to the field.</li>
 * </ul>
 * A URL is read by {@link UrlPostings} (ATS APIs, else {@link SafeFetch}); every refusal is a 400 naming the problem.
 * Without a profile, 409 pointing to {@code /profile}. The fetch, the page parse and the scoring run off the event
 * loop (a worker, the HTTP client); the profile is read through the caller's user id only.
 */
public final class AnalyzeRoutes {
  static final int MAX_DESCRIPTION = 100_000;
  static final int MAX_TITLE = 300;
  static final String NO_PROFILE = "You have no profile yet: save your resume on /profile first; the analysis "
      + "compares the posting with it.";

  private final Vertx vertx;
  private final Profiles profiles;
  private final Analyses analyses;
  private final Applications applications;
  private final UrlPostings postings;
  private final Views views;

  AnalyzeRoutes(Vertx vertx, Profiles profiles, Analyses analyses, Applications applications, UrlPostings postings,
      Views views) {
    this.vertx = vertx;
    this.profiles = profiles;
    this.analyses = analyses;
    this.applications = applications;
    this.postings = postings;
    this.views = views;
  }

  /** Mounts the routes, reading URLs with the configured ATS APIs and FETCH_ALLOWED_NETWORKS. */
  public static void mount(Router router, Vertx vertx, io.vertx.sqlclient.Pool pool, Profiles profiles,
      Applications applications, Config config, Views views) {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Applyflow/0.1"));
    AtsSources sources = AtsSources.configured(config, client);
    SafeFetch fetch = new SafeFetch(vertx, new Addresses(config.fetchAllowedNetworks()), SafeFetch.Limits.DEFAULT,
        SafeFetch.Resolver.SYSTEM);
    mount(router, new AnalyzeRoutes(vertx, profiles, new Analyses(pool), applications,
        new UrlPostings(vertx, sources, fetch), views));
  }

  static void mount(Router router, AnalyzeRoutes r) {
    router.get("/analyze").handler(Auth.requirePageUser()).handler(ctx -> r.page(ctx, null));
    router.get("/analyze/:id").handler(Auth.requirePageUser()).handler(r::pageOne);
    router.post("/analyze").handler(Auth.requirePageUser()).handler(r::pageAnalyse);
    router.post("/applications/analyze").handler(Auth.requirePageUser()).handler(r::pageAdd);
    router.post("/api/analyze").handler(Auth.requireApiUser()).handler(r::apiAnalyse);
    router.get("/api/analyses").handler(Auth.requireApiUser()).handler(r::apiList);
    router.get("/api/analyses/:id").handler(Auth.requireApiUser()).handler(r::apiOne);
    router.post("/api/applications/analyze").handler(Auth.requireApiUser()).handler(r::apiAdd);
  }

  // --- the work -------------------------------------------------------------------------------------------

  /** What to analyse: a URL, or a pasted posting. */
  private record Request(String url, String title, String company, String description) {
    /** From the API's JSON or the page's form; BAD_INPUT naming the field when neither a URL nor a description. */
    static Request of(String url, String title, String company, String description) {
      String u = blank(url);
      String t = blank(title);
      String d = blank(description);
      if (t != null && t.length() > MAX_TITLE) {
        throw Failure.BAD_INPUT.with("title: at most " + MAX_TITLE + " characters");
      }
      if (d != null && d.length() > MAX_DESCRIPTION) {
        throw Failure.BAD_INPUT.with("description: at most " + MAX_DESCRIPTION + " characters (it has "
            + d.length() + ")");
      }
      if (u == null && d == null) {
        throw Failure.BAD_INPUT.with("url: give the posting's URL, or paste its title and description");
      }
      return new Request(u, t, blank(company), d);
    }
  }

  /** The profile's resume, or CONFLICT pointing to /profile. */
  private Future<JsonNode> resume(long userId) {
    return profiles.find(userId).compose(p -> p == null || !(p.getValue("resume") instanceof JsonObject r)
        ? Future.failedFuture(Failure.CONFLICT.with(NO_PROFILE))
        : Future.succeededFuture(Resumes.tree(r)));
  }

  /** The posting a request names: read from its URL, or the pasted text. */
  private Future<UrlPosting> posting(Request req) {
    if (req.url() != null) {
      return postings.read(req.url());
    }
    String d = req.description();
    boolean html = d.matches("(?s).*</?[a-zA-Z][a-zA-Z0-9]*(\\s[^>]*)?/?>.*");
    String safe = html ? Descriptions.sanitiseHtml(d) : PostingPage.paragraphs(d);
    return Future.succeededFuture(new UrlPosting(req.title(), req.company(), null, safe, null, "pasted", null, null,
        null));
  }

  /** Scores {@code p} against {@code resume} on a worker; the analysis with the posting's fields. */
  private Future<JsonObject> analyse(UrlPosting p, JsonNode resume) {
    return vertx.executeBlocking(() -> {
      MatchAnalysis.Result result = MatchAnalysis.analyse(p.title(), p.descriptionHtml(),
          p.company() == null ? List.of() : List.of(p.company()), resume, LocalDate.now(ZoneOffset.UTC));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("title", p.title());
      m.put("company", p.company());
      m.put("location", p.location());
      m.put("url", p.url());
      m.put("source", p.source());
      m.put("salary", p.salary());
      m.put("date_posted", p.datePosted());
      m.put("valid_through", p.validThrough());
      m.putAll(result.toMap());
      return new JsonObject(Json.encode(m));
    }, false);
  }

  /** Reads, analyses and stores: the stored analysis. */
  private Future<JsonObject> run(long userId, Request req) {
    return resume(userId).compose(resume -> posting(req).compose(p -> analyse(p, resume)))
        .compose(result -> analyses.insert(userId, result));
  }

  /** Reads the URL, analyses it, stores the analysis and the application: the application. */
  private Future<JsonObject> add(long userId, String url) {
    if (blank(url) == null) {
      return Future.failedFuture(Failure.BAD_INPUT.with("url: give the posting's URL"));
    }
    return resume(userId).compose(resume -> postings.read(url.strip()).compose(p -> analyse(p, resume)
        .compose(result -> analyses.insert(userId, result).map(stored -> result))
        // the description's text is read on a worker too (a large page's HTML takes a while)
        .compose(result -> vertx.executeBlocking(() -> application(p, result), false))
        .compose(fields -> applications.create(userId, fields, "url"))));
  }

  /**
   * The tracker's fields for a posting read from its URL: title as position, company, location, salary, the
   * description as plain text (its first {@link ApplicationFields#DESCRIPTION} characters), the score and the analysis.
   */
  static JsonObject application(UrlPosting p, JsonObject analysis) {
    JsonObject fields = new JsonObject().put("url", p.url()).put("score", analysis.getInteger("score"))
        .put("analysis", analysis);
    putClipped(fields, "position", p.title(), ApplicationFields.TEXT);
    putClipped(fields, "company", p.company(), ApplicationFields.TEXT);
    putClipped(fields, "location", p.location(), ApplicationFields.TEXT);
    putClipped(fields, "salary", p.salary(), ApplicationFields.TEXT);
    // the tracker keeps plain text (its pages print it as text); read from at most twice as much HTML
    String html = p.descriptionHtml().length() <= 2 * ApplicationFields.DESCRIPTION ? p.descriptionHtml()
        : p.descriptionHtml().substring(0, 2 * ApplicationFields.DESCRIPTION);
    putClipped(fields, "description", Descriptions.text(html), ApplicationFields.DESCRIPTION);
    return fields;
  }

  private static void putClipped(JsonObject fields, String name, String value, int max) {
    if (value != null && !value.isBlank()) {
      String v = value.strip();
      int end = Math.min(v.length(), max);
      if (end < v.length() && Character.isHighSurrogate(v.charAt(end - 1))) {
        end--; // never half a character
      }
      fields.put(name, v.substring(0, end));
    }
  }

  // --- API --------------------------------------------------------------------------------------------------

  private void apiAnalyse(RoutingContext ctx) {
    JsonObject body = Http.jsonBody(ctx);
    Request req = Request.of(string(body, "url"), string(body, "title"), string(body, "company"),
        string(body, "description"));
    run(Auth.userId(ctx), req).onSuccess(a -> Http.json(ctx, 200, a)).onFailure(t -> Http.fail(ctx, t));
  }

  private void apiList(RoutingContext ctx) {
    analyses.list(Auth.userId(ctx)).onSuccess(list -> Http.json(ctx, 200, new JsonObject().put("analyses", list)))
        .onFailure(t -> Http.fail(ctx, t));
  }

  private void apiOne(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    analyses.find(Auth.userId(ctx), id).compose(a -> a == null ? Future.failedFuture(Failure.NOT_FOUND.with(
            "you have no analysis " + id)) : Future.succeededFuture(a))
        .onSuccess(a -> Http.json(ctx, 200, a)).onFailure(t -> Http.fail(ctx, t));
  }

  private void apiAdd(RoutingContext ctx) {
    JsonObject body = Http.jsonBody(ctx);
    add(Auth.userId(ctx), string(body, "url")).onSuccess(app -> Http.json(ctx, 201, app))
        .onFailure(t -> Http.fail(ctx, t));
  }

  /** A string field of a JSON body, or BAD_INPUT naming it when it is another type. */
  private static String string(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw Failure.BAD_INPUT.with(field + ": must be a string");
  }

  // --- pages ------------------------------------------------------------------------------------------------

  private void pageOne(RoutingContext ctx) {
    long id = Http.idParam(ctx, "id");
    analyses.find(Auth.userId(ctx), id).compose(a -> a == null ? Future.failedFuture(Failure.NOT_FOUND.with(
            "You have no analysis " + id + ".")) : Future.succeededFuture(a))
        .onSuccess(a -> page(ctx, a)).onFailure(t -> Http.fail(ctx, t));
  }

  private void page(RoutingContext ctx, JsonObject analysis) {
    Form form = new Form(200, Map.of(), Map.of(), null, false, analysis);
    render(ctx, form, null);
  }

  private void pageAnalyse(RoutingContext ctx) {
    Map<String, String> values = new HashMap<>();
    for (String f : new String[] {"url", "title", "description"}) {
      String v = ctx.request().getFormAttribute(f);
      values.put(f, v == null ? "" : v);
    }
    Future<JsonObject> done;
    try {
      done = run(Auth.userId(ctx), Request.of(values.get("url"), values.get("title"), null, values.get("description")));
    } catch (Failure.Coded e) {
      done = Future.failedFuture(e);
    }
    done.onSuccess(a -> Http.redirect(ctx, "/analyze/" + a.getLong("id")))
        .onFailure(t -> formFailure(ctx, t, values, "analyze-form"));
  }

  private void pageAdd(RoutingContext ctx) {
    String url = ctx.request().getFormAttribute("url");
    Map<String, String> values = Map.of("add_url", url == null ? "" : url);
    add(Auth.userId(ctx), url).onSuccess(app -> Http.redirect(ctx, "/applications"))
        .onFailure(t -> formFailure(ctx, t, values, "add-url-form"));
  }

  /** A form's failure next to its field (the message's "field: " prefix names it), or the error page. */
  private void formFailure(RoutingContext ctx, Throwable t, Map<String, String> values, String fragment) {
    Failure f = Failure.of(t);
    if (f == Failure.INTERNAL || f == Failure.NOT_FOUND && t.getMessage() == null) {
      Http.fail(ctx, t);
      return;
    }
    String message = t.getMessage() == null ? "That did not work." : t.getMessage();
    String field = "url";
    int colon = message.indexOf(": ");
    if (colon > 0 && message.substring(0, colon).matches("url|title|description")) {
      field = message.substring(0, colon);
      message = message.substring(colon + 2);
    }
    if (fragment.equals("add-url-form")) {
      field = "add_url";
    }
    message = message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    int status = f == Failure.CONFLICT ? 409 : 400;
    render(ctx, new Form(status, values, Map.of(field, message), fragment, f == Failure.CONFLICT, null), fragment);
  }

  /** What the page shows: the forms' values and errors, whether a profile is missing, and one analysis. */
  private record Form(int status, Map<String, String> values, Map<String, String> errors, String failedForm,
      boolean noProfile, JsonObject analysis) {
  }

  private void render(RoutingContext ctx, Form form, String fragment) {
    boolean htmx = Http.isHtmx(ctx);
    Future<JsonArray> history = htmx && fragment != null ? Future.succeededFuture(new JsonArray())
        : analyses.list(Auth.userId(ctx));
    history.onSuccess(list -> {
      Map<String, Object> model = new HashMap<>();
      model.put("csrf", ctx.get(Auth.CSRF));
      model.put("values", form.values());
      model.put("errors", form.errors());
      model.put("noProfile", form.noProfile());
      model.put("history", rows(list));
      String html;
      try {
        model.put("analysis", form.analysis() == null ? null : view(form.analysis()));
        html = views.render("analyze/page", htmx ? fragment : null, model);
      } catch (RuntimeException e) {
        Http.fail(ctx, e); // a page that cannot be drawn still gets an answer
        return;
      }
      Views.html(ctx, form.status(), html);
    }).onFailure(t -> Http.fail(ctx, t));
  }

  private static List<Map<String, Object>> rows(JsonArray list) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object o : list) {
      JsonObject a = (JsonObject) o;
      Map<String, Object> row = new HashMap<>(a.getMap());
      row.put("when", Times.minute(a.getString("at")));
      row.put("label", label(a));
      rows.add(row);
    }
    return rows;
  }

  /** An analysis as the page shows it: the stored fields, the score bars' map, the time. */
  static Map<String, Object> view(JsonObject a) {
    Map<String, Object> m = plain(a);
    Map<String, Object> bars = plain(a.getJsonObject("breakdown", new JsonObject()));
    bars.put("total", a.getInteger("score"));
    bars.put("band", null);
    m.put("bars", bars);
    m.put("when", Times.minute(a.getString("at")));
    m.put("label", label(a));
    return m;
  }

  /** {@code o} as plain maps and lists all the way down, as the templates read them. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(JsonObject o) {
    try {
      return new HashMap<>(PLAIN.readValue(o.encode(), Map.class));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e); // our own encoding always reads back
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static String label(JsonObject a) {
    String title = blank(a.getString("title"));
    String company = blank(a.getString("company"));
    String t = title == null ? "Untitled posting" : title;
    return company == null ? t : t + " at " + company;
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
