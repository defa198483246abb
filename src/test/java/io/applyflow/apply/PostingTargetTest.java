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
}
