package io.applyflow.score;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Deterministic match score: the share of a job description's {@link Keywords} that also appear
 * anywhere in a JSON Resume document. Needs no LLM; pure, stateless and thread-safe, cheap enough to
 * run on an event loop (a few regex passes over a few kilobytes).
 *
 * <p>Resume text searched: {@code basics.label} and {@code basics.summary}; every work entry's
 * position, summary and highlights; every project's name, description, highlights and keywords; skill
 * names and keywords; education areas, study types and courses; volunteer positions, summaries and
 * highlights; certificate names.
 */
public final class KeywordScorer {

  private KeywordScorer() {
  }

  /**
   * Scores {@code descriptionText} against {@code resume}. A description with no known keyword scores
   * 0 and says so; a null or missing resume matches nothing.
   */
  public static ScoreResult score(String descriptionText, JsonNode resume) {
    List<String> wanted = Keywords.extract(descriptionText);
    if (wanted.isEmpty()) {
      return new ScoreResult(0, List.of(), List.of(),
          "The description names no skills or technologies we recognise, so there is nothing to match.");
    }
    Set<String> have = new HashSet<>(Keywords.extract(resumeText(resume)));
    List<String> matching = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String k : wanted) {
      (have.contains(k) ? matching : missing).add(k);
    }
    int score = (int) Math.round(100.0 * matching.size() / wanted.size());
    StringBuilder why = new StringBuilder()
        .append("The resume mentions ").append(matching.size()).append(" of the ")
        .append(wanted.size()).append(" skills and technologies in the description (")
        .append(score).append("%).");
    if (!missing.isEmpty()) {
      why.append(" Missing: ").append(String.join(", ", missing)).append('.');
    }
    return new ScoreResult(score, matching, missing, why.toString());
  }

  /** All searchable resume text, one field per line so no keyword spans two fields. */
  static String resumeText(JsonNode resume) {
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
