package io.applyflow.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.search.AtsLinks.AtsLink;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AtsLinksTest {
  private static final String LEVER_ID = "ee8203b5-2cf7-4eae-afd6-3f9724761ad9";
  private static final String ASHBY_ID = "4f0ab5c4-4bfe-4f3c-aa58-bca8fdd8c3ca";

  private static void is(String url, String source, String board, String id, boolean eu) {
    assertEquals(Optional.of(new AtsLink(source, board, id, eu)), AtsLinks.parse(url), url);
  }

  private static void ignored(String url) {
    assertTrue(AtsLinks.parse(url).isEmpty(), url + " -> " + AtsLinks.parse(url));
  }

  @Test
  void greenhouseHostedClassicAndEuBoards() {
    is("https://job-boards.greenhouse.io/vercel/jobs/5999792004", "greenhouse", "vercel", "5999792004", false);
    is("https://boards.greenhouse.io/algolia/jobs/6141481004?gh_src=x", "greenhouse", "algolia", "6141481004", false);
    is("https://job-boards.greenhouse.io/vercel/jobs/5999792004/", "greenhouse", "vercel", "5999792004", false);
    is("https://job-boards.greenhouse.io/vercel/jobs/5999792004#app", "greenhouse", "vercel", "5999792004", false);
    is("http://boards.greenhouse.io/acme/jobs/1?gh_jid=1&utm_source=google", "greenhouse", "acme", "1", false);
    is("https://job-boards.eu.greenhouse.io/acme.eu/jobs/42", "greenhouse", "acme.eu", "42", true);
    is("https://boards.eu.greenhouse.io/acme/jobs/42", "greenhouse", "acme", "42", true);
    is("HTTPS://JOB-BOARDS.GREENHOUSE.IO/Vercel/jobs/5999792004", "greenhouse", "Vercel", "5999792004", false);
    is("https://job-boards.greenhouse.io:443/vercel/jobs/1", "greenhouse", "vercel", "1", false);
  }

  @Test
  void greenhouseEmbedAndGhJidOnlyWhenTheLinkNamesTheBoard() {
    is("https://boards.greenhouse.io/embed/job_app?for=acme&token=6136160004", "greenhouse", "acme", "6136160004",
        false);
    is("https://boards.greenhouse.io/embed/job_app?token=6136160004&for=acme&b=https://acme.com", "greenhouse",
        "acme", "6136160004", false);
    is("https://job-boards.greenhouse.io/stripe?gh_jid=6136160004", "greenhouse", "stripe", "6136160004", false);
    ignored("https://boards.greenhouse.io/embed/job_app?token=6136160004");
    ignored("https://boards.greenhouse.io/embed/job_app?for=acme&token=abc");
    ignored("https://stripe.com/jobs/search?gh_jid=6136160004");
    ignored("https://www.greenhouse.io/careers/job?gh_jid=167538");
    ignored("https://job-boards.greenhouse.io/vercel");
    ignored("https://job-boards.greenhouse.io/vercel/jobs/abc");
    ignored("https://job-boards.greenhouse.io/vercel/jobs");
    ignored("https://job-boards.greenhouse.io/vercel/departments/5");
  }

  @Test
  void leverGlobalAndEu() {
    is("https://jobs.lever.co/metabase/" + LEVER_ID, "lever", "metabase", LEVER_ID, false);
    is("https://jobs.lever.co/metabase/" + LEVER_ID + "/apply", "lever", "metabase", LEVER_ID, false);
    is("https://jobs.lever.co/metabase/" + LEVER_ID + "/apply/", "lever", "metabase", LEVER_ID, false);
    is("https://jobs.lever.co/metabase/" + LEVER_ID + "?lever-source=LinkedIn", "lever", "metabase", LEVER_ID, false);
    is("https://jobs.lever.co/metabase/" + LEVER_ID + "/?lever-origin=applied&lever-source%5B%5D=x#top", "lever",
        "metabase", LEVER_ID, false);
    is("https://JOBS.LEVER.CO/metabase/" + LEVER_ID.toUpperCase(), "lever", "metabase", LEVER_ID, false);
    is("https://jobs.eu.lever.co/spotify/2193db3f-77c5-43b8-b030-8f92c9882bf1", "lever", "spotify",
        "2193db3f-77c5-43b8-b030-8f92c9882bf1", true);
    ignored("https://jobs.lever.co/metabase");
    ignored("https://jobs.lever.co/metabase/not-a-uuid");
    ignored("https://jobs.lever.co/metabase/" + LEVER_ID + "/thanks");
    ignored("https://jobs.lever.co/metabase/" + LEVER_ID + "/apply/extra");
    ignored("https://jobs.lever.co/metabase/" + LEVER_ID + "/application");
    ignored("https://api.lever.co/v0/postings/metabase/" + LEVER_ID);
    ignored("https://lever.co/metabase/" + LEVER_ID);
  }

  @Test
  void ashbyKeepsTheBoardsCase() {
    is("https://jobs.ashbyhq.com/Nango/" + ASHBY_ID, "ashby", "Nango", ASHBY_ID, false);
    is("https://jobs.ashbyhq.com/Nango/" + ASHBY_ID + "/application", "ashby", "Nango", ASHBY_ID, false);
    is("https://jobs.ashbyhq.com/Nango/" + ASHBY_ID + "/application?utm_source=serper#form", "ashby", "Nango",
        ASHBY_ID, false);
    is("https://jobs.ashbyhq.com/nango/" + ASHBY_ID + "/", "ashby", "nango", ASHBY_ID, false);
    ignored("https://jobs.ashbyhq.com/Nango");
    ignored("https://jobs.ashbyhq.com/Nango/" + ASHBY_ID + "/apply");
    ignored("https://jobs.ashbyhq.com/Nango/jobs/" + ASHBY_ID);
    ignored("https://api.ashbyhq.com/posting-api/job-board/Nango");
  }

  @Test
  void hostileAndForeignLinksAreIgnored() {
    ignored("https://jobs.lever.co@evil.com/metabase/" + LEVER_ID);
    ignored("https://user:pw@jobs.lever.co/metabase/" + LEVER_ID);
    ignored("https://evil.com/jobs.lever.co/metabase/" + LEVER_ID);
    ignored("https://evil.com/?u=https://jobs.lever.co/metabase/" + LEVER_ID);
    ignored("https://jobs.lever.co.evil.com/metabase/" + LEVER_ID);
    ignored("https://notjobs.lever.co/metabase/" + LEVER_ID);
    ignored("https://jobs.lever.co:8443/metabase/" + LEVER_ID);
    ignored("http://jobs.lever.co:443/metabase/" + LEVER_ID);
    ignored("https://jobs.ashbyhq.com.evil.example/Nango/" + ASHBY_ID);
    ignored("https://evil.example/job-boards.greenhouse.io/acme/jobs/1");
    ignored("https://job-boards.greenhouse.io\\@evil.example/acme/jobs/1");
    ignored("javascript:alert('https://jobs.lever.co/metabase/" + LEVER_ID + "')");
    ignored("ftp://jobs.lever.co/metabase/" + LEVER_ID);
    ignored("//jobs.lever.co/metabase/" + LEVER_ID);
    ignored("https://jobs.lever.co/meta base/" + LEVER_ID);
    ignored("https://jobs.lever.co/..%2F/" + LEVER_ID);
    ignored("https://www.google.com/?gws_rd=ssl");
    ignored("");
    ignored(null);
    ignored("https://jobs.lever.co/" + "a".repeat(3000) + "/" + LEVER_ID);
  }
}
