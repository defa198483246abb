package io.applyflow.score;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.score.Posting.Section;
import io.applyflow.score.Posting.Sentence;
import io.applyflow.search.Level;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.DateTimeException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
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
 * Deterministic match score of a job against a JSON Resume, with a breakdown ({@link ScoreDetail}). Needs no
 * LLM; pure, stateless and thread-safe, and cheap enough for an event loop (a Jsoup parse and a few regex
 * passes; a 1,000-word description against a 40-bullet resume takes well under 5 ms warm).
 *
 * <p>The description is split into sections ({@link Posting}); a term weighs 3 in a requirements section,
 * 2 in responsibilities (and in the title), 1 in the rest of the posting's own text and in nice-to-have,
 * 0 in company boilerplate (about us, benefits, equal-opportunity text, how to apply; by heading or by the
 * sentence's own words). The employer's own name is never a keyword. Sub-scores, each 0–100:
 * <ul>
 *   <li><b>skills</b>: the weighted share of the description's {@link Keywords} vocabulary terms that the
 *       resume names, synonyms included (each term counts once, at its heaviest section); when the terms weigh
 *       less than three requirement terms ({@link #MIN_EVIDENCE}), the shortfall counts at the keyword share,
 *       so a posting naming one skill is not a perfect fit on that skill alone;
 *   <li><b>keywords</b>: the weighted share of its {@value #SALIENT} heaviest other content words and
 *       two-word phrases (stop words removed, lightly stemmed, weights summed over occurrences) that the
 *       resume contains; a phrase matches when both its words appear in one resume field;
 *   <li><b>experience</b>: years of work in {@code work[]} (overlaps counted once, internships included,
 *       {@code volunteer[]} not; a missing end date is {@code today}) against the years the requirements ask
 *       for, or, when they name none, the years the title's {@link Level} implies (entry 0, mid 2, senior 5,
 *       staff or principal 7): 100 when met, else {@code 100 · have / asked};
 *   <li><b>education</b>: the highest degree in {@code education[]} against the one asked: 100 when none is
 *       asked or it is met, 50 one level short, 25 two, 0 more; "or equivalent experience" raises that to 75
 *       when experience is met, 50 otherwise.
 * </ul>
 * The total weighs skills {@value #W_SKILLS}, keywords {@value #W_KEYWORDS}, experience {@value #W_EXPERIENCE}
 * and education {@value #W_EDUCATION}: skills are the most specific evidence of fit; keywords add the
 * domain words the vocabulary lacks but are noisier; experience and education are coarse gates.
 * A description with nothing recognisable scores 0 on skills and keywords and says so.
 *
 * <p>Resume text searched: the fields listed on {@link ResumeText}.
 */
public final class Scorer {

  static final double W_SKILLS = 0.45;
  static final double W_KEYWORDS = 0.20;
  static final double W_EXPERIENCE = 0.20;
  static final double W_EDUCATION = 0.15;
  static final int SALIENT = 25;
  /** Term weight below which the skills share is topped up with the keyword share: three requirement terms. */
  static final double MIN_EVIDENCE = 3 * Section.REQUIRED.weight;

  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’]*");
  private static final Pattern JOINER = Pattern.compile("[ \\t\\-]+");
  private static final Pattern SENIOR_PLUS = Pattern.compile("(?i)\\b(staff|principal|distinguished|fellow)\\b");
  private static final Set<String> PRESENT = Set.of("", "present", "current", "now", "today", "ongoing");

  private Scorer() {
  }

  /**
   * Scores the job ({@code title}, and {@code descriptionHtml}, HTML or plain text) against {@code resume}.
   * Null or empty inputs are allowed: a missing resume matches nothing, a missing description asks nothing.
   * {@code today} ends jobs that have no end date.
   */
  public static ScoreDetail score(String title, String descriptionHtml, JsonNode resume, LocalDate today) {
    return score(title, descriptionHtml, List.of(), resume, today);
  }

  /**
   * As {@link #score(String, String, JsonNode, LocalDate)}, for a job of the employer named {@code employer} (its
   * company name, its board token; nulls and blanks are skipped). A posting names its employer everywhere ("At Acme
   * Robotics we...", "Acme's fleet"), and a keyword the resume can never match says nothing about fit, so the
   * names are not keywords; see {@link EmployerNames}.
   */
  public static ScoreDetail score(String title, String descriptionHtml, Collection<String> employer,
      JsonNode resume, LocalDate today) {
    String jobTitle = title == null ? "" : title.strip();
    Posting posting = Posting.parse(descriptionHtml);
    List<String> names = new ArrayList<>(employer == null ? List.of() : employer);
    names.addAll(posting.companyNames);
    EmployerNames employerNames = EmployerNames.of(names);
    List<Sentence> sentences = new ArrayList<>();
    if (!jobTitle.isEmpty()) {
      sentences.add(new Sentence(jobTitle, Section.RESPONSIBILITIES));
    }
    sentences.addAll(posting.sentences);

    String resumeText = ResumeText.of(resume);
    Set<String> resumeTerms = new HashSet<>(Keywords.extract(resumeText));
    ResumeWords resumeWords = ResumeWords.of(resumeText);

    Map<String, Tally> terms = new LinkedHashMap<>();
    Map<String, Tally> candidates = new LinkedHashMap<>();
    int offset = 0;
    for (Sentence s : sentences) {
      double w = s.section().weight;
      if (w > 0) {
        String text = s.text();
        StringBuilder masked = new StringBuilder(text);
        for (Keywords.Hit h : Keywords.find(text)) {
          terms.computeIfAbsent(h.term(), k -> new Tally(k, List.of())).see(w, offset + h.start());
          for (int i = h.start(); i < h.end(); i++) {
            masked.setCharAt(i, '|');
          }
        }
        collectWords(employerNames.mask(masked.toString()), w, offset, candidates);
      }
      offset += s.text().length() + 1;
    }

    // skills
    double wanted = 0;
    double had = 0;
    boolean anyCore = terms.values().stream().anyMatch(t -> t.max >= Section.RESPONSIBILITIES.weight);
    List<Tally> coreMatching = new ArrayList<>();
    List<Tally> coreMissing = new ArrayList<>();
    for (Tally t : terms.values()) {
      boolean has = resumeTerms.contains(t.label);
      t.matched = has;
      wanted += t.max;
      had += has ? t.max : 0;
      if (!anyCore || t.max >= Section.RESPONSIBILITIES.weight) {
        (has ? coreMatching : coreMissing).add(t);
      }
    }

    // keywords
    List<Tally> salient = salient(candidates);
    double kwWanted = 0;
    double kwHad = 0;
    for (Tally c : salient) {
      c.matched = resumeWords.contains(c.stems);
      kwWanted += c.sum;
      kwHad += c.matched ? c.sum : 0;
    }
    int keywords = kwWanted > 0 ? (int) Math.round(100 * kwHad / kwWanted) : 0;
    // Thin vocabulary evidence: fill the shortfall up to MIN_EVIDENCE with the keyword share, so one matched
    // term out of one does not read as a perfect fit, and a posting without vocabulary terms still gets a skills
    // score from its other words.
    double kwShare = kwWanted > 0 ? kwHad / kwWanted : 0;
    double evidence = Math.max(wanted, MIN_EVIDENCE);
    int skills = (int) Math.round(100 * (had + kwShare * (evidence - wanted)) / evidence);

    // experience
    double have = yearsOfExperience(resume, today);
    Posting.Years years = posting.years();
    Level level = Level.ofTitle(jobTitle);
    double asked = years != null ? years.asked() : impliedYears(level, jobTitle);
    int experience = asked <= 0 || have >= asked ? 100 : (int) Math.max(0, Math.round(100 * have / asked));

    // education
    Posting.Degree degree = posting.degree();
    int held = Degrees.held(resume);
    int education = 100;
    if (degree != null && held < degree.level()) {
      int shortBy = degree.level() - held;
      education = shortBy == 1 ? 50 : shortBy == 2 ? 25 : 0;
      if (degree.soft()) {
        education = Math.max(education, experience >= 100 ? 75 : 50);
      }
    }

    int total = (int) Math.round(W_SKILLS * skills + W_KEYWORDS * keywords + W_EXPERIENCE * experience
        + W_EDUCATION * education);
    total = Math.max(0, Math.min(100, total));

    List<Tally> all = new ArrayList<>(terms.values());
    all.addAll(salient);
    List<String> matchingKeywords = all.stream().filter(t -> t.matched)
        .sorted(Comparator.comparingInt((Tally t) -> t.position)).map(t -> t.label).toList();
    List<String> missingKeywords = all.stream().filter(t -> !t.matched).sorted(HEAVIEST_FIRST)
        .map(t -> t.label).toList();
    List<String> matchingSkills = coreMatching.stream().sorted(Comparator.comparingInt((Tally t) -> t.position))
        .map(t -> t.label).toList();
    List<String> missingSkills = coreMissing.stream().sorted(HEAVIEST_FIRST).map(t -> t.label).toList();

    String explanation = explain(skills, keywords, experience, education, terms.isEmpty(), salient.isEmpty(),
        missingSkills, years, level, jobTitle, asked, have, degree, held);
    return new ScoreDetail(total, skills, keywords, experience, education, matchingKeywords, missingKeywords,
        matchingSkills, missingSkills, years == null ? null : years.asked(), round1(have),
        degree == null ? null : degree.describe(), explanation);
  }

  // --- keywords ---------------------------------------------------------------------------------------

  /** Adds the content words and adjacent content-word pairs of one sentence to {@code into}. */
  private static void collectWords(String text, double weight, int offset, Map<String, Tally> into) {
    Matcher m = TOKEN.matcher(text);
    String prevStem = null;
    String prevDisplay = null;
    int prevStart = 0;
    int prevEnd = -1;
    while (m.find()) {
      String content = Words.content(m.group());
      if (content == null) {
        prevStem = null;
        continue;
      }
      String stem = Words.stem(content);
      String display = Words.display(m.group());
      into.computeIfAbsent(stem, k -> new Tally(display, List.of(stem)))
          .see(weight, offset + m.start());
      if (prevStem != null && !prevStem.equals(stem)
          && JOINER.matcher(text.substring(prevEnd, m.start())).matches()) {
        String first = prevStem;
        String label = prevDisplay + " " + display;
        into.computeIfAbsent(first + " " + stem, k -> new Tally(label, List.of(first, stem)))
            .see(weight, offset + prevStart);
      }
      prevStem = stem;
      prevDisplay = display;
      prevStart = m.start();
      prevEnd = m.end();
    }
  }

  /**
   * The {@value #SALIENT} heaviest candidates; on equal weight a phrase beats a single word; a candidate that
   * shares a word with one already taken is skipped.
   */
  private static List<Tally> salient(Map<String, Tally> candidates) {
    List<Tally> ranked = new ArrayList<>(candidates.values());
    ranked.sort(Comparator.comparingDouble((Tally c) -> -c.sum)
        .thenComparingInt(c -> -c.stems.size()).thenComparingInt(c -> c.position));
    List<Tally> out = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Tally c : ranked) {
      if (out.size() == SALIENT) {
        break;
      }
      if (c.stems.stream().noneMatch(used::contains)) {
        out.add(c);
        used.addAll(c.stems);
      }
    }
    return out;
  }

  /** The stems of the resume's words, overall and per field (one line of the resume text). */
  private record ResumeWords(Set<String> all, List<Set<String>> lines) {
    static ResumeWords of(String text) {
      Set<String> all = new HashSet<>();
      List<Set<String>> lines = new ArrayList<>();
      for (String line : text.split("\n")) {
        Set<String> stems = new HashSet<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
          stems.add(Words.stem(Words.withoutPossessive(m.group())));
        }
        all.addAll(stems);
        lines.add(stems);
      }
      return new ResumeWords(all, lines);
    }

    boolean contains(List<String> stems) {
      if (stems.size() == 1) {
        return all.contains(stems.get(0));
      }
      return lines.stream().anyMatch(l -> l.containsAll(stems));
    }
  }

  /**
   * A vocabulary term or a salient word (with its stems) of the posting: its heaviest and summed section weights,
   * its first position, and whether the resume has it.
   */
  private static final class Tally {
    final String label;
    final List<String> stems;
    double max;
    double sum;
    int position = Integer.MAX_VALUE;
    boolean matched;

    Tally(String label, List<String> stems) {
      this.label = label;
      this.stems = stems;
    }

    void see(double weight, int at) {
      max = Math.max(max, weight);
      sum += weight;
      position = Math.min(position, at);
    }
  }

  private static final Comparator<Tally> HEAVIEST_FIRST = Comparator.comparingDouble((Tally s) -> -s.sum)
      .thenComparingInt(s -> s.position);

  // --- experience -------------------------------------------------------------------------------------

  /**
   * Years covered by {@code work[]} up to {@code today}, overlapping jobs counted once. A start date is needed;
   * "2019-03-01", "2019-03" and "2019" are read (a month or year alone as its first day when starting, its last
   * when ending); a missing, blank or "Present" end date is {@code today}.
   */
  static double yearsOfExperience(JsonNode resume, LocalDate today) {
    if (resume == null) {
      return 0;
    }
    List<LocalDate[]> spans = new ArrayList<>();
    for (JsonNode w : resume.path("work")) {
      LocalDate start = date(w.path("startDate").asText(""), false);
      String endText = w.path("endDate").asText("").strip();
      LocalDate end = PRESENT.contains(endText.toLowerCase(Locale.ROOT)) ? today : date(endText, true);
      if (start == null || end == null) {
        continue;
      }
      if (end.isAfter(today)) {
        end = today;
      }
      if (end.isAfter(start)) {
        spans.add(new LocalDate[] {start, end});
      }
    }
    spans.sort(Comparator.comparing((LocalDate[] s) -> s[0]));
    long days = 0;
    LocalDate from = null;
    LocalDate to = null;
    for (LocalDate[] s : spans) {
      if (to == null || s[0].isAfter(to)) {
        days += to == null ? 0 : ChronoUnit.DAYS.between(from, to);
        from = s[0];
        to = s[1];
      } else if (s[1].isAfter(to)) {
        to = s[1];
      }
    }
    days += to == null ? 0 : ChronoUnit.DAYS.between(from, to);
    return days / 365.25;
  }

  private static LocalDate date(String s, boolean end) {
    String t = s.strip();
    try {
      if (t.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
        return LocalDate.parse(t.substring(0, 10));
      }
      if (t.matches("\\d{4}-\\d{1,2}")) {
        YearMonth ym = YearMonth.of(Integer.parseInt(t.substring(0, 4)), Integer.parseInt(t.substring(5)));
        return end ? ym.atEndOfMonth() : ym.atDay(1);
      }
      if (t.matches("\\d{4}")) {
        int y = Integer.parseInt(t);
        return end ? LocalDate.of(y, 12, 31) : LocalDate.of(y, 1, 1);
      }
    } catch (DateTimeException e) {
      return null;
    }
    return null;
  }

  /** Years a title implies when the posting names none: entry 0, mid 2, senior 5, staff or principal 7. */
  static double impliedYears(Level level, String title) {
    return switch (level) {
      case ENTRY -> 0;
      case MID -> 2;
      case SENIOR -> SENIOR_PLUS.matcher(title).find() ? 7 : 5;
    };
  }

  // --- explanation ------------------------------------------------------------------------------------

  private static String explain(int skills, int keywords, int experience, int education, boolean noTerms,
      boolean noWords, List<String> missingSkills, Posting.Years years, Level level, String title, double asked,
      double have, Posting.Degree degree, int held) {
    String[] names = {"skills", "keywords", "experience", "education"};
    int[] values = {skills, keywords, experience, education};
    int best = 0;
    int worst = 0;
    for (int i = 1; i < values.length; i++) {
      best = values[i] > values[best] ? i : best;
      worst = values[i] < values[worst] ? i : worst;
    }
    StringBuilder sb = new StringBuilder();
    if (values[best] == values[worst]) {
      sb.append("Every sub-score is ").append(values[best]).append('.');
    } else {
      sb.append("Strongest is ").append(names[best]).append(" (").append(values[best]).append("), weakest is ")
          .append(names[worst]).append(" (").append(values[worst]).append(").");
    }
    if (noTerms && noWords) {
      sb.append(" The description names no skills, technologies or other requirements we recognise,"
          + " so skills and keywords score 0.");
    } else if (noTerms) {
      sb.append(" The description names no skills or technologies we recognise, so skills follow the keywords.");
    } else if (missingSkills.isEmpty()) {
      sb.append(" The resume names every skill the requirements list.");
    } else {
      sb.append(" Missing skills: ").append(String.join(", ", missingSkills.subList(0,
          Math.min(3, missingSkills.size())))).append('.');
    }
    String shows = "the resume shows " + String.format(Locale.ROOT, "%.1f", have) + " years";
    String degreeAsked = "";
    if (degree != null && held < degree.level()) {
      degreeAsked = " and " + Degrees.name(degree.level()) + (degree.soft() ? " (or equivalent experience)" : "");
      shows += " and " + Degrees.name(held);
    }
    if (years == null) {
      String lvl = level.name().toLowerCase(Locale.ROOT);
      if (asked > 0 && SENIOR_PLUS.matcher(title).find()) {
        lvl = "staff/principal";
      }
      sb.append(" The posting names no years of experience, so the ").append(lvl).append("-level title implies ")
          .append(Posting.fmt(asked)).append(" years").append(degreeAsked).append("; ").append(shows).append('.');
    } else {
      sb.append(" The posting asks for ").append(years.phrase()).append(years.asked() == 0 ? " (entry level)" : "")
          .append(degreeAsked).append("; ").append(shows).append('.');
    }
    return sb.toString();
  }

  private static double round1(double d) {
    return Math.round(d * 10) / 10.0;
  }
}
