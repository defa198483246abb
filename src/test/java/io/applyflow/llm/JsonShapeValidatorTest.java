package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonShapeValidatorTest {
  private static final Map<String, Object> SCHEMA = Map.of(
      "type", "object",
      "required", List.of("title", "score", "remote", "skills"),
      "properties", Map.of(
          "title", Map.of("type", "string"),
          "score", Map.of("type", "integer"),
          "salary", Map.of("type", "number"),
          "remote", Map.of("type", "boolean"),
          "skills", Map.of("type", "array", "items", Map.of("type", "string")),
          "company", Map.of("type", "object", "required", List.of("name"),
              "properties", Map.of("name", Map.of("type", "string"))),
          "level", Map.of("type", List.of("string", "null"), "enum", java.util.Arrays.asList("junior", "senior", null))));

  private static Map<String, Object> valid() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("title", "Backend Engineer");
    v.put("score", 87);
    v.put("salary", 120000.5);
    v.put("remote", true);
    v.put("skills", List.of("java", "sql"));
    v.put("company", Map.of("name", "Acme"));
    v.put("level", null);
    return v;
  }

  @Test
  void acceptsAValidObject() {
    assertEquals(List.of(), JsonShapeValidator.validate(SCHEMA, valid()));
  }

  @Test
  void acceptsWholeDoublesAsIntegersAndIntegersAsNumbers() {
    Map<String, Object> v = valid();
    v.put("score", 87.0);
    v.put("salary", 120000L);
    assertEquals(List.of(), JsonShapeValidator.validate(SCHEMA, v));
  }

  @Test
  void reportsMissingRequiredProperties() {
    Map<String, Object> v = valid();
    v.remove("title");
    v.remove("skills");
    List<String> errors = JsonShapeValidator.validate(SCHEMA, v);
    assertEquals(List.of("$: missing required property 'title'", "$: missing required property 'skills'"), errors);
  }

  @Test
  void reportsWrongTypesWithTheirPath() {
    Map<String, Object> v = valid();
    v.put("score", 87.5);
    v.put("remote", "yes");
    v.put("skills", List.of("java", 3));
    v.put("company", Map.of("name", 42));
    List<String> errors = JsonShapeValidator.validate(SCHEMA, v);
    assertEquals(4, errors.size(), errors::toString);
    assertTrue(errors.contains("$.score: expected integer but got number 87.5"), errors::toString);
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("$.remote: expected boolean")), errors::toString);
    assertTrue(errors.contains("$.skills[1]: expected string but got number 3"), errors::toString);
    assertTrue(errors.contains("$.company.name: expected string but got number 42"), errors::toString);
  }

  @Test
  void checksNestedRequiredAndEnum() {
    Map<String, Object> v = valid();
    v.put("company", Map.of());
    v.put("level", "principal");
    List<String> errors = JsonShapeValidator.validate(SCHEMA, v);
    assertTrue(errors.contains("$.company: missing required property 'name'"), errors::toString);
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("$.level: string \"principal\" is not one of")),
        errors::toString);
  }

  @Test
  void rejectsANonObjectRoot() {
    assertEquals(List.of("$: expected object but got array"), JsonShapeValidator.validate(SCHEMA, List.of()));
    assertEquals(List.of("$: expected object but got null"), JsonShapeValidator.validate(SCHEMA, null));
  }

  @Test
  void ignoresUnknownKeywordsAndExtraProperties() {
    Map<String, Object> schema = Map.of("type", "object", "additionalProperties", false, "minProperties", 3,
        "properties", Map.of("a", Map.of("type", "string", "format", "email")));
    assertEquals(List.of(), JsonShapeValidator.validate(schema, Map.of("a", "x", "b", 1)));
    assertEquals(List.of(), JsonShapeValidator.validate(null, "anything"));
  }
}
