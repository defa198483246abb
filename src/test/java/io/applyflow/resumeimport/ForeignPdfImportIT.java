package io.applyflow.resumeimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.applyflow.apply.Browsers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resumes that Applyflow did not render: HTML resumes in the layouts resume builders use, printed to PDF by Chromium
 * (another PDF producer, other fonts, other text positions), read back by the importer. Each must give its name,
 * email, employers, titles and dates.
 */
class ForeignPdfImportIT {
  private static Playwright playwright;
  private static Browser browser;

  @BeforeAll
  static void start() {
    playwright = Playwright.create();
    BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu"));
    String chromium = Browsers.detectChromium(System.getenv("CHROMIUM_PATH"));
    if (chromium != null) {
      options.setExecutablePath(java.nio.file.Paths.get(chromium));
    }
    browser = playwright.chromium().launch(options);
  }

  @AfterAll
  static void stop() {
    if (playwright != null) {
      playwright.close();
    }
  }

  private static byte[] print(String html) {
    Page page = browser.newPage();
    try {
      page.setContent(html);
      return page.pdf(new Page.PdfOptions().setFormat("Letter").setPrintBackground(true));
    } finally {
      page.close();
    }
  }

  private static List<String> values(JsonNode draft, String section, String field) {
    List<String> out = new ArrayList<>();
    draft.path(section).forEach(n -> out.add(n.path(field).asText(null)));
    return out;
  }

  /** Title line "Position, Company" with the dates right-aligned on the same line; bullets as a list; Calibri-like. */
  private static final String RIGHT_ALIGNED_DATES = """
      <!doctype html><html><head><meta charset="utf-8"><style>
      body { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; margin: 0.6in; }
      h1 { font-size: 22pt; margin: 0 } .contact { color: #444 }
      h2 { font-size: 12pt; text-transform: uppercase; border-bottom: 1px solid #999; margin-top: 14pt }
      .row { display: flex; justify-content: space-between; font-weight: bold } ul { margin: 2pt 0 6pt 14pt }
      </style></head><body>
      <h1>Amara Okafor</h1>
      <div class="contact">amara.okafor@example.org | +44 20 7946 0958 | London, UK | linkedin.com/in/amaraokafor</div>
      <h2>Professional Summary</h2>
      <p>Backend engineer with eight years of payments and ledger systems.</p>
      <h2>Work Experience</h2>
      <div class="row"><span>Senior Software Engineer, Monzo Bank</span><span>Mar 2021 – Present</span></div>
      <ul><li>Led the migration of the card ledger to an event-sourced design in Go.</li>
      <li>Cut p99 authorisation latency from 180 ms to 45 ms.</li></ul>
      <div class="row"><span>Software Engineer, Sainsbury's Tech</span><span>Sep 2016 – Feb 2021</span></div>
      <ul><li>Built the loyalty points service in Java and Kafka.</li></ul>
      <h2>Education</h2>
      <div class="row"><span>University of Manchester, BSc Computer Science</span><span>2012 – 2016</span></div>
      <h2>Skills</h2>
      <p>Go, Java, Kafka, PostgreSQL, Kubernetes</p>
      </body></html>""";

  /** Company on its own line, the title and dates in a second line in italics; a different date style. */
  private static final String STACKED = """
      <!doctype html><html><head><meta charset="utf-8"><style>
      body { font-family: 'DejaVu Serif', serif; font-size: 11pt; margin: 0.75in; }
      h1 { font-size: 20pt; text-align: center; margin: 0 } .contact { text-align: center }
      h2 { font-size: 13pt; margin: 12pt 0 4pt } .company { font-weight: bold } .meta { font-style: italic }
      </style></head><body>
      <h1>José Álvarez Núñez</h1>
      <div class="contact">jose.alvarez@example.com · (555) 010-4477 · Austin, TX</div>
      <h2>Experience</h2>
      <div class="company">Dell Technologies</div>
      <div class="meta">Site Reliability Engineer · 06/2019 – 11/2023</div>
      <ul><li>Ran the on-call rotation for 40 storage clusters.</li></ul>
      <div class="company">Rackspace</div>
      <div class="meta">Systems Administrator · 01/2015 – 05/2019</div>
      <ul><li>Automated server provisioning with Ansible.</li></ul>
      <h2>Education</h2>
      <div class="company">Texas State University</div>
      <div class="meta">B.S. Information Systems · 2010 – 2014</div>
      </body></html>""";

  @Test
  void aResumeWithRightAlignedDatesParsesToItsRolesAndDates() {
    JsonNode draft = ResumeImport.read(print(RIGHT_ALIGNED_DATES)).draft();
    assertEquals("Amara Okafor", draft.path("basics").path("name").asText(), draft.toPrettyString());
    assertEquals("amara.okafor@example.org", draft.path("basics").path("email").asText(), draft.toPrettyString());
    assertEquals(List.of("Monzo Bank", "Sainsbury's Tech"), values(draft, "work", "name"), draft.toPrettyString());
    assertEquals(List.of("Senior Software Engineer", "Software Engineer"), values(draft, "work", "position"),
        draft.toPrettyString());
    assertEquals(List.of("2021-03", "2016-09"), values(draft, "work", "startDate"), draft.toPrettyString());
    assertEquals("2021-02", draft.path("work").path(1).path("endDate").asText(), draft.toPrettyString());
    assertTrue(draft.path("work").path(0).path("endDate").isMissingNode(), "an ongoing role has no end date");
    assertEquals("University of Manchester", draft.path("education").path(0).path("institution").asText(),
        draft.toPrettyString());
  }

  @Test
  void aResumeWithTheCompanyAboveTheTitleParsesToItsRolesAndDates() {
    JsonNode draft = ResumeImport.read(print(STACKED)).draft();
    assertEquals("José Álvarez Núñez", draft.path("basics").path("name").asText(), draft.toPrettyString());
    assertEquals(List.of("Dell Technologies", "Rackspace"), values(draft, "work", "name"), draft.toPrettyString());
    assertEquals(List.of("Site Reliability Engineer", "Systems Administrator"), values(draft, "work", "position"),
        draft.toPrettyString());
    assertEquals(List.of("2019-06", "2015-01"), values(draft, "work", "startDate"), draft.toPrettyString());
    assertEquals(List.of("2023-11", "2019-05"), values(draft, "work", "endDate"), draft.toPrettyString());
    assertEquals("Texas State University", draft.path("education").path(0).path("institution").asText(),
        draft.toPrettyString());
  }
  /** Dates in a left column of a table, the title and employer on the right: the "timeline" layout. */
  private static final String DATES_LEFT = """
      <!doctype html><html><head><meta charset="utf-8"><style>
      body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; margin: 0.7in; }
      h1 { font-size: 24pt; margin: 0 } h2 { font-size: 12pt; color: #1a4d8f; margin: 14pt 0 4pt }
      td { vertical-align: top; padding: 2pt 6pt } td.when { width: 1.4in; color: #555 } .title { font-weight: bold }
      </style></head><body>
      <h1>Mei Lin Chen</h1>
      <p>mei.chen@example.net · +1 415 555 0182 · San Francisco, CA</p>
      <h2>Experience</h2>
      <table>
      <tr><td class="when">2020 – 2024</td><td><div class="title">Data Scientist — Lyft</div>
        <div>Built the surge pricing forecast in Python and Spark.</div></td></tr>
      <tr><td class="when">2017 – 2020</td><td><div class="title">Data Analyst — Wells Fargo</div>
        <div>Automated the weekly fraud report with SQL.</div></td></tr>
      </table>
      <h2>Education</h2>
      <table><tr><td class="when">2013 – 2017</td><td><div class="title">University of California, Berkeley</div>
        <div>B.A. Statistics</div></td></tr></table>
      </body></html>""";

  @Test
  void aResumeWithTheDatesInALeftColumnParsesToItsRolesAndDates() {
    JsonNode draft = ResumeImport.read(print(DATES_LEFT)).draft();
    assertEquals("Mei Lin Chen", draft.path("basics").path("name").asText(), draft.toPrettyString());
    assertEquals(List.of("Lyft", "Wells Fargo"), values(draft, "work", "name"), draft.toPrettyString());
    assertEquals(List.of("Data Scientist", "Data Analyst"), values(draft, "work", "position"), draft.toPrettyString());
    assertEquals(List.of("2020", "2017"), values(draft, "work", "startDate"), draft.toPrettyString());
    assertEquals(List.of("2024", "2020"), values(draft, "work", "endDate"), draft.toPrettyString());
  }
}
