package io.applyflow.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The applications tracker against the real app: API, activity, per-user data, CSV, bulk, runs, page markup. */
class TrackerIT {
  private final Api api = TestApp.api();

  private static void assertError(Api.Response r, int status, String... mentions) {
    assertEquals(status, r.status(), r.text());
    String detail = r.json().getString("detail");
    for (String m : mentions) {
      assertTrue(detail.contains(m), "'" + detail + "' should mention " + m);
    }
  }

  private JsonObject add(String token, JsonObject fields) {
    Api.Response r = api.post("/api/applications", token, fields);
    assertEquals(201, r.status(), r.text());
    return r.json();
  }

  private static JsonObject app(String company, String position) {
    return new JsonObject().put("company", company).put("position", position);
  }

  private static List<String> kinds(JsonObject app) {
    List<String> out = new ArrayList<>();
    app.getJsonArray("events").forEach(e -> out.add(((JsonObject) e).getString("kind")));
    return out;
  }

  @Test
  void addReadEditChangeStatusAndDeleteWithAnActivityEntryForEachChange() {
    String token = api.register(Api.uniqueEmail("tracker-crud"), "Tracker");
    JsonObject created = add(token, app("Acme Robotics", "Platform Engineer").put("location", "Berlin")
        .put("url", "https://boards.example/acme/1").put("deadline", "2026-03-31").put("salary", "€80k–95k")
        .put("notes", "Referred by Ada.\nCall back Monday."));
    long id = created.getLong("id");
    assertEquals("NEW", created.getString("status"));
    assertEquals("manual", created.getString("origin"));
    assertEquals("2026-03-31", created.getString("deadline"));
    assertEquals(List.of("created"), kinds(created));
    assertNotNull(created.getJsonArray("events").getJsonObject(0).getString("at"));

    Api.Response patched = api.send("PATCH", "/api/applications/" + id, token, new JsonObject()
        .put("follow_up", "2026-03-10").put("contacts", new JsonArray().add(new JsonObject().put("name", "Ada Lovelace")
            .put("email", "ada@example.com").put("role", "Recruiter"))).encode());
    assertEquals(200, patched.status(), patched.text());
    assertEquals("2026-03-10", patched.json().getString("follow_up"));
    assertEquals("Ada Lovelace", patched.json().getJsonArray("contacts").getJsonObject(0).getString("name"));
    assertEquals(List.of("created", "edited"), kinds(patched.json()));

    Api.Response moved = api.put("/api/applications/" + id + "/status", token, new JsonObject().put("status", "INTERVIEW"));
    assertEquals(200, moved.status(), moved.text());
    assertEquals("INTERVIEW", moved.json().getString("status"));
    JsonObject statusEvent = moved.json().getJsonArray("events").getJsonObject(2);
    assertEquals("status", statusEvent.getString("kind"));
    assertEquals("NEW", statusEvent.getString("from_status"));
    assertEquals("INTERVIEW", statusEvent.getString("to_status"));

    Api.Response notes = api.send("PATCH", "/api/applications/" + id, token,
        new JsonObject().put("notes", "Second round on Friday.").encode());
    assertEquals(List.of("created", "edited", "status", "note"), kinds(notes.json()));
    Api.Response same = api.send("PATCH", "/api/applications/" + id, token,
        new JsonObject().put("notes", "Second round on Friday.").encode());
    assertEquals(4, same.json().getJsonArray("events").size(), "saving what is already there adds no entry");

    JsonObject read = api.get("/api/applications/" + id, token).json();
    assertEquals("Second round on Friday.", read.getString("notes"));
    assertEquals("€80k–95k", read.getString("salary"));

    assertEquals(204, api.send("DELETE", "/api/applications/" + id, token, null).status());
    assertError(api.get("/api/applications/" + id, token), 404, "no application " + id);
    assertError(api.send("DELETE", "/api/applications/" + id, token, null), 404, "no application");
  }

  @Test
  void anotherUsersApplicationIsNotFoundEverywhere() {
    String owner = api.register(Api.uniqueEmail("tracker-owner"), "Owner");
    String other = api.register(Api.uniqueEmail("tracker-other"), "Other");
    long id = add(owner, app("Acme", "Engineer")).getLong("id");
    String path = "/api/applications/" + id;
    assertError(api.get(path, other), 404, "no application");
    assertError(api.send("PATCH", path, other, new JsonObject().put("notes", "mine now").encode()), 404, "no application");
    assertError(api.put(path + "/status", other, new JsonObject().put("status", "OFFER")), 404, "no application");
    assertError(api.send("DELETE", path, other, null), 404, "no application");
    Api.Response bulk = api.post("/api/applications/bulk", other, new JsonObject().put("ids", new JsonArray().add(id))
        .put("delete", true));
    assertEquals(0, bulk.json().getInteger("count"), bulk.text());
    assertEquals(0, api.get("/api/applications", other).json().getLong("total"));
    assertTrue(!api.get("/api/applications.csv", other).text().contains("Acme"));
    JsonObject still = api.get(path, owner).json();
    assertEquals("NEW", still.getString("status"));
    assertNull(still.getString("notes"));
    assertEquals(401, api.get("/api/applications", null).status());
  }

  @Test
  void badInputIsA400NamingTheField() {
    String token = api.register(Api.uniqueEmail("tracker-bad"), "Bad");
    assertError(api.post("/api/applications", token, new JsonObject().put("company", "Acme")), 400, "position");
    assertError(api.post("/api/applications", token, app("Acme", "Dev").put("url", "javascript:alert(1)")), 400, "url");
    assertError(api.post("/api/applications", token, app("Acme", "Dev").put("deadline", "31/03/2026")), 400,
        "deadline", "YYYY-MM-DD");
    assertError(api.post("/api/applications", token, app("Ac\u0000me", "Dev")), 400, "company");
    assertError(api.post("/api/applications", token, app("Acme", "Dev").put("contacts", "Ada")), 400, "contacts");
    assertError(api.send("POST", "/api/applications", token, "{not json"), 400, "not valid JSON");
    long id = add(token, app("Acme", "Dev")).getLong("id");
    assertError(api.send("PATCH", "/api/applications/" + id, token, new JsonObject().put("compnay", "x")
        .put("owner", 1).encode()), 400, "compnay", "owner");
    assertError(api.send("PATCH", "/api/applications/" + id, token, new JsonObject().put("follow_up", "soon").encode()),
        400, "follow_up");
    assertError(api.put("/api/applications/" + id + "/status", token, new JsonObject().put("status", "HIRED")), 400,
        "status", "NEW", "WITHDRAWN");
    assertError(api.put("/api/applications/" + id + "/status", token, new JsonObject()), 400, "status");
    assertError(api.get("/api/applications/abc", token), 400, "id");
    assertError(api.get("/api/applications?sort=salary", token), 400, "sort");
    assertError(api.get("/api/applications?status=HIRED", token), 400, "status");
    assertError(api.get("/api/applications?page=0", token), 400, "page");
    assertError(api.post("/api/applications/bulk", token, new JsonObject().put("ids", new JsonArray().add(id))), 400,
        "status", "delete");
    assertEquals(1, api.get("/api/applications", token).json().getLong("total"), "nothing bad was stored");
  }

  @Test
  void filtersSearchSortAndPages() {
    String token = api.register(Api.uniqueEmail("tracker-list"), "Lister");
    long a = add(token, app("Zeta Labs", "Backend Engineer").put("location", "Lisbon").put("deadline", "2026-05-01"))
        .getLong("id");
    long b = add(token, app("alpha GmbH", "Data Engineer").put("notes", "Kafka-heavy team").put("deadline", "2026-04-01"))
        .getLong("id");
    long c = add(token, app("Mid Corp", "Frontend Developer").put("location", "Remote 100%")).getLong("id");
    api.put("/api/applications/" + a + "/status", token, new JsonObject().put("status", "APPLIED"));
    api.put("/api/applications/" + c + "/status", token, new JsonObject().put("status", "INTERVIEW"));

    assertEquals(List.of(a, c), ids(api.get("/api/applications?status=APPLIED,INTERVIEW&sort=company", token)
        .json()).stream().sorted().toList());
    assertEquals(List.of(a, c), ids(api.get("/api/applications?status=applied&status=interview&sort=-created", token)
        .json()).stream().sorted().toList());
    assertEquals(List.of(b), ids(api.get("/api/applications?q=KAFKA", token).json()), "notes, any case");
    assertEquals(List.of(a), ids(api.get("/api/applications?q=lisb", token).json()), "location");
    assertEquals(List.of(c), ids(api.get("/api/applications?q=100%25", token).json()), "% taken literally");
    assertEquals(List.of(b, c, a), ids(api.get("/api/applications?sort=company", token).json()), "case-insensitive");
    assertEquals(List.of(a, c, b), ids(api.get("/api/applications?sort=-company", token).json()));
    assertEquals(List.of(b, a, c), ids(api.get("/api/applications?sort=deadline", token).json()), "empty dates last");
    assertEquals(List.of(b, a, c), ids(api.get("/api/applications?sort=status", token).json()), "lifecycle order");

    JsonObject page1 = api.get("/api/applications?sort=company&per_page=2&page=1", token).json();
    JsonObject page2 = api.get("/api/applications?sort=company&per_page=2&page=2", token).json();
    assertEquals(3, page1.getLong("total"));
    assertEquals(2, page1.getLong("pages"));
    assertEquals(List.of(b, c), ids(page1));
    assertEquals(List.of(a), ids(page2));
    JsonObject past = api.get("/api/applications?per_page=2&page=9", token).json();
    assertEquals(0, past.getJsonArray("applications").size());
    assertEquals(3, past.getLong("total"));
  }

  private static List<Long> ids(JsonObject page) {
    List<Long> out = new ArrayList<>();
    page.getJsonArray("applications").forEach(o -> out.add(((JsonObject) o).getLong("id")));
    return out;
  }

  @Test
  void theCsvHasAHeaderAndOneRowPerApplication() throws Exception {
    String token = api.register(Api.uniqueEmail("tracker-csv"), "Csv");
    add(token, app("=HYPERLINK(\"http://evil.example\")", "Dev, \"Senior\"").put("notes", "line 1\nline 2"));
    add(token, app("株式会社テスト", "エンジニア"));
    add(token, app("Plain", "Tester"));
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(api.base + "/api/applications.csv")).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/csv; charset=utf-8"));
    assertTrue(r.headers().firstValue("content-disposition").orElse("").startsWith("attachment;"));
    String csv = new String(r.body(), StandardCharsets.UTF_8);
    List<List<String>> records = CsvTest.parse(csv);
    assertEquals(4, records.size(), "a header and one row per application: " + csv);
    assertEquals(ApplicationsCsv.HEADER, records.get(0));
    List<String> companies = records.stream().skip(1).map(rec -> rec.get(2)).sorted().toList();
    assertEquals(List.of("'=HYPERLINK(\"http://evil.example\")", "Plain", "株式会社テスト"), companies);
    assertTrue(records.stream().anyMatch(rec -> rec.get(16).equals("line 1\nline 2")));
    assertTrue(records.stream().anyMatch(rec -> rec.get(3).equals("Dev, \"Senior\"")));
    assertEquals(2, CsvTest.parse(api.get("/api/applications.csv?q=plain", token).text()).size(), "filters apply");
  }

  @Test
  void bulkChangesStatusWithActivityAndDeletes() {
    String token = api.register(Api.uniqueEmail("tracker-bulk"), "Bulk");
    long a = add(token, app("A", "One")).getLong("id");
    long b = add(token, app("B", "Two")).getLong("id");
    long c = add(token, app("C", "Three")).getLong("id");
    Api.Response moved = api.post("/api/applications/bulk", token, new JsonObject()
        .put("ids", new JsonArray().add(a).add(b)).put("status", "REJECTED"));
    assertEquals(200, moved.status(), moved.text());
    assertEquals(2, moved.json().getInteger("count"));
    JsonObject readA = api.get("/api/applications/" + a, token).json();
    assertEquals("REJECTED", readA.getString("status"));
    assertEquals(List.of("created", "status"), kinds(readA));
    assertEquals("NEW", api.get("/api/applications/" + c, token).json().getString("status"));

    Api.Response deleted = api.post("/api/applications/bulk", token, new JsonObject()
        .put("ids", new JsonArray().add(b).add(c)).put("delete", true));
    assertEquals(2, deleted.json().getInteger("count"), deleted.text());
    assertEquals(List.of(a), ids(api.get("/api/applications", token).json()));
  }

  @Test
  void aSubmittedJobBecomesAnAppliedApplicationLinkedToItsJob() {
    String token = api.userWithProfile(Api.uniqueEmail("tracker-run"));
    long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "entry").put("limit", 1).put("mode", "auto")).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(180));
    JsonObject job = run.getJsonArray("jobs").getJsonObject(0);
    long jobId = job.getLong("job_id");
    JsonObject submitted = api.awaitJob(jobId, token, "submitted", Duration.ofSeconds(120));
    JsonArray apps = api.get("/api/applications", token).json().getJsonArray("applications");
    assertEquals(1, apps.size(), apps.encode());
    JsonObject app = apps.getJsonObject(0);
    assertEquals(jobId, app.getLong("job_id"));
    assertEquals("APPLIED", app.getString("status"));
    assertEquals("run", app.getString("origin"));
    assertEquals(submitted.getString("title"), app.getString("position"));
    assertEquals(submitted.getString("company"), app.getString("company"));
    assertNotNull(app.getString("applied_at"));
    assertEquals(List.of("created"), kinds(api.get("/api/applications/" + app.getLong("id"), token).json()));
    Document page = Jsoup.parse(api.get("/applications/" + app.getLong("id"), token).text());
    assertEquals("/jobs/" + jobId, page.getElementById("application-job").attr("href"));
  }

  private String htmxGet(String path, String token) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.base + path))
          .header("Authorization", "Bearer " + token).header("HX-Request", "true").build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> formPost(String path, String token, String form, boolean htmx) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base + path))
          .header("Authorization", "Bearer " + token).header("content-type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form));
      if (htmx) {
        b.header("HX-Request", "true");
      }
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void thePageFormsAnswerWithTheErrorNextToItsFieldOrARedirect() {
    String token = api.register(Api.uniqueEmail("tracker-forms"), "Forms");
    long id = add(token, app("Acme", "Engineer")).getLong("id");
    HttpResponse<String> bad = formPost("/applications/" + id + "/edit", token,
        "company=Acme&position=Engineer&deadline=31.03.2026&follow_up=&notes=&contact_name=Ada&contact_email=nope"
            + "&contact_role=&contact_phone=", true);
    assertEquals(400, bad.statusCode());
    Document form = Jsoup.parse(bad.body());
    assertNotNull(form.getElementById("application-form"));
    assertTrue(form.getElementById("edit-deadline-error").text().contains("YYYY-MM-DD"));
    assertEquals("edit-deadline-error", form.getElementById("edit-deadline").attr("aria-describedby"));
    assertEquals("31.03.2026", form.getElementById("edit-deadline").val(), "what was typed stays");
    assertTrue(form.getElementById("edit-contacts-error").text().contains("contacts[0].email"));
    assertEquals(List.of("created"), kinds(api.get("/api/applications/" + id, token).json()), "nothing saved");

    HttpResponse<String> ok = formPost("/applications/" + id + "/edit", token,
        "company=Acme&position=Engineer&deadline=2026-03-31&follow_up=2026-03-20&notes=Call+Ada&contact_name=Ada"
            + "&contact_email=ada%40example.com&contact_role=Recruiter&contact_phone=", false);
    assertEquals(303, ok.statusCode());
    assertEquals("/applications/" + id + "?notice=saved", ok.headers().firstValue("location").orElse(""));
    JsonObject saved = api.get("/api/applications/" + id, token).json();
    assertEquals("2026-03-31", saved.getString("deadline"));
    assertEquals("ada@example.com", saved.getJsonArray("contacts").getJsonObject(0).getString("email"));
    Document page = Jsoup.parse(api.get("/applications/" + id + "?notice=saved", token).text());
    assertEquals("Saved.", page.getElementById("application-notice").text());

    // removing the contact with its checkbox
    formPost("/applications/" + id + "/edit", token, "company=Acme&position=Engineer&contact_name=Ada"
        + "&contact_email=ada%40example.com&contact_role=Recruiter&contact_phone=&contact_remove=0&contact_name="
        + "&contact_email=&contact_role=&contact_phone=", false);
    assertEquals(0, api.get("/api/applications/" + id, token).json().getJsonArray("contacts").size());

    HttpResponse<String> row = formPost("/applications/" + id + "/status", token, "status=OFFER&view=row", true);
    assertEquals(200, row.statusCode());
    Element tr = Jsoup.parse("<table>" + row.body() + "</table>").getElementById("application-row-" + id);
    assertEquals("OFFER", tr.attr("data-status"));
    assertNotNull(tr.getElementById("status-saved-" + id));
    HttpResponse<String> plain = formPost("/applications/" + id + "/status", token, "status=INTERVIEW", false);
    assertEquals(303, plain.statusCode());

    long other = add(token, app("Beta", "Analyst")).getLong("id");
    HttpResponse<String> bulk = formPost("/applications/bulk", token, "ids=" + id + "&ids=" + other
        + "&action=status&status=REJECTED&return=%2Fapplications%3Fstatus%3DINTERVIEW", false);
    assertEquals(303, bulk.statusCode());
    assertEquals("/applications?status=INTERVIEW&notice=bulk-status", bulk.headers().firstValue("location").orElse(""));
    assertEquals("REJECTED", api.get("/api/applications/" + other, token).json().getString("status"));
    assertEquals("The selected applications were deleted.", Jsoup.parse(api.get("/applications?notice=bulk-delete",
        token).text()).getElementById("applications-notice").text());
    assertEquals(303, formPost("/applications/bulk", token, "ids=" + other + "&action=delete", false).statusCode());
    assertEquals(404, api.get("/api/applications/" + other, token).status());

    HttpResponse<String> deleted = formPost("/applications/" + id + "/delete", token, "", false);
    assertEquals(303, deleted.statusCode());
    assertEquals(404, api.get("/api/applications/" + id, token).status());
  }

  @Test
  void thePagesCarryTheirIdsAndHtmxAttributes() {
    String token = api.register(Api.uniqueEmail("tracker-pages"), "Pages");
    long id = add(token, app("Acme", "Engineer")).getLong("id");
    Document list = Jsoup.parse(api.get("/applications", token).text());
    Element table = list.getElementById("applications-table");
    assertNotNull(table);
    Element row = list.getElementById("application-row-" + id);
    assertNotNull(row);
    Element form = row.selectFirst("form.status-form");
    assertEquals("/applications/" + id + "/status", form.attr("hx-post"));
    assertEquals("change", form.attr("hx-trigger"));
    assertEquals("#application-row-" + id, form.attr("hx-target"));
    assertEquals("outerHTML", form.attr("hx-swap"));
    assertEquals("/applications/" + id + "/status", form.attr("action"), "works without JavaScript");
    assertNotNull(form.selectFirst("button[type=submit]"));
    Element select = list.getElementById("status-" + id);
    assertEquals("NEW", select.selectFirst("option[selected]").val());
    assertEquals(9, select.select("option").size());
    assertNotNull(list.selectFirst("label[for=status-" + id + "]"));
    assertEquals("applications-bulk", list.getElementById("select-" + id).attr("form"));
    assertEquals("/applications/bulk", list.getElementById("applications-bulk").attr("action"));
    assertEquals("#applications-table", list.getElementById("applications-filter").attr("hx-target"));
    assertEquals("#applications-table", list.getElementById("sort-company").attr("hx-target"));
    assertTrue(list.getElementById("applications-csv").attr("href").startsWith("/api/applications.csv"));
    Element addForm = list.getElementById("add-form");
    assertEquals("/applications", addForm.attr("hx-post"));
    assertNotNull(addForm.selectFirst("label[for=add-company]"));
    Element byUrl = list.getElementById("add-url-form");
    assertEquals("/applications/analyze", byUrl.attr("action"));
    assertEquals("post", byUrl.attr("method"));
    String urlInput = byUrl.selectFirst("input[name=url]").id();
    assertNotNull(byUrl.selectFirst("label[for=" + urlInput + "]"));
    assertNotNull(byUrl.selectFirst("input[name=_csrf]"));

    // htmx asks for the table only
    String fragment = htmxGet("/applications?sort=company", token);
    assertTrue(fragment.trim().startsWith("<section id=\"applications-table\""), fragment);
    assertTrue(!fragment.contains("<html"), "a fragment, not the page");

    Document detail = Jsoup.parse(api.get("/applications/" + id, token).text());
    assertEquals("/applications/" + id + "/edit", detail.getElementById("application-form").attr("hx-post"));
    assertNotNull(detail.getElementById("edit-follow_up"));
    assertNotNull(detail.getElementById("contact-new-name"));
    assertEquals(1, detail.select("#application-activity li").size());
    assertNotNull(detail.getElementById("delete-application"));
    assertNull(detail.getElementById("application-job"), "no job link for one added by hand");
  }
}
