package io.applyflow.render;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import com.openhtmltopdf.extend.FSTextBreaker;

/**
 * Where a line of a rendered document may wrap: the Unicode line-breaking rules (UAX #14, ICU; between CJK
 * characters too), except never right after a hyphen, a slash or a dash, nor before a dash. poppler's
 * {@code pdftotext}, like other extractors, joins a word that ends a line with a hyphen to the next line's first word
 * and drops the hyphen, so "customer-facing" broken after "customer-" reads "customerfacing"; and a token broken after
 * "CI/" or "2019–" reads as two words, which an ATS looking for "CI/CD" does not find. Such a token therefore moves
 * to the next line whole (a break at a space next to it is still allowed).
 *
 * <p>Stateful: one instance per render, on one thread.
 */
final class LineBreaks implements FSTextBreaker {

  private final BreakIterator lines = BreakIterator.getLineInstance(ULocale.ROOT);
  private String text = "";

  @Override
  public void setText(String text) {
    this.text = text;
    lines.setText(text);
  }

  @Override
  public int next() {
    int at = lines.next();
    while (at != BreakIterator.DONE && at > 0 && at < text.length() && glued(text.charAt(at - 1), text.charAt(at))) {
      at = lines.next();
    }
    return at;
  }

  /** Whether a break between {@code before} and {@code after} would split a token that must stay whole. */
  private static boolean glued(char before, char after) {
    return joinsAfter(before) || isDash(after) && !Character.isWhitespace(before);
  }

  /** Hyphens, the slash and dashes: "customer-facing", "CI/CD", "2019–2021" stay on one line. */
  private static boolean joinsAfter(char c) {
    return c == '-' || c == '\u2010' || c == '\u00AD' || c == '/' || isDash(c);
  }

  /** En and em dash: UAX #14 also allows a break before an em dash ("A|—B"). */
  private static boolean isDash(char c) {
    return c == '\u2013' || c == '\u2014';
  }
}
