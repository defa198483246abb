package io.applyflow.support;

import static org.junit.jupiter.api.Assertions.fail;

import io.applyflow.tailor.Bullet;
import io.applyflow.tailor.Education;
import io.applyflow.tailor.Role;
import io.applyflow.tailor.TailoredResume;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads our PDFs back with poppler-utils ({@code pdftotext}, {@code pdffonts}, {@code pdfinfo}): an extractor we do
 * not control, the one many applicant-tracking systems run. Shared by the round-trip and run integration tests.
 *
 * <p>Text comes from plain {@code pdftotext -enc UTF-8} (poppler's reading order, not {@code -layout} or
 * {@code -raw}): it is what ATS parsers built on poppler read, and it rebuilds lines and right-to-left runs the way a
 * reader sees them, so the strings must come back in logical order.
 *
 * <p>The comparison is exact: the source string in NFC must appear character for character; the extracted text is not
 * normalised at all (a ligature U+FB02 is not "fl", a decomposed "é" is not "é", an Arabic presentation form is not
 * the letter). The only slack is where a line may wrap: a run of whitespace in the source may come back as any run of
 * whitespace or line breaks, and a line break with no space in the source is allowed only after a hyphen, slash or
 * dash, or next to a CJK character (those lines wrap between characters); the same wrap rule as ParseBackGate's.
 * (pdftotext drops a hyphen that ends a line, so a line that wraps after a hyphen fails: an ATS would read
 * "customerfacing" for "customer-facing".) The bidi marks poppler writes around right-to-left runs are ignored.
 */
public final class Poppler {

  /** One string the PDF must give back: what it is (for the message) and its text. */
  public record Expected(String what, String text) {
  }

  /** One row of {@code pdffonts}. */
  public record Font(String name, String type, String encoding, String emb, String sub, String uni) {
  }

  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})(?:-\\d{2})?");
  private static final Pattern BIDI_CONTROLS = Pattern.compile("[\u200E\u200F\u202A-\u202E\u2066-\u2069]");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

  private Poppler() {
  }

  // ---- the tools ------------------------------------------------------------------------------------------------

  /** Fails (never skips) when poppler-utils is not installed: these checks are the issue's acceptance test. */
  public static void require() {
    for (String tool : List.of("pdftotext", "pdffonts", "pdfinfo")) {
      try {
        Process p = new ProcessBuilder(tool, "-v").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (IOException e) {
        fail(tool + " is not installed: install poppler-utils (apt-get install poppler-utils); the PDF round-trip "
            + "tests read every PDF back with it and are never skipped (" + e.getMessage() + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** {@code pdftotext -enc UTF-8 file -}: the text in poppler's reading order. */
  public static String text(byte[] pdf) {
    return run(pdf, "pdftotext", "-enc", "UTF-8", "%f", "-");
  }

  /** {@code pdfinfo file} as key → value ("Tagged" → "yes"). */
  public static Map<String, String> info(byte[] pdf) {
    Map<String, String> info = new LinkedHashMap<>();
    for (String line : run(pdf, "pdfinfo", "%f").split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        info.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return info;
  }

  /** The font table of {@code pdffonts file}, sliced by the columns of its dashed header line. */
  public static List<Font> fonts(byte[] pdf) {
    String[] lines = run(pdf, "pdffonts", "%f").split("\n");
    if (lines.length < 2 || !lines[1].startsWith("---")) {
      fail("pdffonts printed no font table:\n" + String.join("\n", lines));
    }
    List<int[]> cols = new ArrayList<>();
    Matcher m = Pattern.compile("-+").matcher(lines[1]);
    while (m.find()) {
      cols.add(new int[] {m.start(), m.end()});
    }
    List<Font> fonts = new ArrayList<>();
    for (int i = 2; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String[] c = new String[cols.size()];
      for (int k = 0; k < cols.size(); k++) {
        int from = Math.min(cols.get(k)[0], lines[i].length());
        int to = k + 1 < cols.size() ? Math.min(cols.get(k + 1)[0], lines[i].length()) : lines[i].length();
        c[k] = lines[i].substring(from, to).trim();
      }
      fonts.add(new Font(c[0], c[1], c[2], c[3], c[4], c[5]));
    }
    return fonts;
  }

  /** Runs {@code command} with {@code %f} replaced by a temporary file holding {@code pdf}; its stdout as UTF-8. */
  private static String run(byte[] pdf, String... command) {
    Path file = null;
    try {
      file = Files.createTempFile("applyflow-poppler", ".pdf");
      Files.write(file, pdf);
      List<String> cmd = new ArrayList<>();
      for (String c : command) {
        cmd.add(c.equals("%f") ? file.toString() : c);
      }
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", cmd) + " did not finish in 60 s");
      }
      if (p.exitValue() != 0) {
        fail(String.join(" ", cmd) + " exited with " + p.exitValue() + " (is the PDF readable?)");
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      require();
      throw new IllegalStateException(command[0] + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  // ---- what must come back --------------------------------------------------------------------------------------

  /**
   * Every string of a tailored resume the PDF shows, in reading order: name, label, email, phone, location; then per
   * section its heading and contents: the summary; per role its title, employer, place, date range and each chosen
   * bullet; each skills line; per school the institution, degree, area and date range.
   */
  public static List<Expected> expected(TailoredResume r) {
    List<Expected> out = new ArrayList<>();
    add(out, "name", r.name());
    add(out, "label", r.label());
    add(out, "email", r.email());
    add(out, "phone", r.phone());
    add(out, "location", r.location());
    for (String heading : r.sectionHeadings()) {
      add(out, "heading", heading);
      switch (heading) {
        case TailoredResume.SUMMARY -> add(out, "summary", r.summary() == null ? null : r.summary().text());
        case TailoredResume.EXPERIENCE -> roles(out, "work", r.work());
        case TailoredResume.PROJECTS -> roles(out, "project", r.projects());
        case TailoredResume.SKILLS -> r.skillLines().forEach(l -> add(out, "skills line", l));
        case TailoredResume.EDUCATION -> {
          for (Education e : r.education()) {
            add(out, "school", e.institution());
            add(out, "degree", e.studyType());
            add(out, "area of study", e.area());
            add(out, "school dates", dates(e.start(), e.end()));
          }
        }
        default -> {
        }
      }
    }
    return out;
  }

  private static void roles(List<Expected> out, String kind, List<Role> roles) {
    for (Role role : roles) {
      add(out, kind + " title", role.title());
      add(out, kind + " employer", role.organisation());
      add(out, kind + " place", role.location());
      add(out, kind + " dates", dates(role.start(), role.end()));
      for (Bullet b : role.bullets()) {
        add(out, "bullet " + b.id(), b.text());
      }
    }
  }

  /** The name, then every paragraph of a cover letter. */
  public static List<Expected> expectedLetter(String name, List<String> paragraphs) {
    List<Expected> out = new ArrayList<>();
    add(out, "name", name);
    for (int i = 0; i < paragraphs.size(); i++) {
      add(out, "paragraph " + (i + 1), paragraphs.get(i));
    }
    return out;
  }

  private static void add(List<Expected> out, String what, String text) {
    if (text != null && !text.isBlank()) {
      out.add(new Expected(what, text));
    }
  }

  /**
   * A date range as the resume shows it, written here independently of the renderer: "2020-02-01" and "2020-02"
   * are "Feb 2020", anything else as written; "start – end", or the one that is there.
   */
  public static String dates(String start, String end) {
    String s = date(start);
    String e = date(end);
    if (s != null && e != null) {
      return s.equals(e) ? s : s + " – " + e;
    }
    return s != null ? s : e;
  }

  private static String date(String d) {
    if (d == null || d.isBlank()) {
      return null;
    }
    Matcher m = ISO_DATE.matcher(d.trim());
    if (m.matches()) {
      int month = Integer.parseInt(m.group(2));
      if (month >= 1 && month <= 12) {
        return Month.of(month).getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + m.group(1);
      }
    }
    return d.trim();
  }

  // ---- the checks -----------------------------------------------------------------------------------------------

  /**
   * The problems of {@code text} (pdftotext's output) against {@code expected}: the first string that does not come
   * back exactly and in order (with the pdftotext lines around where it should be), any ligature code point
   * U+FB00–FB06, any U+FFFD, and any run of '#' (openhtmltopdf's glyph for a character no font has) when the source
   * has none. Empty when the text passes.
   */
  public static List<String> textProblems(String extracted, List<Expected> expected) {
    String text = withoutBidiControls(extracted);
    List<String> problems = new ArrayList<>();
    String missing = firstMissing(text, expected);
    if (missing != null) {
      problems.add(missing);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\uFB00' && c <= '\uFB06') {
        problems.add(String.format("the text holds the ligature U+%04X '%c' %s", (int) c, c, around(text, i)));
        break;
      }
    }
    int fffd = text.indexOf('\uFFFD');
    if (fffd >= 0) {
      problems.add("the text holds U+FFFD (a character poppler could not map) " + around(text, fffd));
    }
    String source = String.join("\n", expected.stream().map(Expected::text).toList());
    int hash = text.indexOf('#');
    if (hash >= 0 && !source.contains("#")) {
      problems.add("the text holds '#' where the source has none (a glyph no font has?) " + around(text, hash));
    } else if (text.contains("##") && !source.contains("##")) {
      problems.add("the text holds a run of '#' the source does not have " + around(text, text.indexOf("##")));
    }
    return problems;
  }

  /** The first expected string not found in order, described with the pdftotext lines around it; null if none. */
  public static String firstMissing(String extracted, List<Expected> expected) {
    String text = withoutBidiControls(extracted);
    int from = 0;
    String previous = "the start of the text";
    for (Expected e : expected) {
      String needle = needle(e.text());
      Matcher m = pattern(needle).matcher(text);
      if (m.find(from)) {
        from = m.end();
        previous = e.what() + " \"" + shorten(e.text()) + "\"";
        continue;
      }
      StringBuilder why = new StringBuilder();
      if (m.find(0)) {
        why.append(e.what()).append(" \"").append(e.text()).append("\" is out of order: pdftotext has it, but not after ")
            .append(previous).append(' ').append(around(text, m.start()));
        return why.toString();
      }
      why.append(e.what()).append(" \"").append(e.text()).append("\" is not in the pdftotext output exactly");
      String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
      if (pattern(Normalizer.normalize(needle, Normalizer.Form.NFKC)).matcher(nfkc).find()) {
        why.append(" (it is there after NFKC: the text layer holds compatibility forms such as ligatures or"
            + " presentation forms)");
      }
      // The longest prefix that does come back after the previous string shows where the text layer goes wrong.
      int[] cps = needle.codePoints().toArray();
      int lo = 0;
      int hi = cps.length;
      int at = -1;
      while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        Matcher pm = pattern(new String(cps, 0, mid)).matcher(text);
        if (pm.find(from)) {
          lo = mid;
          at = pm.end();
        } else {
          hi = mid - 1;
        }
      }
      if (lo > 0 && at >= 0) {
        Matcher pm = pattern(new String(cps, 0, lo)).matcher(text);
        pm.find(from);
        at = pm.end();
        String next = text.substring(at, Math.min(text.length(), at + 12));
        why.append("; the longest part that comes back after ").append(previous).append(" is \"")
            .append(new String(cps, 0, lo)).append("\", then the source has \"")
            .append(new String(cps, lo, Math.min(12, cps.length - lo))).append("\" ").append(codes(new String(cps, lo,
                Math.min(4, cps.length - lo)))).append(" but pdftotext has \"").append(next.replace("\n", "⏎"))
            .append("\" ").append(codes(next.substring(0, Math.min(next.length(), 4)))).append(' ')
            .append(around(text, at));
        if (cps[lo] == '-' && !next.startsWith("-")) {
          why.append("\n(pdftotext drops a hyphen that ends a line and joins the words: the line wrapped after the"
              + " hyphen)");
        }
      } else {
        why.append("; not even its first character comes back after ").append(previous).append(' ')
            .append(around(text, from));
      }
      return why.toString();
    }
    return null;
  }

  /**
   * The text without the invisible bidi marks and embeddings poppler writes around right-to-left runs (U+200E,
   * U+200F, U+202A–U+202E, U+2066–U+2069): they are how pdftotext says "this run reads right to left", not text of
   * the PDF, and every consumer strips them.
   */
  static String withoutBidiControls(String s) {
    return BIDI_CONTROLS.matcher(s).replaceAll("");
  }

  /** The source string as compared: NFC, every whitespace run one space, trimmed. */
  static String needle(String s) {
    return WHITESPACE.matcher(Normalizer.normalize(s, Normalizer.Form.NFC)).replaceAll(" ").trim();
  }

  /** A regex for {@code needle} that allows line wraps (see the class comment) and nothing else. */
  static Pattern pattern(String needle) {
    StringBuilder re = new StringBuilder();
    int[] cps = needle.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      if (cps[i] == ' ') {
        re.append("\\s+");
        continue;
      }
      if (i > 0 && cps[i - 1] != ' ' && wrapsWithoutSpace(cps[i - 1], cps[i])) {
        re.append("(?:[ \\t]*[\\n\\f]\\s*)?");
      }
      re.append(Pattern.quote(new String(Character.toChars(cps[i]))));
    }
    return Pattern.compile(re.toString());
  }

  private static boolean wrapsWithoutSpace(int before, int after) {
    return "-/–—".indexOf(before) >= 0 || cjk(before) || cjk(after);
  }

  private static boolean cjk(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL
        || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
  }

  /** "at line N of pdftotext:" and the lines around offset {@code at}, the line itself marked. */
  public static String around(String text, int at) {
    String[] lines = text.split("\n", -1);
    int lineNo = 0;
    int seen = 0;
    while (lineNo < lines.length - 1 && seen + lines[lineNo].length() < at) {
      seen += lines[lineNo].length() + 1;
      lineNo++;
    }
    StringBuilder sb = new StringBuilder("at line ").append(lineNo + 1).append(" of pdftotext:");
    for (int i = Math.max(0, lineNo - 2); i <= Math.min(lines.length - 1, lineNo + 2); i++) {
      sb.append("\n  ").append(i == lineNo ? ">> " : "   ").append(lines[i]);
    }
    return sb.toString();
  }

  private static String codes(String s) {
    StringBuilder sb = new StringBuilder("(");
    s.codePoints().forEach(c -> sb.append(sb.length() > 1 ? " " : "").append(String.format("U+%04X", c)));
    return sb.append(')').toString();
  }

  private static String shorten(String s) {
    return s.length() <= 50 ? s : s.substring(0, 47) + "...";
  }

  /**
   * The problems of a PDF's fonts and tags: {@code pdfinfo} must say {@code Tagged: yes}, and {@code pdffonts} must
   * list at least one font, every one embedded ({@code emb yes}) with a ToUnicode map ({@code uni yes}, without
   * which no extractor can give the text back).
   */
  public static List<String> fontAndTagProblems(byte[] pdf) {
    List<String> problems = new ArrayList<>();
    String tagged = info(pdf).get("Tagged");
    if (!"yes".equals(tagged)) {
      problems.add("pdfinfo says Tagged: " + tagged + ", not yes");
    }
    List<Font> fonts = fonts(pdf);
    if (fonts.isEmpty()) {
      problems.add("pdffonts lists no font");
    }
    for (Font f : fonts) {
      if (!"yes".equals(f.emb())) {
        problems.add("pdffonts: font " + f.name() + " (" + f.type() + ") is not embedded (emb " + f.emb() + ")");
      }
      if (!"yes".equals(f.uni())) {
        problems.add("pdffonts: font " + f.name() + " (" + f.type() + ") has no ToUnicode map (uni " + f.uni() + ")");
      }
    }
    return problems;
  }

  /**
   * Group names of the resume's skills that are not also keywords and that the Skills section of {@code text}
   * lists as items. A group name as a line's label ("Infrastructure: Kubernetes, AWS") is allowed; as an item of
   * the comma-separated list ("..., Infrastructure, Kafka") it is not.
   */
  public static List<String> groupNamesListedAsSkills(String text, List<String> groupNames, List<String> keywords,
                                                      List<String> headings) {
    Matcher skills = headingPattern(TailoredResume.SKILLS).matcher(text);
    if (!skills.find()) {
      return List.of("the text has no Skills heading line");
    }
    int start = skills.end();
    int end = text.length();
    for (String h : headings) {
      int at = h.equals(TailoredResume.SKILLS) ? -1 : headingLine(text, h, start + 1);
      if (at > start && at < end) {
        end = at;
      }
    }
    String section = WHITESPACE.matcher(text.substring(start, end)).replaceAll(" ").trim();
    for (String g : groupNames) {
      section = section.replace(g + ":", ",");
    }
    List<String> items = new ArrayList<>();
    for (String item : section.split("[,;·•|]")) {
      items.add(item.trim());
    }
    List<String> listed = new ArrayList<>();
    for (String g : groupNames) {
      boolean alsoKeyword = keywords.stream().anyMatch(k -> k.equalsIgnoreCase(g));
      if (!alsoKeyword && items.stream().anyMatch(i -> i.equalsIgnoreCase(g))) {
        listed.add(g + " (the Skills section reads \"" + section + "\")");
      }
    }
    return listed;
  }

  /** The offset of a line that is exactly {@code heading}, at or after {@code from}; -1 if none. */
  private static int headingLine(String text, String heading, int from) {
    Matcher m = headingPattern(heading).matcher(text);
    return m.find(from) ? m.start() : -1;
  }

  private static Pattern headingPattern(String heading) {
    return Pattern.compile("(?m)^[ \\t\\f]*" + Pattern.quote(heading) + "[ \\t]*$");
  }
}
