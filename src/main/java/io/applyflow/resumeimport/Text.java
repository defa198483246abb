package io.applyflow.resumeimport;

import java.text.Normalizer;

/** How every extracted string is cleaned before it is read: one form of each letter, one kind of space. */
final class Text {
  private Text() {
  }

  /**
   * The text in Unicode NFC with every ligature or presentation form written as its letters (U+FB00–FDFF,
   * U+FE70–FEFE: "ﬁ" becomes "fi"), direction marks, soft hyphens and zero-width characters removed, every kind of
   * space (tab, no-break space) a plain one, runs of spaces collapsed, and trimmed. Any script is kept as it is.
   */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if ((cp >= 0xFB00 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE)) {
        out.append(Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC));
      } else if (cp == 0xAD || cp == 0xFEFF || cp == 0x200B || (cp >= 0x200E && cp <= 0x200F)
          || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFFFD) {
        continue;
      } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp < 0x20) {
        out.append(' ');
      } else {
        out.appendCodePoint(cp);
      }
    }
    String nfc = Normalizer.normalize(out, Normalizer.Form.NFC);
    StringBuilder collapsed = new StringBuilder(nfc.length());
    boolean space = false;
    for (int i = 0; i < nfc.length(); i++) {
      char c = nfc.charAt(i);
      if (c == ' ') {
        space = collapsed.length() > 0;
      } else {
        if (space) {
          collapsed.append(' ');
          space = false;
        }
        collapsed.append(c);
      }
    }
    return collapsed.toString();
  }

  /** Whether the text starts with a lower-case letter (a line that continues the one before it). */
  /** Whether {@code s} ends a sentence: a full stop, "!", "?" or the ideographic full stop. */
  static boolean endsSentence(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    char last = s.charAt(s.length() - 1);
    return last == '.' || last == '!' || last == '?' || last == '。';
  }

  static boolean startsLowerCase(String s) {
    return !s.isEmpty() && Character.isLowerCase(s.codePointAt(0));
  }

  /** Trims separators (·, |, •, commas, dashes, colons, slashes and spaces) from both ends. */
  static String trimSeparators(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && isSeparator(s.charAt(a))) {
      a++;
    }
    while (b > a && isSeparator(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(a, b);
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '·' || c == '|' || c == '•' || c == ',' || c == ';' || c == '-' || c == '–' || c == '—'
        || c == ':' || c == '/';
  }
}
