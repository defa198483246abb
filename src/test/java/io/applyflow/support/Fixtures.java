package io.applyflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Resumes built from the JSON Resume fixtures in {@code src/test/resources/jsonresume/}, for tests and benchmarks. */
public final class Fixtures {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The fixture resumes, by file name without {@code .resume.json}. */
  public static final List<String> RESUMES = List.of("senior-engineer", "new-grad", "career-changer", "sample");

  private Fixtures() {
  }

  /** {@code src/test/resources/jsonresume/<name>.description.txt}. */
  public static String description(String name) throws IOException {
    try (InputStream in = Fixtures.class.getResourceAsStream("/jsonresume/" + name + ".description.txt")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** {@code src/test/resources/jsonresume/<name>.resume.json}. */
  public static JsonNode resume(String name) throws IOException {
    try (InputStream in = Fixtures.class.getResourceAsStream("/jsonresume/" + name + ".resume.json")) {
      return JSON.readTree(in);
    }
  }

  /** Eight jobs of five highlights each, newest first, drawn from every fixture's highlights. */
  public static JsonNode fortyBulletResume() throws IOException {
    List<String> pool = new ArrayList<>();
    for (String r : RESUMES) {
      for (String section : List.of("work", "projects")) {
        for (JsonNode entry : resume(r).path(section)) {
          entry.path("highlights").forEach(h -> pool.add(h.asText()));
        }
      }
    }
    ObjectNode resume = (ObjectNode) resume("senior-engineer");
    ArrayNode work = resume.putArray("work");
    for (int i = 0; i < 8; i++) {
      ArrayNode h = work.addObject().put("name", "Company " + i).put("position", "Engineer " + i)
          .put("startDate", (2024 - 2 * i) + "-01-01").put("endDate", (2025 - 2 * i) + "-12-01").putArray("highlights");
      for (int j = 0; j < 5; j++) {
        h.add(pool.get((i * 5 + j) % pool.size()));
      }
    }
    resume.remove("projects");
    return resume;
  }
}
