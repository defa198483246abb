package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostingTargetTest {
  private static final String API = "https://boards-api.greenhouse.io/v1/boards/stripe/jobs/6136160004";
  private final AllowedOrigins allowed = new AllowedOrigins(List.of("http://127.0.0.1:41234"));

  @Test
  void anAllowedLinkIsOpenedAsIs() {
    PostingTarget t = PostingTarget.choose("greenhouse", "vercel", "5999792004", API,
        "https://job-boards.greenhouse.io/vercel/jobs/5999792004", allowed);
    assertEquals("https://job-boards.greenhouse.io/vercel/jobs/5999792004", t.url());
    assertNull(t.note());
    assertNull(t.refusal());
  }

  @Test
  void aCompanySiteLinkOfAGreenhousePostingOpensGreenhousesOwnForm() {
    PostingTarget t = PostingTarget.choose("greenhouse", "stripe", "6136160004", API,
        "https://stripe.com/jobs/search?gh_jid=6136160004", allowed);
    assertEquals("https://job-boards.greenhouse.io/stripe/jobs/6136160004", t.url());
    assertTrue(t.note().contains("https://stripe.com/jobs/search?gh_jid=6136160004"), t.note());
    assertTrue(t.note().contains("instead"), t.note());
    PostingTarget eu = PostingTarget.choose("greenhouse", "acme", "42",
        "https://boards-api.eu.greenhouse.io/v1/boards/acme/jobs/42", "javascript:alert(1)", allowed);
    assertEquals("https://job-boards.eu.greenhouse.io/acme/jobs/42", eu.url());
  }

  @Test
  void withoutAKnownBoardAndIdTheLinkIsRefusedByName() {
    PostingTarget notGreenhouseApi = PostingTarget.choose("greenhouse", "acme", "42",
        "http://127.0.0.1:41234/sandbox/boards-api/v1/boards/acme/jobs/42", "https://evil.example/apply", allowed);
    assertNull(notGreenhouseApi.url());
    assertTrue(notGreenhouseApi.refusal().contains("'https://evil.example/apply'"), notGreenhouseApi.refusal());
    assertTrue(notGreenhouseApi.refusal().contains("https://evil.example is not an application-form host"));
    PostingTarget badBoard = PostingTarget.choose("greenhouse", "acme/../x", "42", API, "javascript:alert(1)", allowed);
    assertNull(badBoard.url());
    assertTrue(badBoard.refusal().contains("javascript:"), badBoard.refusal());
    assertNull(PostingTarget.choose("greenhouse", "acme", "42x", API, "", allowed).url());
    assertNull(PostingTarget.choose("lever", "acme", "42", API, "", allowed).url());
  }

  private static final String LEVER_ID = "ee8203b5-2cf7-4eae-afd6-3f9724761ad9";
  private static final String ASHBY_ID = "4f0ab5c4-4bfe-4f3c-aa58-bca8fdd8c3ca";
  private static final String LEVER_API = "https://api.lever.co/v0/postings/metabase/" + LEVER_ID;
  private static final String ASHBY_API = "https://api.ashbyhq.com/posting-api/job-board/Nango?includeCompensation=true";

  @Test
  void aLeverPostingOpensItsApplyPage() {
    PostingTarget t = PostingTarget.choose("lever", "metabase", LEVER_ID, LEVER_API,
        "https://jobs.lever.co/metabase/" + LEVER_ID, allowed);
    assertEquals("https://jobs.lever.co/metabase/" + LEVER_ID + "/apply", t.url());
    assertNull(t.note());
    assertEquals("https://jobs.lever.co/metabase/" + LEVER_ID + "/apply", PostingTarget.choose("lever", "metabase",
        LEVER_ID, LEVER_API, "https://jobs.lever.co/metabase/" + LEVER_ID + "/apply/?lever-source=x", allowed).url());
    PostingTarget sandbox = PostingTarget.choose("lever", "tidewater-energy", LEVER_ID,
        "http://127.0.0.1:41234/sandbox/lever-api/v0/postings/tidewater-energy/" + LEVER_ID,
        "http://127.0.0.1:41234/sandbox/lever/tidewater-energy/" + LEVER_ID, allowed);
    assertEquals("http://127.0.0.1:41234/sandbox/lever/tidewater-energy/" + LEVER_ID + "/apply", sandbox.url());
  }

  @Test
  void anAshbyPostingOpensItsApplicationPage() {
    assertEquals("https://jobs.ashbyhq.com/Nango/" + ASHBY_ID + "/application", PostingTarget.choose("ashby", "Nango",
        ASHBY_ID, ASHBY_API, "https://jobs.ashbyhq.com/Nango/" + ASHBY_ID, allowed).url());
    assertEquals("https://jobs.ashbyhq.com/Nango/" + ASHBY_ID + "/application", PostingTarget.choose("ashby", "Nango",
        ASHBY_ID, ASHBY_API, "https://jobs.ashbyhq.com/Nango/" + ASHBY_ID + "/application#form", allowed).url());
    assertEquals("http://127.0.0.1:41234/sandbox/ashby/Meridian/" + ASHBY_ID + "/application",
        PostingTarget.choose("ashby", "Meridian", ASHBY_ID,
            "http://127.0.0.1:41234/sandbox/ashby-api/posting-api/job-board/Meridian?includeCompensation=true",
            "http://127.0.0.1:41234/sandbox/ashby/Meridian/" + ASHBY_ID, allowed).url());
  }

  @Test
  void aLeverOrAshbyLinkElsewhereOpensTheAtsOwnFormForAPostingReadFromItsApi() {
    PostingTarget lever = PostingTarget.choose("lever", "metabase", LEVER_ID, LEVER_API,
        "https://www.metabase.com/jobs/" + LEVER_ID, allowed);
    assertEquals("https://jobs.lever.co/metabase/" + LEVER_ID + "/apply", lever.url());
    assertTrue(lever.note().contains("Lever's own application form"), lever.note());
    assertEquals("https://jobs.eu.lever.co/spotify/" + LEVER_ID + "/apply", PostingTarget.choose("lever", "spotify",
        LEVER_ID, "https://api.eu.lever.co/v0/postings/spotify/" + LEVER_ID, "javascript:alert(1)", allowed).url());
    PostingTarget otherPosting = PostingTarget.choose("lever", "metabase", LEVER_ID, LEVER_API,
        "https://jobs.lever.co/metabase/5eca795c-48dd-496a-be23-2181068a5450", allowed);
    assertEquals("https://jobs.lever.co/metabase/" + LEVER_ID + "/apply", otherPosting.url(),
        "a link to another posting is not this one's form");
    assertTrue(otherPosting.note().contains("not this posting's page"), otherPosting.note());
    PostingTarget ashby = PostingTarget.choose("ashby", "Nango", ASHBY_ID, ASHBY_API, "", allowed);
    assertEquals("https://jobs.ashbyhq.com/Nango/" + ASHBY_ID + "/application", ashby.url());
    assertTrue(ashby.note().contains("Ashby's own application form"), ashby.note());
  }

  @Test
  void aLeverOrAshbyPostingNotFromItsApiIsRefusedOffTheAllowList() {
    PostingTarget fake = PostingTarget.choose("lever", "metabase", LEVER_ID, "http://127.0.0.1:9/v0/postings/metabase/"
        + LEVER_ID, "http://127.0.0.1:9/metabase/" + LEVER_ID, allowed);
    assertNull(fake.url());
    assertTrue(fake.refusal().contains("http://127.0.0.1:9 is not an application-form host"), fake.refusal());
    assertNull(PostingTarget.choose("lever", "metabase", "not-a-uuid", LEVER_API, "https://evil.example/", allowed)
        .url());
    assertNull(PostingTarget.choose("lever", "../x", LEVER_ID, LEVER_API, "https://evil.example/", allowed).url());
    assertNull(PostingTarget.choose("ashby", "Nango", ASHBY_ID, "https://evil.example/posting-api/job-board/Nango",
        "https://evil.example/Nango/" + ASHBY_ID, allowed).url());
    PostingTarget sandboxElsewhere = PostingTarget.choose("ashby", "Meridian", ASHBY_ID,
        "http://127.0.0.1:41234/sandbox/ashby-api/posting-api/job-board/Meridian", "http://127.0.0.1:41234/sandbox/ashby",
        allowed);
    assertNull(sandboxElsewhere.url());
    assertTrue(sandboxElsewhere.refusal().contains("not this posting's page"), sandboxElsewhere.refusal());
  }
}
