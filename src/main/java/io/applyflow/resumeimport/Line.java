package io.applyflow.resumeimport;

/**
 * One line of the source document as read: a PDF text line, or a Word paragraph (one line per break).
 *
 * @param text    the cleaned text ({@link Text#clean})
 * @param size    the font size in points (0 when unknown)
 * @param bold    every character is bold
 * @param styled  a heading or title style says so (Word), or the font is clearly larger than the body (PDF)
 * @param level   the heading level a style gives (0 for the title, 1 for "Heading 1", ...; -1 for none)
 * @param bullet  a list item: numbering, a list style or a bullet sign in front (removed from {@code text})
 * @param page    the page (PDF; 0 for Word)
 * @param gap     the distance from the line above on the same page, in points (0 when unknown)
 * @param full    the line runs (nearly) to the right edge of the text, so a long paragraph may wrap after it
 */
record Line(String text, float size, boolean bold, boolean styled, int level, boolean bullet, int page, float gap,
            boolean full) {

  /** A plain paragraph line without layout facts (for Word and for tests). */
  static Line plain(String text) {
    return new Line(text, 0, false, false, -1, false, 0, 0, false);
  }

  /** Whether the line looks like a heading of some level: bold, a heading style, or large type. */
  boolean strong() {
    return bold || styled || level >= 0;
  }

  Line withText(String t) {
    return new Line(t, size, bold, styled, level, bullet, page, gap, full);
  }
}
