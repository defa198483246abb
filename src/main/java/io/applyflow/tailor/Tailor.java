package io.applyflow.tailor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.applyflow.score.Keywords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deterministic tailoring engine: selects and orders the resume's own bullets and skills by
 * relevance to a job description. It never writes text: every bullet, title, employer, date, school,
 * degree and skill in the output is copied verbatim from the JSON Resume document, and every bullet
 * keeps the id of its source.
 *
 * <p>Relevance of a text to the description = 3 × the {@link Keywords} they share + the distinct
 * non-stopwords they share (lower-cased, plural "s" dropped). Per role (job or project) the most
 * relevant highlights are kept, up to {@value #MAX_BULLETS_PER_ROLE}, most relevant first (ties keep
 * resume order); highlights with no overlap are dropped, but a role with highlights always keeps at
 * least one. A role without highlights falls back to its summary (work) or description (project).
 * Roles stay in resume order.
 *
 * <p>Pure, stateless and thread-safe. Tolerates missing or oddly typed parts of a resume (a string or an
 * object for {@code work[].location}, missing dates, {@code company} instead of {@code name}).
 */
public final class Tailor {

  /** Most bullets kept per job or project. */
  public static final int MAX_BULLETS_PER_ROLE = 4;

  private static final String PRESENT = "Present";
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> STOPWORDS = Set.of(
      "a", "about", "above", "across", "after", "again", "against", "all", "also", "am", "an", "and",
      "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
      "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "etc", "every",
      "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
      "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "like", "may", "me", "more",
      "most", "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
      "other", "our", "ours", "out", "over", "own", "per", "same", "she", "should", "so", "some", "such",
      "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through",
      "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what",
      "when", "where", "which", "while", "who", "whom", "why", "will", "with", "within", "without",
      "would", "you", "your", "yours",
      // job-ad filler that would make every bullet look relevant
      "ability", "able", "including", "new", "plus", "preferred", "required", "requirement", "role",
      "strong", "team", "teams", "work", "working", "year", "years", "experience", "experienced",
      "looking", "join", "help", "using", "use", "used", "well", "great", "excellent", "good");

  private Tailor() {
  }

  /** Tailors {@code resume} (a JSON Resume document) to {@code descriptionText}; both may be null. */
  public static TailoredResume tailor(JsonNode resume, String descriptionText) {
    JsonNode root = resume == null ? MissingNode.getInstance() : resume;
    Relevance rel = new Relevance(descriptionText);
    JsonNode basics = root.path("basics");

    String summaryText = text(basics.path("summary"));
    Bullet summary = summaryText == null ? null : new Bullet("basics.summary", summaryText);

    List<Role> work = new ArrayList<>();
    int i = 0;
    for (JsonNode w : root.path("work")) {
      String org = text(w.path("name")) != null ? text(w.path("name")) : text(w.path("company"));
      work.add(new Role(text(w.path("position")), org, location(w.path("location")),
          text(w.path("startDate")), end(w), chooseBullets("work[" + i + "]", w, "summary", rel)));
      i++;
    }

    List<Role> projects = new ArrayList<>();
    i = 0;
    for (JsonNode p : root.path("projects")) {
      projects.add(new Role(text(p.path("name")), text(p.path("entity")), null,
          text(p.path("startDate")), end(p), chooseBullets("projects[" + i + "]", p, "description", rel)));
      i++;
    }

    List<Education> education = new ArrayList<>();
    for (JsonNode e : root.path("education")) {
      education.add(new Education(text(e.path("institution")), text(e.path("studyType")),
          text(e.path("area")), text(e.path("startDate")), end(e)));
    }

    List<String> skills = skills(root.path("skills"), rel);

    List<String> headings = new ArrayList<>();
    if (summary != null) {
      headings.add(TailoredResume.SUMMARY);
    }
    if (!work.isEmpty()) {
      headings.add(TailoredResume.EXPERIENCE);
    }
    if (!projects.isEmpty()) {
      headings.add(TailoredResume.PROJECTS);
    }
    if (!skills.isEmpty()) {
      headings.add(TailoredResume.SKILLS);
    }
    if (!education.isEmpty()) {
      headings.add(TailoredResume.EDUCATION);
    }

    return new TailoredResume(text(basics.path("name")), text(basics.path("label")),
        text(basics.path("email")), text(basics.path("phone")), location(basics.path("location")),
        links(basics), summary, work, projects, education, skills, headings);
  }

  private static List<Bullet> chooseBullets(String prefix, JsonNode entry, String fallbackField,
      Relevance rel) {
    List<Scored<Bullet>> candidates = new ArrayList<>();
    int j = 0;
    for (JsonNode h : entry.path("highlights")) {
      String t = text(h);
      if (t != null) {
        candidates.add(new Scored<>(new Bullet(prefix + ".highlights[" + j + "]", t), rel.of(t), j));
      }
      j++;
    }
    if (candidates.isEmpty()) {
      String fallback = text(entry.path(fallbackField));
      return fallback == null ? List.of() : List.of(new Bullet(prefix + "." + fallbackField, fallback));
    }
    candidates.sort(Scored.BEST_FIRST);
    List<Bullet> chosen = new ArrayList<>();
    for (Scored<Bullet> c : candidates) {
      if (chosen.size() == MAX_BULLETS_PER_ROLE || (c.score() == 0 && !chosen.isEmpty())) {
        break;
      }
      chosen.add(c.value());
    }
    return chosen;
  }

  private static List<String> skills(JsonNode skills, Relevance rel) {
    Map<String, String> unique = new LinkedHashMap<>(); // lower-case → as written, first wins
    for (JsonNode s : skills) {
      String name = text(s.path("name"));
      if (name != null) {
        unique.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
      }
      for (JsonNode k : s.path("keywords")) {
        String kw = text(k);
        if (kw != null) {
          unique.putIfAbsent(kw.toLowerCase(Locale.ROOT), kw);
        }
      }
    }
    List<Scored<String>> scored = new ArrayList<>();
    int n = 0;
    for (String skill : unique.values()) {
      scored.add(new Scored<>(skill, rel.of(skill), n++));
    }
    scored.sort(Scored.BEST_FIRST);
    return scored.stream().map(Scored::value).toList();
  }

  private static List<Link> links(JsonNode basics) {
    Map<String, Link> byUrl = new LinkedHashMap<>();
    String url = text(basics.path("url"));
    if (url != null) {
      byUrl.put(url, new Link("Website", url));
    }
    for (JsonNode p : basics.path("profiles")) {
      String u = text(p.path("url"));
      if (u != null) {
        String network = text(p.path("network"));
        byUrl.putIfAbsent(u, new Link(network == null ? "Profile" : network, u));
      }
    }
    return List.copyOf(byUrl.values());
  }

  /** "city, region" from a location object; a plain string is taken as written. */
  private static String location(JsonNode loc) {
    if (loc.isTextual()) {
      return text(loc);
    }
    List<String> parts = new ArrayList<>();
    for (String field : List.of("city", "region")) {
      String t = text(loc.path(field));
      if (t != null) {
        parts.add(t);
      }
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  /** The end date as written; "Present" when there is a start date but no end date. */
  private static String end(JsonNode entry) {
    String end = text(entry.path("endDate"));
    if (end != null) {
      return end;
    }
    return text(entry.path("startDate")) != null ? PRESENT : null;
  }

  /** The node's text as written, or null when it is missing, not a string, or blank. */
  private static String text(JsonNode n) {
    return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
  }

  /** Relevance of texts to one job description. */
  private static final class Relevance {
    private final Set<String> keywords;
    private final Set<String> words;

    Relevance(String description) {
      this.keywords = new HashSet<>(Keywords.extract(description));
      this.words = words(description);
    }

    int of(String text) {
      int score = 0;
      for (String k : Keywords.extract(text)) {
        if (keywords.contains(k)) {
          score += 3;
        }
      }
      for (String w : words(text)) {
        if (words.contains(w)) {
          score++;
        }
      }
      return score;
    }

    static Set<String> words(String text) {
      Set<String> out = new HashSet<>();
      if (text == null) {
        return out;
      }
      Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
      while (m.find()) {
        String w = m.group();
        if (w.length() < 2 || STOPWORDS.contains(w) || w.chars().allMatch(Character::isDigit)) {
          continue;
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
          w = w.substring(0, w.length() - 1);
        }
        out.add(w);
      }
      return out;
    }
  }

  /** A value with its relevance and its position in the resume (the tie-breaker). */
  private record Scored<T>(T value, int score, int index) {
    static final Comparator<Scored<?>> BEST_FIRST =
        Comparator.<Scored<?>>comparingInt(s -> -s.score()).thenComparingInt(Scored::index);
  }
}
