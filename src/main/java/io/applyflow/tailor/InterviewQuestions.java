package io.applyflow.tailor;

import io.applyflow.score.Posting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Template interview questions for one job, used when no LLM is configured or the LLM's questions fail
 * the {@link FactGate}. Every question is fixed wording (lower-case words after each sentence's first)
 * around words copied from the description, the resume's own bullets, the job title and the company, so
 * the questions pass a gate built with the description, title and company as allowed facts.
 *
 * <p>The description's sections are found by their headings ({@code <h1>}–{@code <h6>}, a bold-only
 * paragraph, a short line ending in a colon, or in plain text a short line): "What you will do",
 * "Responsibilities", "In this role" ... are responsibilities; "What we are looking for", "Requirements",
 * "Qualifications", "You have", "About you" ... are requirements; "Nice to have", "Bonus", "Preferred"
 * ... are extras. Their list items ({@code <li>}, or lines starting with {@code -}, {@code *} or
 * {@code •}) become questions, in the posting's order:
 * <ul>
 *   <li>a responsibility that starts with a known verb: "Tell me about a time you built React screens
 *       that ...". The leading verb (and a verb joined to it by "and" before any "that", "to", "which" ...)
 *       goes to the past tense from a fixed table; otherwise "How would you approach: ...?";</li>
 *   <li>a requirement that names {@link io.applyflow.score.Keywords} terms: "How have you used data
 *       structures and algorithms in your work? Walk us through an example." (up to three terms, as
 *       written); one that says "experience with/in/building ...": "Tell us about your experience ...";
 *       otherwise "Which part of your background best shows this: ...?". Requirements that name terms
 *       come first;</li>
 *   <li>then up to two of the candidate's chosen bullets ("Walk us through: ..."), and "Why &lt;company&gt;?".</li>
 * </ul>
 * At most {@value #MAX} questions (up to three responsibilities, then requirements, then extras while
 * there are fewer than three), at least {@value #MIN}: generic questions naming the title and company
 * fill the gap, and stand alone when no section is found. No duplicates; the same input gives the same
 * list. Pure and thread-safe.
 */
public final class InterviewQuestions {

  /** Most questions returned. */
  public static final int MAX = 8;
  /** Fewest questions returned. */
  public static final int MIN = 5;

  private static final int MAX_PER_SECTION = 3;
  private static final int MAX_BULLETS = 2;
  private static final int MAX_TERMS = 3;

  private static final Map<String, String> PAST = Map.ofEntries(
      Map.entry("act", "acted"), Map.entry("advocate", "advocated"), Map.entry("analyse", "analysed"),
      Map.entry("analyze", "analyzed"), Map.entry("architect", "architected"), Map.entry("assist", "assisted"),
      Map.entry("automate", "automated"), Map.entry("build", "built"), Map.entry("champion", "championed"),
      Map.entry("collaborate", "collaborated"), Map.entry("collect", "collected"),
      Map.entry("communicate", "communicated"), Map.entry("conduct", "conducted"),
      Map.entry("configure", "configured"), Map.entry("contribute", "contributed"),
      Map.entry("coordinate", "coordinated"), Map.entry("create", "created"), Map.entry("debug", "debugged"),
      Map.entry("define", "defined"), Map.entry("deliver", "delivered"), Map.entry("deploy", "deployed"),
      Map.entry("design", "designed"), Map.entry("develop", "developed"), Map.entry("document", "documented"),
      Map.entry("drive", "drove"), Map.entry("engage", "engaged"), Map.entry("establish", "established"),
      Map.entry("evaluate", "evaluated"), Map.entry("expose", "exposed"), Map.entry("grow", "grew"),
      Map.entry("guide", "guided"), Map.entry("help", "helped"), Map.entry("hire", "hired"),
      Map.entry("implement", "implemented"), Map.entry("improve", "improved"),
      Map.entry("integrate", "integrated"), Map.entry("investigate", "investigated"),
      Map.entry("keep", "kept"), Map.entry("lead", "led"), Map.entry("maintain", "maintained"),
      Map.entry("make", "made"), Map.entry("manage", "managed"), Map.entry("mentor", "mentored"),
      Map.entry("migrate", "migrated"), Map.entry("monitor", "monitored"), Map.entry("operate", "operated"),
      Map.entry("optimise", "optimised"), Map.entry("optimize", "optimized"), Map.entry("own", "owned"),
      Map.entry("participate", "participated"), Map.entry("partner", "partnered"), Map.entry("plan", "planned"),
      Map.entry("present", "presented"), Map.entry("prototype", "prototyped"), Map.entry("reduce", "reduced"),
      Map.entry("represent", "represented"), Map.entry("research", "researched"),
      Map.entry("review", "reviewed"), Map.entry("run", "ran"), Map.entry("scale", "scaled"),
      Map.entry("set", "set"), Map.entry("shape", "shaped"), Map.entry("share", "shared"),
      Map.entry("ship", "shipped"), Map.entry("study", "studied"), Map.entry("support", "supported"),
      Map.entry("take", "took"), Map.entry("teach", "taught"), Map.entry("test", "tested"),
      Map.entry("translate", "translated"), Map.entry("triage", "triaged"), Map.entry("turn", "turned"),
      Map.entry("visualise", "visualised"), Map.entry("visualize", "visualized"), Map.entry("work", "worked"),
      Map.entry("write", "wrote"), Map.entry("synthesise", "synthesised"), Map.entry("synthesize", "synthesized"),
      Map.entry("prepare", "prepared"), Map.entry("recruit", "recruited"), Map.entry("facilitate", "facilitated"),
      Map.entry("identify", "identified"), Map.entry("produce", "produced"), Map.entry("provide", "provided"),
      Map.entry("respond", "responded"), Map.entry("resolve", "resolved"), Map.entry("answer", "answered"),
      Map.entry("handle", "handled"), Map.entry("speak", "spoke"), Map.entry("demonstrate", "demonstrated"),
      Map.entry("gather", "gathered"), Map.entry("coach", "coached"), Map.entry("interview", "interviewed"),
      Map.entry("model", "modelled"), Map.entry("clean", "cleaned"), Map.entry("query", "queried"),
      Map.entry("advise", "advised"), Map.entry("onboard", "onboarded"), Map.entry("troubleshoot", "troubleshot"),
      Map.entry("join", "joined"), Map.entry("scope", "scoped"), Map.entry("estimate", "estimated"),
      Map.entry("prioritise", "prioritised"), Map.entry("prioritize", "prioritized"), Map.entry("track", "tracked"),
      Map.entry("measure", "measured"), Map.entry("report", "reported"), Map.entry("explore", "explored"),
      Map.entry("connect", "connected"), Map.entry("harden", "hardened"), Map.entry("audit", "audited"),
      Map.entry("secure", "secured"), Map.entry("understand", "understood"));

  private static final Pattern FIRST_WORD = Pattern.compile("^(\\p{L}+)");
  private static final Pattern CLAUSE = Pattern.compile("(?i)\\b(?:that|which|who|whom|to|so|where|when|while|"
      + "because|if)\\b");
  private static final Pattern AND_VERB = Pattern.compile("(,?\\s+and\\s+)(\\p{L}+)\\b");
  private static final Pattern EXPERIENCE = Pattern.compile("(?i)\\bexperience\\s+((?:with|in|of|building|"
      + "running|setting|shipping|leading|using|designing|operating|owning|working)\\b.*)");
  private static final Pattern BULLET_LINE = Pattern.compile("^[-*•·]\\s+(.+)$");
  private static final Pattern INLINE_HEADING = Pattern.compile("^([^:]{3,40}):\\s+(.+)$");

  private InterviewQuestions() {
  }

  private enum Kind { RESPONSIBILITY, REQUIREMENT, EXTRA, OTHER }

  /**
   * Questions for the job: from the description's sections, the candidate's chosen bullets and the company.
   *
   * @param descriptionHtml the posting's HTML (entity-escaped HTML and plain text work too); may be null
   * @param jobTitle        the posting's title; may be null
   * @param company         the employer, as the posting names it; may be null
   * @param resume          the tailored resume, for the bullet questions; may be null
   */
  public static List<String> template(String descriptionHtml, String jobTitle, String company,
      TailoredResume resume) {
    String title = blank(jobTitle) ? null : jobTitle.strip();
    String co = blank(company) ? null : company.strip();
    Map<Kind, List<String>> items = sections(descriptionHtml);

    List<String> bullets = resume == null ? List.of()
        : CoverLetter.highlights(resume, MAX_BULLETS).stream().map(b -> "Walk us through: " + sentence(b.text()))
            .toList();
    int room = MAX - 1 - bullets.size();

    Questions q = new Questions();
    items.get(Kind.RESPONSIBILITY).stream().limit(MAX_PER_SECTION)
        .forEach(i -> q.add(responsibility(i, items.get(Kind.OTHER)), room));
    int fromDescription = q.size();
    List<String> requirements = new ArrayList<>(items.get(Kind.REQUIREMENT));
    requirements.sort(Comparator.comparing(i -> FactGate.writtenKeywords(i).isEmpty())); // stable: named terms first
    for (String r : requirements) {
      if (q.size() - fromDescription == MAX_PER_SECTION) {
        break;
      }
      q.add(requirement(r, items.get(Kind.OTHER)), room);
    }
    for (String e : items.get(Kind.EXTRA)) {
      if (q.size() >= MAX_PER_SECTION) {
        break;
      }
      q.add(requirement(e, items.get(Kind.OTHER)), room);
    }
    bullets.forEach(b -> q.add(b, MAX - 1));
    if (q.size() < MIN - 1) {
      generic(title, co).forEach(g -> q.add(g, MIN - 1));
    }
    q.add(co == null ? "Why do you want this role?" : "Why " + co + "?", MAX);
    return q.list();
  }

  private static List<String> generic(String title, String co) {
    List<String> out = new ArrayList<>();
    if (title != null) {
      out.add("What interests you about the " + title + " role" + (co == null ? "" : " at " + co) + "?");
    }
    out.add("Tell me about a project you are proud of and what you would do differently today.");
    out.add("Tell me about a time you had to learn something new quickly.");
    out.add("Tell me about a disagreement with a teammate and how you resolved it.");
    out.add("How do you decide what to work on first when several things are urgent?");
    return out;
  }

  private static String responsibility(String item, List<String> context) {
    Matcher m = FIRST_WORD.matcher(item);
    String verb = m.find() ? PAST.get(m.group(1).toLowerCase(Locale.ROOT)) : null;
    if (verb == null) {
      return "How would you approach: " + lowerFirst(item, context) + "?";
    }
    String rest = item.substring(m.end());
    Matcher clause = CLAUSE.matcher(rest);
    int stop = clause.find() ? clause.start() : rest.length();
    Matcher and = AND_VERB.matcher(rest).region(0, stop);
    StringBuilder sb = new StringBuilder();
    while (and.find()) {
      String past = PAST.get(and.group(2).toLowerCase(Locale.ROOT));
      String word = past != null && and.group(2).equals(and.group(2).toLowerCase(Locale.ROOT)) ? past : and.group(2);
      and.appendReplacement(sb, Matcher.quoteReplacement(and.group(1) + word));
    }
    and.appendTail(sb);
    return "Tell me about a time you " + verb + sb + ".";
  }

  private static String requirement(String item, List<String> context) {
    List<String> terms = new ArrayList<>();
    for (String t : FactGate.writtenKeywords(item)) {
      if (terms.size() < MAX_TERMS && terms.stream().noneMatch(t::equalsIgnoreCase)) {
        terms.add(t);
      }
    }
    if (!terms.isEmpty()) {
      return "How have you used " + CoverLetter.list(terms) + " in your work? Walk us through an example.";
    }
    Matcher m = EXPERIENCE.matcher(item);
    if (m.find()) {
      return "Tell us about your experience " + m.group(1) + ".";
    }
    return "Which part of your background best shows this: " + lowerFirst(item, context) + "?";
  }

  /** Lower-cases the item's first letter when its first word is ordinary English, never a name. */
  private static String lowerFirst(String item, List<String> context) {
    Matcher m = FIRST_WORD.matcher(item);
    if (!m.find()) {
      return item;
    }
    String w = m.group(1);
    String lower = w.toLowerCase(Locale.ROOT);
    boolean simple = Character.isUpperCase(w.charAt(0)) && w.substring(1).equals(w.substring(1).toLowerCase(Locale.ROOT));
    boolean ordinary = FactGate.commonWord(lower) || PAST.containsKey(lower)
        || context.stream().anyMatch(c -> Pattern.compile("\\b" + Pattern.quote(lower) + "\\b").matcher(c).find());
    return simple && ordinary ? lower + item.substring(w.length()) : item;
  }

  /**
   * The description's list items by section. {@link Kind#OTHER} holds every paragraph and item text,
   * used only to tell ordinary words (written in lower case somewhere) from names.
   */
  private static Map<Kind, List<String>> sections(String description) {
    Map<Kind, List<String>> out = new LinkedHashMap<>();
    for (Kind k : Kind.values()) {
      out.put(k, new ArrayList<>());
    }
    if (blank(description)) {
      return out;
    }
    String html = description.contains("<") ? description : Parser.unescapeEntities(description, false);
    Document doc = Jsoup.parse(html);
    if (doc.body().select("li, p, h1, h2, h3, h4, h5, h6").isEmpty()) {
      plainText(html, out);
      return out;
    }
    Kind current = Kind.OTHER;
    for (Element e : doc.body().getAllElements()) {
      if (heading(e)) {
        current = classify(e.text());
      } else if (e.tagName().equals("li") && e.parents().stream().noneMatch(p -> p.tagName().equals("li"))) {
        String item = clean(e.text());
        if (!item.isEmpty()) {
          out.get(Kind.OTHER).add(item);
          if (current != Kind.OTHER) {
            out.get(current).add(item);
          }
        }
      } else if (e.tagName().equals("p")) {
        out.get(Kind.OTHER).add(e.text());
      }
    }
    return out;
  }

  private static void plainText(String text, Map<Kind, List<String>> out) {
    Kind current = Kind.OTHER;
    List<String> items = null; // the list the last item went to, for continuation lines
    for (String line : Parser.unescapeEntities(text, false).split("\\R")) {
      String t = line.strip();
      if (t.isEmpty()) {
        items = null;
        continue;
      }
      out.get(Kind.OTHER).add(t);
      Matcher bullet = BULLET_LINE.matcher(t);
      if (bullet.matches()) {
        items = current == Kind.OTHER ? null : out.get(current);
        if (items != null) {
          items.add(clean(bullet.group(1)));
        }
        continue;
      }
      if (items != null && Character.isWhitespace(line.charAt(0))) {
        items.set(items.size() - 1, clean(items.get(items.size() - 1) + " " + t));
        continue;
      }
      items = null;
      Matcher inline = INLINE_HEADING.matcher(t);
      if (inline.matches() && classify(inline.group(1)) != Kind.OTHER) {
        current = classify(inline.group(1));
        out.get(current).add(clean(inline.group(2)));
      } else if (t.length() <= 60 && !t.endsWith(".")) {
        current = classify(t);
      }
    }
  }

  private static boolean heading(Element e) {
    String tag = e.tagName();
    if (tag.matches("h[1-6]")) {
      return true;
    }
    if (!tag.equals("p")) {
      return false;
    }
    String text = e.text().strip();
    if (text.isEmpty() || text.length() > 80) {
      return false;
    }
    boolean boldOnly = e.children().size() == 1 && List.of("strong", "b").contains(e.child(0).tagName())
        && e.child(0).text().strip().equals(text);
    return boldOnly || text.endsWith(":");
  }

  /** The scorer's section of a heading ({@link Posting#classify}) as a kind of question. */
  private static Kind classify(String heading) {
    Posting.Section s = Posting.classify(heading);
    if (s == null) {
      return Kind.OTHER;
    }
    return switch (s) {
      case REQUIRED -> Kind.REQUIREMENT;
      case RESPONSIBILITIES -> Kind.RESPONSIBILITY;
      case NICE -> Kind.EXTRA;
      default -> Kind.OTHER;
    };
  }

  private static String clean(String item) {
    return item.replaceAll("\\s+", " ").strip().replaceAll("[.;,:]+$", "");
  }

  private static String sentence(String text) {
    String t = text.strip();
    return t.matches(".*[.!?]$") ? t : t + ".";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Questions without duplicates (ignoring case), each added only while the list is below a limit. */
  private static final class Questions {
    private final Map<String, String> byKey = new LinkedHashMap<>();

    void add(String question, int limit) {
      if (byKey.size() < limit) {
        byKey.putIfAbsent(question.toLowerCase(Locale.ROOT), question);
      }
    }

    int size() {
      return byKey.size();
    }

    List<String> list() {
      return List.copyOf(byKey.values());
    }
  }
}
