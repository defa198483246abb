package io.applyflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.search.Descriptions;
import io.applyflow.platform.bus.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Posting pages written after real-world markup ({@code src/test/resources/analyze/SOURCES.md}) and real ATS data. */
class PostingPageTest {
  private static final String URL = "https://careers.example.com/jobs/1";

  static String resource(String path) {
    try (InputStream in = PostingPageTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + path, e);
    }
  }

  private static UrlPosting page(String name) {
    return PostingPage.read(resource("/analyze/" + name), "text/html", URL);
  }

  @Test
  void readsAJobPostingFromAnAtGraphNamingItsEmployerById() {
    UrlPosting p = page("graph.html");
    assertEquals("Senior Platform Engineer", p.title());
    assertEquals("Northwind Logistics", p.company());
    assertEquals("Rotterdam, South Holland, NL", p.location());
    assertEquals("json-ld", p.source());
    assertEquals("2026-11-02", p.datePosted());
    assertEquals("2027-01-31T23:59:59+00:00", p.validThrough());
    // the entity-escaped description is unescaped once and sanitised: markup kept, the script gone
    assertTrue(p.descriptionHtml().contains("<li>Build deployment pipelines with Terraform</li>"), p.descriptionHtml());
    assertTrue(p.descriptionHtml().contains("<h3>Requirements</h3>"));
    assertFalse(p.descriptionHtml().contains("<script"), p.descriptionHtml());
  }

  @Test
  void readsATopLevelListWithSeveralLocationsRemoteAndASalaryRange() {
    UrlPosting p = page("list.html");
    assertEquals("Backend Engineer (Java)", p.title());
    assertEquals("Fabrikam", p.company());
    assertEquals("Lisbon, Portugal; Berlin, Germany; Remote", p.location());
    assertEquals("EUR 65,000–85,000 per year", p.salary());
    assertTrue(Descriptions.text(p.descriptionHtml()).contains("3+ years with Java and Spring Boot"));
  }

  @Test
  void readsThePageTextWithoutNavigationWhenThereIsNoStructuredData() {
    UrlPosting p = page("plain.html");
    assertEquals("page", p.source());
    assertEquals("Data Analyst, Clinical Operations", p.title());
    assertEquals("Contoso Health", p.company());
    String text = Descriptions.text(p.descriptionHtml());
    assertTrue(text.contains("Write SQL against our Snowflake warehouse"), text);
    for (String chrome : new String[] {"Contact sales", "We use cookies", "Similar jobs", "Senior Kubernetes Engineer",
        "Privacy", "Apply now", "dataLayer", ".banner"}) {
      assertFalse(text.contains(chrome), "page chrome '" + chrome + "' kept: " + text);
    }
  }

  @Test
  void prefersTheJobPostingToThePageText() {
    UrlPosting p = page("both.html");
    assertEquals("Site Reliability Engineer", p.title());
    assertEquals("Tailspin Toys", p.company());
    assertEquals("Austin, TX, US", p.location());
    assertFalse(p.descriptionHtml().contains("We are hiring"));
  }

  @Test
  void aPageWithNothingReadableIsRefusedWithAnAlternative() {
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> page("shell.html"));
    assertEquals(Failure.BAD_INPUT, e.failure);
    assertTrue(e.getMessage().contains("paste the title and description instead"), e.getMessage());
  }

  @Test
  void readsARealAshbyPostingPublishedAsJsonLd() {
    // Xlabs' first posting (shared/fixtures/ashby), as a careers page would publish it for search engines
    JsonObject job = new JsonObject(resource("/ashby/posting-api_job-board_Xlabs.json")).getJsonArray("jobs")
        .getJsonObject(0);
    JsonObject ld = new JsonObject().put("@context", "https://schema.org").put("@type", "JobPosting")
        .put("title", job.getString("title")).put("description", job.getString("descriptionHtml"))
        .put("hiringOrganization", new JsonObject().put("@type", "Organization").put("name", "Xlabs"))
        .put("jobLocation", new JsonArray().add(new JsonObject().put("@type", "Place").put("address",
            new JsonObject().put("addressLocality", job.getString("location")))));
    String html = "<html><head><script type=\"application/ld+json\">" + ld.encode().replace("</", "<\\/")
        + "</script></head><body><div id=root></div></body></html>";
    UrlPosting p = PostingPage.read(html, "text/html", URL);
    assertEquals(job.getString("title"), p.title());
    assertEquals("Xlabs", p.company());
    assertEquals(job.getString("location"), p.location());
    assertTrue(Descriptions.text(p.descriptionHtml()).length() > 500);
  }

  @Test
  void readsJsonDocumentsAndPlainText() {
    UrlPosting json = PostingPage.read("{\"@context\":\"https://schema.org\",\"@type\":\"JobPosting\",\"title\":\"QA "
        + "Engineer\",\"description\":\"Test our apps with Playwright and Selenium.\\n\\nTwo years of experience.\"}",
        "application/ld+json", URL);
    assertEquals("QA Engineer", json.title());
    assertEquals("<p>Test our apps with Playwright and Selenium.</p><p>Two years of experience.</p>",
        json.descriptionHtml());
    assertNull(json.company());
    assertThrows(Failure.Coded.class, () -> PostingPage.read("{\"jobs\": []}", "application/json", URL));
    String text = "Machine Learning Engineer\n\n" + "We train ranking models in PyTorch and serve them with Python. "
        .repeat(5);
    UrlPosting plain = PostingPage.read(text, "text/plain", URL);
    assertEquals("Machine Learning Engineer", plain.title());
    assertTrue(plain.descriptionHtml().startsWith("<p>Machine Learning Engineer</p><p>We train"));
  }
}
