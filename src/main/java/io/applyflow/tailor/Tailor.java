package io.applyflow.tailor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.applyflow.profile.Contact;
import io.applyflow.score.Keywords;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The deterministic tailoring engine: selects and orders the resume's own bullets, summary sentences and
 * skills by relevance to a job description. It never writes text: every bullet, title, employer, date,
 * school, degree and skill in the output is copied verbatim from the JSON Resume document, and every
 * bullet keeps the id of its source.
 *
 * <p><b>Ranking.</b> The resume's bullets (work and project highlights, the summary or description of an
 * entry without highlights, and the sentences of {@code basics.summary}) are ranked against the
 * description with {@link Bm25}: skills of the {@link Keywords} vocabulary count as canonical terms
 * (synonyms match, and they weigh more than plain words), the other content words are stop-worded and
 * lightly stemmed, and IDF is taken over the resume's own bullets. {@link #relevance} exposes the scores.
 *
 * <p><b>Choosing.</b> A {@link Budget} caps the bullets of the whole resume (work and projects) and of each
 * role. Every role with bullets keeps its most relevant one, even past the budget; the remaining budget
 * goes to the most relevant bullets left, where the most recent job may hold {@link Budget#mostRecentRole}
 * bullets, every other role {@link Budget#otherRoles}, and a role's pull fades slightly with age (jobs by
 * start date, newest first, then projects), so a recent role wins a close call. Bullets with zero
 * relevance are dropped unless the role would be left empty. Roles stay in resume order; bullets within a
 * role are most relevant first, ties in resume order. A role without highlights falls back to its summary
 * (work) or description (project).
 *
 * <p><b>Summary.</b> A one-sentence summary is kept whole. Of a longer one the (at most
 * {@value #MAX_SUMMARY_SENTENCES}) most relevant sentences are kept in their original order, joined by a
 * single space, with an id naming them ({@code basics.summary[0,2]}); the whole summary, as written, keeps
 * the id {@code basics.summary}. When no sentence is relevant the first ones are kept.
 *
 * <p><b>Skills</b> are the keywords of each {@code skills[]} entry, and the name of an entry without keywords
 * (with keywords the name labels a group and is not itself a skill). They are ordered by how much the description
 * asks for them, ties in resume order; none is added or removed. The skills section prints one line per group
 * ("Name: a, b, c"), groups ordered by their most relevant skill, and the skills that stand alone on one line
 * without a label ({@link TailoredResume#skillLines()}).
 *
 * <p><b>Contact.</b> The name, email, phone, location and links are the profile's {@link Contact}, not
 * {@code basics} read again here, so the PDF header and the application form give the same values.
 *
 * <p>Pure, stateless and thread-safe. Tolerates missing or oddly typed parts of a resume (a string or an
 * object for {@code work[].location}, missing dates, {@code company} instead of {@code name}).
 */
public final class Tailor {

  /** Most summary sentences kept. */
  public static final int MAX_SUMMARY_SENTENCES = 3;
  /** Id of the summary bullet when the whole summary is kept. */
  public static final String SUMMARY_ID = "basics.summary";

  /** How much a role's pull on the budget fades per step of age (the n-th newest pulls 1 / (1 + n × this)). */
  private static final double AGE_FADE = 0.1;
  private static final String PRESENT = "Present";
  private static final Pattern SUMMARY_SELECTION = Pattern.compile("basics\\.summary\\[(\\d+(?:,\\d+)*)]");
  private static final Pattern DOTTED_ABBREVIATION = Pattern.compile("\\p{L}{1,2}(\\.\\p{L}{1,2})+");
  private static final Set<String> ABBREVIATIONS = Set.of(
      "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "approx", "incl", "dept", "cf", "eg", "ie",
      "no", "nos", "fig", "esp", "resp", "ca", "mt");
  private static final String OPENERS = "(\"'“‘[";
  private static final String CLOSERS = ")\"'”’]";

  /**
   * A page budget in bullet lines (work and project bullets; the summary paragraph is not counted).
   *
   * @param totalBullets   bullets for the whole resume; roles beyond it still keep one each
   * @param mostRecentRole most bullets for the most recent job (or the first project when there is no job)
   * @param otherRoles     most bullets for every other job or project
   */
  public record Budget(int totalBullets, int mostRecentRole, int otherRoles) {

    /** About one page: 22 bullet lines, up to 5 for the latest job and 3 for the others. */
    public static final Budget ONE_PAGE = new Budget(22, 5, 3);
    /** About two pages: 40 bullet lines, up to 6 for the latest job and 4 for the others. */
    public static final Budget TWO_PAGES = new Budget(40, 6, 4);

    /** Rejects a budget below one bullet anywhere. */
    public Budget {
      if (totalBullets < 1 || mostRecentRole < 1 || otherRoles < 1) {
        throw new IllegalArgumentException("a budget needs at least one bullet everywhere: " + totalBullets
            + "/" + mostRecentRole + "/" + otherRoles);
      }
    }
  }

  private Tailor() {
  }

  /** Tailors {@code resume} (a JSON Resume document) to {@code descriptionText} on one page; both may be null. */
  public static TailoredResume tailor(JsonNode resume, String descriptionText) {
    return tailor(resume, descriptionText, Budget.ONE_PAGE);
  }

  /**
   * Tailors {@code resume} to {@code descriptionText} within {@code budget}, with the contact details of the resume
   * alone; resume and text may be null.
   */
  public static TailoredResume tailor(JsonNode resume, String descriptionText, Budget budget) {
    return tailor(resume, Contact.of(resume, null), descriptionText, budget);
  }

  /**
   * Tailors {@code resume} to {@code descriptionText} within {@code budget}. The name, email, phone, location and
   * links come from {@code contact} (the profile's one resolution of them, which the application form uses too), so
   * the PDF header never disagrees with what the form sends; resume and text may be null.
   */
  public static TailoredResume tailor(JsonNode resume, Contact contact, String descriptionText, Budget budget) {
    JsonNode root = resume == null ? MissingNode.getInstance() : resume;
    Ranking ranking = rank(root, descriptionText);
    JsonNode basics = root.path("basics");

    Bullet summary = chooseSummary(text(basics.path("summary")), ranking);

    List<Source> roles = new ArrayList<>(ranking.sources());
    roles.removeIf(s -> s.kind() == Kind.SUMMARY);
    List<List<Bullet>> chosen = chooseBullets(roles, ranking.relevance(), budget);

    List<Role> work = new ArrayList<>();
    List<Role> projects = new ArrayList<>();
    int r = 0;
    for (JsonNode w : root.path("work")) {
      work.add(new Role(text(w.path("position")), organisation(w), Contact.location(w.path("location")),
          text(w.path("startDate")), end(w), chosen.get(r++)));
    }
    for (JsonNode p : root.path("projects")) {
      projects.add(new Role(text(p.path("name")), text(p.path("entity")), null,
          text(p.path("startDate")), end(p), chosen.get(r++)));
    }

    List<Education> education = new ArrayList<>();
    for (JsonNode e : root.path("education")) {
      education.add(new Education(text(e.path("institution")), text(e.path("studyType")),
          text(e.path("area")), text(e.path("startDate")), end(e)));
    }

    Skills skills = skills(root.path("skills"), ranking.bm25());

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
    if (!skills.flat().isEmpty()) {
      headings.add(TailoredResume.SKILLS);
    }
    if (!education.isEmpty()) {
      headings.add(TailoredResume.EDUCATION);
    }

    List<Link> links = contact.links().stream().map(l -> new Link(l.label(), l.url())).toList();
    return new TailoredResume(contact.name(), text(basics.path("label")), contact.email(), contact.phone(),
        contact.location(), links, summary, work, projects, education, skills.flat(), headings, skills.groups());
  }

  /**
   * The relevance of every bullet of the master resume to the description, in resume order (summary
   * sentences, then work, then projects), keyed by bullet id. A summary of several sentences is scored
   * per sentence ({@code basics.summary[0]}, {@code basics.summary[1]}, ...); a one-sentence summary is
   * {@code basics.summary}. Scores are BM25 scores: 0 for no overlap, comparable only within one call.
   */
  public static Map<String, Double> relevance(JsonNode resume, String descriptionText) {
    return rank(resume == null ? MissingNode.getInstance() : resume, descriptionText).relevance();
  }

  /**
   * Splits {@code text} into sentences, each trimmed and otherwise verbatim. A sentence ends at ".", "!"
   * or "?" (with any closing bracket or quote) followed by white space and a capital, a digit or an
   * opening bracket or quote; not after abbreviations such as "e.g.", "U.S.", "Dr." or an initial, and
   * never inside a token such as "Node.js" or "3.5". A null or blank text has no sentences.
   */
  public static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int n = text.length();
    int start = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c != '.' && c != '!' && c != '?') {
        continue;
      }
      int j = i + 1;
      while (j < n && ".!?".indexOf(text.charAt(j)) >= 0) {
        j++;
      }
      while (j < n && CLOSERS.indexOf(text.charAt(j)) >= 0) {
        j++;
      }
      if (j == n || !Character.isWhitespace(text.charAt(j))) {
        continue;
      }
      int k = j;
      while (k < n && Character.isWhitespace(text.charAt(k))) {
        k++;
      }
      if (k == n || !startsSentence(text.charAt(k)) || (c == '.' && j == i + 1 && isAbbreviation(text, i))) {
        continue;
      }
      addTrimmed(out, text.substring(start, j));
      start = k;
      i = k - 1;
    }
    addTrimmed(out, text.substring(start));
    return out;
  }

  /**
   * The sentence indices a summary bullet id names: every sentence for {@code basics.summary}, the listed
   * ones for {@code basics.summary[0,2]}; empty for any other id.
   */
  static List<Integer> summarySentences(String id, int sentenceCount) {
    if (SUMMARY_ID.equals(id)) {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < Math.max(1, sentenceCount); i++) {
        all.add(i);
      }
      return all;
    }
    Matcher m = id == null ? null : SUMMARY_SELECTION.matcher(id);
    if (m == null || !m.matches()) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>();
    for (String s : m.group(1).split(",")) {
      out.add(Integer.parseInt(s));
    }
    return out;
  }

  // ---- ranking: one place, used by tailor(), relevance() and TailorDiff

  /** Kind of a group of master bullets. */
  enum Kind { SUMMARY, WORK, PROJECT }

  /**
   * The master resume's bullets for one role (or the summary's sentences), in resume order.
   *
   * @param kind    summary, job or project
   * @param index   position of the job or project in its array; 0 for the summary
   * @param label   "title · organisation" (or whichever of them exists), or "Summary"
   * @param start   start date as written; may be null
   * @param bullets the candidate bullets: highlights, else the fallback text; sentences for the summary
   */
  record Source(Kind kind, int index, String label, String start, List<Bullet> bullets) {
  }

  /** The master bullets with their relevance, and the ranker that scored them. */
  record Ranking(List<Source> sources, Map<String, Double> relevance, Bm25 bm25) {
  }

  static Ranking rank(JsonNode root, String descriptionText) {
    List<Source> sources = sources(root);
    List<Bullet> all = sources.stream().flatMap(s -> s.bullets().stream()).toList();
    Bm25 bm25 = new Bm25(descriptionText, all.stream().map(Bullet::text).toList());
    Map<String, Double> relevance = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      relevance.put(all.get(i).id(), bm25.score(i));
    }
    return new Ranking(sources, Collections.unmodifiableMap(relevance), bm25);
  }

  /** The summary (when there is one), then every job, then every project, in resume order. */
  static List<Source> sources(JsonNode root) {
    List<Source> out = new ArrayList<>();
    String summary = text(root.path("basics").path("summary"));
    if (summary != null) {
      List<String> sentences = sentences(summary);
      List<Bullet> bullets = new ArrayList<>();
      if (sentences.size() <= 1) {
        bullets.add(new Bullet(SUMMARY_ID, summary));
      } else {
        for (int i = 0; i < sentences.size(); i++) {
          bullets.add(new Bullet(SUMMARY_ID + "[" + i + "]", sentences.get(i)));
        }
      }
      out.add(new Source(Kind.SUMMARY, 0, TailoredResume.SUMMARY, null, bullets));
    }
    int i = 0;
    for (JsonNode w : root.path("work")) {
      out.add(new Source(Kind.WORK, i, label(text(w.path("position")), organisation(w), "work[" + i + "]"),
          text(w.path("startDate")), candidates("work[" + i + "]", w, "summary")));
      i++;
    }
    i = 0;
    for (JsonNode p : root.path("projects")) {
      out.add(new Source(Kind.PROJECT, i, label(text(p.path("name")), text(p.path("entity")), "projects[" + i + "]"),
          text(p.path("startDate")), candidates("projects[" + i + "]", p, "description")));
      i++;
    }
    return out;
  }

  private static List<Bullet> candidates(String prefix, JsonNode entry, String fallbackField) {
    List<Bullet> out = new ArrayList<>();
    int j = 0;
    for (JsonNode h : entry.path("highlights")) {
      String t = text(h);
      if (t != null) {
        out.add(new Bullet(prefix + ".highlights[" + j + "]", t));
      }
      j++;
    }
    if (out.isEmpty()) {
      String fallback = text(entry.path(fallbackField));
      if (fallback != null) {
        out.add(new Bullet(prefix + "." + fallbackField, fallback));
      }
    }
    return out;
  }

  private static String label(String title, String organisation, String fallback) {
    if (title != null && organisation != null && !title.equals(organisation)) {
      return title + " · " + organisation;
    }
    return title != null ? title : organisation != null ? organisation : fallback;
  }

  // ---- choosing

  private static Bullet chooseSummary(String summary, Ranking ranking) {
    if (summary == null) {
      return null;
    }
    List<Bullet> sentences = ranking.sources().get(0).bullets();
    if (sentences.size() == 1) {
      return sentences.get(0);
    }
    List<Scored<Integer>> ranked = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      ranked.add(new Scored<>(i, ranking.relevance().get(sentences.get(i).id()), i));
    }
    ranked.sort(Scored.BEST_FIRST);
    List<Integer> keep = ranked.stream().filter(s -> s.score() > 0).limit(MAX_SUMMARY_SENTENCES)
        .map(Scored::value).sorted().collect(Collectors.toCollection(ArrayList::new));
    if (keep.isEmpty()) {
      for (int i = 0; i < Math.min(MAX_SUMMARY_SENTENCES, sentences.size()); i++) {
        keep.add(i);
      }
    }
    if (keep.size() == sentences.size()) {
      return new Bullet(SUMMARY_ID, summary);
    }
    return new Bullet(
        SUMMARY_ID + keep.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")),
        keep.stream().map(i -> sentences.get(i).text()).collect(Collectors.joining(" ")));
  }

  /** The chosen bullets of each role (jobs then projects, as in {@code roles}), most relevant first. */
  private static List<List<Bullet>> chooseBullets(List<Source> roles, Map<String, Double> relevance,
      Budget budget) {
    int n = roles.size();
    // age rank: jobs by start date (ISO dates sort as strings), newest first, undated last; then projects
    List<Integer> byAge = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      byAge.add(r);
    }
    byAge.sort(Comparator.<Integer>comparingInt(r -> roles.get(r).kind() == Kind.WORK ? 0 : 1)
        .thenComparing(r -> roles.get(r).kind() == Kind.WORK ? roles.get(r).start() : null,
            Comparator.nullsLast(Comparator.<String>reverseOrder()))
        .thenComparingInt(r -> r));
    int[] age = new int[n];
    for (int a = 0; a < n; a++) {
      age[byAge.get(a)] = a;
    }

    List<List<Scored<Bullet>>> ranked = new ArrayList<>();
    List<List<Bullet>> chosen = new ArrayList<>();
    int used = 0;
    for (Source role : roles) {
      List<Scored<Bullet>> candidates = new ArrayList<>();
      for (int j = 0; j < role.bullets().size(); j++) {
        Bullet b = role.bullets().get(j);
        candidates.add(new Scored<>(b, relevance.get(b.id()), j));
      }
      candidates.sort(Scored.BEST_FIRST);
      ranked.add(candidates);
      List<Bullet> keep = new ArrayList<>();
      if (!candidates.isEmpty()) {
        keep.add(candidates.get(0).value()); // every role keeps its best bullet, budget or not
        used++;
      }
      chosen.add(keep);
    }

    record Claim(int role, int age, Scored<Bullet> bullet, double pull) {
    }
    List<Claim> claims = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      int cap = age[r] == 0 ? budget.mostRecentRole() : budget.otherRoles();
      List<Scored<Bullet>> candidates = ranked.get(r);
      for (int j = 1; j < Math.min(cap, candidates.size()); j++) {
        Scored<Bullet> c = candidates.get(j);
        if (c.score() > 0) {
          claims.add(new Claim(r, age[r], c, c.score() / (1 + AGE_FADE * age[r])));
        }
      }
    }
    // Within a role the pull is the relevance times a constant, so a role's claims are met best first.
    claims.sort(Comparator.comparingDouble((Claim c) -> -c.pull()).thenComparingInt(Claim::age)
        .thenComparingInt(c -> c.bullet().index()));
    for (Claim c : claims) {
      if (used >= budget.totalBullets()) {
        break;
      }
      chosen.get(c.role()).add(c.bullet().value());
      used++;
    }
    return chosen;
  }

  /** The resume's skills, most relevant first, and the same skills as the lines of the skills section. */
  private record Skills(List<String> flat, List<SkillGroup> groups) {
  }

  /**
   * Reads JSON Resume {@code skills[]}: an entry with keywords is a group labelled by its name (the name is not a
   * skill); an entry with only a name is a skill on its own, and all of those share one unlabelled line, which sits
   * where the first of them is. Skills are de-duplicated case-insensitively across the whole list, first wins; a
   * group left with nothing is dropped. Each skill is scored by how much the description asks for it; groups are
   * ordered by their best skill, ties in resume order.
   */
  private static Skills skills(JsonNode entries, Bm25 bm25) {
    Set<String> seen = new HashSet<>(); // lower case
    List<String> labels = new ArrayList<>();
    List<List<Scored<String>>> members = new ArrayList<>();
    List<Scored<String>> all = new ArrayList<>();
    int loose = -1; // the group of the skills that stand alone, once there is one
    for (JsonNode entry : entries) {
      String name = text(entry.path("name"));
      List<String> keywords = new ArrayList<>();
      entry.path("keywords").forEach(k -> {
        if (text(k) != null) {
          keywords.add(text(k));
        }
      });
      int group;
      if (keywords.isEmpty()) {
        if (name == null) {
          continue;
        }
        if (loose < 0) {
          loose = labels.size();
          labels.add(null);
          members.add(new ArrayList<>());
        }
        group = loose;
        keywords.add(name);
      } else {
        group = labels.size();
        labels.add(name);
        members.add(new ArrayList<>());
      }
      for (String skill : keywords) {
        if (seen.add(skill.toLowerCase(Locale.ROOT))) {
          Scored<String> scored = new Scored<>(skill, bm25.demand(skill), all.size());
          all.add(scored);
          members.get(group).add(scored);
        }
      }
    }

    List<Scored<SkillGroup>> groups = new ArrayList<>();
    for (int g = 0; g < labels.size(); g++) {
      List<Scored<String>> m = members.get(g);
      if (m.isEmpty()) {
        continue;
      }
      m.sort(Scored.BEST_FIRST);
      groups.add(new Scored<>(new SkillGroup(labels.get(g), m.stream().map(Scored::value).toList()),
          m.get(0).score(), g));
    }
    groups.sort(Scored.BEST_FIRST);
    all.sort(Scored.BEST_FIRST);
    return new Skills(all.stream().map(Scored::value).toList(), groups.stream().map(Scored::value).toList());
  }

  // ---- sentences

  private static boolean startsSentence(char c) {
    return Character.isUpperCase(c) || Character.isTitleCase(c) || Character.isDigit(c) || OPENERS.indexOf(c) >= 0;
  }

  /** Whether the period at {@code dot} closes an abbreviation ("e.g.", "U.S.", "Dr.", "J.") rather than a sentence. */
  private static boolean isAbbreviation(String text, int dot) {
    int b = dot;
    while (b > 0 && !Character.isWhitespace(text.charAt(b - 1)) && OPENERS.indexOf(text.charAt(b - 1)) < 0) {
      b--;
    }
    String word = text.substring(b, dot);
    if (word.isEmpty()) {
      return false;
    }
    return (word.length() == 1 && Character.isUpperCase(word.charAt(0)))
        || DOTTED_ABBREVIATION.matcher(word).matches()
        || ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
  }

  private static void addTrimmed(List<String> out, String s) {
    String t = s.strip();
    if (!t.isEmpty()) {
      out.add(t);
    }
  }

  // ---- copying facts

  private static String organisation(JsonNode w) {
    return text(w.path("name")) != null ? text(w.path("name")) : text(w.path("company"));
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

  /** A value with its relevance and its position in the resume (the tie-breaker). */
  private record Scored<T>(T value, double score, int index) {
    static final Comparator<Scored<?>> BEST_FIRST =
        Comparator.<Scored<?>>comparingDouble(s -> -s.score()).thenComparingInt(Scored::index);
  }
}
