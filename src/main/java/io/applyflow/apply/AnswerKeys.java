package io.applyflow.apply;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalises question texts into the keys of the answer bank, so one question worded with different case,
 * punctuation or spacing finds the same saved answer: {@code "Are you authorized to work in the U.S.?*"} and
 * {@code "are you authorized to work in the us"} share a key.
 */
public final class AnswerKeys {
  private AnswerKeys() {
  }

  /**
   * The key of a question text: Unicode-compatibility folded, lower-cased, a trailing "(optional)" or
   * "(required)" dropped, dashes, slashes and underscores turned into spaces, other punctuation and symbols removed
   * (except {@code +} and {@code #} right after a letter, so "C++" and "C#" stay apart), runs of whitespace collapsed
   * to one space and the ends trimmed. Null gives the empty string.
   */
  public static String key(String questionText) {
    if (questionText == null) {
      return "";
    }
    String s = Normalizer.normalize(questionText, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    s = s.replaceAll("\\(\\s*(optional|required)\\s*\\)", " ");
    s = s.replaceAll("[\\p{Pd}/\\\\_]", " ");
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c == '+' || c == '#') && afterLetter(out)) {
        out.append(c);
      } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        out.append(' ');
      } else if (Character.isLetterOrDigit(c)) {
        out.append(c);
      }
    }
    return out.toString().replaceAll(" +", " ").strip();
  }

  /** Only a letter or a kept "+"/"#" (which itself followed a letter) lets a "+" or "#" stay. */
  private static boolean afterLetter(StringBuilder out) {
    if (out.isEmpty()) {
      return false;
    }
    char last = out.charAt(out.length() - 1);
    return Character.isLetter(last) || last == '+' || last == '#';
  }
}
