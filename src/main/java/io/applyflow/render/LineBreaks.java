package io.applyflow.render;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import com.openhtmltopdf.extend.FSTextBreaker;

/**
 * Where a line of a rendered document may wrap: the Unicode line-breaking rules (UAX #14, ICU; between CJK
 * characters too), except never right after a hyphen. poppler's {@code pdftotext}, like other extractors, joins a
 * word that ends a line with a hyphen to the next line's first word and drops the hyphen, so "customer-facing"
 * broken after "customer-" reads "customerfacing". A hyphenated compound therefore moves to the next line whole.
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
    while (at != BreakIterator.DONE && at > 0 && at < text.length() && isHyphen(text.charAt(at - 1))) {
      at = lines.next();
    }
    return at;
  }

  private static boolean isHyphen(char c) {
    return c == '-' || c == '\u2010' || c == '\u00AD';
  }
}
