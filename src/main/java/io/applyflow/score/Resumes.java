package io.applyflow.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;

/** Bridges a stored JSON Resume (a Vert.x JsonObject) to the Jackson tree the pure scoring and tailoring code reads. */
public final class Resumes {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Resumes() {
  }

  public static JsonNode tree(JsonObject resume) {
    return MAPPER.valueToTree(resume.getMap());
  }
}
