package io.applyflow.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * "Indie Works": a Greenhouse-compatible job board on a loopback port, written for the tests independently of
 * Applyflow's sandbox and form filler, the way the boards Applyflow meets in the wild are: the Job Board API shapes
 * ({@code /v1/boards/indie/jobs?content=true}, {@code /v1/boards/indie/jobs/{id}?questions=true}) and hosted
 * application pages of its own making ({@code /indie/jobs/{id}}: a plain {@code <form id="apply">}, fields named as
 * the API names them, no Greenhouse ids or classes). Each posting asks the same two required yes/no questions (work
 * authorisation {@code question_9002}, sponsorship {@code question_9003}) with a different widget
 * ({@code src/test/resources/independent/widgets.js}): an editable combobox with {@code aria-controls}, one whose
 * listbox is created at the end of the body without {@code aria-controls}, a select-only combobox with
 * {@code aria-activedescendant}, native radios, yes/no toggle buttons and a native select. A valid POST is answered
 * 303 to a page saying "Thank you for applying"; a POST missing a required field gets a 400 page naming it.
 */
public final class IndependentBoard implements AutoCloseable {
  public static final String BOARD = "indie";

  /** One posting: its id, title and the widget of its yes/no questions. */
  public record Posting(long id, String title, String widget) {
  }

  public static final List<Posting> POSTINGS = List.of(
      new Posting(9101, "Software Engineer, Payments", "combo-controls"),
      new Posting(9102, "Software Engineer, Search", "combo-portal"),
      new Posting(9103, "Software Engineer, Mobile Platform", "select-only"),
      new Posting(9104, "Software Engineer, Billing", "radio"),
      new Posting(9105, "Software Engineer, Growth", "yes-no-buttons"),
      new Posting(9106, "Software Engineer, Internal Tools", "native-select"));

  private static final String AUTH = "Are you legally authorized to work in the United States?";
  private static final String SPONSOR = "Will you now or in the future require sponsorship for employment visa status?";

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  /** What each posting received: posting id → the POSTs' fields (file fields as "filename:bytes"). */
  private final Map<Long, List<Map<String, String>>> received = new ConcurrentHashMap<>();

  public IndependentBoard() {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
  }

  public String origin() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The value for {@code GREENHOUSE_API_URL}. */
  public String apiUrl() {
    return origin() + "/v1";
  }

  /** The applications a posting received, oldest first. */
  public List<Map<String, String>> received(long postingId) {
    return List.copyOf(received.getOrDefault(postingId, List.of()));
  }

  @Override
  public void close() {
    vertx.close().await();
  }

  private void handle(HttpServerRequest r) {
    String path = r.path();
    if (path.equals("/static/widgets.js")) {
      r.response().putHeader("content-type", "text/javascript").end(resource("/independent/widgets.js"));
    } else if (path.equals("/v1/boards/" + BOARD + "/jobs")) {
      JsonArray jobs = new JsonArray();
      POSTINGS.forEach(p -> jobs.add(summary(p)));
      json(r, new JsonObject().put("jobs", jobs).put("meta", new JsonObject().put("total", jobs.size())));
    } else if (path.matches("/v1/boards/" + BOARD + "/jobs/\\d+")) {
      Posting p = posting(path.substring(path.lastIndexOf('/') + 1));
      if (p == null) {
        r.response().setStatusCode(404).end();
      } else {
        json(r, summary(p).put("questions", questions()).put("location_questions", new JsonArray())
            .put("compliance", (Object) null).put("demographic_questions", (Object) null));
      }
    } else if (path.matches("/" + BOARD + "/jobs/\\d+") && r.method().name().equals("GET")) {
      Posting p = posting(path.substring(path.lastIndexOf('/') + 1));
      html(r, p == null ? 404 : 200, p == null ? "<h1>Not found</h1>" : page(p));
    } else if (path.matches("/" + BOARD + "/jobs/\\d+") && r.method().name().equals("POST")) {
      post(r, posting(path.substring(path.lastIndexOf('/') + 1)));
    } else if (path.matches("/" + BOARD + "/jobs/\\d+/thanks")) {
      html(r, 200, "<main><h1>Thank you for applying!</h1><p>Your application has been received. "
          + "We will be in touch.</p></main>");
    } else {
      r.response().setStatusCode(404).end();
    }
  }

  private static Posting posting(String id) {
    return POSTINGS.stream().filter(p -> String.valueOf(p.id()).equals(id)).findFirst().orElse(null);
  }

  private JsonObject summary(Posting p) {
    String content = "<h2>About the role</h2><p>Build and run the Java services behind Indie Works' " + p.title()
        + " team: APIs, PostgreSQL, Kafka and Kubernetes.</p><h2>Requirements</h2><ul><li>3+ years building "
        + "backend services in Java or Go</li><li>Experience with SQL databases and distributed systems</li></ul>";
    return new JsonObject().put("id", p.id()).put("internal_job_id", p.id() + 100).put("title", p.title())
        .put("updated_at", "2026-11-20T10:00:00-05:00").put("requisition_id", "IW-" + p.id())
        .put("location", new JsonObject().put("name", "Remote - US")).put("absolute_url",
            origin() + "/" + BOARD + "/jobs/" + p.id())
        .put("language", "en").put("metadata", (Object) null).put("company_name", "Indie Works")
        .put("content", content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
  }

  private static JsonArray questions() {
    return new JsonArray()
        .add(question("First Name", true, field("first_name", "input_text")))
        .add(question("Last Name", true, field("last_name", "input_text")))
        .add(question("Email", true, field("email", "input_text")))
        .add(question("Phone", false, field("phone", "input_text")))
        .add(question("Resume/CV", true, field("resume", "input_file"), field("resume_text", "textarea")))
        .add(question("LinkedIn Profile", false, field("question_9001", "input_text")))
        .add(question(AUTH, true, yesNo("question_9002")))
        .add(question(SPONSOR, true, yesNo("question_9003")));
  }

  private static JsonObject question(String label, boolean required, JsonObject... fields) {
    return new JsonObject().put("required", required).put("label", label).put("description", (Object) null)
        .put("fields", new JsonArray(List.of((Object[]) fields)));
  }

  private static JsonObject field(String name, String type) {
    return new JsonObject().put("name", name).put("type", type).put("values", new JsonArray());
  }

  private static JsonObject yesNo(String name) {
    return new JsonObject().put("name", name).put("type", "multi_value_single_select").put("values", new JsonArray()
        .add(new JsonObject().put("value", 1).put("label", "Yes"))
        .add(new JsonObject().put("value", 0).put("label", "No")));
  }

  // --- pages -------------------------------------------------------------------------------------------

  private static String page(Posting p) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + p.title()
        + " · Indie Works</title><script src=\"/static/widgets.js\" defer></script><style>"
        + ".row{margin:12px 0}.floating-list{position:absolute;background:#fff;border:1px solid #888}"
        + "[role=option]{padding:4px 8px;cursor:pointer}[role=option].active{background:#def}</style></head><body>"
        + "<header><p>Indie Works careers</p></header><main><h1>" + p.title() + "</h1><p>Remote - US</p>"
        + "<form id=\"apply\" method=\"post\" action=\"/" + BOARD + "/jobs/" + p.id()
        + "\" enctype=\"multipart/form-data\" novalidate>"
        + "<div class=\"row\"><label for=\"fn\">First name *</label> <input id=\"fn\" name=\"first_name\" "
        + "autocomplete=\"given-name\" required></div>"
        + "<div class=\"row\"><label for=\"ln\">Last name *</label> <input id=\"ln\" name=\"last_name\" "
        + "autocomplete=\"family-name\" required></div>"
        + "<div class=\"row\"><label for=\"em\">Email *</label> <input id=\"em\" name=\"email\" type=\"email\" "
        + "required></div>"
        + "<div class=\"row\"><label for=\"ph\">Phone</label> <input id=\"ph\" name=\"phone\" type=\"tel\"></div>"
        + "<div class=\"row\"><label for=\"cv\">Resume/CV *</label> <input id=\"cv\" name=\"resume\" type=\"file\" "
        + "accept=\".pdf,.doc,.docx,.txt,.rtf\" required></div>"
        + "<div class=\"row\"><label for=\"li\">LinkedIn Profile</label> <input id=\"li\" name=\"question_9001\" "
        + "type=\"url\"></div>"
        + widget(p.widget(), "question_9002", "q2", AUTH)
        + widget(p.widget(), "question_9003", "q3", SPONSOR)
        + "<button type=\"submit\">Submit application</button></form></main></body></html>";
  }

  private static String widget(String kind, String name, String id, String label) {
    String options = "<li role=\"option\" id=\"" + id + "-yes\" data-value=\"1\">Yes</li>"
        + "<li role=\"option\" id=\"" + id + "-no\" data-value=\"0\">No</li>";
    String hidden = "<input type=\"hidden\" name=\"" + name + "\" value=\"\">";
    return switch (kind) {
      case "combo-controls" -> "<div class=\"row\" data-widget=\"combo-controls\"><label id=\"" + id + "-l\" for=\""
          + id + "\">" + label + " *</label> <input id=\"" + id + "\" role=\"combobox\" aria-expanded=\"false\" "
          + "aria-controls=\"" + id + "-list\" aria-autocomplete=\"list\" aria-required=\"true\" autocomplete=\"off\">"
          + "<ul id=\"" + id + "-list\" role=\"listbox\" aria-labelledby=\"" + id + "-l\" hidden>" + options + "</ul>"
          + hidden + "</div>";
      case "combo-portal" -> "<div class=\"row\" data-widget=\"combo-portal\" data-options='[{\"value\":\"1\","
          + "\"label\":\"Yes\"},{\"value\":\"0\",\"label\":\"No\"}]'><label for=\"" + id + "\">" + label
          + " *</label> <input id=\"" + id + "\" role=\"combobox\" aria-expanded=\"false\" aria-haspopup=\"listbox\" "
          + "aria-required=\"true\" autocomplete=\"off\">" + hidden + "</div>";
      case "select-only" -> "<div class=\"row\" data-widget=\"select-only\"><span id=\"" + id + "-l\">" + label
          + " *</span> <div id=\"" + id + "\" role=\"combobox\" tabindex=\"0\" aria-haspopup=\"listbox\" "
          + "aria-expanded=\"false\" aria-controls=\"" + id + "-list\" aria-labelledby=\"" + id + "-l\" "
          + "aria-required=\"true\">Choose…</div><ul id=\"" + id + "-list\" role=\"listbox\" aria-labelledby=\""
          + id + "-l\" hidden>" + options + "</ul>" + hidden + "</div>";
      case "radio" -> "<fieldset class=\"row\"><legend>" + label + " *</legend><label><input type=\"radio\" name=\""
          + name + "\" value=\"1\" required> Yes</label> <label><input type=\"radio\" name=\"" + name
          + "\" value=\"0\"> No</label></fieldset>";
      case "yes-no-buttons" -> "<div class=\"row\" data-widget=\"yes-no-buttons\" role=\"group\" aria-labelledby=\""
          + id + "-l\"><span id=\"" + id + "-l\">" + label + " *</span> <button type=\"button\" aria-pressed=\"false\" "
          + "data-value=\"1\">Yes</button><button type=\"button\" aria-pressed=\"false\" data-value=\"0\">No</button>"
          + hidden + "</div>";
      default -> "<div class=\"row\"><label for=\"" + id + "\">" + label + " *</label> <select id=\"" + id
          + "\" name=\"" + name + "\" required><option value=\"\">Please select</option><option value=\"1\">Yes"
          + "</option><option value=\"0\">No</option></select></div>";
    };
  }

  // --- submissions -------------------------------------------------------------------------------------

  private void post(HttpServerRequest r, Posting p) {
    if (p == null) {
      r.response().setStatusCode(404).end();
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    r.setExpectMultipart(true);
    r.uploadHandler(upload -> {
      io.vertx.core.buffer.Buffer bytes = io.vertx.core.buffer.Buffer.buffer();
      upload.handler(bytes::appendBuffer);
      upload.endHandler(v -> fields.put(upload.name(), upload.filename() + ":" + bytes.length()
          + (bytes.length() >= 4 && bytes.getString(0, 4).equals("%PDF") ? ":pdf" : "")));
    });
    r.endHandler(v -> {
      r.formAttributes().forEach(e -> fields.putIfAbsent(e.getKey(), e.getValue()));
      for (String required : List.of("first_name", "last_name", "email", "resume", "question_9002", "question_9003")) {
        String value = fields.get(required);
        if (value == null || value.isBlank() || value.endsWith(":0")) {
          html(r, 400, "<main><h1>" + p.title() + "</h1><p role=\"alert\">There was an error with your "
              + "application: " + required + " is required.</p></main>");
          return;
        }
      }
      received.computeIfAbsent(p.id(), k -> new CopyOnWriteArrayList<>()).add(fields);
      r.response().setStatusCode(303).putHeader("location", "/" + BOARD + "/jobs/" + p.id() + "/thanks").end();
    });
  }

  private static void json(HttpServerRequest r, JsonObject body) {
    r.response().putHeader("content-type", "application/json").end(body.encode());
  }

  private static void html(HttpServerRequest r, int status, String body) {
    r.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8").end(body);
  }

  private static String resource(String path) {
    try (InputStream in = IndependentBoard.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
