package io.applyflow.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.search.Descriptions;
import io.applyflow.platform.bus.Failure;
import io.applyflow.job.Jobs;
import io.applyflow.support.FakeAshby;
import io.applyflow.support.FakeLever;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lever's and Ashby's sources on the real captured payloads, served over loopback HTTP by {@link FakeLever} (a global
 * and an EU host) and {@link FakeAshby}: parsing, paging, the EU host, {@code isListed}, the level an internship
 * signals, descriptions and the form schema.
 */
class LeverAshbySourcesTest {
  private static final String CI = "ee8203b5-2cf7-4eae-afd6-3f9724761ad9";
  private static Vertx vertx;
  private static FakeLever lever;
  private static FakeLever leverEu;
  private static FakeAshby ashby;
  private static AtsSources sources;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    lever = new FakeLever(false);
    leverEu = new FakeLever(false);
    ashby = new FakeAshby(false);
    WebClient client = WebClient.create(vertx);
    sources = new AtsSources(null, new LeverSource(client, lever.apiBase()), new LeverSource(client, leverEu.apiBase()),
        new AshbySource(client, ashby.apiBase()));
    // a site with more postings than one page: the real metabase postings, repeated under new ids and titles
    JsonArray many = new JsonArray();
    JsonArray metabase = FakeLever.resource("/lever/apply-engine_postings_metabase_trimmed.json");
    for (int i = 0; i < 230; i++) {
      JsonObject p = metabase.getJsonObject(i % 2).copy();
      String id = UUID.nameUUIDFromBytes(("p" + i).getBytes()).toString();
      p.put("id", id).put("text", p.getString("text") + " " + i)
          .put("hostedUrl", "https://jobs.lever.co/bigco/" + id).put("applyUrl", "https://jobs.lever.co/bigco/" + id + "/apply");
      many.add(p);
    }
    lever.site("bigco", many);
    // an Ashby board from the real Xlabs one: its second posting unlisted, and an internship
    JsonObject varied = FakeAshby.resource("/ashby/posting-api_job-board_Xlabs.json");
    varied.getJsonArray("jobs").getJsonObject(1).put("isListed", false);
    varied.getJsonArray("jobs").add(varied.getJsonArray("jobs").getJsonObject(0).copy()
        .put("id", "0b6b3d1e-3f0a-4c1e-9a55-2a4d7f0c9e11").put("title", "Site Reliability Engineer")
        .put("employmentType", "Intern")
        .put("descriptionHtml", "<p onclick=\"steal()\">Tom &amp; Jerry &lt;script&gt;x&lt;/script&gt;</p>"
            + "<script>alert(1)</script><iframe src=\"https://evil.example\"></iframe>"));
    ashby.board("Varied", varied);
  }

  @AfterAll
  static void stop() {
    lever.close();
    leverEu.close();
    ashby.close();
    vertx.close().await();
  }

  @Test
  void leverPostingsAreParsedFromTheBareArray() {
    List<AtsSource.Listing> listed = sources.lever().list("metabase").await();
    assertEquals(List.of("Analytics Engineer", "CI Engineer"), listed.stream().map(l -> l.posting().title()).toList());
    Jobs.Posting ci = listed.get(1).posting();
    assertEquals(new Jobs.Posting("lever", "metabase", CI, lever.apiBase() + "/metabase/" + CI,
        "https://jobs.lever.co/metabase/" + CI, "CI Engineer", "metabase", "Global Remote"), ci);
    assertEquals("Full-time (remote)", listed.get(1).employmentType());
    assertEquals(List.of("GET /v0/postings/metabase?mode=json&skip=0&limit=100"),
        lever.requests().stream().filter(r -> r.contains("/metabase?")).toList());
  }

  @Test
  void leverIsReadPageByPageUntilAShortPage() {
    List<AtsSource.Listing> listed = sources.lever().list("bigco").await();
    assertEquals(230, listed.size());
    assertEquals(230, listed.stream().map(l -> l.posting().externalId()).distinct().count());
    assertEquals(List.of("GET /v0/postings/bigco?mode=json&skip=0&limit=100",
            "GET /v0/postings/bigco?mode=json&skip=100&limit=100", "GET /v0/postings/bigco?mode=json&skip=200&limit=100"),
        lever.requests().stream().filter(r -> r.contains("/bigco?")).toList());
  }

  @Test
  void aServerIgnoringSkipCannotKeepTheSourceReading() {
    // answers every page with the same full page of real postings, whatever skip says
    JsonArray page = new JsonArray();
    JsonArray metabase = FakeLever.resource("/lever/apply-engine_postings_metabase_trimmed.json");
    for (int i = 0; i < LeverSource.PAGE; i++) {
      page.add(metabase.getJsonObject(i % 2).copy().put("id", UUID.nameUUIDFromBytes(("s" + i).getBytes()).toString()));
    }
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    var server = vertx.createHttpServer().requestHandler(r -> {
      seen.add(r.uri());
      r.response().putHeader("content-type", "application/json").end(page.encode());
    }).listen(0, "127.0.0.1").await();
    try {
      LeverSource stubborn = new LeverSource(WebClient.create(vertx), "http://127.0.0.1:" + server.actualPort() + "/v0/postings");
      assertEquals(LeverSource.PAGE, stubborn.list("loop").await().size());
      assertEquals(2, seen.size(), "a page bringing no new posting ends the listing: " + seen);
    } finally {
      server.close().await();
    }
  }

  @Test
  void aLeverEuSiteIsReadFromTheEuHost() {
    AtsSource eu = sources.forWatchKind("lever-eu");
    assertEquals(2, eu.list("spotify").await().size());
    assertTrue(leverEu.requests().contains("GET /v0/postings/spotify?mode=json&skip=0&limit=100"));
    assertTrue(lever.requests().stream().noneMatch(r -> r.contains("/spotify?")), lever.requests().toString());
    AtsLinks.AtsLink link = AtsLinks.parse("https://jobs.eu.lever.co/spotify/2193db3f-77c5-43b8-b030-8f92c9882bf1")
        .orElseThrow();
    AtsSource.Listing one = sources.forLink(link).one(link.board(), link.id()).await();
    assertEquals("Android Engineer - Experience", one.posting().title());
    assertEquals(leverEu.apiBase() + "/spotify/2193db3f-77c5-43b8-b030-8f92c9882bf1", one.posting().apiUrl());
    assertTrue(leverEu.requests().contains("GET /v0/postings/spotify/2193db3f-77c5-43b8-b030-8f92c9882bf1"));
  }

  @Test
  void aLeverDescriptionIsOpeningBodyListsAndClosingAndItsFormIsReadFromThePage() {
    AtsSource.Details d = sources.lever().fetch("metabase", CI, lever.apiBase() + "/metabase/" + CI).await();
    assertEquals(new JsonObject().put("form_source", "page"), d.schema());
    assertEquals(0, d.questionCount());
    String text = Descriptions.text(d.html());
    assertTrue(text.startsWith("Metabase is the easiest way for people to get insights"), text);
    assertTrue(text.contains("Our engineering team of ~70 people is fully distributed"), "the body follows");
    assertTrue(d.html().contains("<h3>What You'll Do</h3><ul>"), d.html());
    assertTrue(text.contains("Own and proactively improve our GitHub Actions-based CI pipelines"), "the list's items");
    assertTrue(text.indexOf("What You'll Do") < text.indexOf("The US base salary range for this role is $116K"),
        "the closing comes last");

    String spotify = "d87833d0-fb78-4794-b45d-3fe5c8274bc8";
    String t2 = Descriptions.text(sources.lever().fetch("spotify", spotify, lever.apiBase() + "/spotify/" + spotify)
        .await().html());
    assertTrue(t2.contains("the Artist & Label Partnerships team in Vietnam."), "entities decoded once: " + t2);
    assertFalse(t2.contains("&amp;"), t2);
  }

  @Test
  void aMissingLeverSiteOrPostingIsNotFound() {
    Exception site = assertThrows(Exception.class, () -> sources.lever().list("nobody").await());
    assertEquals(Failure.NOT_FOUND, Failure.of(site), site.toString());
    assertThrows(Exception.class, () -> sources.lever().one("metabase", "00000000-0000-0000-0000-000000000000").await());
  }

  @Test
  void ashbyBoardsAreParsedAndUnlistedPostingsSkipped() {
    List<AtsSource.Listing> nango = sources.ashby().list("Nango").await();
    assertEquals(14, nango.size());
    Jobs.Posting first = nango.get(0).posting();
    assertEquals(new Jobs.Posting("ashby", "Nango", "4f0ab5c4-4bfe-4f3c-aa58-bca8fdd8c3ca",
        ashby.apiBase() + "/Nango?includeCompensation=true",
        "https://jobs.ashbyhq.com/Nango/4f0ab5c4-4bfe-4f3c-aa58-bca8fdd8c3ca", "Staff Backend Engineer (Remote, UK)",
        "Nango", "UK"), first);
    assertEquals("FullTime", nango.get(0).employmentType());
    assertTrue(ashby.requests().contains("GET /posting-api/job-board/Nango?includeCompensation=true"));
    assertEquals(0, sources.ashby().list("anara").await().size(), "the real empty board");

    List<AtsSource.Listing> varied = sources.ashby().list("Varied").await();
    assertEquals(List.of("Senior / Staff Site Reliability Engineer (Infra)", "Site Reliability Engineer"),
        varied.stream().map(l -> l.posting().title()).toList(), "the unlisted posting is not offered");
    assertThrows(Exception.class, () -> sources.ashby().one("Varied", "50dddbad-7ba5-4fe8-9d57-a514e5911d01").await());
    assertThrows(Exception.class, () -> sources.ashby().list("nango").await(), "board names are case-sensitive");
  }

  @Test
  void anInternshipCountsAsEntryLevelLikeAnInternTitle() {
    List<AtsSource.Listing> varied = sources.ashby().list("Varied").await();
    assertEquals(List.of("Site Reliability Engineer"), SearchVerticle.matching(varied, "Site Reliability Engineer",
        Level.ENTRY).stream().map(Jobs.Posting::title).toList());
    assertEquals(List.of(), SearchVerticle.matching(varied, "Site Reliability Engineer", Level.MID));
    assertEquals(Level.ENTRY, Level.ofPosting("Software Engineer", "Intern"));
    assertEquals(Level.ENTRY, Level.ofPosting("Software Engineer", "Summer Internship"));
    assertEquals(Level.MID, Level.ofPosting("Software Engineer", "FullTime"));
    assertEquals(Level.MID, Level.ofPosting("Software Engineer", null));
    assertEquals(Level.SENIOR, Level.ofPosting("Senior Software Engineer", "Full-time (remote)"));
  }

  @Test
  void anAshbyDescriptionIsItsHtmlSanitisedWithoutUnescapingTwice() {
    AtsSource.Details d = sources.ashby().fetch("Xlabs", "a34a3b48-ccbe-4e2d-b761-bfb65e8f4158",
        ashby.apiBase() + "/Xlabs?includeCompensation=true").await();
    assertEquals(new JsonObject().put("form_source", "page"), d.schema());
    assertTrue(d.html().startsWith("<h2><strong>About Us</strong></h2>"), d.html());
    assertFalse(d.html().contains("style="), "styles are dropped");
    assertTrue(Descriptions.text(d.html()).contains("At xLabs, we provide core infrastructure"));

    AtsSource.Details hostile = sources.ashby().fetch("Varied", "0b6b3d1e-3f0a-4c1e-9a55-2a4d7f0c9e11",
        ashby.apiBase() + "/Varied?includeCompensation=true").await();
    assertEquals("<p>Tom &amp; Jerry &lt;script&gt;x&lt;/script&gt;</p>", hostile.html());
    assertEquals("Tom & Jerry <script>x</script>", Descriptions.text(hostile.html()), "the text stays text");

    Exception gone = assertThrows(Exception.class, () -> sources.ashby().fetch("Varied",
        "50dddbad-7ba5-4fe8-9d57-a514e5911d01", ashby.apiBase() + "/Varied?includeCompensation=true").await());
    assertTrue(gone.getMessage().contains("no longer lists posting 50dddbad"), gone.getMessage());
  }
}
