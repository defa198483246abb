package io.applyflow.render;

import io.applyflow.tailor.Bullet;
import io.applyflow.tailor.TailoredResume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The parse-back gate: reads a rendered resume PDF back as plain text, the way an applicant-tracking
 * system would, and checks that what we meant to send is really there. The name, email, phone (when
 * present), every section heading and every chosen bullet must appear, in that order: each one is
 * searched for after the end of the previous one, in PDFBox's content-order text.
 *
 * <p>Both sides are normalised the same way before comparing: Unicode NFKC, typographic quotes and
 * dashes to ASCII, soft hyphens dropped, every run of whitespace (including the line breaks inside a
 * wrapped bullet) to one space, and the space after a hyphen or slash dropped (a line may wrap after
 * "tiered-" or "CI/").
 *
 * <p>Pure and thread-safe; blocking (parses the PDF), so call it from a worker thread.
 */
public final class ParseBackGate {

  private static final Pattern SINGLE_QUOTES = Pattern.compile("[\u2018\u2019\u201A\u201B\u2032\u00B4`]");
  private static final Pattern DOUBLE_QUOTES = Pattern.compile("[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]");
  private static final Pattern DASHES = Pattern.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]");
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}\u200B\uFEFF]+");
  private static final Pattern WRAP_AFTER = Pattern.compile("(?<=[-/]) ");

  private ParseBackGate() {
  }

  /**
   * Checks {@code pdf} against the resume it was rendered from.
   *
   * @return the problems found, one sentence each; empty when the PDF passes
   */
  public static List<String> check(byte[] pdf, TailoredResume r) {
    String text;
    try {
      text = text(pdf);
    } catch (RuntimeException e) {
      return List.of("the PDF could not be read: " + e.getMessage());
    }
    String hay = normalise(text);
    List<String> problems = new ArrayList<>();
    if (r.name() == null || r.name().isBlank()) {
      problems.add("the resume has no name");
    }
    List<String[]> expected = new ArrayList<>(); // {what, text}
    add(expected, "name", r.name());
    add(expected, "email", r.email());
    add(expected, "phone", r.phone());
    for (String heading : r.sectionHeadings()) {
      add(expected, "heading \"" + heading + "\"", heading);
      for (Bullet b : r.bulletsUnder(heading)) {
        add(expected, "bullet " + b.id(), b.text());
      }
    }
    // Bullets of sections the headings leave out are never shown, so they are missing.
    List<Bullet> shown = new ArrayList<>();
    r.sectionHeadings().forEach(h -> shown.addAll(r.bulletsUnder(h)));
    for (Bullet b : r.bullets()) {
      if (!shown.contains(b)) {
        add(expected, "bullet " + b.id(), b.text());
      }
    }

    problems.addAll(inOrder(hay, expected));
    return problems;
  }

  /**
   * Checks a cover letter PDF: the name, then every paragraph, in order.
   *
   * @return the problems found, one sentence each; empty when the PDF passes
   */
  public static List<String> checkLetter(byte[] pdf, String name, List<String> paragraphs) {
    String text;
    try {
      text = text(pdf);
    } catch (RuntimeException e) {
      return List.of("the PDF could not be read: " + e.getMessage());
    }
    List<String[]> expected = new ArrayList<>();
    add(expected, "name", name);
    for (int i = 0; i < paragraphs.size(); i++) {
      add(expected, "paragraph " + (i + 1), paragraphs.get(i));
    }
    return inOrder(normalise(text), expected);
  }

  /** Each expected {what, text} must occur in {@code hay} after the one before it. */
  private static List<String> inOrder(String hay, List<String[]> expected) {
    List<String> problems = new ArrayList<>();
    int from = 0;
    String previous = "the start of the text";
    for (String[] e : expected) {
      String needle = normalise(e[1]);
      int at = hay.indexOf(needle, from);
      if (at >= 0) {
        from = at + needle.length();
        previous = e[0];
      } else if (hay.contains(needle)) {
        problems.add(e[0] + " is out of order: it is not after " + previous + " (\"" + shorten(e[1]) + "\")");
      } else {
        problems.add(e[0] + " is missing from the PDF text (\"" + shorten(e[1]) + "\")");
      }
    }
    return problems;
  }

  /**
   * The PDF's text in content order, as PDFBox 3 extracts it.
   *
   * @throws UncheckedIOException if the bytes are not a readable PDF
   */
  public static String text(byte[] pdf) {
    if (pdf == null || pdf.length == 0) {
      throw new UncheckedIOException(new IOException("empty PDF"));
    }
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The comparison form of a text; see the class comment. */
  public static String normalise(String s) {
    String t = Normalizer.normalize(s, Normalizer.Form.NFKC).replace("\u00AD", "");
    t = SINGLE_QUOTES.matcher(t).replaceAll("'");
    t = DOUBLE_QUOTES.matcher(t).replaceAll("\"");
    t = DASHES.matcher(t).replaceAll("-");
    t = SPACES.matcher(t).replaceAll(" ");
    t = WRAP_AFTER.matcher(t).replaceAll("");
    return t.trim();
  }

  private static void add(List<String[]> expected, String what, String text) {
    if (text != null && !normalise(text).isEmpty()) {
      expected.add(new String[] {what, text});
    }
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
