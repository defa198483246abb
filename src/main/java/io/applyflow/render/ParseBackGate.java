package io.applyflow.render;

import io.applyflow.platform.fonts.Fonts;
import io.applyflow.tailor.Bullet;
import io.applyflow.tailor.Education;
import io.applyflow.tailor.Link;
import io.applyflow.tailor.Role;
import io.applyflow.tailor.TailoredResume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * The parse-back gate: reads a rendered PDF back as plain text, the way an applicant-tracking system does, and checks
 * that exactly what we meant to send is there, in reading order. A PDF that fails is not used.
 *
 * <p><b>What must come back</b>, each one searched for after the end of the one before it: the name, the headline,
 * the email, phone, location and every link as shown; then per section its heading and, for roles, the title, the
 * organisation, the place, the date range and every chosen bullet; the skills lines; for schools the institution,
 * the degree and the date range. A cover letter: the name, the contact line, every paragraph.
 *
 * <p><b>Exactly</b> means Unicode NFC on both sides and nothing folded: no NFKC, so a ligature code point
 * (U+FB00–FB06) where the source had "ff" is a failure, and so are changed quotes, dashes or digits. Only what a
 * line break can do to text is forgiven: any run of white space is one space, and a line that breaks after a hyphen,
 * a slash or a dash reads the same as one that does not (the renderer never breaks there, see {@link LineBreaks}; the
 * rule is for PDFs made elsewhere). Soft hyphens are invisible and dropped on both sides. Where a
 * line changes direction (Arabic or Hebrew next to anything else) the space is not checked: extractors put it on
 * either side of the right-to-left run, and poppler's {@code pdftotext} wraps the run in bidirectional formatting
 * marks, which count as such a space. Likewise a space next to a CJK character is not checked: a line wraps between
 * any two ideographs, and the extractor reads the line break as a space.
 *
 * <p><b>Glyphs</b>: a glyph drawn as .notdef (the empty box), a glyph without a Unicode mapping, a glyph whose
 * Unicode is a ligature or presentation form (PDFBox's extraction folds those silently, pdftotext does not), or
 * U+FFFD in the text fails the PDF; so does a character of the source that no bundled font can draw ({@link Fonts}),
 * named with
 * the field it is in. The first problem names the first string that is not there.
 *
 * <p>{@link #checkText} applies the same rules to text from another extractor (the integration tests use poppler's
 * {@code pdftotext}). Pure and thread-safe; blocking (parses the PDF), so call it from a worker thread.
 */
public final class ParseBackGate {

  private static final Pattern SOFT_HYPHEN = Pattern.compile("\u00AD");
  private static final Pattern BIDI_MARKS = Pattern.compile("[\u200E\u200F\u202A-\u202E\u2066-\u2069]");
  private static final String RTL = "\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF";
  private static final Pattern DIRECTION_CHANGE =
      Pattern.compile("(?<=[" + RTL + "]) (?=[^ " + RTL + "])|(?<=[^ " + RTL + "]) (?=[" + RTL + "])");
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}\u200B\uFEFF]+");
  private static final Pattern WRAP_AFTER = Pattern.compile("(?<=[-/\u2013\u2014]) ");
  /** Han, kana, Hangul, CJK punctuation and full-width forms: a line may wrap between any two of them. */
  private static final String CJK = "\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}\u3000-\u303F\uFF00-\uFFEF";
  private static final Pattern NEXT_TO_CJK = Pattern.compile("(?<=[" + CJK + "]) | (?=[" + CJK + "])");
  /** A combining mark that PDFBox put after the space or punctuation mark that follows its letter. */
  private static final Pattern MARK_MOVED = Pattern.compile("(?<=[\\p{L}\\p{M}])([ \\p{P}])(\\p{Mn}+)");
  /** Ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ, Armenian, Hebrew) and Arabic presentation forms: never the source's text. */
  private static final Pattern PRESENTATION_FORM = Pattern.compile("[\uFB00-\uFDFF\uFE70-\uFEFE]");

  /** One string that must come back: what it is ("employer of role 2") and its text. */
  record Expected(String what, String text) {
  }

  private ParseBackGate() {
  }

  /**
   * Checks {@code pdf} against the resume it was rendered from.
   *
   * @return the problems found, one sentence each, the first missing string first; empty when the PDF passes
   */
  public static List<String> check(byte[] pdf, TailoredResume r) {
    return checkPdf(pdf, expected(r));
  }

  /**
   * Checks a cover letter PDF: the name, the contact line, then every paragraph, in order.
   *
   * @return the problems found, one sentence each; empty when the PDF passes
   */
  public static List<String> checkLetter(byte[] pdf, String name, String contact, List<String> paragraphs) {
    return checkPdf(pdf, expectedLetter(name, contact, paragraphs));
  }

  /**
   * Checks a cover letter PDF that starts with the resume's header (name, headline, contact line with links, as
   * {@link ResumePdf#renderLetter(TailoredResume, List, RenderOptions)} prints it), then every paragraph, in order.
   *
   * @return the problems found, one sentence each; empty when the PDF passes
   */
  public static List<String> checkLetter(byte[] pdf, TailoredResume header, List<String> paragraphs) {
    return checkPdf(pdf, expectedLetter(header, paragraphs));
  }

  /** {@link #check(byte[], TailoredResume)} on a PDF already loaded (the render stage reads each PDF once). */
  public static List<String> check(PDDocument doc, TailoredResume r) {
    return checkDoc(doc, expected(r));
  }

  /** {@link #checkLetter(byte[], TailoredResume, List)} on a PDF already loaded. */
  public static List<String> checkLetter(PDDocument doc, TailoredResume header, List<String> paragraphs) {
    return checkDoc(doc, expectedLetter(header, paragraphs));
  }

  /** {@link #checkLetter(byte[], String, String, List)} without a contact line. */
  public static List<String> checkLetter(byte[] pdf, String name, List<String> paragraphs) {
    return checkLetter(pdf, name, null, paragraphs);
  }

  /**
   * The gate's rules applied to text another extractor got from the resume's PDF (glyph checks aside).
   *
   * @return the problems found, one sentence each; empty when the text passes
   */
  public static List<String> checkText(String extracted, TailoredResume r) {
    return inOrder(extracted, expected(r));
  }

  /** {@link #checkText(String, TailoredResume)} for a cover letter. */
  public static List<String> checkLetterText(String extracted, String name, String contact, List<String> paragraphs) {
    return inOrder(extracted, expectedLetter(name, contact, paragraphs));
  }

  private static List<String> checkPdf(byte[] pdf, List<Expected> expected) {
    Extraction x;
    try {
      x = extract(pdf);
    } catch (RuntimeException e) {
      return List.of("the PDF could not be read: " + e.getMessage());
    }
    return problems(x, expected);
  }

  private static List<String> checkDoc(PDDocument doc, List<Expected> expected) {
    Extraction x;
    try {
      x = extract(doc);
    } catch (IOException | RuntimeException e) {
      return List.of("the PDF could not be read: " + e.getMessage());
    }
    return problems(x, expected);
  }

  private static List<String> problems(Extraction x, List<Expected> expected) {
    List<String> problems = new ArrayList<>(x.glyphProblems());
    problems.addAll(inOrder(x.text(), expected));
    return problems;
  }

  /** A cover letter with the resume's header: the header's strings, then every paragraph. */
  private static List<Expected> expectedLetter(TailoredResume header, List<String> paragraphs) {
    List<Expected> expected = header(header);
    addParagraphs(expected, paragraphs);
    return expected;
  }

  /** What must come back from a resume, in reading order (the order of {@code templates/render/resume-*.html}). */
  static List<Expected> expected(TailoredResume r) {
    List<Expected> out = header(r);
    List<Bullet> shown = new ArrayList<>();
    for (String heading : r.sectionHeadings()) {
      add(out, "heading \"" + heading + "\"", heading);
      switch (heading) {
        case TailoredResume.SUMMARY -> {
          if (r.summary() != null) {
            add(out, "bullet " + r.summary().id(), r.summary().text());
          }
        }
        case TailoredResume.EXPERIENCE -> roles(out, "role", r.work());
        case TailoredResume.PROJECTS -> roles(out, "project", r.projects());
        case TailoredResume.SKILLS -> {
          List<String> lines = r.skillLines();
          for (int i = 0; i < lines.size(); i++) {
            add(out, "skills line " + (i + 1), lines.get(i));
          }
        }
        case TailoredResume.EDUCATION -> {
          int n = 1;
          for (Education e : r.education()) {
            add(out, "school " + n, e.institution());
            add(out, "degree of school " + n, ResumePdf.join(", ", e.studyType(), e.area()));
            add(out, "dates of school " + n, ResumePdf.dates(e.start(), e.end()));
            n++;
          }
        }
        default -> {
        }
      }
      shown.addAll(r.bulletsUnder(heading));
    }
    // Bullets of sections the headings leave out are never shown, so they are missing.
    for (Bullet b : r.bullets()) {
      if (!shown.contains(b)) {
        add(out, "bullet " + b.id(), b.text());
      }
    }
    return out;
  }

  /** The header of every document (templates/render/header.html): name, headline, then the contact line. */
  private static List<Expected> header(TailoredResume r) {
    List<Expected> out = new ArrayList<>();
    add(out, "name", r.name());
    add(out, "headline", r.label());
    add(out, "email", r.email());
    add(out, "phone", r.phone());
    add(out, "location", r.location());
    for (Link l : r.links()) {
      add(out, "link " + (l.label() == null ? l.url() : l.label()), ResumePdf.linkText(l));
    }
    return out;
  }

  private static void addParagraphs(List<Expected> out, List<String> paragraphs) {
    for (int i = 0; i < paragraphs.size(); i++) {
      add(out, "paragraph " + (i + 1), paragraphs.get(i));
    }
  }

  private static void roles(List<Expected> out, String kind, List<Role> roles) {
    int n = 1;
    for (Role role : roles) {
      add(out, "title of " + kind + " " + n, role.title());
      add(out, "organisation of " + kind + " " + n, role.organisation());
      add(out, "place of " + kind + " " + n, role.location());
      add(out, "dates of " + kind + " " + n, ResumePdf.dates(role.start(), role.end()));
      for (Bullet b : role.bullets()) {
        add(out, "bullet " + b.id(), b.text());
      }
      n++;
    }
  }

  private static List<Expected> expectedLetter(String name, String contact, List<String> paragraphs) {
    List<Expected> out = new ArrayList<>();
    add(out, "name", name);
    add(out, "contact line", contact);
    addParagraphs(out, paragraphs);
    return out;
  }

  /** Each expected string must occur in the text after the one before it. */
  private static List<String> inOrder(String extracted, List<Expected> expected) {
    String hay = normalise(extracted);
    List<String> problems = new ArrayList<>();
    if (expected.isEmpty() || !"name".equals(expected.get(0).what())) {
      problems.add("the document has no name");
    }
    int from = 0;
    String previous = "the start of the text";
    for (Expected e : expected) {
      // the source as it is printed: a ligature it holds ("ﬁ" pasted from a PDF) is drawn as its letters
      String needle = normalise(TextLayer.letters(e.text()));
      int at = hay.indexOf(needle, from);
      String uncovered = at >= 0 ? null : Fonts.firstUncovered(Normalizer.normalize(e.text(), Normalizer.Form.NFC));
      if (at >= 0) {
        from = at + needle.length();
        previous = e.what();
      } else if (uncovered != null) {
        problems.add(e.what() + " cannot be drawn: no bundled font has " + uncovered + " (\"" + shorten(e.text())
            + "\")");
      } else if (hay.contains(needle)) {
        problems.add(e.what() + " is out of order: it is not after " + previous + " (\"" + shorten(e.text()) + "\")");
      } else {
        problems.add(e.what() + " is missing from the PDF text (\"" + shorten(e.text()) + "\")"
            + nearest(hay, needle));
      }
    }
    return problems;
  }

  /** What the text holds where the needle's first word is, to show what came back instead. */
  private static String nearest(String hay, String needle) {
    String first = needle.split(" ", 2)[0];
    int at = first.length() >= 3 ? hay.indexOf(first) : -1;
    return at < 0 ? "" : "; the text has \"" + shorten(hay.substring(at, Math.min(hay.length(), at + needle.length())))
        + "\"";
  }

  private record Extraction(String text, List<String> glyphProblems) {
  }

  /** The text in content order, with the glyphs that could not be read. */
  private static Extraction extract(byte[] pdf) {
    if (pdf == null || pdf.length == 0) {
      throw new UncheckedIOException(new IOException("empty PDF"));
    }
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return extract(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Extraction extract(PDDocument doc) throws IOException {
    GlyphCheckingStripper stripper = new GlyphCheckingStripper();
    // PDFBox merges a zero-width sign at the end of a word (a vowel sign, a virama) into the space or punctuation
    // drawn at the same x when rounding makes the two overlap ("बॉम्बे में" comes back "बॉम्ब ेमें", "హైదరాబాద్."
    // "హైదరాబాద.్"); pdftotext reads them right. Put the mark back on its letter.
    String text = MARK_MOVED.matcher(stripper.getText(doc)).replaceAll("$2$1");
    List<String> problems = new ArrayList<>(stripper.problems);
    int replacement = text.indexOf('\uFFFD');
    if (replacement >= 0) {
      problems.add("the text holds U+FFFD (a character that could not be read) at \""
          + shorten(text.substring(Math.max(0, replacement - 20), Math.min(text.length(), replacement + 20)).strip())
          + "\"");
    }
    return new Extraction(text, problems);
  }

  /** PDFBox's extraction, noting every glyph drawn as .notdef or without a Unicode mapping. */
  private static final class GlyphCheckingStripper extends PDFTextStripper {
    private final Set<String> problems = new LinkedHashSet<>();

    @Override
    protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement)
        throws IOException {
      String unicode = font.toUnicode(code);
      if (font instanceof PDType0Font t0 && t0.codeToGID(code) == 0) {
        problems.add("a glyph is drawn as .notdef (an empty box) in the font " + font.getName());
      } else if (unicode == null) {
        problems.add(String.format(Locale.ROOT, "glyph %d of the font %s has no Unicode mapping, so it reads as "
            + "nothing", code, font.getName()));
      } else if (PRESENTATION_FORM.matcher(unicode).find()) {
        // PDFBox's own extraction folds these back to letters; pdftotext and many ATS parsers do not
        problems.add(String.format(Locale.ROOT, "the text layer reads \"%s\" (U+%04X, a presentation form) where the "
            + "source has \"%s\"", unicode, unicode.codePointAt(0),
            Normalizer.normalize(unicode, Normalizer.Form.NFKC)));
      }
      super.showGlyph(textRenderingMatrix, font, code, displacement);
    }
  }

  /**
   * The PDF's text in content order, as PDFBox 3 extracts it.
   *
   * @throws UncheckedIOException if the bytes are not a readable PDF
   */
  public static String text(byte[] pdf) {
    return extract(pdf).text();
  }

  /** The comparison form of a text; see the class comment. */
  public static String normalise(String s) {
    String t = Normalizer.normalize(s, Normalizer.Form.NFC);
    t = SOFT_HYPHEN.matcher(t).replaceAll("");
    t = BIDI_MARKS.matcher(t).replaceAll(" ");
    t = SPACES.matcher(t).replaceAll(" ");
    t = DIRECTION_CHANGE.matcher(t).replaceAll("");
    t = NEXT_TO_CJK.matcher(t).replaceAll("");
    t = WRAP_AFTER.matcher(t).replaceAll("");
    return t.trim();
  }

  private static void add(List<Expected> expected, String what, String text) {
    if (text != null && !normalise(text).isEmpty()) {
      expected.add(new Expected(what, text));
    }
  }

  private static String join(String sep, String... parts) {
    List<String> kept = new ArrayList<>();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        kept.add(p);
      }
    }
    return kept.isEmpty() ? null : String.join(sep, kept);
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
