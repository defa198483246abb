package io.applyflow.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.score.Keywords;
import io.applyflow.score.ScoreDetail;
import io.applyflow.score.Scorer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A posting analysed against the user's JSON Resume: the score and its breakdown ({@link Scorer}), the matching and
 * missing skills and keywords, and suggestions that only ever name what the resume already has. Pure, stateless.
 *
 * <p>Suggestions, at most {@value #MAX_SUGGESTIONS}, most useful first:
 * <ul>
 *   <li><b>skills</b>: a skill of the posting (a {@link Keywords} term it asks for) that the resume shows somewhere,
 *       in a role, a project, its summary, but that its skills list does not name: "Your skills list omits Terraform,
 *       which your work at Acme mentions." Core skills (requirements, responsibilities) first;</li>
 *   <li><b>order</b>: a role whose bullet that matches the posting best sits low (third or later, or second under a
 *       bullet that matches nothing) and matches more than the role's first bullet: "Move your Kafka bullet up in
 *       Acme.";</li>
 *   <li><b>summary</b>: the resume's summary names none of the posting's core skills that the resume shows
 *       elsewhere: "Your summary does not mention Kafka or Go, which the posting asks for and your resume shows."</li>
 * </ul>
 * What the posting asks for and the resume lacks is listed as missing and never suggested: Applyflow never advises
 * claiming a skill the profile does not show.
 */
public final class MatchAnalysis {
  static final int MAX_SUGGESTIONS = 8;

  /** One suggestion: its kind (skills, order, summary), the term it is about, where in the resume, and its text. */
  public record Suggestion(String kind, String term, String where, String text) {
    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", kind);
      m.put("term", term);
      m.put("where", where);
      m.put("text", text);
      return m;
    }
  }

  /** The analysis: the score detail and the suggestions. */
  public record Result(ScoreDetail detail, List<Suggestion> suggestions) {
    public Result {
      suggestions = List.copyOf(suggestions);
    }

    /**
     * {@code {score, breakdown: {skills, keywords, experience, education, years_required, years_of_experience,
     * degree_required, explanation}, matching_skills, missing_skills, matching_keywords, missing_keywords,
     * suggestions: [{kind, term, where, text}]}}.
     */
    public Map<String, Object> toMap() {
      Map<String, Object> d = detail.toMap();
      Map<String, Object> breakdown = new LinkedHashMap<>();
      for (String k : new String[] {"skills", "keywords", "experience", "education", "years_required",
          "years_of_experience", "degree_required", "explanation"}) {
        breakdown.put(k, d.get(k));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("score", detail.total());
      m.put("breakdown", breakdown);
      m.put("matching_skills", detail.matchingSkills());
      m.put("missing_skills", detail.missingSkills());
      m.put("matching_keywords", detail.matchingKeywords());
      m.put("missing_keywords", detail.missingKeywords());
      m.put("suggestions", suggestions.stream().map(Suggestion::toMap).toList());
      return m;
    }
  }

  private MatchAnalysis() {
  }

  /**
   * Analyses the posting ({@code title}, {@code descriptionHtml}: HTML or plain text) of {@code employer} (names;
   * nulls skipped) against {@code resume}; {@code today} ends roles without an end date.
   */
  public static Result analyse(String title, String descriptionHtml, Collection<String> employer, JsonNode resume,
      LocalDate today) {
    List<String> names = new ArrayList<>();
    if (employer != null) {
      employer.stream().filter(n -> n != null && !n.isBlank()).forEach(names::add);
    }
    ScoreDetail detail = Scorer.score(title, descriptionHtml, names, resume, today);
    Set<String> vocabulary = new HashSet<>(Keywords.vocabulary());
    // the posting's skills the resume has, core ones first, then the others in the posting's order
    Set<String> matched = new LinkedHashSet<>(detail.matchingSkills());
    detail.matchingKeywords().stream().filter(vocabulary::contains).forEach(matched::add);
    Set<String> core = new HashSet<>(detail.matchingSkills());

    List<Suggestion> out = new ArrayList<>();
    if (resume != null && resume.isObject()) {
      List<Suggestion> skills = new ArrayList<>();
      List<Suggestion> others = new ArrayList<>();
      skills(resume, matched, skills);
      order(resume, matched, core, others);
      summary(resume, detail.matchingSkills(), others);
      // a few of each kind first, so a long list of omitted skills does not hide the rest
      out.addAll(skills.subList(0, Math.min(4, skills.size())));
      out.addAll(others);
      out.addAll(skills.subList(Math.min(4, skills.size()), skills.size()));
    }
    return new Result(detail, out.size() > MAX_SUGGESTIONS ? out.subList(0, MAX_SUGGESTIONS) : out);
  }

  /** Matched skills the skills list does not name, with the first place of the resume that shows them. */
  private static void skills(JsonNode resume, Set<String> matched, List<Suggestion> out) {
    StringBuilder listed = new StringBuilder();
    for (JsonNode s : resume.path("skills")) {
      listed.append(s.path("name").asText("")).append('\n');
      s.path("keywords").forEach(k -> listed.append(k.asText("")).append('\n'));
    }
    Set<String> inList = new HashSet<>(Keywords.extract(listed.toString()));
    boolean noList = resume.path("skills").isEmpty();
    List<String[]> omitted = new ArrayList<>(); // {term, where}
    for (String term : matched) {
      if (!inList.contains(term)) {
        String where = placeOf(resume, term);
        if (where != null) {
          omitted.add(new String[] {term, where});
        }
      }
    }
    if (noList && !omitted.isEmpty()) {
      List<String> terms = omitted.stream().limit(6).map(o -> o[0]).toList();
      out.add(new Suggestion("skills", terms.get(0), "skills", "Your resume has no skills list; add one naming "
          + join(terms, "and") + ", which your resume already shows."));
      return;
    }
    for (String[] o : omitted) {
      out.add(new Suggestion("skills", o[0], o[1], "Your skills list omits " + o[0] + ", which " + o[1]
          + " mentions."));
    }
  }

  /** Where {@code term} appears outside the skills list, as a phrase ("your work at Acme"), or null. */
  static String placeOf(JsonNode resume, String term) {
    for (JsonNode w : resume.path("work")) {
      if (has(term, w.path("position"), w.path("summary"), w.path("highlights"))) {
        String name = w.path("name").asText("").strip();
        return name.isEmpty() ? "your work as " + w.path("position").asText("").strip() : "your work at " + name;
      }
    }
    for (JsonNode p : resume.path("projects")) {
      if (has(term, p.path("name"), p.path("description"), p.path("highlights"), p.path("keywords"))) {
        return "your project " + p.path("name").asText("").strip();
      }
    }
    for (JsonNode v : resume.path("volunteer")) {
      if (has(term, v.path("position"), v.path("summary"), v.path("highlights"))) {
        return "your volunteering at " + v.path("organization").asText("").strip();
      }
    }
    JsonNode basics = resume.path("basics");
    if (has(term, basics.path("label"), basics.path("summary"))) {
      return "your summary";
    }
    for (JsonNode e : resume.path("education")) {
      if (has(term, e.path("area"), e.path("courses"))) {
        return "your coursework at " + e.path("institution").asText("").strip();
      }
    }
    for (JsonNode c : resume.path("certificates")) {
      if (has(term, c.path("name"))) {
        return "your certificate " + c.path("name").asText("").strip();
      }
    }
    return null;
  }

  /**
   * For each role: its best-matching bullet when it sits low and matches more than the first bullet. A bullet's
   * weight is 2 for each core skill of the posting it names, 1 for each other skill.
   */
  private static void order(JsonNode resume, Set<String> matched, Set<String> core, List<Suggestion> out) {
    for (JsonNode w : resume.path("work")) {
      JsonNode highlights = w.path("highlights");
      if (highlights.size() < 2) {
        continue;
      }
      int best = -1;
      int bestWeight = 0;
      String bestTerm = null;
      int firstWeight = 0;
      for (int i = 0; i < highlights.size(); i++) {
        int weight = 0;
        String top = null;
        int topWeight = 0;
        for (String t : new LinkedHashSet<>(Keywords.extract(highlights.get(i).asText("")))) {
          if (matched.contains(t)) {
            int tw = core.contains(t) ? 2 : 1;
            weight += tw;
            if (tw > topWeight) {
              top = t;
              topWeight = tw;
            }
          }
        }
        if (i == 0) {
          firstWeight = weight;
        }
        if (weight > bestWeight) {
          best = i;
          bestWeight = weight;
          bestTerm = top;
        }
      }
      boolean low = best >= 2 || best == 1 && firstWeight == 0;
      if (best > 0 && low && bestWeight > firstWeight) {
        String role = w.path("name").asText("").strip();
        if (role.isEmpty()) {
          role = w.path("position").asText("").strip();
        }
        out.add(new Suggestion("order", bestTerm, role, "Move your " + bestTerm + " bullet (\u201c"
            + opening(highlights.get(best).asText("")) + "\u201d) up in " + role + ": of that role's bullets it matches "
            + "this posting best, and it is number " + (best + 1) + " of " + highlights.size() + "."));
      }
    }
  }

  /** The summary names none of the posting's core skills that the resume shows. */
  private static void summary(JsonNode resume, List<String> coreMatched, List<Suggestion> out) {
    String summary = resume.path("basics").path("summary").asText("");
    if (summary.isBlank() || coreMatched.isEmpty()) {
      return;
    }
    Set<String> named = new HashSet<>(Keywords.extract(summary));
    if (coreMatched.stream().noneMatch(named::contains)) {
      List<String> top = coreMatched.stream().limit(3).toList();
      out.add(new Suggestion("summary", top.get(0), "your summary", "Your summary does not mention " + join(top, "or")
          + ", which the posting asks for and your resume shows."));
    }
  }

  /** The first words of a bullet, to name it. */
  private static String opening(String bullet) {
    String b = bullet.strip();
    if (b.length() <= 48) {
      return b;
    }
    int cut = b.lastIndexOf(' ', 45);
    return b.substring(0, cut > 20 ? cut : 45) + "\u2026";
  }

  private static boolean has(String term, JsonNode... fields) {
    for (JsonNode f : fields) {
      if (f.isArray()) {
        for (JsonNode item : f) {
          if (item.isTextual() && Keywords.extract(item.asText()).contains(term)) {
            return true;
          }
        }
      } else if (f.isTextual() && Keywords.extract(f.asText()).contains(term)) {
        return true;
      }
    }
    return false;
  }

  private static String join(List<String> terms, String word) {
    if (terms.size() == 1) {
      return terms.get(0);
    }
    return String.join(", ", terms.subList(0, terms.size() - 1)) + " " + word + " " + terms.get(terms.size() - 1);
  }
}
