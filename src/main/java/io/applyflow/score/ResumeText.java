package io.applyflow.score;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The searchable text of a JSON Resume document, one field per line so no keyword spans two fields: {@code
 * basics.label} and {@code basics.summary}; every work entry's position, summary and highlights; every project's
 * name, description, highlights and keywords; skill names and keywords; education areas, study types and courses;
 * volunteer positions, summaries and highlights; certificate names. Pure and thread-safe.
 */
public final class ResumeText {

  private ResumeText() {
  }

  /** All searchable resume text, one field per line so no keyword spans two fields. */
  public static String of(JsonNode resume) {
    StringBuilder sb = new StringBuilder();
    if (resume == null || !resume.isObject()) {
      return "";
    }
    JsonNode basics = resume.path("basics");
    add(sb, basics.path("label"));
    add(sb, basics.path("summary"));
    for (JsonNode w : resume.path("work")) {
      add(sb, w.path("position"));
      add(sb, w.path("summary"));
      addAll(sb, w.path("highlights"));
    }
    for (JsonNode v : resume.path("volunteer")) {
      add(sb, v.path("position"));
      add(sb, v.path("summary"));
      addAll(sb, v.path("highlights"));
    }
    for (JsonNode p : resume.path("projects")) {
      add(sb, p.path("name"));
      add(sb, p.path("description"));
      addAll(sb, p.path("highlights"));
      addAll(sb, p.path("keywords"));
    }
    for (JsonNode s : resume.path("skills")) {
      add(sb, s.path("name"));
      addAll(sb, s.path("keywords"));
    }
    for (JsonNode e : resume.path("education")) {
      add(sb, e.path("area"));
      add(sb, e.path("studyType"));
      addAll(sb, e.path("courses"));
    }
    for (JsonNode c : resume.path("certificates")) {
      add(sb, c.path("name"));
    }
    return sb.toString();
  }

  private static void add(StringBuilder sb, JsonNode n) {
    if (n.isTextual()) {
      sb.append(n.asText()).append('\n');
    }
  }

  private static void addAll(StringBuilder sb, JsonNode array) {
    for (JsonNode n : array) {
      add(sb, n);
    }
  }
}
