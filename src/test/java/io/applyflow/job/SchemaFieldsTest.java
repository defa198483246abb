package io.applyflow.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaFieldsTest {
  /** The real questions=true payload from shared/fixtures/greenhouse/gh-tools-php_single_job_response.json. */
  private static JsonObject schema() throws IOException {
    JsonObject job;
    try (InputStream in = SchemaFieldsTest.class.getResourceAsStream("/greenhouse/gh-tools-php_single_job_response.json")) {
      job = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return new JsonObject().put("questions", job.getJsonArray("questions")).put("compliance", job.getValue("compliance"))
        .put("demographic_questions", new JsonObject().put("questions", new JsonArray().add(new JsonObject()
            .put("id", 4012865007L).put("label", "Pronouns")
            .put("answer_options", new JsonArray().add(new JsonObject().put("id", 1).put("label", "she/her"))))));
  }

  @Test
  void findsTheOptionsOfSelectsOnly() throws IOException {
    JsonObject s = schema();
    assertEquals(List.of("No", "Yes"), SchemaFields.options(s, "question_1042162"));
    assertNull(SchemaFields.options(s, "question_1042159"), "a text question has no options");
    assertNull(SchemaFields.options(s, "question_0"), "unknown field");
    assertEquals(List.of("she/her"), SchemaFields.options(s, "4012865007"));
    assertNull(SchemaFields.options(null, "x"));
  }
}
