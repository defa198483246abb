package io.applyflow.resumeimport;

/** Bullet signs a list item may start with in extracted text. */
final class Bullets {
  private static final String SIGNS = "•·▪●◦‣⁃■□➢➤►▸▹○◆◇✓✔*-–—→";

  private Bullets() {
  }

  /** The text after a leading bullet sign and its space, or null when the line does not start with one. */
  static String strip(String t) {
    if (t.length() >= 2 && SIGNS.indexOf(t.charAt(0)) >= 0 && (t.charAt(1) == ' ' || t.charAt(0) > 0x2000
        && t.charAt(0) != '—' && t.charAt(0) != '–')) {
      String rest = t.substring(1).trim();
      return rest.isEmpty() ? null : rest;
    }
    if (t.length() >= 2 && (t.charAt(0) == '\uF0B7' || t.charAt(0) == '\uF0A7')) { // Symbol/Wingdings bullets
      String rest = t.substring(1).trim();
      return rest.isEmpty() ? null : rest;
    }
    return null;
  }
}
