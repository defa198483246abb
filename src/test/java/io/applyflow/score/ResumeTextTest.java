package io.applyflow.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.applyflow.support.Fixtures;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeTextTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode resume(String name) throws IOException {
    return Fixtures.resume(name);
  }

  static String description(String name) throws IOException {
    return Fixtures.description(name);
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
    assertEquals(List.of("Go", "Rust", "Kafka", "Redis", "PostgreSQL", "Terraform", "Docker", "Helm", "Kubernetes",
        "Prometheus", "machine learning"), Keywords.extract(ResumeText.of(resume)));
    assertEquals("", ResumeText.of(null));
  }
}
