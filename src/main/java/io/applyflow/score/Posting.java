package io.applyflow.score;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * A job description split into sentences, each tagged with the kind of section it sits in, plus the years of
 * experience and the degree it asks for. Used by {@link Scorer}; pure, and every instance is immutable once
 * {@link #parse} returns.
 *
 * <p>Reads either the sanitised HTML of a Greenhouse description or plain text. Sections start at headings:
 * {@code h1}–{@code h6}, a paragraph that is wholly bold, a short line ending with a colon, or a short line
 * that names a known section ("Requirements", "What you will do", "Nice to have", "Benefits"...), also
 * inline as in "Requirements: SQL, Excel". Greenhouse's {@code div.content-intro} and
 * {@code div.content-conclusion} are company boilerplate whatever their headings say, and so is any sentence whose
 * words are about pay and benefits, the law or how to apply ({@link Boilerplate}), wherever it sits. A sentence
 * that says its skill "is a plus", "preferred" or "a bonus" counts as nice to have even inside a requirements
 * section.
 *
 * <p>{@link #classify} is the one heading classifier of the project: the tailoring ranker and the interview
 * questions read sections through it too.
 */
public final class Posting {

  /** Section kinds and how much a term found in each weighs. */
  public enum Section {
    REQUIRED(3), RESPONSIBILITIES(2), GENERAL(1), NICE(1), BOILERPLATE(0);

    final double weight;

    Section(double weight) {
      this.weight = weight;
    }
  }

  /** One sentence of the description and the section it counts for. */
  record Sentence(String text, Section section) {
  }

  /** Years asked: the lower bound of the strongest requirement, or 0 when only "up to N years" is named. */
  record Years(double asked, String phrase) {
  }

  /** Degree asked: 1 associate, 2 bachelor, 3 master, 4 PhD; soft when "or equivalent experience" follows. */
  record Degree(int level, boolean soft) {
    String describe() {
      return Degrees.name(level) + (soft ? " or equivalent experience" : "");
    }
  }

  private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^>]*)?/?>");
  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
  private static final Set<String> PARAGRAPHS = Set.of("p", "dt", "dd", "td", "th", "blockquote", "pre",
      "figcaption", "summary");
  private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "img", "svg",
      "iframe", "head", "title");
  private static final Set<String> BLOCKS = Set.of("div", "section", "article", "header", "footer", "main",
      "aside", "ul", "ol", "li", "dl", "table", "thead", "tbody", "tr", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
      "p", "dt", "dd", "td", "th", "blockquote", "pre", "figure", "figcaption", "details", "summary", "body",
      "nav", "form", "fieldset");

  private static final Pattern BOILERPLATE_HEADING = Pattern.compile("benefit|perks|what we offer|we offer"
      + "|compensation|salary|pay range|pay transparency|equal (employment )?opportunit|\\beeo\\b|diversity"
      + "|inclusion|accommodation|why join|why work|life at|our values|our culture|how to apply|who we are"
      + "|our mission|our story|privacy|^location|where you will work|^where you will be\\b|working at|what you get"
      + "|total rewards");
  private static final Pattern NICE_HEADING = Pattern.compile("nice to have|nice-to-have|bonus|preferred"
      + "|\\bplus\\b|would be great|good to have|desirable|extra credit|not required|optional|ideally"
      + "|even better|stand out");
  private static final Pattern REQUIRED_HEADING = Pattern.compile("requirement|qualification|looking for"
      + "|you have|you will have|you bring|what you need|you will need|we need|must have|must-have|who you are"
      + "|skills|what it takes|you might be|you may be|ideal candidate|to succeed|minimum|basic|required"
      + "|expertise|background|your experience|what we expect|you are|we want|you should");
  private static final Pattern RESPONSIBILITY_HEADING = Pattern.compile("what you will do|you will do"
      + "|responsibilit|duties|day to day|day-to-day|you will work on|what you will be doing|your impact"
      + "|the impact|in this role|your role|the job involves|you will|key tasks|your mission|the work"
      + "|you will own|your day|what you do|you will be");
  private static final Pattern GENERAL_HEADING = Pattern.compile("^about the (role|job|position|team"
      + "|opportunity|work)|^about this (role|job|position)|overview|summary|the role|the job|the position"
      + "|the opportunity|the team|description");
  /** Phrases that make a sentence nice to have; plain substrings of the lower-cased sentence, which is fast. */
  private static final List<String> NICE_SENTENCE = List.of(" a plus", "a bonus", "nice to have", "nice-to-have",
      "preferred", "ideally", "an advantage", "would be great", "not required", "desirable", "helpful but",
      "(optional)", " optional:");
  /**
   * Phrases that make a sentence of a general section ("About the role") a requirement: many real postings list
   * what they ask for there ("You have experience with Kubernetes").
   */
  private static final List<String> REQUIRED_SENTENCE = List.of(" you have ", " you've ", " experience with ",
      " experience in ", " proficien", " you are comfortable ", " knowledge of ", " familiarity with ",
      " you can reason ", " you know ", " expertise in ", " years of ");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[:.!?]+$");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'(])|(?<=;)\\s+");
  private static final Pattern BULLET = Pattern.compile("^(?:[-*•·–—▪◦‣>]+|\\d{1,2}[.)])\\s*");

  private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(Map.entry("one", 1),
      Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
      Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
      Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
      Map.entry("fifteen", 15), Map.entry("twenty", 20));
  private static final String NUM = "\\d{1,2}(?:\\.\\d)?|one|two|three|four|five|six|seven|eight|nine|ten"
      + "|eleven|twelve|thirteen|fourteen|fifteen|twenty";
  private static final Pattern YEARS = Pattern.compile("(?<![\\w.])(?:(?<pre>at least|a minimum of|minimum of"
      + "|minimum|min\\.|over|more than|up to|no more than|less than|under|a maximum of|maximum of|max\\.)\\s+)?"
      + "(?<a>" + NUM + ")\\s*(?<plus>\\+|plus)?\\s*(?:(?:-|–|—|to)\\s*(?<b>" + NUM + ")\\s*\\+?\\s*)?"
      + "(?<more>or more|or greater|or above|and above|and up)?\\s*(?:full[- ]time\\s+)?years?(?!\\w)"
      + "(?:'|’)?(?<after>\\s+\\S+)?", Pattern.CASE_INSENSITIVE);
  private static final Set<String> NOT_EXPERIENCE_AFTER = Set.of("old", "ago", "while", "from", "later",
      "after", "before", "per", "away", "until", "since", "into");
  private static final Set<String> NOT_EXPERIENCE_BEFORE = Set.of("for", "within", "last", "past", "next",
      "first", "every", "each", "after", "over");
  private static final Pattern SOFT_DEGREE = Pattern.compile("or equivalent|equivalent (practical |work "
      + "|professional |industry )?experience|or related experience|or comparable experience"
      + "|degree or (relevant )?experience|or (relevant )?experience in lieu", Pattern.CASE_INSENSITIVE);

  /** Sections searched for years and degrees: requirements first, then the rest of the posting's own text. */
  private static final Set<Section> REQUIRED_ONLY = Set.of(Section.REQUIRED);
  private static final Set<Section> OTHER_SECTIONS = Set.of(Section.RESPONSIBILITIES, Section.GENERAL);

  /** The description's sentences in order, each with its section. */
  final List<Sentence> sentences = new ArrayList<>();
  /** The company's name as "About &lt;company&gt;" headings give it, lower case; not keywords. */
  final Set<String> companyNames = new LinkedHashSet<>();
  private Section current = Section.GENERAL;

  private Posting() {
  }

  /** Splits {@code description} (HTML or plain text; null is empty) into tagged sentences. */
  static Posting parse(String description) {
    Posting p = new Posting();
    String d = description == null ? "" : description;
    if (!TAG.matcher(d).find() && d.contains("&lt;")) {
      d = Parser.unescapeEntities(d, false);
    }
    if (TAG.matcher(d).find()) {
      p.walk(Jsoup.parseBodyFragment(d).body(), false);
    } else {
      p.lines(d, false, true);
    }
    return p;
  }

  /**
   * The sentences of {@code description} that sit in {@code section}, in order (the tailoring's prompts carry the
   * requirements and responsibilities, never the benefits or the legal text).
   */
  public static List<String> sentences(String description, Section section) {
    return parse(description).sentences.stream().filter(s -> s.section() == section).map(Sentence::text).toList();
  }

  /** The years the requirement sections ask for; failing those, any section but nice-to-have and boilerplate. */
  Years years() {
    Years y = years(REQUIRED_ONLY);
    return y != null ? y : years(OTHER_SECTIONS);
  }

  /** The degree the requirement sections ask for (the highest asked, the lowest of "X or Y"); null if none. */
  Degree degree() {
    Degree d = degree(REQUIRED_ONLY);
    return d != null ? d : degree(OTHER_SECTIONS);
  }

  private Years years(Set<Section> in) {
    double asked = -1;
    String phrase = null;
    double upTo = -1;
    for (Sentence s : sentences) {
      if (!in.contains(s.section())) {
        continue;
      }
      if (!s.text().toLowerCase(Locale.ROOT).contains("year")) {
        continue;
      }
      Matcher m = YEARS.matcher(s.text());
      while (m.find()) {
        String pre = lower(m.group("pre"));
        String after = lower(m.group("after")).trim().replaceAll("[^\\p{L}-]", "");
        String before = lastWord(s.text().substring(0, m.start()));
        if (NOT_EXPERIENCE_AFTER.contains(after) || pre.isEmpty() && NOT_EXPERIENCE_BEFORE.contains(before)) {
          continue;
        }
        double a = number(m.group("a"));
        double b = m.group("b") == null ? -1 : number(m.group("b"));
        if (a > 30 || b > 30) {
          continue;
        }
        if (pre.equals("up to") || pre.equals("no more than") || pre.equals("less than") || pre.equals("under")
            || pre.contains("max")) {
          upTo = Math.max(upTo, b >= 0 ? b : a);
          continue;
        }
        if (a > asked) {
          asked = a;
          boolean plus = m.group("plus") != null || m.group("more") != null || !pre.isEmpty();
          phrase = fmt(a) + (b >= 0 ? "–" + fmt(b) : plus ? "+" : "") + " years";
        }
      }
    }
    if (asked >= 0) {
      return new Years(asked, phrase);
    }
    return upTo >= 0 ? new Years(0, "up to " + fmt(upTo) + " years") : null;
  }

  private Degree degree(Set<Section> in) {
    Degree best = null;
    for (Sentence s : sentences) {
      if (!in.contains(s.section())) {
        continue;
      }
      int level = Degrees.askedIn(s.text());
      if (level <= 0) {
        continue;
      }
      boolean soft = SOFT_DEGREE.matcher(s.text()).find();
      if (best == null || level > best.level() || level == best.level() && best.soft() && !soft) {
        best = new Degree(level, soft);
      }
    }
    return best;
  }

  // --- HTML -------------------------------------------------------------------------------------------

  private void walk(Element el, boolean boiler) {
    String tag = el.normalName();
    if (SKIPPED.contains(tag)) {
      return;
    }
    boolean b = boiler || el.hasClass("content-intro") || el.hasClass("content-conclusion");
    if (HEADINGS.contains(tag)) {
      heading(el.text(), b);
      return;
    }
    if (PARAGRAPHS.contains(tag)) {
      paragraph(el, b);
      return;
    }
    // A list item is content, never a heading, so its lines skip heading detection.
    boolean item = tag.equals("li");
    StringBuilder inline = new StringBuilder();
    for (Node n : el.childNodes()) {
      if (n instanceof Element c && BLOCKS.contains(c.normalName())) {
        flush(inline, b, item);
        walk(c, b);
      } else {
        inlineText(n, inline);
      }
    }
    flush(inline, b, item);
  }

  /** A paragraph: a heading when it is wholly bold, a heading and text when it starts with a bold heading. */
  private void paragraph(Element p, boolean boiler) {
    String text = p.text().trim();
    if (text.isEmpty()) {
      return;
    }
    Element first = p.childrenSize() > 0 ? p.child(0) : null;
    boolean leadsBold = first != null && Set.of("strong", "b").contains(first.normalName())
        && !first.text().isBlank() && text.startsWith(first.text().trim());
    if (leadsBold && first.text().trim().length() == text.length() && words(text) <= 8) {
      heading(text, boiler);
      return;
    }
    if (leadsBold) {
      String head = first.text().trim();
      if (words(head) <= 6 && (head.endsWith(":") || classify(head) != null)) {
        heading(head, boiler);
        sentences(text.substring(head.length()), boiler);
        return;
      }
    }
    StringBuilder sb = new StringBuilder();
    inlineText(p, sb);
    lines(sb.toString(), boiler, false);
  }

  private static void inlineText(Node n, StringBuilder sb) {
    if (n instanceof TextNode t) {
      sb.append(t.getWholeText().replace('\n', ' '));
    } else if (n instanceof Element e) {
      if (e.normalName().equals("br")) {
        sb.append('\n');
      } else if (!SKIPPED.contains(e.normalName())) {
        for (Node c : e.childNodes()) {
          inlineText(c, sb);
        }
      }
    }
  }

  private void flush(StringBuilder inline, boolean boiler, boolean item) {
    String text = inline.toString();
    inline.setLength(0);
    if (text.isBlank()) {
      return;
    }
    if (item) {
      sentences(text.replace('\n', ' ').strip(), boiler);
    } else {
      lines(text, boiler, false);
    }
  }

  // --- plain text -------------------------------------------------------------------------------------

  /**
   * Plain text, line by line. With {@code join}, lines that continue a paragraph (no blank line, bullet or
   * heading in between) are joined first, since plain-text descriptions are often hard-wrapped; in HTML a line
   * break is meant, so each line stands alone.
   */
  private void lines(String text, boolean boiler, boolean join) {
    StringBuilder para = new StringBuilder();
    for (String raw : text.split("\\R")) {
      String stripped = raw.strip();
      Matcher bullet = BULLET.matcher(stripped);
      boolean isBullet = bullet.lookingAt() && bullet.end() < stripped.length();
      String line = isBullet ? stripped.substring(bullet.end()).strip() : stripped;
      if (line.isEmpty()) {
        paragraph(para, boiler);
        continue;
      }
      boolean terminal = line.endsWith(".") || line.endsWith("!") || line.endsWith("?");
      boolean startsParagraph = para.length() == 0 || ".!?:".indexOf(para.charAt(para.length() - 1)) >= 0;
      if (!isBullet && startsParagraph && !terminal && words(line) <= 8 && line.length() <= 60
          && (line.endsWith(":") || classify(line) != null)) {
        paragraph(para, boiler);
        heading(line, boiler);
        continue;
      }
      if (isBullet || !join) {
        paragraph(para, boiler);
      }
      para.append(para.length() == 0 ? "" : " ").append(line);
    }
    paragraph(para, boiler);
  }

  /** One plain-text paragraph, which may open with an inline heading ("Requirements: SQL, Excel"). */
  private void paragraph(StringBuilder para, boolean boiler) {
    String text = para.toString().strip();
    para.setLength(0);
    if (text.isEmpty()) {
      return;
    }
    int colon = text.indexOf(':');
    if (colon > 0 && words(text.substring(0, colon)) <= 5 && classify(text.substring(0, colon)) != null) {
      heading(text.substring(0, colon), boiler);
      sentences(text.substring(colon + 1), boiler);
    } else {
      sentences(text, boiler);
    }
  }

  private void heading(String text, boolean boiler) {
    Section kind = classify(text);
    String n = normalise(text);
    if (n.startsWith("about ") && (boiler || kind == Section.BOILERPLATE)) {
      companyNames.add(n.substring(6));
    }
    if (!boiler) {
      current = kind == null ? Section.GENERAL : kind;
    }
  }

  private void sentences(String text, boolean boiler) {
    Section section = boiler ? Section.BOILERPLATE : current;
    for (String s : SENTENCE_END.split(text.strip())) {
      String t = s.strip();
      if (t.isEmpty()) {
        continue;
      }
      Section own = section;
      if (section != Section.BOILERPLATE && Boilerplate.of(t, contains(t, REQUIRED_SENTENCE)) != null) {
        own = Section.BOILERPLATE;
      } else if (section != Section.BOILERPLATE && section != Section.NICE && contains(t, NICE_SENTENCE)) {
        own = Section.NICE;
      } else if (section == Section.GENERAL && contains(t, REQUIRED_SENTENCE)) {
        own = Section.REQUIRED;
      }
      sentences.add(new Sentence(t, own));
    }
  }

  private static boolean contains(String sentence, List<String> phrases) {
    String l = " " + sentence.toLowerCase(Locale.ROOT).replace('’', '\'') + " ";
    for (String phrase : phrases) {
      if (l.contains(phrase)) {
        return true;
      }
    }
    return false;
  }

  /** The section a heading names ("What we're looking for" → REQUIRED), or null when it names none we know. */
  public static Section classify(String heading) {
    String h = normalise(heading);
    if (h.isEmpty()) {
      return null;
    }
    if (h.startsWith("about ")) {
      String rest = h.substring(6);
      if (rest.equals("you")) {
        return Section.REQUIRED;
      }
      return GENERAL_HEADING.matcher(h).find() ? Section.GENERAL : Section.BOILERPLATE;
    }
    if (BOILERPLATE_HEADING.matcher(h).find()) {
      return Section.BOILERPLATE;
    }
    if (NICE_HEADING.matcher(h).find()) {
      return Section.NICE;
    }
    if (REQUIRED_HEADING.matcher(h).find()) {
      return Section.REQUIRED;
    }
    if (RESPONSIBILITY_HEADING.matcher(h).find()) {
      return Section.RESPONSIBILITIES;
    }
    return GENERAL_HEADING.matcher(h).find() ? Section.GENERAL : null;
  }

  private static String normalise(String heading) {
    String h = heading.toLowerCase(Locale.ROOT).replace('’', '\'').replace("you'll", "you will")
        .replace("we're", "we are").replace("you're", "you are").replace("you've", "you have")
        .replace("&", "and");
    return SPACES.matcher(TRAILING_PUNCTUATION.matcher(h).replaceAll("")).replaceAll(" ").strip();
  }

  private static int words(String s) {
    String t = s.strip();
    return t.isEmpty() ? 0 : SPACES.split(t).length;
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static String lastWord(String s) {
    String[] w = s.strip().toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
    return w.length == 0 ? "" : w[w.length - 1];
  }

  private static double number(String s) {
    Integer w = NUMBER_WORDS.get(s.toLowerCase(Locale.ROOT));
    return w != null ? w : Double.parseDouble(s);
  }

  static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
