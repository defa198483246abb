package io.applyflow.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoilerplateTest {

  /** Sentences the classifier finds in a posting, as "KIND: sentence". */
  private static List<String> flagged(String html) {
    List<String> out = new ArrayList<>();
    for (Posting.Sentence s : Posting.parse(html).sentences) {
      Boilerplate.Kind k = Boilerplate.of(s.text(), false);
      if (k != null) {
        out.add(k + ": " + s.text());
      }
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // real postings: Lever (Spotify, Metabase), Ashby (xLabs, Nango)
      "LEGAL    | Spotify is an equal opportunity employer.",
      "LEGAL    | We welcome candidates from all backgrounds and experiences to apply.",
      "BENEFITS | The US base salary range for this role is $116K–$213K annually, plus equity and benefits.",
      "BENEFITS | Generous vacation policy — take the time you need to recharge, with paid time off that respects "
          + "work-life balance.",
      "PROCESS  | If you’re a seasoned backend engineer who loves developer infrastructure, thrives on ownership, "
          + "and wants to shape the future of integrations — we’d love to hear from you.",
      // the example, outside any benefits heading
      "BENEFITS | We offer competitive salary and equity.",
      "PROCESS  | Send your resume and a short note about a project you are proud of.",
  })
  void findsPayLawAndApplyingSentencesOfRealPostings(Boilerplate.Kind kind, String sentence) {
    assertEquals(kind, Boilerplate.of(sentence, false), sentence);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Knowledge of equity compensation plans and payroll tax rules | true",
      "Build the payroll and benefits service in Java and PostgreSQL | false",
      "Experience with privacy policy reviews and background checks at scale | true",
      "Own the vision and roadmap for analytics dashboards and reports | false",
      "Experience with Redis is a bonus | false",
      "Design the compression for map and telemetry updates that robots send over busy warehouse Wi-Fi | false",
      "Build alerting, dashboards and runbooks that make incidents short and calm | false",
      "Help patients book visits and read their lab results on slow connections | false",
      "Build integrations with the applicant tracking systems our customers use | false",
      "Own the background check platform that screens a million drivers a year | false",
      "Run the job board that recruiters use to post openings | false",
  })
  void keepsRequirementsWhoseDomainIsPayLawOrHiring(String sentence, boolean asks) {
    assertNull(Boilerplate.of(sentence, asks), sentence);
  }

  @Test
  void flagsNoRequirementOrDutyOfTheRealPostings() {
    Map<String, List<String>> expected = Map.of(
        "Senior / Staff Site Reliability Engineer (Infra)", List.of(
            "BENEFITS: Generous vacation policy — take the time you need to recharge, with paid time off that "
                + "respects work-life balance.",
            "LEGAL: We welcome candidates from all backgrounds and experiences to apply."),
        "Android Engineer - Experience", List.of("LEGAL: Spotify is an equal opportunity employer."),
        "Artist & Label Partnerships Contractor, Vietnam", List.of("LEGAL: Spotify is an equal opportunity employer."),
        "Analytics Engineer", List.of("BENEFITS: The US base salary range for this role is $95.4K–$190K annually, "
            + "plus equity and benefits."),
        "CI Engineer", List.of("BENEFITS: The US base salary range for this role is $116K–$213K annually, plus "
            + "equity and benefits."));
    List<PostingFixtures> real = new ArrayList<>(PostingFixtures.xlabs().subList(0, 1));
    real.addAll(PostingFixtures.spotify());
    real.addAll(PostingFixtures.metabase());
    for (PostingFixtures p : real) {
      assertEquals(expected.get(p.title()), flagged(p.html()), p.title());
    }
  }

  @Test
  void findsExactlyTheSandboxConclusionsOnceTheSanitiserHasDroppedTheirWrapper() {
    for (PostingFixtures p : PostingFixtures.sandboxAsStored()) {
      String conclusion = Jsoup.parse(p.original()).select("div.content-conclusion").html();
      List<String> expected = Posting.parse(conclusion).sentences.stream().map(Posting.Sentence::text).toList();
      List<String> found = flagged(p.html()).stream().map(s -> s.substring(s.indexOf(": ") + 2)).toList();
      assertFalse(expected.isEmpty(), p.title() + " has a conclusion");
      assertEquals(expected, found, p.title());
    }
  }
}
