package io.applyflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.applyflow.sandbox.SandboxBoards.Board;
import io.applyflow.sandbox.SandboxBoards.Posting;
import java.util.List;

/**
 * Shapes sandbox postings the way {@code boards-api.greenhouse.io/v1} does: field names and order of the
 * real 2026 payloads, {@code content} HTML-entity-escaped, the private {@code sandbox} object left out.
 * Pure functions; safe from any thread.
 */
final class GreenhouseJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final List<String> SUMMARY_FIELDS = List.of("data_compliance", "internal_job_id", "location",
      "metadata", "id", "updated_at", "requisition_id", "title", "company_name", "first_published", "language",
      "application_deadline");

  private GreenhouseJson() {
  }

  /** {@code GET /boards/{token}}. */
  static ObjectNode board(Board board) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("name", board.name());
    out.put("content", board.content());
    return out;
  }

  /** {@code GET /boards/{token}/jobs}, with {@code content}, {@code departments}, {@code offices} when asked. */
  static ObjectNode jobs(Board board, String origin, boolean withContent) {
    ObjectNode out = MAPPER.createObjectNode();
    ArrayNode jobs = out.putArray("jobs");
    for (Posting p : board.postings()) {
      ObjectNode job = summary(p, origin);
      if (withContent) {
        addContent(job, p);
      }
      jobs.add(job);
    }
    out.putObject("meta").put("total", board.postings().size());
    return out;
  }

  /** {@code GET /boards/{token}/jobs/{id}}, with the application form when {@code questions=true}. */
  static ObjectNode job(Posting p, String origin, boolean withQuestions) {
    ObjectNode job = summary(p, origin);
    addContent(job, p);
    if (withQuestions) {
      job.set("questions", copy(p.json().get("questions"), MAPPER.createArrayNode()));
      job.set("location_questions", copy(p.json().get("location_questions"), MAPPER.createArrayNode()));
      job.set("compliance", copy(p.json().get("compliance"), MAPPER.nullNode()));
      job.set("demographic_questions", copy(p.json().get("demographic_questions"), MAPPER.nullNode()));
    }
    return job;
  }

  /**
   * Where the posting lives: the hosted job page, or for a posting the employer embeds ({@link Posting#embedded()}) its
   * own careers page with {@code gh_jid}, as boards with a custom careers page report it.
   */
  static String absoluteUrl(String origin, Posting p) {
    if (p.embedded()) {
      return origin + "/sandbox/company/" + p.board() + "/careers?gh_jid=" + p.id();
    }
    return origin + "/sandbox/job-boards/" + p.board() + "/jobs/" + p.id();
  }

  private static ObjectNode summary(Posting p, String origin) {
    ObjectNode job = MAPPER.createObjectNode();
    job.put("absolute_url", absoluteUrl(origin, p));
    for (String field : SUMMARY_FIELDS) {
      job.set(field, copy(p.json().get(field), MAPPER.nullNode()));
    }
    return job;
  }

  private static void addContent(ObjectNode job, Posting p) {
    job.put("content", escapeHtml(p.contentHtml()));
    job.set("departments", copy(p.json().get("departments"), MAPPER.createArrayNode()));
    job.set("offices", copy(p.json().get("offices"), MAPPER.createArrayNode()));
  }

  private static JsonNode copy(JsonNode node, JsonNode fallback) {
    return node == null ? fallback : node.deepCopy();
  }

  /** Escapes HTML once, as Greenhouse does for {@code content}: unescaping the result once gives the HTML back. */
  static String escapeHtml(String html) {
    StringBuilder sb = new StringBuilder(html.length() + html.length() / 4);
    for (int i = 0; i < html.length(); i++) {
      char c = html.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
