package io.applyflow.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.applyflow.render.ParseBackGate;
import io.applyflow.support.Api;
import io.applyflow.support.Browsing;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resume versions against the real app: a user's sandbox run renders and submits a job, and its resume and cover letter
 * are listed by {@code GET /api/versions} and on the job, profile and versions pages, downloadable as the PDFs that were
 * made, with a diff against the master that agrees with the job's tailoring and the PDF's own text; another user sees
 * none of it.
 */
class VersionsIT {
  private static final Api api = TestApp.api();
  private static String email;
  private static String token;
  private static long jobId;
  private static JsonObject job;

  @BeforeAll
  static void aRunRendersAndSubmitsOneJob() {
    email = Api.uniqueEmail("versions");
    token = api.userWithProfile(email);
    Api.Response started = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "mid").put("limit", 1).put("mode", "auto"));
    assertEquals(202, started.status(), started.text());
    JsonObject run = api.awaitRun(started.json().getLong("run_id"), token, Duration.ofSeconds(180));
    JsonObject first = run.getJsonArray("jobs").getJsonObject(0);
    assertEquals("submitted", first.getString("status"), run.encodePrettily());
    jobId = first.getLong("job_id");
    job = api.get("/api/job/" + jobId, token).json();
  }

  private static JsonArray versions(String query, String who) {
    Api.Response r = api.get("/api/versions" + query, who);
    assertEquals(200, r.status(), r.text());
    return r.json().getJsonArray("versions");
  }

  private static JsonObject version(JsonArray versions, String kind) {
    for (Object o : versions) {
      JsonObject v = (JsonObject) o;
      if (v.getLong("job_id") == jobId && kind.equals(v.getString("kind"))) {
        return v;
      }
    }
    throw new AssertionError("no " + kind + " of job " + jobId + " in " + versions.encodePrettily());
  }

  @Test
  void theApiListsTheJobsResumeAndLetterWithTheirFacts() {
    JsonArray all = versions("", token);
    assertEquals(2, all.size(), "one resume and one letter: " + all.encodePrettily());
    JsonObject resume = version(all, "resume_pdf");
    JsonObject letter = version(all, "cover_letter_pdf");
    assertEquals(job.getString("title"), resume.getString("title"));
    assertEquals(job.getString("company"), resume.getString("company"));
    assertTrue(resume.getInteger("pages") >= 1, resume.encode());
    assertTrue(resume.getBoolean("current"));
    assertEquals(12, resume.getString("sha256_short").length());
    assertTrue(resume.getString("sha256").startsWith(resume.getString("sha256_short")));
    // newest first: the letter is stored after the resume, in the same transaction
    assertTrue(all.getJsonObject(0).getLong("id") > all.getJsonObject(1).getLong("id"), all.encodePrettily());

    JsonArray docs = job.getJsonArray("documents");
    for (JsonObject v : List.of(resume, letter)) {
      JsonObject doc = docs.stream().map(o -> (JsonObject) o).filter(d -> d.getLong("id").equals(v.getLong("id")))
          .findFirst().orElseThrow();
      assertEquals(doc.getString("sha256"), v.getString("sha256"));
      assertEquals(doc.getInteger("bytes").longValue(), v.getLong("bytes"));
    }

    JsonObject paged = api.get("/api/versions?per_page=1&job_id=" + jobId, token).json();
    assertEquals(1, paged.getJsonArray("versions").size());
    assertEquals(2L, paged.getLong("total"));
    assertEquals("/api/versions?page=2&per_page=1&job_id=" + jobId, paged.getString("next"));
    JsonObject second = api.get(paged.getString("next"), token).json();
    assertEquals(letter.getLong("id") > resume.getLong("id") ? resume.getLong("id") : letter.getLong("id"),
        second.getJsonArray("versions").getJsonObject(0).getLong("id"));
  }

  @Test
  void bothDownloadsAreTheRealPdfs() {
    for (Object o : versions("", token)) {
      JsonObject links = ((JsonObject) o).getJsonObject("links");
      for (String href : List.of(links.getString("download"), links.getString("api_download"))) {
        Api.Response pdf = api.get(href, token);
        assertEquals(200, pdf.status(), href);
        assertEquals("application/pdf", pdf.contentType());
        assertEquals("%PDF-", new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1), href);
      }
    }
  }

  @Test
  void theDiffAgreesWithTheTailoringAndWithThePdfsOwnText() {
    JsonObject resume = version(versions("", token), "resume_pdf");
    JsonObject body = api.get("/api/versions/" + resume.getLong("id"), token).json();
    JsonObject diff = body.getJsonObject("diff");
    assertNotNull(diff, body.encodePrettily());
    JsonArray lines = diff.getJsonArray("lines");
    assertEquals(job.getJsonArray("tailor_diff").size(), lines.size(), "one line per master bullet");

    Set<String> chosen = new HashSet<>();
    for (Object r : job.getJsonObject("tailored").getJsonArray("work")) {
      ((JsonObject) r).getJsonArray("bullets").forEach(b -> chosen.add(((JsonObject) b).getString("id")));
    }
    for (Object r : job.getJsonObject("tailored").getJsonArray("projects", new JsonArray())) {
      ((JsonObject) r).getJsonArray("bullets").forEach(b -> chosen.add(((JsonObject) b).getString("id")));
    }
    String pdf = ParseBackGate.normalise(ParseBackGate.text(api.get(resume.getJsonObject("links")
        .getString("download"), token).body()));
    int dropped = 0;
    int kept = 0;
    for (Object o : lines) {
      JsonObject l = (JsonObject) o;
      if (l.getString("id").startsWith("basics.summary")) {
        continue;
      }
      if ("dropped".equals(l.getString("change"))) {
        dropped++;
        assertFalse(pdf.contains(ParseBackGate.normalise(l.getString("masterText"))), "dropped but printed: " + l);
      } else {
        kept++;
        assertTrue(chosen.contains(l.getString("id")), "kept but not chosen by the tailor: " + l);
        assertTrue(pdf.contains(ParseBackGate.normalise(l.getString("versionText"))), "kept but not printed: " + l);
      }
    }
    assertTrue(dropped > 0, "the sample has more bullets than a tailored resume keeps: " + diff.getString("words"));
    assertTrue(kept > 0, diff.getString("words"));
    assertTrue(diff.getString("words").startsWith("Kept " + kept + " of " + (kept + dropped) + " master bullets"),
        diff.getString("words"));
    assertFalse(diff.getJsonObject("master").getBoolean("changed"), diff.getJsonObject("master").encode());
    assertFalse(diff.getJsonObject("skills").getJsonArray("kept").isEmpty());

    JsonObject letter = version(versions("", token), "cover_letter_pdf");
    JsonObject letterBody = api.get("/api/versions/" + letter.getLong("id"), token).json();
    assertFalse(letterBody.getJsonObject("letter").getJsonArray("paragraphs").isEmpty(), letterBody.encode());
    assertEquals(resume.getLong("id"), letterBody.getLong("resume_version"));
  }

  @Test
  void anotherUserSeesNoneOfIt() {
    String other = api.userWithProfile(Api.uniqueEmail("versions-other"));
    JsonArray mine = versions("", token);
    assertEquals(0, versions("", other).size());
    assertEquals(0, versions("?job_id=" + jobId, other).size());
    for (Object o : mine) {
      JsonObject v = (JsonObject) o;
      assertEquals(404, api.get("/api/versions/" + v.getLong("id"), other).status());
      assertEquals(404, api.get("/versions/" + v.getLong("id"), other).status());
      assertEquals(404, api.get(v.getJsonObject("links").getString("download"), other).status());
      assertEquals(404, api.get(v.getJsonObject("links").getString("api_download"), other).status());
    }
  }

  @Test
  void theJobProfileAndVersionsPagesListTheVersionsByTheirIds() {
    JsonArray all = versions("", token);
    for (String page : List.of("/jobs/" + jobId, "/profile", "/versions")) {
      Api.Response r = api.get(page, token);
      assertEquals(200, r.status(), page);
      Document html = Jsoup.parse(r.text());
      Element list = html.getElementById("resume-versions");
      assertNotNull(list, page + " shows #resume-versions");
      for (Object o : all) {
        JsonObject v = (JsonObject) o;
        Element row = list.getElementById("version-" + v.getLong("id"));
        assertNotNull(row, page + " lists version " + v.getLong("id"));
        assertEquals(v.getString("kind"), row.attr("data-kind"));
        assertEquals(v.getJsonObject("links").getString("download"), row.selectFirst("a.version-download").attr("href"));
        assertEquals("/versions/" + v.getLong("id"), row.selectFirst("a.version-diff").attr("href"));
      }
    }
    // the job page's list sits in its live fragment, so it comes with every update of the prepared documents
    Document jobPage = Jsoup.parse(api.get("/jobs/" + jobId, token).text());
    assertNotNull(jobPage.selectFirst("#job-prepared #resume-versions"));
  }

  @Test
  void theVersionPageSaysWhatWasKeptAndDroppedAndWhenTheMasterChanged() {
    JsonObject resume = version(versions("", token), "resume_pdf");
    long id = resume.getLong("id");
    JsonArray lines = api.get("/api/versions/" + id, token).json().getJsonObject("diff").getJsonArray("lines");
    long dropped = lines.stream().filter(l -> "dropped".equals(((JsonObject) l).getString("change"))).count();

    Document page = Jsoup.parse(api.get("/versions/" + id, token).text());
    assertEquals(lines.size(), page.select("#version-bullets tbody tr").size());
    assertEquals(dropped, page.select("#version-bullets tr[data-change=dropped]").size());
    assertTrue(page.select("#version-bullets tr[data-change=dropped] .chip").text().contains("dropped"),
        "the change is in words, not colour alone");
    assertNotNull(page.getElementById("version-download"));
    assertTrue(page.getElementById("version-master-changed") == null, "the master has not changed");

    // the user edits a bullet of the master: the page says so and names it, and the rows stay the old master's
    JsonObject profile = api.get("/api/profile", token).json();
    JsonObject master = profile.getJsonObject("resume");
    JsonArray highlights = master.getJsonArray("work").getJsonObject(0).getJsonArray("highlights");
    String before = highlights.getString(0);
    highlights.set(0, before + " (edited)");
    Api.Response saved = api.put("/api/profile", token, new JsonObject().put("resume", master)
        .put("applicant", profile.getJsonObject("applicant")));
    assertEquals(200, saved.status(), saved.text());
    try {
      masterChangedIsShown(id, before);
    } finally {
      // put the master back, so the other tests of this class see the master the version was made from
      highlights.set(0, before);
      assertEquals(200, api.put("/api/profile", token, new JsonObject().put("resume", master)
          .put("applicant", profile.getJsonObject("applicant"))).status());
    }
  }

  private static void masterChangedIsShown(long id, String before) {
    JsonObject changed = api.get("/api/versions/" + id, token).json().getJsonObject("diff");
    assertTrue(changed.getJsonObject("master").getBoolean("changed"));
    assertTrue(changed.getJsonObject("master").getJsonArray("changes").encode().contains("work[0].highlights[0] was edited"),
        changed.encode());
    JsonObject row = changed.getJsonArray("lines").stream().map(o -> (JsonObject) o)
        .filter(l -> "work[0].highlights[0]".equals(l.getString("id"))).findFirst().orElseThrow();
    assertEquals(before, row.getString("masterText"));
    Document after = Jsoup.parse(api.get("/versions/" + id, token).text());
    assertNotNull(after.getElementById("version-master-changed"));

    Document letterPage = Jsoup.parse(api.get("/versions/" + version(versions("", token), "cover_letter_pdf")
        .getLong("id"), token).text());
    assertEquals("/versions/" + id, letterPage.getElementById("version-letter-resume").attr("href"));
  }

  @Test
  void aPersonFollowsTheVersionLinksInChromiumAtLaptopAndPhoneWidths() {
    Path shots = Paths.get("target", "screenshots");
    long resumeId = version(versions("", token), "resume_pdf").getLong("id");
    try (Browsing web = Browsing.start(); BrowserContext context = web.browser.newContext()) {
      Page page = context.newPage();
      page.setDefaultTimeout(20_000);
      page.navigate(web.base + "/login");
      page.fill("#email", email);
      page.fill("#password", "correct horse 1");
      page.click("#login-form button[type=submit]");
      page.waitForURL(url -> !url.contains("/login"));

      page.navigate(web.base + "/profile");
      page.click("#resume-versions #version-" + resumeId + " a.version-diff");
      page.waitForURL("**/versions/" + resumeId);
      assertTrue(page.locator("#version-bullets tr[data-change=dropped]").count() > 0);
      for (int width : new int[] {1280, 390}) {
        page.setViewportSize(width, 900);
        page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("version-diff-" + width + ".png"))
            .setFullPage(true));
        assertTrue((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
            "no sideways scrolling at " + width + " px");
      }
      page.setViewportSize(1280, 900);
      page.click("#version-job");
      page.waitForSelector("#job-prepared #resume-versions");
      for (int width : new int[] {1280, 390}) {
        page.setViewportSize(width, 900);
        // the whole page: the live stream re-sends #job-prepared (and the list in it) when it connects
        page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("job-versions-" + width + ".png"))
            .setFullPage(true));
      }
      page.navigate(web.base + "/versions");
      for (int width : new int[] {1280, 390}) {
        page.setViewportSize(width, 900);
        page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("versions-" + width + ".png"))
            .setFullPage(true));
        assertTrue((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
            "no sideways scrolling at " + width + " px");
      }
    }
  }
}
