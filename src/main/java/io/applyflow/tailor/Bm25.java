package io.applyflow.tailor;

import io.applyflow.score.Keywords;
import io.applyflow.score.Posting;
import io.applyflow.score.Words;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BM25 relevance of a small collection of resume texts (the "documents": bullets and summary sentences) to
 * one job description (the query). The only ranker of the tailoring engine; {@link Tailor} and
 * {@link TailorDiff} both go through it.
 *
 * <p>Terms are of two kinds. A skill of the {@link Keywords} vocabulary becomes one canonical term, so
 * synonyms match ("Postgres" in a bullet counts for "PostgreSQL" in the job); it weighs
 * {@value #KEYWORD_WEIGHT} times a plain word. Plain words are the remaining content words: lower-cased,
 * stop-worded, digits-only tokens dropped, lightly stemmed ("replicated", "replicating" and "replicate"
 * share a stem; plural "s" and "ies" folded). A word inside a skill ("Kafka") counts as a word too, so a
 * keyword match always outweighs a word match.
 *
 * <p>The query weight of a term is its kind's weight × (1 + ln of how often the description uses it), × 1.5
 * when it occurs in a requirements section ("Requirements", "Qualifications", "What we're looking for",
 * ...). A document's score is the usual Okapi BM25 sum (k1 = {@value #K1}, b = {@value #B}) over the query
 * terms it contains, with IDF taken over the documents; a document sharing no term with the query scores 0.
 *
 * <p>Finding vocabulary terms is the costly part (about a microsecond per character of text), and the same
 * texts come back: a user's bullets and skills for every job of a run, a job's description for the
 * tailoring and then for its diff. So the terms of a bullet or skill and the weights of a description
 * are memoised, keyed by the exact text (bounded: a full table is emptied and refilled). Both are pure
 * functions of the text, so results do not depend on what was seen before.
 *
 * <p>Immutable once built and thread-safe.
 */
final class Bm25 {

  /** Weight of a vocabulary (skill) term relative to a plain word. */
  static final double KEYWORD_WEIGHT = 3.0;
  static final double K1 = 1.2;
  static final double B = 0.75;
  private static final double REQUIREMENT_BOOST = 1.5;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern BULLET_LINE = Pattern.compile("^\\s*([-*•·–]|\\d+[.)])\\s+.*");
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
      "would", "you", "your", "yours", "ll", "re", "ve", "s", "t",
      // job-ad filler that would make every bullet look relevant
      "ability", "able", "including", "new", "plus", "preferred", "required", "requirement", "requirements",
      "role", "strong", "team", "teams", "work", "working", "year", "years", "experience", "experienced",
      "looking", "join", "help", "using", "use", "used", "well", "great", "excellent", "good", "familiarity",
      "knowledge", "responsibilities", "qualifications", "deep", "track", "record", "next");

  private static final int TEXTS_REMEMBERED = 8192;
  private static final int DESCRIPTIONS_REMEMBERED = 64;
  private static final Map<String, Map<String, Integer>> TERMS = new ConcurrentHashMap<>();
  private static final Map<String, Map<String, Double>> QUERIES = new ConcurrentHashMap<>();

  private final Map<String, Double> queryWeights;
  private final List<Map<String, Integer>> documents;
  private final Map<String, Double> idf = new HashMap<>();
  private final double averageLength;

  /** Indexes {@code documents} (may contain nulls, which score 0) for the query {@code description}. */
  Bm25(String description, List<String> documents) {
    this.queryWeights = description == null ? Map.of()
        : memo(QUERIES, DESCRIPTIONS_REMEMBERED, description, Bm25::queryWeights);
    this.documents = documents.stream().map(Bm25::terms).toList();
    Map<String, Integer> df = new HashMap<>();
    long length = 0;
    for (Map<String, Integer> d : this.documents) {
      length += d.values().stream().mapToInt(Integer::intValue).sum();
      d.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
    }
    int n = this.documents.size();
    this.averageLength = n == 0 ? 1 : Math.max(1.0, (double) length / n);
    for (String t : queryWeights.keySet()) {
      int f = df.getOrDefault(t, 0);
      idf.put(t, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
    }
  }

  /** BM25 score of the document at {@code index}; 0 when it shares no term with the description. */
  double score(int index) {
    Map<String, Integer> d = documents.get(index);
    double length = d.values().stream().mapToInt(Integer::intValue).sum();
    double norm = K1 * (1 - B + B * length / averageLength);
    double score = 0;
    for (Map.Entry<String, Integer> e : d.entrySet()) {
      Double w = queryWeights.get(e.getKey());
      if (w != null) {
        int tf = e.getValue();
        score += w * idf.get(e.getKey()) * tf * (K1 + 1) / (tf + norm);
      }
    }
    return score;
  }

  /**
   * How much the description asks for {@code text} (a skill name): the sum of the query weights of the
   * distinct terms they share, without IDF or length normalisation; 0 when they share nothing.
   */
  double demand(String text) {
    double sum = 0;
    for (String t : terms(text).keySet()) {
      sum += queryWeights.getOrDefault(t, 0.0);
    }
    return sum;
  }

  /** Term → weight for the description, line by line so requirement sections can be told apart. */
  private static Map<String, Double> queryWeights(String description) {
    Map<String, Integer> frequency = new HashMap<>();
    Set<String> inRequirements = new HashSet<>();
    if (description != null) {
      boolean requirements = false;
      boolean sectionHasContent = false;
      for (String line : description.split("\\R")) {
        if (line.isBlank()) {
          if (sectionHasContent) {
            requirements = false;
          }
          continue;
        }
        if (requirementHeading(line)) {
          requirements = true;
          // "Requirements: strong SQL, Excel" carries content on the heading line itself
          sectionHasContent = line.contains(":") && !line.strip().endsWith(":");
        } else if (isHeading(line)) {
          requirements = false;
        } else {
          sectionHasContent = true;
        }
        for (Map.Entry<String, Integer> e : extract(line).entrySet()) {
          frequency.merge(e.getKey(), e.getValue(), Integer::sum);
          if (requirements) {
            inRequirements.add(e.getKey());
          }
        }
      }
    }
    Map<String, Double> weights = new HashMap<>();
    frequency.forEach((t, f) -> weights.put(t, (isKeyword(t) ? KEYWORD_WEIGHT : 1.0) * (1 + Math.log(f))
        * (inRequirements.contains(t) ? REQUIREMENT_BOOST : 1.0)));
    return Map.copyOf(weights);
  }

  /**
   * A heading line (or the head of "Requirements: SQL, Excel") that the scorer's classifier
   * ({@link Posting#classify}) reads as a requirements section.
   */
  private static boolean requirementHeading(String line) {
    int colon = line.indexOf(':');
    String head = colon > 0 ? line.substring(0, colon) : line;
    boolean headingLike = colon > 0 ? head.strip().split("\\s+").length <= 6 : isHeading(line);
    return headingLike && Posting.classify(head) == Posting.Section.REQUIRED;
  }

  /** A short line that is not a list item and does not end like a sentence: "About the role". */
  private static boolean isHeading(String line) {
    String s = line.strip();
    return s.length() <= 60 && !BULLET_LINE.matcher(line).matches() && !s.matches(".*[.,;]$");
  }

  /**
   * The terms of one text with their frequencies: canonical vocabulary terms (prefixed {@code #}, once
   * each) and stemmed content words.
   */
  static Map<String, Integer> terms(String text) {
    return text == null ? Map.of() : memo(TERMS, TEXTS_REMEMBERED, text, Bm25::extract);
  }

  private static <V> V memo(Map<String, V> table, int limit, String key, Function<String, V> compute) {
    V v = table.get(key);
    if (v == null) {
      v = compute.apply(key);
      if (table.size() >= limit) {
        table.clear();
      }
      table.put(key, v);
    }
    return v;
  }

  private static Map<String, Integer> extract(String text) {
    Map<String, Integer> out = new HashMap<>();
    if (text.isBlank()) {
      return Map.of();
    }
    for (String k : Keywords.extract(text)) {
      out.put("#" + k.toLowerCase(Locale.ROOT), 1);
    }
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (w.length() < 2 || STOPWORDS.contains(w) || w.chars().allMatch(Character::isDigit)) {
        continue;
      }
      out.merge(stem(w), 1, Integer::sum);
    }
    return Map.copyOf(out);
  }

  private static boolean isKeyword(String term) {
    return term.startsWith("#");
  }

  /** The scorer's light stemmer ({@link Words#stem}), so a skill's word forms match the same way in both. */
  static String stem(String w) {
    return Words.stem(w);
  }
}
