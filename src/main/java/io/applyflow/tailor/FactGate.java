package io.applyflow.tailor;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.score.Keywords;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fact gate: the check a reworded bullet, a cover letter or an interview question written by a
 * model must pass before we show or send it. {@link #offending(String)} lists the facts in a text that
 * the source does not contain; an empty list means the text passes. The source is every string (and
 * number) anywhere in the JSON Resume document plus the {@code alsoAllowed} texts (facts of the job
 * itself, such as the company name, the job title or the description's sentences).
 *
 * <p>Facts checked, and the rule for each:
 * <ul>
 *   <li><b>Numbers</b> ({@code 35}, {@code 10,000}, {@code 1.5}, {@code 400+}, {@code 10k}, {@code 2M},
 *       {@code 2019}) compare by numeric value: {@code 10,000}, {@code 10000} and {@code 10k} are one
 *       value, and a plain number is supported by the same value written any way in the source, including
 *       as a percentage or an amount. Number words from two to ninety-nine ({@code six}, {@code
 *       twenty-five}) are numbers too, both ways ({@code six-engineer} supports {@code 6}); "one" is not
 *       counted, it is too often not a quantity. A unit glued to a number ({@code 200ms}) is ignored.</li>
 *   <li><b>Percentages</b> ({@code 300%}, {@code 300 percent}, {@code 300 per cent}) need the same value
 *       as a percentage in the source: {@code 40%} is not supported by a team of {@code 40}.</li>
 *   <li><b>Multipliers</b> ({@code 3x}, {@code 3×}) need the same multiplier in the source.</li>
 *   <li><b>Money</b> ({@code $2M}, {@code €40k}, {@code £1.5 million}, {@code 200 dollars}) needs the same
 *       currency and value in the source ({@code $2M} = {@code $2,000,000} = {@code $2 million}).</li>
 *   <li><b>Dates</b>: a month with a year ({@code March 2020}, {@code Mar 2020}, {@code 2020-03},
 *       {@code 2020-03-01}) needs that month of that year in the source, written either way; a year alone is
 *       a number; a month alone ("in March") needs some date in that month in the source.</li>
 *   <li><b>Skills and technologies</b>: every {@link Keywords} term of the text must be a term of the source
 *       (compared canonically, so {@code Postgres} is supported by {@code PostgreSQL}).</li>
 *   <li><b>Names</b>: every word that starts with a capital letter, and every CamelCase, ALL-CAPS, dotted
 *       ({@code Node.js}, {@code example.com}) or letter-and-digit ({@code p99}, {@code S3}) token, must
 *       occur in the source, compared case-insensitively, ignoring a possessive {@code 's}, a plural
 *       {@code s} and British/American spelling ({@code -ise}/{@code -ize}, {@code -our}/{@code -or}, ...).
 *       Consecutive such words are one term ({@code Globex Corporation}), reported whole. Exempt: "I", "A",
 *       contractions, words that are part of a vocabulary term (judged by the skills rule), and a word that
 *       starts a sentence (or follows a colon, semicolon, bullet, dash or line break) when it is ordinary
 *       English: in a fixed list of common and resume words, written in lower case somewhere in the
 *       source (allowing for inflection and spelling), or a regular past tense ({@code -ed}).</li>
 * </ul>
 * Ordinary lower-case words are never facts, so rephrasing, reordering and spelling variants pass.
 *
 * <p>Known limits: the gate checks terms, not relations ("Staff Engineer at Dropbox" passes when the
 * resume has both, held at different employers; "Austin Data Group" passes when each word is in the
 * resume); the whole document counts as source, so a fact from a reference, an interest or a phone
 * number supports the same term or value anywhere; synonyms count as the skill ("latency" in the resume
 * supports "performance optimization"); a computed fact (years between two dates) is reported; an
 * invented lower-case word outside the vocabulary ("a nomad cluster") is not caught; and a sentence that
 * starts with an invented name that looks like ordinary English (ending in {@code -ed}, such as "Alfred",
 * or written in lower case elsewhere in the source) is taken for an ordinary word.
 *
 * <p>Built once per source, then immutable: deterministic and thread-safe.
 */
public final class FactGate {

  /** A word-like token: letters and digits, joined by {@code . ' ’ & /}, maybe ending in {@code +}/{@code #}. */
  private static final Pattern TOKEN =
      Pattern.compile("\\.?[\\p{L}\\p{N}]+(?:[.'’&/][\\p{L}\\p{N}]+)*[+#]*");
  private static final Pattern ISO_DATE =
      Pattern.compile("(?<![\\p{N}])((?:19|20)\\d{2})-(0[1-9]|1[0-2])(?:-[0-3]\\d)?(?![\\p{N}])");
  private static final String MONTH_NAMES = "January|February|March|April|May|June|July|August|September"
      + "|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
  private static final Pattern MONTH_DATE = Pattern.compile("\\b(" + MONTH_NAMES
      + ")\\.?(?:\\s+[0-3]?\\d(?:st|nd|rd|th)?)?,?\\s+((?:19|20)\\d{2})(?![\\p{N}])");
  private static final Pattern NUMBER = Pattern.compile(
      "(?<![\\p{L}\\p{N}.])(?:([$€£¥])\\s?|(USD|EUR|GBP)\\s?)?"
          + "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"
          + "(\\p{L}+)?(×)?"
          + "(?:\\s(million|billion|thousand|trillion)\\b)?"
          + "(\\+)?"
          + "(?:\\s?(%|percent\\b|per\\s+cent\\b))?"
          + "(?:\\s(dollars|euros|pounds|USD|EUR|GBP)\\b)?");
  private static final String UNITS = "two|three|four|five|six|seven|eight|nine";
  private static final String TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
      + "|eighteen|nineteen";
  private static final String TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
  private static final Pattern NUMBER_WORD = Pattern.compile("(?i)\\b(?:(" + TENS + ")(?:[-\\s](one|" + UNITS
      + "))?|(" + TEENS + "|" + UNITS + "))\\b(?:\\s?(%|percent\\b|per\\s+cent\\b))?");
  private static final List<String> WORD_VALUES = List.of("zero", "one", "two", "three", "four", "five", "six",
      "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
      "seventeen", "eighteen", "nineteen");
  private static final List<String> TENS_VALUES = List.of("twenty", "thirty", "forty", "fifty", "sixty",
      "seventy", "eighty", "ninety");
  private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december");
  private static final Map<String, String> CURRENCIES = Map.of("$", "USD", "€", "EUR", "£", "GBP", "¥", "JPY",
      "usd", "USD", "eur", "EUR", "gbp", "GBP", "dollars", "USD", "euros", "EUR", "pounds", "GBP");
  private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "etc", "vs", "a.m", "p.m");
  private static final Pattern RUN_GAP = Pattern.compile("[ \\t\\u00A0]+|[ \\t\\u00A0]*&[ \\t\\u00A0]*");

  /** Ordinary English that may start a sentence: function words, resume verbs, letter and question words. */
  private static final Set<String> COMMON = normalised(List.of(
      "a", "about", "above", "according", "across", "additionally", "after", "again", "against", "all",
      "along", "also", "although", "always", "am", "among", "an", "and", "another", "any", "are", "around",
      "as", "at", "be", "because", "been", "before", "being", "below", "best", "between", "beyond", "both",
      "but", "by", "can", "cheers", "could", "currently", "dear", "despite", "did", "do", "does", "during",
      "each", "early", "earlier", "either", "even", "ever", "every", "finally", "first", "for", "formerly",
      "from", "further", "given", "had", "has", "have", "he", "her", "here", "hers", "him", "his", "how",
      "however", "i", "if", "in", "including", "instead", "into", "is", "it", "its", "just", "kind",
      "last", "later", "lastly", "many", "may", "me", "meanwhile", "might", "mine", "more", "moreover",
      "most", "much", "must", "my", "neither", "next", "no", "nor", "not", "now", "of", "often", "on",
      "once", "one", "only", "onto", "or", "other", "otherwise", "our", "ours", "over", "overall", "per",
      "please", "previously", "recently", "regards", "respectfully", "several", "shall", "she", "should",
      "since", "sincerely", "so", "some", "still", "such", "than", "thank", "thanks", "that", "the",
      "their", "them", "then", "there", "therefore", "these", "they", "this", "those", "though",
      "through", "throughout", "thus", "to", "today", "together", "too", "toward", "towards", "under",
      "until", "upon", "us", "very", "via", "warm", "warmly", "was", "we", "well", "were", "what",
      "whatever", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will",
      "with", "within", "without", "would", "yes", "yet", "you", "your", "yours", "hello", "hi",
      // question and letter wording
      "tell", "walk", "describe", "explain", "give", "imagine", "suppose", "consider", "share", "let",
      "looking", "thinking", "happy", "glad", "excited", "eager", "keen", "interested", "again",
      // resume verbs (base forms; inflections are derived) and irregular past forms
      "accelerate", "achieve", "act", "add", "address", "adopt", "advise", "advocate", "align", "analyse",
      "apply", "architect", "assess", "assist", "audit", "author", "automate", "award", "boost", "brought",
      "build", "built", "began", "became", "champion", "chair", "clean", "coach", "collaborate", "collect",
      "complete", "conduct", "configure", "consolidate", "contribute", "convert", "coordinate", "create",
      "cut", "debug", "decrease", "define", "deliver", "deploy", "design", "develop", "devise", "diagnose",
      "direct", "document", "double", "drive", "drove", "earn", "enable", "engineer", "enhance", "ensure",
      "establish", "evaluate", "expand", "expose", "facilitate", "fix", "forecast", "found", "gather",
      "generate", "get", "got", "gave", "grow", "grew", "guide", "halve", "handle", "head", "held", "help",
      "hire", "host", "identify", "implement", "improve", "increase", "initiate", "innovate", "install",
      "integrate", "introduce", "invent", "investigate", "join", "keep", "kept", "launch", "lead", "led",
      "learn", "learnt", "leverage", "lower", "maintain", "make", "made", "manage", "map", "measure",
      "mentor", "merge", "migrate", "model", "modernise", "monitor", "move", "negotiate", "onboard",
      "open", "operate", "optimise", "orchestrate", "organise", "overhaul", "oversee", "oversaw", "own",
      "partner", "perform", "pilot", "pioneer", "plan", "port", "prepare", "present", "prioritise",
      "produce", "program", "promote", "propose", "prototype", "provide", "publish", "raise", "ran",
      "rebuild", "rebuilt", "recruit", "redesign", "reduce", "refactor", "refine", "release", "remove",
      "replace", "report", "research", "resolve", "restructure", "retain", "retrain", "review", "revamp",
      "rewrite", "rewrote", "rework", "run", "save", "scale", "schedule", "secure", "serve", "set",
      "ship", "simplify", "solve", "speak", "spoke", "spearhead", "standardise", "start", "streamline",
      "strengthen", "supervise", "support", "survey", "take", "took", "teach", "taught", "test", "track",
      "train", "transform", "translate", "triage", "troubleshoot", "tune", "turn", "unify", "upgrade",
      "use", "validate", "verify", "volunteer", "win", "won", "work", "write", "wrote", "written",
      // adjectives and adverbs that open resume lines
      "active", "actively", "closely", "consistently", "daily", "directly", "successfully",
      "independently", "jointly", "key", "major", "monthly", "new", "personally", "primary", "quickly",
      "regularly", "responsible", "significantly", "weekly", "annual", "annually", "present", "part",
      "full", "former", "current", "recent"));

  private final Set<String> tokens;
  private final Set<String> lowerStems;
  private final Set<String> keywords;
  private final Set<String> anyNumber;
  private final Set<String> percents;
  private final Set<String> multiples;
  private final Set<String> money;
  private final Set<String> monthYears;

  private FactGate(Set<String> tokens, Set<String> lowerStems, Set<String> keywords, Set<String> anyNumber,
      Set<String> percents, Set<String> multiples, Set<String> money, Set<String> monthYears) {
    this.tokens = Set.copyOf(tokens);
    this.lowerStems = Set.copyOf(lowerStems);
    this.keywords = Set.copyOf(keywords);
    this.anyNumber = Set.copyOf(anyNumber);
    this.percents = Set.copyOf(percents);
    this.multiples = Set.copyOf(multiples);
    this.money = Set.copyOf(money);
    this.monthYears = Set.copyOf(monthYears);
  }

  /**
   * A gate whose source is every string and number in {@code resume} (a JSON Resume document; null means
   * none) plus {@code alsoAllowed} (facts of the job that may be named; null and null elements are ignored).
   */
  public static FactGate of(JsonNode resume, Collection<String> alsoAllowed) {
    List<String> values = new ArrayList<>();
    collect(resume, values);
    if (alsoAllowed != null) {
      alsoAllowed.stream().filter(s -> s != null && !s.isBlank()).forEach(values::add);
    }
    Set<String> tokens = new HashSet<>();
    Set<String> lowerStems = new HashSet<>();
    Set<String> keywords = new HashSet<>();
    Set<String> anyNumber = new HashSet<>();
    Set<String> percents = new HashSet<>();
    Set<String> multiples = new HashSet<>();
    Set<String> money = new HashSet<>();
    Set<String> monthYears = new HashSet<>();
    for (String v : values) {
      // One value at a time, so no keyword or number spans two fields.
      keywords.addAll(Keywords.extract(v));
      for (Fact f : facts(v)) {
        switch (f.kind()) {
          case DATE -> {
            monthYears.add(f.key());
            anyNumber.add(f.key().substring(0, 4));
            String month = MONTHS.get(Integer.parseInt(f.key().substring(5)) - 1);
            tokens.add(month);
            tokens.add(month.substring(0, 3));
            if (month.equals("september")) {
              tokens.add("sept");
            }
          }
          case PERCENT -> percents.add(f.key());
          case MULTIPLE -> multiples.add(f.key());
          case MONEY -> money.add(f.key());
          default -> {
          }
        }
        if (f.kind() != Kind.DATE) {
          anyNumber.add(f.kind() == Kind.MONEY ? f.key().substring(4) : f.key());
        }
      }
      Matcher m = TOKEN.matcher(v);
      while (m.find()) {
        String t = m.group();
        addToken(tokens, t);
        for (String part : t.split("[/&]")) {
          addToken(tokens, part);
        }
        if (t.chars().allMatch(c -> Character.isLowerCase(c) || c == '\'' || c == '’')) {
          lowerStems.addAll(stems(normalise(stripApostrophe(t))));
        }
      }
    }
    return new FactGate(tokens, lowerStems, keywords, anyNumber, percents, multiples, money, monthYears);
  }

  /**
   * The facts in {@code text} that the source does not contain: distinct, in order of appearance, as
   * written in the text. Empty when the text passes (or is null or blank).
   */
  public List<String> offending(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<Offence> found = new ArrayList<>();
    boolean[] used = new boolean[text.length()];
    for (Fact f : facts(text)) {
      for (int i = f.start(); i < f.end(); i++) {
        used[i] = true;
      }
      boolean ok = switch (f.kind()) {
        case DATE -> monthYears.contains(f.key());
        case PLAIN -> anyNumber.contains(f.key());
        case PERCENT -> percents.contains(f.key());
        case MULTIPLE -> multiples.contains(f.key());
        case MONEY -> money.contains(f.key());
      };
      if (!ok) {
        found.add(new Offence(f.start(), f.written()));
      }
    }

    List<int[]> spans = tokenSpans(text);
    for (String term : Keywords.extract(text)) {
      if (!keywords.contains(term)) {
        int[] w = locate(text, spans, term);
        found.add(w == null ? new Offence(0, term) : new Offence(w[0], text.substring(w[0], w[1])));
      }
    }
    names(text, spans, used, found);

    found.sort(Comparator.comparingInt(Offence::start));
    Set<String> out = new LinkedHashSet<>();
    found.forEach(o -> out.add(o.text()));
    return List.copyOf(out);
  }

  /** The capitalised, CamelCase, ALL-CAPS, dotted and letter-and-digit tokens, grouped into runs. */
  private void names(String text, List<int[]> spans, boolean[] used, List<Offence> found) {
    List<int[]> run = new ArrayList<>(); // {start, end, status}
    int lastEnd = -1;
    for (int k = 0; k < spans.size(); k++) {
      int[] s = spans.get(k);
      String tok = text.substring(s[0], s[1]);
      Status status = overlaps(used, s) ? Status.NONE : status(text, spans, k, tok);
      boolean named = status != Status.NONE && status != Status.KEYWORD && status != Status.EXEMPT;
      boolean joins = !run.isEmpty() && named && RUN_GAP.matcher(text.substring(lastEnd, s[0])).matches();
      if (!joins) {
        report(text, run, found);
        run = new ArrayList<>();
      }
      if (named) {
        run.add(new int[] {s[0], s[1], status.ordinal()});
        lastEnd = s[1];
      }
    }
    report(text, run, found);
  }

  private static void report(String text, List<int[]> run, List<Offence> found) {
    int first = 0;
    while (first < run.size() && run.get(first)[2] == Status.ORDINARY.ordinal()) {
      first++;
    }
    boolean bad = run.stream().anyMatch(r -> r[2] == Status.UNSUPPORTED.ordinal());
    if (bad && first < run.size()) {
      int start = run.get(first)[0];
      String written = stripPossessive(text.substring(start, run.get(run.size() - 1)[1]));
      found.add(new Offence(start, written));
    }
  }

  private Status status(String text, List<int[]> spans, int k, String tok) {
    boolean hasLetter = tok.chars().anyMatch(Character::isLetter);
    boolean hasUpper = tok.chars().anyMatch(Character::isUpperCase);
    boolean hasDigit = tok.chars().anyMatch(Character::isDigit);
    String lower = tok.toLowerCase(Locale.ROOT);
    boolean dotted = tok.indexOf('.', 1) > 0 && !ABBREVIATIONS.contains(lower);
    boolean candidate = hasLetter && (hasUpper || dotted || hasDigit || tok.endsWith("+") || tok.endsWith("#"));
    if (!candidate) {
      return Status.NONE;
    }
    String core = stripApostrophe(tok);
    if (core.equals("I") || core.equals("A") || lower.endsWith("n't") || lower.endsWith("n’t")) {
      return Status.EXEMPT;
    }
    boolean simple = Character.isUpperCase(core.charAt(0))
        && core.substring(1).chars().allMatch(Character::isLowerCase);
    if (simple && sentenceStart(text, spans.get(k)[0]) && ordinary(core.toLowerCase(Locale.ROOT))) {
      return Status.ORDINARY;
    }
    if (known(core)) {
      return Status.SUPPORTED;
    }
    return inKeyword(text, spans, k) ? Status.KEYWORD : Status.UNSUPPORTED;
  }

  private boolean known(String token) {
    if (knownWhole(token)) {
      return true;
    }
    String[] parts = token.split("[/&]");
    if (parts.length < 2) {
      return false;
    }
    for (String p : parts) {
      if (!p.isEmpty() && !knownWhole(p)) {
        return false;
      }
    }
    return true;
  }

  private boolean knownWhole(String token) {
    String n = normalise(stripApostrophe(token).toLowerCase(Locale.ROOT));
    return tokens.contains(n) || tokens.contains(singular(n));
  }

  /** Ordinary English: a common word, a word the source writes in lower case, or a regular past tense. */
  private boolean ordinary(String lower) {
    String n = normalise(lower);
    for (String s : stems(n)) {
      if (COMMON.contains(s) || lowerStems.contains(s)) {
        return true;
      }
    }
    return n.length() >= 5 && n.endsWith("ed");
  }

  /** Whether {@code word} (lower case) is ordinary English by the fixed list alone; for the templates. */
  static boolean commonWord(String word) {
    String n = normalise(word.toLowerCase(Locale.ROOT));
    return stems(n).stream().anyMatch(COMMON::contains);
  }

  /** Does token {@code k} take part in a vocabulary term (judged by the skills rule, not as a name)? */
  private static boolean inKeyword(String text, List<int[]> spans, int k) {
    int lo = Math.max(0, k - 3);
    int hi = Math.min(spans.size() - 1, k + 3);
    if (Keywords.extract(window(text, spans, lo, hi)).isEmpty()) {
      return false;
    }
    for (int i = Math.max(0, k - 3); i <= k; i++) {
      for (int j = k; j <= Math.min(spans.size() - 1, i + 3); j++) {
        for (String t : Keywords.extract(window(text, spans, i, j))) {
          if (minimal(text, spans, i, j, t)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * The written form of each vocabulary term in {@code text}, in the order the terms first appear: the
   * smallest run of words that {@link Keywords} reads as the term ("postgres" for PostgreSQL).
   */
  static List<String> writtenKeywords(String text) {
    List<String> out = new ArrayList<>();
    List<int[]> spans = tokenSpans(text == null ? "" : text);
    for (String term : Keywords.extract(text)) {
      int[] w = locate(text, spans, term);
      out.add(w == null ? term : text.substring(w[0], w[1]));
    }
    return out;
  }

  /** {start, end} of the first smallest window of up to four tokens that reads as {@code term}. */
  private static int[] locate(String text, List<int[]> spans, String term) {
    for (int i = 0; i < spans.size(); i++) {
      for (int j = i; j < Math.min(spans.size(), i + 4); j++) {
        if (Keywords.extract(window(text, spans, i, j)).contains(term) && minimal(text, spans, i, j, term)) {
          return new int[] {spans.get(i)[0], spans.get(j)[1]};
        }
      }
    }
    return null;
  }

  private static boolean minimal(String text, List<int[]> spans, int i, int j, String term) {
    return i == j || (!Keywords.extract(window(text, spans, i + 1, j)).contains(term)
        && !Keywords.extract(window(text, spans, i, j - 1)).contains(term));
  }

  private static String window(String text, List<int[]> spans, int i, int j) {
    return text.substring(spans.get(i)[0], spans.get(j)[1]);
  }

  private static List<int[]> tokenSpans(String text) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    return spans;
  }

  /**
   * Whether the token at {@code start} opens a sentence: the text's start, or after {@code . ! ? : ;}, a
   * line break, a bullet, or a dash followed by a space (quotes and brackets in between are skipped).
   */
  private static boolean sentenceStart(String text, int start) {
    int i = start - 1;
    while (i >= 0) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return true;
      }
      if (Character.isWhitespace(c) || "()[]\"“”‘’'*•·".indexOf(c) >= 0) {
        i--;
        continue;
      }
      break;
    }
    if (i < 0) {
      return true;
    }
    char c = text.charAt(i);
    if (".!?:;".indexOf(c) >= 0) {
      return true;
    }
    return "-–—".indexOf(c) >= 0 && i + 1 < text.length() && Character.isWhitespace(text.charAt(i + 1));
  }

  /** Dates, numbers and number words of {@code text}, without overlaps, in order. */
  private static List<Fact> facts(String text) {
    List<Fact> out = new ArrayList<>();
    boolean[] used = new boolean[text.length()];
    Matcher m = ISO_DATE.matcher(text);
    while (m.find()) {
      add(out, used, new Fact(m.start(), m.end(), m.group(), Kind.DATE, m.group(1) + "-" + m.group(2)));
    }
    m = MONTH_DATE.matcher(text);
    while (m.find()) {
      int month = monthNumber(m.group(1));
      String key = m.group(2) + "-" + (month < 10 ? "0" : "") + month;
      add(out, used, new Fact(m.start(), m.end(), m.group(), Kind.DATE, key));
    }
    m = NUMBER.matcher(text);
    while (m.find()) {
      Fact f = number(m);
      if (f != null) {
        add(out, used, f);
      }
    }
    m = NUMBER_WORD.matcher(text);
    while (m.find()) {
      int value = m.group(1) != null
          ? 20 + 10 * TENS_VALUES.indexOf(m.group(1).toLowerCase(Locale.ROOT))
              + (m.group(2) == null ? 0 : WORD_VALUES.indexOf(m.group(2).toLowerCase(Locale.ROOT)))
          : WORD_VALUES.indexOf(m.group(3).toLowerCase(Locale.ROOT));
      add(out, used, new Fact(m.start(), m.end(), m.group(), m.group(4) != null ? Kind.PERCENT : Kind.PLAIN,
          String.valueOf(value)));
    }
    out.sort(Comparator.comparingInt(Fact::start));
    return out;
  }

  private static Fact number(Matcher m) {
    String suffix = m.group(4);
    BigDecimal scale = BigDecimal.ONE;
    boolean times = m.group(5) != null;
    String currency = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(9);
    currency = currency == null ? null : CURRENCIES.get(currency.toLowerCase(Locale.ROOT));
    int end = m.end();
    if (suffix != null) {
      switch (suffix) {
        case "k", "K" -> scale = BigDecimal.valueOf(1_000);
        case "M", "MM", "mn" -> scale = BigDecimal.valueOf(1_000_000);
        case "B", "bn" -> scale = BigDecimal.valueOf(1_000_000_000);
        case "m" -> scale = currency != null ? BigDecimal.valueOf(1_000_000) : BigDecimal.ONE;
        case "x" -> times = true;
        default -> {
          // an ordinal (3rd) or a unit (200ms): the number itself is the fact
        }
      }
    }
    if (m.group(6) != null) {
      scale = scale.multiply(switch (m.group(6)) {
        case "thousand" -> BigDecimal.valueOf(1_000);
        case "million" -> BigDecimal.valueOf(1_000_000);
        case "billion" -> BigDecimal.valueOf(1_000_000_000);
        default -> BigDecimal.valueOf(1_000_000_000_000L);
      });
    }
    String value = new BigDecimal(m.group(3).replace(",", "")).multiply(scale).stripTrailingZeros()
        .toPlainString();
    String written = m.group().strip();
    if (currency != null) {
      return new Fact(m.start(), end, written, Kind.MONEY, currency + ":" + value);
    }
    if (m.group(8) != null) {
      return new Fact(m.start(), end, written, Kind.PERCENT, value);
    }
    return new Fact(m.start(), end, written, times ? Kind.MULTIPLE : Kind.PLAIN, value);
  }

  private static void add(List<Fact> out, boolean[] used, Fact f) {
    for (int i = f.start(); i < f.end(); i++) {
      if (used[i]) {
        return;
      }
    }
    for (int i = f.start(); i < f.end(); i++) {
      used[i] = true;
    }
    out.add(f);
  }

  private static boolean overlaps(boolean[] used, int[] span) {
    for (int i = span[0]; i < span[1]; i++) {
      if (used[i]) {
        return true;
      }
    }
    return false;
  }

  private static int monthNumber(String name) {
    String prefix = name.substring(0, 3).toLowerCase(Locale.ROOT);
    for (int i = 0; i < MONTHS.size(); i++) {
      if (MONTHS.get(i).startsWith(prefix)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private static void collect(JsonNode n, List<String> out) {
    if (n == null) {
      return;
    }
    if (n.isTextual() || n.isNumber()) {
      if (!n.asText().isBlank()) {
        out.add(n.asText());
      }
    } else if (n.isContainerNode()) {
      n.forEach(c -> collect(c, out));
    }
  }

  private static void addToken(Set<String> tokens, String token) {
    if (token.isEmpty()) {
      return;
    }
    String lower = stripApostrophe(token).toLowerCase(Locale.ROOT);
    String n = normalise(lower);
    tokens.add(lower);
    tokens.add(n);
    tokens.add(singular(n));
  }

  /** "Dropbox's" → "Dropbox", "I'm" → "I"; other apostrophes stay. */
  private static String stripApostrophe(String token) {
    return token.replaceFirst("['’](?:s|m|re|ve|ll|d)$", "");
  }

  private static String stripPossessive(String written) {
    return written.replaceFirst("['’]s$", "");
  }

  private static String singular(String lower) {
    return lower.length() > 3 && lower.endsWith("s") && !lower.endsWith("ss")
        ? lower.substring(0, lower.length() - 1) : lower;
  }

  /** British spellings to American ones, so "optimised" and "optimized" compare equal. */
  static String normalise(String lower) {
    String s = lower;
    s = s.replaceAll("isation(s?)$", "ization$1");
    s = s.replaceAll("is(e|ed|es|er|ers|ing)$", "iz$1");
    s = s.replaceAll("ys(e|ed|es|ing)$", "yz$1");
    s = s.replaceAll("^(.{2,}[^aeiou])our(s|ed|ing|able)?$", "$1or$2");
    s = s.replaceAll("([aeiou])ll(ed|ing|er)$", "$1l$2");
    s = s.replaceAll("([^aeiou])tre(s?)$", "$1ter$2");
    s = s.replaceAll("ogue(s?)$", "og$1");
    return s;
  }

  /** The word and its likely base forms (stemmed of -s, -es, -ed, -ing, -ly; at least three letters). */
  private static Set<String> stems(String w) {
    Set<String> out = new LinkedHashSet<>();
    out.add(w);
    List<String> candidates = new ArrayList<>();
    if (w.endsWith("ies") || w.endsWith("ied")) {
      candidates.add(w.substring(0, w.length() - 3) + "y");
    }
    if (w.endsWith("es")) {
      candidates.add(w.substring(0, w.length() - 2));
    }
    if (w.endsWith("s")) {
      candidates.add(w.substring(0, w.length() - 1));
    }
    if (w.endsWith("ed")) {
      String base = w.substring(0, w.length() - 2);
      candidates.add(base);
      candidates.add(base + "e");
      if (doubled(base)) {
        candidates.add(base.substring(0, base.length() - 1));
      }
    }
    if (w.endsWith("ing")) {
      String base = w.substring(0, w.length() - 3);
      candidates.add(base);
      candidates.add(base + "e");
      if (doubled(base)) {
        candidates.add(base.substring(0, base.length() - 1));
      }
    }
    if (w.endsWith("ly")) {
      candidates.add(w.substring(0, w.length() - 2));
    }
    candidates.stream().filter(c -> c.length() >= 3).forEach(out::add);
    return out;
  }

  private static boolean doubled(String s) {
    int n = s.length();
    return n >= 2 && s.charAt(n - 1) == s.charAt(n - 2) && "aeiou".indexOf(s.charAt(n - 1)) < 0;
  }

  private static Set<String> normalised(List<String> words) {
    Set<String> out = new HashSet<>();
    words.forEach(w -> out.add(normalise(w)));
    return Set.copyOf(out);
  }

  private enum Kind { DATE, PLAIN, PERCENT, MULTIPLE, MONEY }

  /** How the names rule sees one token. */
  private enum Status { NONE, KEYWORD, EXEMPT, ORDINARY, SUPPORTED, UNSUPPORTED }

  /** A date or number found in a text; {@code key} is "yyyy-mm", a plain value, or "CUR:value". */
  private record Fact(int start, int end, String written, Kind kind, String key) {
  }

  private record Offence(int start, String text) {
  }
}
