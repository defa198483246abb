package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.support.Api;
import io.applyflow.support.Poppler;
import io.applyflow.support.TestApp;
import io.applyflow.tailor.TailoredResume;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's "done when", through the public API and pages: a user whose resume is the multi-script fixture
 * ({@code multiscript.resume.json}) runs a 5-job search on the sandbox in review mode (every job is tailored and
 * rendered, nothing is submitted) with both score bands at 0 so every posting is rendered. Then for each job: the
 * resume and cover letter PDFs are stored; poppler says each is tagged and every font embedded, and {@code pdftotext}
 * gives back the exact strings of the tailored resume and the letter; the Skills section lists no skill group name;
 * the job page shows a thumbnail whose PNG is served.
 *
 * <p>Every job is checked before the test fails, so one run reports every broken string (the first per document).
 */
class MultiScriptRunIT {
  private static final int JOBS = 5;
  private static final String NAME = "Zoë Łukasiewicz";
  private static final String PASSWORD = "correct horse 1";
  /** Statuses a job leaves on its own; any other is where a review run's job settles. */
  private static final Set<String> MOVING = Set.of("discovered", "described", "scored", "accepted", "tailored",
      "rendered", "applying");

  private final Api api = TestApp.api();

  @BeforeAll
  static void popplerIsInstalled() {
    Poppler.require();
  }

  static JsonObject multiScriptResume(String email) {
    try (InputStream in = MultiScriptRunIT.class.getResourceAsStream("/jsonresume/multiscript.resume.json")) {
      JsonObject resume = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      resume.getJsonObject("basics").put("email", email);
      return resume;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final java.util.Set<String> RENDERED = java.util.Set.of("awaiting_approval", "needs_input");

  @Test
  void everyJobsResumeAndLetterReadBackExactlyInEveryScriptWithAThumbnail() throws Exception {
    String email = Api.uniqueEmail("zoe");
    String token = api.register(email, NAME);
    JsonObject resume = multiScriptResume(email);
    Api.Response saved = api.put("/api/profile", token, new JsonObject().put("resume", resume)
        .put("applicant", new JsonObject().put("phone", "+41 44 555 01 23")));
    assertEquals(200, saved.status(), saved.text());
    api.bands(token, 0, 0); // every posting is accepted, so all five are tailored and rendered

    Api.Response started = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "mid").put("mode", "review").put("limit", JOBS));
    assertEquals(202, started.status(), started.text());
    JsonObject run = api.awaitRun(started.json().getLong("run_id"), token, Duration.ofSeconds(240));
    assertEquals("done", run.getString("status"), run.encodePrettily());
    JsonArray jobs = run.getJsonArray("jobs");
    assertEquals(JOBS, jobs.size(), jobs.encodePrettily());

    List<String> groups = new ArrayList<>();
    List<String> keywords = new ArrayList<>();
    resume.getJsonArray("skills").forEach(o -> {
      JsonObject s = (JsonObject) o;
      groups.add(s.getString("name"));
      s.getJsonArray("keywords").forEach(k -> keywords.add(k.toString()));
    });
    HttpClient browser = signedIn(email);

    List<String> problems = new ArrayList<>();
    for (Object o : jobs) {
      long jobId = ((JsonObject) o).getLong("job_id");
      JsonObject job = settled(jobId, token);
      String which = "job " + jobId + " (" + job.getString("company") + ", " + job.getString("title") + ")";
      // rendered, then either waiting for the user's approval or for answers the profile does not give (the Lever
      // and Ashby postings ask required questions nobody may answer for the user); never submitted in review mode
      if (!RENDERED.contains(job.getString("status"))) {
        problems.add(which + " is " + job.getString("status") + ", not one of " + RENDERED + ":\n" + events(job));
        continue;
      }
      TailoredResume tailored = job.getJsonObject("tailored").mapTo(TailoredResume.class);
      assertEquals(NAME, tailored.name());

      Api.Response pdf = api.get("/api/job/" + jobId + "/resume.pdf", token);
      if (pdf.status() != 200 || !pdf.contentType().startsWith("application/pdf")) {
        problems.add(which + ": resume.pdf is not stored (" + pdf.status() + ")\n" + events(job));
      } else {
        String text = Poppler.text(pdf.body());
        first(problems, which + " resume", Poppler.textProblems(text, Poppler.expected(tailored)));
        first(problems, which + " resume", Poppler.fontAndTagProblems(pdf.body()));
        first(problems, which + " resume: skill group names listed as skills",
            Poppler.groupNamesListedAsSkills(text, groups, keywords, tailored.sectionHeadings()));
      }

      Api.Response letter = api.get("/api/job/" + jobId + "/cover-letter.pdf", token);
      JsonObject coverLetter = job.getJsonObject("cover_letter");
      if (letter.status() != 200 || !letter.contentType().startsWith("application/pdf")) {
        problems.add(which + ": cover-letter.pdf is not stored (" + letter.status() + ")\n" + events(job));
      } else {
        List<String> paragraphs = coverLetter.getJsonArray("paragraphs").stream().map(String::valueOf).toList();
        first(problems, which + " cover letter",
            Poppler.textProblems(Poppler.text(letter.body()), Poppler.expectedLetter(tailored.name(), paragraphs)));
        first(problems, which + " cover letter", Poppler.fontAndTagProblems(letter.body()));
      }

      Api.Response png = api.get("/api/job/" + jobId + "/resume.png", token);
      if (png.status() != 200 || !png.contentType().startsWith("image/png") || !isPng(png.body())) {
        problems.add(which + ": GET /api/job/" + jobId + "/resume.png answers " + png.status() + " "
            + png.contentType() + ", not a PNG");
      }
      String page = page(browser, "/jobs/" + jobId);
      Document doc = Jsoup.parse(page);
      List<String> thumbnails = doc.select("img[src]").stream().map(e -> e.attr("src"))
          .filter(src -> src.endsWith("resume.png")).toList();
      if (thumbnails.isEmpty()) {
        problems.add(which + ": the job page /jobs/" + jobId + " has no <img> whose src ends with resume.png (images: "
            + doc.select("img").stream().map(Element::outerHtml).toList() + ")");
      }
    }
    assertEquals(List.of(), problems, String.join("\n\n", problems));
    assertEquals(0, api.submissionsOf(email).size(), "a review run submits nothing");
  }

  /** Adds the first of {@code found}, prefixed, to {@code problems}. */
  private static void first(List<String> problems, String which, List<String> found) {
    if (!found.isEmpty()) {
      problems.add(which + ": " + found.get(0) + (found.size() > 1 ? "\n(and " + (found.size() - 1) + " more: "
          + found.subList(1, found.size()) + ")" : ""));
    }
  }

  /** The job once it stops moving on its own (awaiting approval, failed, ...). */
  private JsonObject settled(long jobId, String token) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    JsonObject job = api.get("/api/job/" + jobId, token).json();
    while (MOVING.contains(job.getString("status")) && System.nanoTime() < deadline) {
      Thread.sleep(300);
      job = api.get("/api/job/" + jobId, token).json();
    }
    return job;
  }

  private static String events(JsonObject job) {
    JsonArray events = job.getJsonArray("events", new JsonArray());
    return events.stream().map(e -> "  " + ((JsonObject) e).getString("message")).collect(Collectors.joining("\n"));
  }

  private static boolean isPng(byte[] b) {
    return b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
  }

  /** A cookie-holding client signed in through the log-in page, as a browser is. */
  private HttpClient signedIn(String email) throws IOException, InterruptedException {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    Matcher csrf = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page(browser, "/login"));
    assertTrue(csrf.find(), "no CSRF token on the log-in page");
    String form = "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
        + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(api.base + "/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(303, r.statusCode(), r.body());
    return browser;
  }

  private String page(HttpClient browser, String path) throws IOException, InterruptedException {
    HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(api.base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }
}
