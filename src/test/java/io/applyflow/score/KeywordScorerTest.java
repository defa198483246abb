package io.applyflow.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordScorerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode resume(String name) throws IOException {
    try (InputStream in = KeywordScorerTest.class.getResourceAsStream("/jsonresume/" + name + ".resume.json")) {
      return JSON.readTree(in);
    }
  }

  static String description(String name) throws IOException {
    try (InputStream in = KeywordScorerTest.class.getResourceAsStream("/jsonresume/" + name + ".description.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void scoresTheShareOfDescriptionKeywordsFoundInTheResume() throws IOException {
    ScoreResult r = KeywordScorer.score(description("staff-backend"), resume("senior-engineer"));
    List<String> wanted = Keywords.extract(description("staff-backend"));

    assertEquals(wanted.size(), r.matching().size() + r.missing().size());
    assertEquals(Math.round(100.0 * r.matching().size() / wanted.size()), r.score());
    assertTrue(r.matching().containsAll(List.of("Kafka", "Kubernetes", "Go", "Rust", "Raft", "replication",
        "S3", "Terraform", "mentoring")), r.matching().toString());
    assertTrue(r.missing().containsAll(List.of("PostgreSQL", "Redis", "Grafana", "Paxos")), r.missing().toString());
    assertTrue(r.score() > 50 && r.score() < 100, "score " + r.score());
    assertTrue(r.explanation().contains("Missing: "), r.explanation());
  }

  @Test
  void aBetterFittingResumeScoresHigher() throws IOException {
    String analyst = description("data-analyst");
    int changer = KeywordScorer.score(analyst, resume("career-changer")).score();
    int staff = KeywordScorer.score(analyst, resume("senior-engineer")).score();
    assertTrue(changer > staff, changer + " vs " + staff);
  }

  @Test
  void roundsToTheNearestPercent() throws IOException {
    JsonNode resume = JSON.readTree("{\"skills\":[{\"name\":\"Languages\",\"keywords\":[\"Java\",\"Python\"]}]}");
    ScoreResult r = KeywordScorer.score("Java, Python and Rust", resume);
    assertEquals(67, r.score());
    assertEquals(List.of("Java", "Python"), r.matching());
    assertEquals(List.of("Rust"), r.missing());
  }

  @Test
  void aDescriptionWithoutKeywordsScoresZeroAndSaysWhy() throws IOException {
    ScoreResult r = KeywordScorer.score("We want a friendly, curious person.", resume("senior-engineer"));
    assertEquals(0, r.score());
    assertTrue(r.matching().isEmpty() && r.missing().isEmpty());
    assertTrue(r.explanation().contains("no skills or technologies"), r.explanation());
  }

  @Test
  void anEmptyOrMissingResumeMatchesNothing() throws IOException {
    ScoreResult r = KeywordScorer.score("Java and Kafka", JSON.readTree("{}"));
    assertEquals(0, r.score());
    assertEquals(List.of("Java", "Kafka"), r.missing());
    assertEquals(0, KeywordScorer.score("Java", null).score());
  }

  @Test
  void searchesEveryResumeSectionNamedInTheSpec() throws IOException {
    JsonNode resume = JSON.readTree("""
        {"basics":{"label":"Go developer","summary":"Writes Rust"},
         "work":[{"position":"Kafka admin","summary":"Ran Redis","highlights":["Tuned PostgreSQL"]}],
         "projects":[{"name":"Terraform modules","highlights":["Docker images"],"keywords":["Helm"]}],
         "skills":[{"name":"Kubernetes","keywords":["Prometheus"]}],
         "education":[{"area":"Machine Learning"}]}
        """);
    ScoreResult r = KeywordScorer.score("Go Rust Kafka Redis PostgreSQL Terraform Docker Helm Kubernetes "
        + "Prometheus machine learning", resume);
    assertEquals(100, r.score(), r.missing().toString());
  }
}
