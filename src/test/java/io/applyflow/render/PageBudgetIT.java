package io.applyflow.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

/**
 * The whole app (real Postgres, the sandbox board, the render worker): a user who asks for the compact template on A4
 * within one page gets a one-page A4 resume, and the job's render event names the bullets left out to fit.
 */
class PageBudgetIT {
  private final Api api = TestApp.api();

  @Test
  void compactA4OnePageStoresAOnePageA4PdfAndTheEventNamesWhatWasDropped() throws IOException {
    String email = Api.uniqueEmail("page-budget");
    String token = api.register(email, "Richard Hendriks");
    Api.Response profile = api.put("/api/profile", token, new JsonObject().put("resume", longResume(email)));
    assertEquals(200, profile.status(), profile.text());
    api.bands(token, 0, 0); // every job goes on to tailoring and rendering, however it scores

    Api.Response bad = api.put("/api/settings", token, new JsonObject().put("paper", "legal"));
    assertEquals(400, bad.status(), bad.text());
    assertTrue(bad.json().getString("detail").contains("paper must be one of letter, a4"), bad.text());
    Api.Response set = api.put("/api/settings", token, new JsonObject().put("resume_template", "compact")
        .put("paper", "a4").put("resume_pages", 1));
    assertEquals(200, set.status(), set.text());
    assertEquals(new JsonObject().put("resume_template", "compact").put("paper", "a4").put("resume_pages", 1),
        new JsonObject().put("resume_template", set.json().getString("resume_template"))
            .put("paper", set.json().getString("paper")).put("resume_pages", set.json().getInteger("resume_pages")));

    long runId = api.post("/api/search", token, new JsonObject().put("position", "Software Engineer")
        .put("level", "mid").put("limit", 1)).json().getLong("run_id");
    JsonObject run = api.awaitRun(runId, token, Duration.ofSeconds(180));
    long jobId = run.getJsonArray("jobs").getJsonObject(0).getLong("job_id");

    Api.Response pdf = api.get("/api/job/" + jobId + "/resume.pdf", token);
    assertEquals(200, pdf.status(), pdf.text());
    String text;
    try (PDDocument doc = Loader.loadPDF(pdf.body())) {
      assertEquals(1, doc.getNumberOfPages(), "the stored resume is one page");
      PDRectangle box = doc.getPage(0).getMediaBox();
      assertEquals(595, Math.round(box.getWidth()), "A4 width");
      assertEquals(842, Math.round(box.getHeight()), "A4 height");
      text = ParseBackGate.text(pdf.body());
    }

    JsonObject rendered = null;
    for (Object o : api.get("/api/job/" + jobId, token).json().getJsonArray("events")) {
      JsonObject e = (JsonObject) o;
      if ("render".equals(e.getString("stage")) && "rendered".equals(e.getString("status"))) {
        rendered = e;
      }
    }
    assertNotNull(rendered, "the job has a render event");
    JsonObject data = rendered.getJsonObject("data");
    JsonArray dropped = data.getJsonArray("dropped");
    assertFalse(dropped.isEmpty(), rendered.encodePrettily());
    int n = dropped.size();
    assertTrue(rendered.getString("message").contains("dropped " + n + (n == 1 ? " bullet" : " bullets")
        + " to fit 1 page"), rendered.getString("message"));
    assertEquals(1, data.getInteger("pages"));
    assertEquals("compact", data.getString("template"));
    assertEquals("a4", data.getString("paper"));
    for (Object o : dropped) {
      JsonObject b = (JsonObject) o;
      assertTrue(b.getString("id").matches("(work|projects)\\[\\d+]\\.highlights\\[\\d+]"), b.encode());
      assertFalse(ParseBackGate.normalise(text).contains(ParseBackGate.normalise(b.getString("text"))),
          "dropped " + b.getString("id") + " is not in the PDF");
    }
    // Every employer is still on the page: no role was dropped whole.
    for (int i = 0; i < 6; i++) {
      assertTrue(text.contains(i == 0 ? "Pied Piper" : "Hooli Division " + i), text);
    }

    Api.Response letter = api.get("/api/job/" + jobId + "/cover-letter.pdf", token);
    assertEquals(200, letter.status(), letter.text());
    try (PDDocument doc = Loader.loadPDF(letter.body())) {
      assertEquals(595, Math.round(doc.getPage(0).getMediaBox().getWidth()), "the letter is on A4 too");
      assertTrue(ParseBackGate.text(letter.body()).startsWith("Richard Hendriks"), "the letter starts with the header");
    }
  }

  /**
   * The sample resume with five more jobs before it and long highlights: about two pages in the compact template,
   * even after the tailor's one-page selection.
   */
  private static JsonObject longResume(String email) {
    JsonObject resume = Api.sampleResume(email);
    JsonArray work = resume.getJsonArray("work");
    String[] topics = {"compression pipeline", "video transcoding service", "storage engine", "data platform",
        "API gateway"};
    for (int i = 1; i <= 5; i++) {
      JsonArray highlights = new JsonArray();
      for (int h = 1; h <= 4; h++) {
        highlights.add("Built and operated the " + topics[(i + h) % topics.length] + " in Java and Python for "
            + "division " + i + ", item " + h + ": wrote the design, the code and the tests, reviewed every change "
            + "with the engineers who depend on it, rolled it out region by region behind feature flags, and "
            + "measured latency, cost and error rates before and after each software release");
      }
      work.add(new JsonObject().put("name", "Hooli Division " + i).put("position", "Software Engineer")
          .put("startDate", (2012 - 2 * i) + "-01-01").put("endDate", (2013 - 2 * i) + "-12-01")
          .put("highlights", highlights));
    }
    return resume;
  }
}
