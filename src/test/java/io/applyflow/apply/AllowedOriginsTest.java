package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedOriginsTest {
  private final AllowedOrigins allowed = new AllowedOrigins(List.of("http://127.0.0.1:41234", "https://jobs.example.com/"));

  @Test
  void greenhousesHostedAndClassicBoardsAreAllowedOverHttps() {
    assertTrue(allowed.allows("https://job-boards.greenhouse.io/vercel/jobs/5999792004"));
    assertTrue(allowed.allows("https://boards.greenhouse.io/embed/job_app?for=acme&token=1"));
    assertTrue(allowed.allows("https://job-boards.eu.greenhouse.io/acme/jobs/1"));
    assertTrue(allowed.allows("https://boards.eu.greenhouse.io/acme/jobs/1"));
    assertTrue(allowed.allows("https://job-boards.greenhouse.io:443/acme/jobs/1"), "the default port is the same origin");
  }

  @Test
  void leversAndAshbysHostedPagesAreAllowedOverHttps() {
    assertTrue(allowed.allows("https://jobs.lever.co/metabase/ee8203b5-2cf7-4eae-afd6-3f9724761ad9/apply"));
    assertTrue(allowed.allows("https://jobs.eu.lever.co/spotify/2193db3f-77c5-43b8-b030-8f92c9882bf1/apply"));
    assertTrue(allowed.allows("https://jobs.ashbyhq.com/Nango/4f0ab5c4-4bfe-4f3c-aa58-bca8fdd8c3ca/application"));
    assertTrue(AllowedOrigins.greenhouseOnly().allows("https://JOBS.LEVER.CO/x/y"));
    assertFalse(allowed.allows("http://jobs.lever.co/metabase/x/apply"), "http is another origin");
    assertFalse(allowed.allows("https://jobs.lever.co:8443/metabase/x/apply"));
    assertFalse(allowed.allows("https://api.lever.co/v0/postings/metabase"), "the API is not a page to open");
    assertFalse(allowed.allows("https://lever.co/"));
    assertFalse(allowed.allows("https://jobs.lever.co.evil.example/x"));
    assertFalse(allowed.allows("https://jobs.lever.co@evil.example/x"));
    assertFalse(allowed.allows("https://evil.example/jobs.ashbyhq.com/Nango"));
    assertFalse(allowed.allows("https://ashbyhq.com/Nango"));
    assertFalse(allowed.allows("http://jobs.ashbyhq.com/Nango"));
  }

  @Test
  void otherHostsSchemesAndPortsAreRefused() {
    assertFalse(allowed.allows("http://job-boards.greenhouse.io/acme/jobs/1"), "http is another origin");
    assertFalse(allowed.allows("https://job-boards.greenhouse.io:8443/acme/jobs/1"));
    assertFalse(allowed.allows("https://www.greenhouse.io/careers/job?gh_jid=167538"));
    assertFalse(allowed.allows("https://stripe.com/jobs/search?gh_jid=6136160004"));
    assertFalse(allowed.allows("https://job-boards.greenhouse.io.evil.example/acme/jobs/1"));
    assertFalse(allowed.allows("https://evil.example/job-boards.greenhouse.io/acme"));
    assertFalse(allowed.allows("https://greenhouse.io/acme/jobs/1"));
    assertFalse(allowed.allows("http://127.0.0.1:41235/sandbox"), "another port is another origin");
    assertFalse(allowed.allows("https://127.0.0.1:41234/sandbox"), "another scheme is another origin");
    assertFalse(allowed.allows("http://localhost:41234/sandbox"), "another host name is another origin");
    assertTrue(allowed.allows("http://127.0.0.1:41234/sandbox/job-boards/acme/jobs/1"));
    assertTrue(allowed.allows("https://jobs.example.com/apply/1"));
  }

  @Test
  void javascriptDataAndUserInfoAreNeverOpened() {
    assertTrue(allowed.refusal("javascript:alert(document.cookie)").contains("javascript:"),
        allowed.refusal("javascript:alert(1)"));
    assertTrue(allowed.refusal(" JavaScript:alert(1)").contains("only http and https"));
    assertFalse(allowed.allows("data:text/html,<script>alert(1)</script>"));
    assertFalse(allowed.allows("file:///etc/passwd"));
    assertFalse(allowed.allows("//job-boards.greenhouse.io/acme/jobs/1"), "scheme-relative");
    assertTrue(allowed.refusal("https://user:pw@job-boards.greenhouse.io/acme/jobs/1").contains("user info"));
    assertFalse(allowed.allows("https://job-boards.greenhouse.io@evil.example/acme"));
    assertFalse(allowed.allows("https://job-boards.greenhouse.io\\@evil.example/"));
    assertFalse(allowed.allows("https://job-boards.greenhouse.io/a b"));
    assertFalse(allowed.allows("https://job-boards.greenhouse.io/\u0000"));
    assertFalse(allowed.allows(null));
    assertFalse(allowed.allows(""));
  }

  @Test
  void hostsAreComparedCaseBlindAndLookalikesAreRefused() {
    assertTrue(allowed.allows("HTTPS://JOB-BOARDS.GREENHOUSE.IO/acme/jobs/1"));
    assertTrue(allowed.allows("https://job-boards.greenhouse.io./acme/jobs/1"), "the root dot names the same host");
    assertFalse(allowed.allows("https://j\u043eb-boards.greenhouse.io/acme/jobs/1"), "Cyrillic o");
    assertFalse(allowed.allows("https://xn--jb-boards-7ig.greenhouse.io/acme/jobs/1"), "its punycode");
    assertFalse(allowed.allows("https://b\u00fccher.example/"));
  }

  @Test
  void theRefusalNamesTheOriginAndTheSetting() {
    String why = allowed.refusal("https://stripe.com/jobs/search?gh_jid=1");
    assertTrue(why.startsWith("https://stripe.com is not an application-form host"), why);
    assertTrue(why.contains("APPLY_ALLOWED_ORIGINS"), why);
    assertNull(allowed.refusal("https://boards.greenhouse.io/acme/jobs/1"));
  }

  @Test
  void framesMayAlsoLoadTheFormsCaptchaAndNothingElse() {
    assertNull(allowed.frameRefusal("https://www.recaptcha.net/recaptcha/enterprise/anchor?k=x"));
    assertNull(allowed.frameRefusal("https://www.google.com/recaptcha/api2/bframe?k=x"));
    assertTrue(allowed.frameRefusal("https://www.google.com/search?q=x") != null);
    assertTrue(allowed.frameRefusal("https://www.youtube.com/embed/x") != null);
    assertFalse(allowed.allows("https://www.recaptcha.net/recaptcha/enterprise/anchor"), "never as the page");
  }

  @Test
  void extraOriginsMustBeBareOrigins() {
    assertEquals(List.of("http://127.0.0.1:41234", "https://jobs.example.com"), allowed.extraOrigins());
    assertEquals(List.of("https://ats.example"), new AllowedOrigins(List.of("HTTPS://ATS.example:443")).extraOrigins());
    for (String bad : List.of("ats.example", "https://ats.example/path", "ftp://ats.example", "https://u@ats.example",
        "https://ats.example?x=1", "javascript:alert(1)")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new AllowedOrigins(List.of(bad)));
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
