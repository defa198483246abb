package io.applyflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Lever site ({@code sandbox/lever.json}, site {@code tidewater-energy}), modelled on Lever's
 * postings API v0 and its hosted pages at jobs.lever.co:
 *
 * <ul>
 *   <li>{@code GET /sandbox/lever-api/v0/postings/{site}?mode=json[&skip=&limit=&location=&commitment=&team=&department=]}:
 *       the bare JSON array of postings in the API's shape ({@code hostedUrl}/{@code applyUrl} on the authority the
 *       request came in on); filters are exact and case-sensitive, repeated values are OR'ed, as Lever documents;</li>
 *   <li>{@code GET /sandbox/lever-api/v0/postings/{site}/{id}}: one posting;</li>
 *   <li>an unknown site or posting: 404 {@code {"ok":false,"error":"Document not found"}} (Lever's error shape
 *       {@code {ok:false, error}}); a bad {@code skip}/{@code limit}/{@code mode}: 400 in the same shape;</li>
 *   <li>{@code GET /sandbox/lever/{site}}: the site's list of postings, by team;</li>
 *   <li>{@code GET /sandbox/lever/{site}/{id}} (hostedUrl) and {@code GET /sandbox/lever/{site}/{id}/apply} (applyUrl):
 *       server-rendered pages ({@code templates/sandbox/lever-*.html}); the form posts multipart to itself;</li>
 *   <li>{@code POST /sandbox/lever/{site}/{id}/apply}: checked ({@link LeverApplication}), stored with source
 *       {@code lever}, then 303 to {@code /sandbox/lever/{site}/{id}/thanks} ("Application submitted!"); invalid:
 *       the form again, 400, with each field's error. No application id is given back (the hosted form's thanks page
 *       carries none), so there is no receipt;</li>
 *   <li>{@code GET /sandbox/lever/searchLocations?text=}: the location typeahead's suggestions.</li>
 * </ul>
 *
 * <p>Scenario {@code captcha} (private {@code sandbox.scenario}): the apply page carries an hCaptcha challenge that
 * nothing can pass, and every POST is refused (400, the form again with "Please complete the captcha").
 */
final class LeverBoard {
  private static final Logger log = LoggerFactory.getLogger(LeverBoard.class);
  static final String API = "/sandbox/lever-api/v0/postings";
  static final String PAGES = "/sandbox/lever";
  static final String CAPTCHA_MESSAGE = "Please complete the captcha to submit your application.";
  private static final List<String> FILTERS = List.of("location", "commitment", "team", "department");

  private final String site;
  private final String company;
  private final List<JsonNode> postings;
  private final List<String> locations;
  private final SandboxSubmissions submissions;
  private final AtsPages pages = new AtsPages();

  private LeverBoard(JsonNode data, List<String> locations, SandboxSubmissions submissions) {
    this.site = data.path("site").asText();
    this.company = data.path("company").asText();
    List<JsonNode> list = new ArrayList<>();
    data.path("postings").forEach(list::add);
    this.postings = List.copyOf(list);
    this.locations = locations;
    this.submissions = submissions;
  }

  static void mount(Router router, BodyHandler body, SandboxSubmissions submissions, List<String> locations) {
    LeverBoard b = new LeverBoard(AtsPages.resource("lever.json"), locations, submissions);
    router.get(API + "/:site").handler(b::apiList);
    router.get(API + "/:site/:id").handler(b::apiOne);
    router.get(PAGES + "/searchLocations").handler(b::searchLocations);
    router.get(PAGES + "/:site").handler(b::sitePage);
    router.get(PAGES + "/:site/:id").handler(b::postingPage);
    router.get(PAGES + "/:site/:id/apply").handler(b::applyPage);
    router.post(PAGES + "/:site/:id/apply").handler(body).handler(b::submit);
    router.get(PAGES + "/:site/:id/thanks").handler(b::thanks);
  }

  // --- API -----------------------------------------------------------------------------------------

  private static void leverError(RoutingContext ctx, int status, String error) {
    ObjectNode e = GreenhouseJson.MAPPER.createObjectNode().put("ok", false).put("error", error);
    AtsPages.json(ctx, status, e);
  }

  private ObjectNode apiPosting(JsonNode p, String origin) {
    ObjectNode out = AtsPages.publicCopy(p);
    String hosted = origin + PAGES + "/" + site + "/" + p.path("id").asText();
    out.put("hostedUrl", hosted);
    out.put("applyUrl", hosted + "/apply");
    return out;
  }

  private void apiList(RoutingContext ctx) {
    if (!site.equals(ctx.pathParam("site"))) {
      leverError(ctx, 404, "Document not found");
      return;
    }
    String mode = ctx.request().getParam("mode");
    String accept = ctx.request().getHeader("accept");
    if (mode == null ? accept == null || !accept.contains("application/json") : !"json".equals(mode)) {
      leverError(ctx, 400, "The sandbox serves mode=json only (or Accept: application/json); got mode="
          + (mode == null ? "(none)" : "'" + io.applyflow.platform.web.Inputs.shown(mode) + "'"));
      return;
    }
    Integer skip = nonNegative(ctx, "skip", 0);
    Integer limit = nonNegative(ctx, "limit", Integer.MAX_VALUE);
    if (skip == null || limit == null) {
      return;
    }
    String origin = SandboxRoutes.origin(ctx.request());
    ArrayNode out = GreenhouseJson.MAPPER.createArrayNode();
    int seen = 0;
    for (JsonNode p : postings) {
      if (!matches(ctx, p)) {
        continue;
      }
      if (seen++ < skip) {
        continue;
      }
      if (out.size() >= limit) {
        break;
      }
      out.add(apiPosting(p, origin));
    }
    AtsPages.json(ctx, 200, out);
  }

  private static boolean matches(RoutingContext ctx, JsonNode p) {
    for (String f : FILTERS) {
      List<String> wanted = ctx.queryParam(f);
      if (wanted.isEmpty()) {
        continue;
      }
      JsonNode cats = p.path("categories");
      boolean any = false;
      for (String w : wanted) {
        any |= w.equals(cats.path(f).asText(null));
        if ("location".equals(f)) {
          for (JsonNode l : cats.path("allLocations")) {
            any |= w.equals(l.asText());
          }
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private static Integer nonNegative(RoutingContext ctx, String name, int fallback) {
    String raw = ctx.request().getParam(name);
    if (raw == null) {
      return fallback;
    }
    if (!raw.matches("\\d{1,9}")) {
      leverError(ctx, 400, "Invalid value for " + name + ": '" + io.applyflow.platform.web.Inputs.shown(raw)
          + "' (a whole number of at least 0)");
      return null;
    }
    return Integer.parseInt(raw);
  }

  private void apiOne(RoutingContext ctx) {
    Optional<JsonNode> p = posting(ctx.pathParam("site"), ctx.pathParam("id"));
    if (p.isEmpty()) {
      leverError(ctx, 404, "Document not found");
      return;
    }
    AtsPages.json(ctx, 200, apiPosting(p.get(), SandboxRoutes.origin(ctx.request())));
  }

  Optional<JsonNode> posting(String siteName, String id) {
    if (!site.equals(siteName) || !AtsPages.isUuid(id)) {
      return Optional.empty();
    }
    return postings.stream().filter(p -> p.path("id").asText().equalsIgnoreCase(id)).findFirst();
  }

  private void searchLocations(RoutingContext ctx) {
    String text = ctx.request().getParam("text");
    ArrayNode out = GreenhouseJson.MAPPER.createArrayNode();
    if (text != null && !text.isBlank() && text.length() <= 100) {
      String t = text.strip().toLowerCase(Locale.ROOT);
      locations.stream().filter(l -> l.toLowerCase(Locale.ROOT).contains(t)).limit(8)
          .forEach(l -> out.addObject().put("name", l));
    }
    AtsPages.json(ctx, 200, out);
  }

  // --- pages ---------------------------------------------------------------------------------------

  private Optional<JsonNode> postingOr404(RoutingContext ctx) {
    Optional<JsonNode> p = posting(ctx.pathParam("site"), ctx.pathParam("id"));
    if (p.isEmpty()) {
      Map<String, Object> m = new HashMap<>();
      m.put("company", company);
      pages.render(ctx, 404, "templates/sandbox/lever-missing.html", m);
    }
    return p;
  }

  private Map<String, Object> postingModel(JsonNode p) {
    Map<String, Object> m = new HashMap<>();
    String id = p.path("id").asText();
    JsonNode cats = p.path("categories");
    m.put("company", company);
    m.put("site", site);
    m.put("title", p.path("text").asText());
    m.put("location", cats.path("location").asText(""));
    m.put("allLocations", String.join(", ", iterable(cats.path("allLocations"))));
    m.put("department", cats.path("department").asText(""));
    m.put("team", cats.path("team").asText(""));
    m.put("commitment", cats.path("commitment").asText(""));
    m.put("workplaceType", switch (p.path("workplaceType").asText("")) {
      case "on-site" -> "On-site";
      case "remote" -> "Remote";
      case "hybrid" -> "Hybrid";
      default -> "";
    });
    m.put("opening", p.path("opening").asText(""));
    m.put("descriptionBody", p.path("descriptionBody").asText(""));
    List<Map<String, String>> lists = new ArrayList<>();
    for (JsonNode l : p.path("lists")) {
      lists.add(Map.of("text", l.path("text").asText(), "content", l.path("content").asText()));
    }
    m.put("lists", lists);
    m.put("additional", p.path("additional").asText(""));
    m.put("salary", p.path("salaryDescription").asText(""));
    m.put("postingHref", PAGES + "/" + site + "/" + id);
    m.put("applyHref", PAGES + "/" + site + "/" + id + "/apply");
    return m;
  }

  private static List<String> iterable(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** jobs.lever.co/{site}: every posting, grouped by team as Lever's list groups them. */
  private void sitePage(RoutingContext ctx) {
    Map<String, Object> m = new HashMap<>();
    m.put("company", company);
    if (!site.equals(ctx.pathParam("site"))) {
      pages.render(ctx, 404, "templates/sandbox/lever-missing.html", m);
      return;
    }
    Map<String, List<Map<String, Object>>> byTeam = new LinkedHashMap<>();
    for (JsonNode p : postings) {
      String group = p.path("categories").path("department").asText("") + " – " + p.path("categories").path("team").asText("");
      byTeam.computeIfAbsent(group, k -> new ArrayList<>()).add(postingModel(p));
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    byTeam.forEach((title, list) -> groups.add(Map.of("title", title, "postings", list)));
    m.put("groups", groups);
    pages.render(ctx, 200, "templates/sandbox/lever-site.html", m);
  }

  private void postingPage(RoutingContext ctx) {
    postingOr404(ctx).ifPresent(p -> pages.render(ctx, 200, "templates/sandbox/lever-posting.html", postingModel(p)));
  }

  private void applyPage(RoutingContext ctx) {
    postingOr404(ctx).ifPresent(p ->
        pages.render(ctx, 200, "templates/sandbox/lever-apply.html", applyModel(p, Map.of(), Map.of())));
  }

  /** The apply form's model; {@code form} and {@code errors} refill it after a refused POST. */
  private Map<String, Object> applyModel(JsonNode p, Map<String, List<String>> form, Map<String, String> errors) {
    Map<String, Object> m = postingModel(p);
    JsonNode sandbox = p.path("sandbox");
    m.put("captcha", "captcha".equals(sandbox.path("scenario").asText()));
    m.put("eeo", sandbox.path("eeo").asBoolean(false));
    m.put("consent", sandbox.path("consent").asBoolean(false));
    m.put("errors", errors);
    m.put("hasErrors", !errors.isEmpty());
    Map<String, String> values = new HashMap<>();
    for (String k : List.of("name", "email", "phone", "location", "selectedLocation", "org", "comments")) {
      values.put(k, LeverApplication.single(form, k));
    }
    m.put("values", values);
    List<Map<String, String>> urls = new ArrayList<>();
    for (String k : LeverApplication.URL_KEYS) {
      String field = "urls[" + k + "]";
      urls.add(Map.of("key", k, "name", field, "label", "Other".equals(k) ? "Other website" : k + " URL",
          "value", LeverApplication.single(form, field), "error", errors.getOrDefault(field, "")));
    }
    m.put("urls", urls);
    List<Map<String, Object>> cards = new ArrayList<>();
    for (JsonNode card : sandbox.path("cards")) {
      Map<String, Object> c = new HashMap<>();
      String cardId = card.path("id").asText();
      c.put("id", cardId);
      c.put("text", card.path("text").asText());
      c.put("baseTemplateName", "cards[" + cardId + "][baseTemplate]");
      ObjectNode template = GreenhouseJson.MAPPER.createObjectNode();
      template.put("id", cardId);
      template.put("text", card.path("text").asText());
      template.set("fields", card.path("fields").deepCopy());
      c.put("baseTemplate", template.toString());
      List<Map<String, Object>> fields = new ArrayList<>();
      int n = 0;
      for (JsonNode f : card.path("fields")) {
        String name = LeverApplication.cardField(cardId, n);
        List<String> chosen = form.getOrDefault(name, List.of());
        Map<String, Object> fm = new HashMap<>();
        fm.put("name", name);
        fm.put("id", "card-" + cardId + "-field" + n);
        fm.put("type", f.path("type").asText());
        fm.put("text", f.path("text").asText());
        fm.put("required", f.path("required").asBoolean(false));
        fm.put("value", chosen.isEmpty() ? "" : chosen.get(0));
        fm.put("error", errors.getOrDefault(name, ""));
        List<Map<String, Object>> options = new ArrayList<>();
        int k = 0;
        for (JsonNode o : f.path("options")) {
          String text = o.path("text").asText();
          options.add(Map.of("text", text, "id", "card-" + cardId + "-field" + n + "-option" + k++,
              "checked", chosen.contains(text)));
        }
        fm.put("options", options);
        fields.add(fm);
        n++;
      }
      c.put("fields", fields);
      cards.add(c);
    }
    m.put("cards", cards);
    List<Map<String, Object>> eeo = new ArrayList<>();
    Map<String, String> eeoLabels = Map.of("gender", "Gender", "race", "Race", "veteran", "Veteran status",
        "disability", "Disability status");
    for (Map.Entry<String, List<String>> e : LeverApplication.EEO.entrySet()) {
      String name = "eeo[" + e.getKey() + "]";
      eeo.add(Map.of("name", name, "id", "eeo-" + e.getKey(), "label", eeoLabels.get(e.getKey()),
          "options", e.getValue(), "value", LeverApplication.single(form, name),
          "error", errors.getOrDefault(name, "")));
    }
    m.put("eeoFields", eeo);
    m.put("consentStore", !LeverApplication.single(form, "consent[store]").isEmpty());
    m.put("consentMarketing", !LeverApplication.single(form, "consent[marketing]").isEmpty());
    return m;
  }

  private void thanks(RoutingContext ctx) {
    postingOr404(ctx).ifPresent(p -> pages.render(ctx, 200, "templates/sandbox/lever-thanks.html", postingModel(p)));
  }

  // --- applications --------------------------------------------------------------------------------

  private void submit(RoutingContext ctx) {
    Optional<JsonNode> found = postingOr404(ctx);
    if (found.isEmpty()) {
      return;
    }
    JsonNode p = found.get();
    Map<String, List<String>> form = AtsPages.fields(ctx);
    AtsPages.parts(ctx).onSuccess(parts -> {
      if ("captcha".equals(p.path("sandbox").path("scenario").asText())) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("h-captcha-response", CAPTCHA_MESSAGE);
        pages.render(ctx, 400, "templates/sandbox/lever-apply.html", applyModel(p, form, errors));
        return;
      }
      LeverApplication.Result r = LeverApplication.check(p.path("sandbox"), form, parts);
      if (!r.valid()) {
        pages.render(ctx, 400, "templates/sandbox/lever-apply.html", applyModel(p, form, r.errors()));
        return;
      }
      String[] name = AtsPages.splitName(r.name());
      String postingId = p.path("id").asText();
      SandboxSubmissions.AtsApplication a = new SandboxSubmissions.AtsApplication("lever", site, postingId, null,
          name[0], name[1], r.email(), r.phone(), r.answers());
      submissions.insert(a, r.files().stream().map(f -> AtsPages.file(f, "resume")).toList())
          .onSuccess(id -> {
            log.info("sandbox (Lever) received application {} for {}/{}", id, site, postingId);
            ctx.response().setStatusCode(303)
                .putHeader("location", PAGES + "/" + site + "/" + postingId + "/thanks")
                .end();
          })
          .onFailure(ctx::fail);
    }).onFailure(ctx::fail);
  }
}
