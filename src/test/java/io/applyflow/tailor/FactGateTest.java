package io.applyflow.tailor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.applyflow.support.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FactGateTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> RESUMES = Fixtures.RESUMES;
  /** A skill each resume does not have (senior-engineer lists Kubernetes, so it gets another). */
  private static final Map<String, String> INVENTED_SKILL = Map.of(
      "senior-engineer", "Elixir", "new-grad", "Kubernetes", "career-changer", "Kubernetes",
      "sample", "Kubernetes");

  static Stream<String> resumes() {
    return RESUMES.stream();
  }

  /** Every verbatim line of a resume: summaries, highlights, descriptions of work, volunteering, projects. */
  static List<String> verbatimLines(JsonNode resume) {
    List<String> lines = new ArrayList<>();
    lines.add(resume.at("/basics/summary").asText());
    for (String section : List.of("work", "volunteer", "projects")) {
      for (JsonNode entry : resume.path(section)) {
        for (String field : List.of("summary", "description")) {
          if (entry.path(field).isTextual()) {
            lines.add(entry.path(field).asText());
          }
        }
        entry.path("highlights").forEach(h -> lines.add(h.asText()));
      }
    }
    return lines;
  }

  static Stream<Arguments> everyVerbatimLine() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String name : RESUMES) {
      List<String> lines = verbatimLines(TailorTest.resume(name));
      IntStream.range(0, lines.size()).forEach(i -> out.add(Arguments.of(name, lines.get(i))));
    }
    return out.stream();
  }

  private static FactGate gate(String resumeName) throws IOException {
    return FactGate.of(TailorTest.resume(resumeName), List.of());
  }

  /** A gate over a tiny resume whose only text is {@code highlight}. */
  private static FactGate gateOver(String highlight) {
    ObjectNode resume = JSON.createObjectNode();
    ArrayNode work = resume.putArray("work");
    work.addObject().put("name", "Initrode").putArray("highlights").add(highlight);
    return FactGate.of(resume, List.of());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("everyVerbatimLine")
  void passesEveryVerbatimLineOfTheResume(String resumeName, String line) throws IOException {
    assertEquals(List.of(), gate(resumeName).offending(line));
  }

  @ParameterizedTest
  @MethodSource("resumes")
  void catchesAnInventedSkill(String resumeName) throws IOException {
    String skill = INVENTED_SKILL.get(resumeName);
    assertEquals(List.of(skill), gate(resumeName).offending("Deployed the services on " + skill + "."));
    assertEquals(List.of(skill), gate(resumeName).offending("Built internal tools in " + skill));
  }

  @ParameterizedTest
  @MethodSource("resumes")
  void catchesAnInventedMetric(String resumeName) throws IOException {
    assertEquals(List.of("300%"), gate(resumeName).offending("Increased revenue by 300%"));
    assertEquals(List.of("$2M"), gate(resumeName).offending("Closed a $2M deal with a new customer."));
  }

  @ParameterizedTest
  @MethodSource("resumes")
  void catchesAnInventedEmployer(String resumeName) throws IOException {
    assertEquals(List.of("Globex Corporation"),
        gate(resumeName).offending("Joined Globex Corporation as a senior engineer."));
    assertEquals(List.of("Initech"), gate(resumeName).offending("Previously worked at Initech on billing."));
    assertEquals(List.of("Globex Corporation"),
        gate(resumeName).offending("Globex Corporation's platform team hired me."),
        "a sentence-initial name is still a name");
  }

  @Test
  void aSkillInTheResumeIsNotInvented() throws IOException {
    assertEquals(List.of(), gate("senior-engineer").offending("Ran Kafka on Kubernetes with Terraform."));
    assertEquals(List.of(), gate("new-grad").offending("Shipped a Postgres-backed app on Vercel with Next.js"),
        "a synonym of a listed skill (Postgres for PostgreSQL) is the same skill");
  }

  @Test
  void passesLegitimateRewordings() throws IOException {
    assertEquals(List.of(), gate("sample")
        .offending("Optimised the algorithm holding the world record for Weisman Scores"));
    assertEquals(List.of(), gate("sample").offending("Won Techcrunch Disrupt as CEO of Pied Piper."));
    assertEquals(List.of(), gate("senior-engineer")
        .offending("Reworked the replication fetch path, cutting p99 produce latency by 40%."));
    assertEquals(List.of(), gate("senior-engineer")
        .offending("Spearheaded cluster linking across 3 cloud regions with a group of 6 engineers at Confluent"));
    assertEquals(List.of(), gate("career-changer")
        .offending("Saved owners about five hours a week by automating weekly reporting."));
    assertEquals(List.of(), gate("new-grad")
        .offending("Shipped DormSwap, a Next.js marketplace used by 400+ students at the University of Washington"));
    assertEquals(List.of(), gate("career-changer")
        .offending("General Manager at Salt & Cedar Restaurant Group from March 2018 to July 2024"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "senior-engineer | As Staff Software Engineer at Confluent, I lead multi-region replication.",
      "senior-engineer | Built Dropbox's erasure-coding pipeline, cutting storage cost per byte 25%.",
      "senior-engineer | Upstreamed container-sync replication improvements to OpenStack Swift at Rackspace.",
      "senior-engineer | Holds a Ph.D. in Computer Science from the University of Texas at Austin.",
      "career-changer  | Created a Looker Studio dashboard for a three-location cafe group, revealing a 12% margin gap.",
      "career-changer  | Standardised point-of-sale data across vendors with dbt SQL models.",
      "career-changer  | Managed a 120-seat flagship restaurant's P&L as General Manager.",
      "new-grad        | Parallelised integration fixtures, cutting test-suite runtime 35%.",
      "new-grad        | Made gradient-viz, an open-source WebGL visualiser with 120+ GitHub stars.",
      "sample          | Led an all-women team to an award at AIHacks 2016 with Miss Direction.",
  })
  void passesRewordingsThatUseOnlyTheResumesFacts(String resumeName, String text) throws IOException {
    assertEquals(List.of(), gate(resumeName).offending(text));
  }

  @Test
  void catchesInventedTitlesSchoolsDatesAndCounts() throws IOException {
    FactGate g = gate("senior-engineer");
    assertEquals(List.of("Principal Engineer"), g.offending("Promoted to Principal Engineer."),
        "a run of capitalised words is one term, reported whole");
    assertEquals(List.of("Stanford University"), g.offending("Earned a Ph.D. at Stanford University."));
    assertEquals(List.of("March 2020"), g.offending("Joined Confluent in March 2020."),
        "she joined in February 2020");
    assertEquals(List.of("five"), g.offending("Mentored five engineers at Dropbox."));
    assertEquals(List.of("GraphQL", "Lambda"), g.offending("Added a GraphQL gateway on AWS Lambda"),
        "she has AWS; the invented part is Lambda");
    assertEquals(List.of("Node.js"), gate("sample").offending("Wrote the backend in Node.js"));
  }

  @Test
  void listsEachOffenceOnceInOrderAsWritten() throws IOException {
    assertEquals(List.of("Globex", "300%", "Kubernetes"), gate("new-grad")
        .offending("At Globex I grew usage 300% by moving Globex to Kubernetes; usage grew 300%."));
  }

  @ParameterizedTest(name = "source \"{0}\", text \"{1}\" → {2}")
  @CsvSource(delimiter = '|', value = {
      "Grew revenue 300 percent                  | grew revenue 300%              | ",
      "Grew revenue 300%                         | grew revenue 300 per cent      | ",
      "Led a team of 40                          | cut costs 40%                  | 40%",
      "Cut costs 40%                             | a team of 40                   | ",
      "Raised $2,000,000 in seed funding         | raised $2M                     | ",
      "Raised $2 million                         | raised $2M                     | ",
      "Raised $2M                                | raised €2M                     | €2M",
      "Served 10k users                          | served 10,000 users            | ",
      "Served 10000 users                        | served 10k users               | ",
      "Took 1.50 hours                           | took 1.5 hours                 | ",
      "Took 1.5 hours                            | a 1.5x speed-up                | 1.5x",
      "A 3x speed-up                             | a 3× speed-up                  | ",
      "Trained eight baristas                    | trained 8 baristas             | ",
      "Trained 8 baristas                        | trained eight baristas         | ",
      "Trained eight baristas                    | trained twelve baristas        | twelve",
      "From 2019-05-01 to 2021-03-01             | in May 2019                    | ",
      "From 2019-05-01 to 2021-03-01             | since 2019                     | ",
      "From 2019-05-01 to 2021-03-01             | in March 2019                  | March 2019",
      "From 2019-05-01 to 2021-03-01             | every March                    | ",
      "From 2019-05-01 to 2021-03-01             | every June                     | June",
      "Cut p99 latency by 200ms                  | a 200 ms cut in p99            | ",
      "Cut p99 latency by 200ms                  | a 250ms cut in p95             | 250ms, p95",
  })
  void comparesNumbersByValueAndKind(String source, String text, String expected) {
    List<String> want = expected == null ? List.of() : List.of(expected.split(",\\s*"));
    assertEquals(want, gateOver(source).offending(text));
  }

  @Test
  void allowsTheFactsOfTheJob() throws IOException {
    JsonNode resume = TailorTest.resume("new-grad");
    String text = "I am applying for the Associate Software Engineer, Fleet Tools role at Acme Robotics.";
    assertEquals(List.of("Associate Software Engineer", "Fleet Tools", "Acme Robotics"), FactGate.of(resume, List.of()).offending(text));
    assertEquals(List.of(), FactGate.of(resume,
        List.of("Acme Robotics", "Associate Software Engineer, Fleet Tools")).offending(text));
  }

  @Test
  void toleratesEmptyInput() {
    FactGate none = FactGate.of(null, null);
    assertEquals(List.of(), none.offending(null));
    assertEquals(List.of(), none.offending("  "));
    assertEquals(List.of(), none.offending("Built and shipped the new thing."));
    assertTrue(none.offending("Built it at Globex").contains("Globex"));
  }
}
