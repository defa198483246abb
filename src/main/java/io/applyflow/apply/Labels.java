package io.applyflow.apply;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * How the form engine compares the words of a form: a question's label with a plan entry's, an option with the answer
 * wanted. Pure functions.
 */
final class Labels {
  private Labels() {
  }

  /**
   * The text as compared: NFC, case-folded, whitespace collapsed, required markers ({@code *}, {@code ✱},
   * "(required)") at either end removed.
   */
  static String normalise(String s) {
    if (s == null) {
      return "";
    }
    String t = Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("(?U)\\s+", " ").strip();
    t = t.replaceAll("(?i)\\(required\\)$", "").replaceAll("^[\\s*\u2731]+|[\\s*\u2731]+$", "");
    return t.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  /** Whether two labels say the same once normalised (and neither is blank). */
  static boolean same(String a, String b) {
    String x = normalise(a);
    return !x.isEmpty() && x.equals(normalise(b));
  }

  /**
   * Index of the option whose label names {@code wanted}: the same text, or the text followed by a dialling
   * code ({@code "United States +1"}) or a parenthesis; -1 when none does.
   */
  static int bestOption(List<String> labels, String wanted) {
    String w = normalise(wanted);
    if (w.isEmpty()) {
      return -1;
    }
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < labels.size(); i++) {
        String l = normalise(labels.get(i));
        boolean match = pass == 0 ? l.equals(w)
            : l.startsWith(w + " +") || l.startsWith(w + " (") || l.replaceAll("\\s*\\(?\\+[\\d\\s-]+\\)?$", "").equals(w);
        if (match) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Index of the first label starting with {@code wanted} (normalised), or -1. */
  static int startsWith(List<String> labels, String wanted) {
    String w = normalise(wanted);
    for (int i = 0; i < labels.size(); i++) {
      if (!w.isEmpty() && normalise(labels.get(i)).startsWith(w)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether a text field shows what was typed: the same text (line endings and outer space aside), or the same
   * letters and digits when the page formats the value as it is typed (a phone number grouped, a date re-punctuated).
   */
  static boolean typed(String shown, String wanted) {
    String s = shown == null ? "" : shown.replace("\r\n", "\n").strip();
    String w = wanted == null ? "" : wanted.replace("\r\n", "\n").strip();
    if (s.equals(w)) {
      return true;
    }
    String a = s.replaceAll("[^\\p{L}\\p{N}]", "");
    return !a.isEmpty() && a.equalsIgnoreCase(w.replaceAll("[^\\p{L}\\p{N}]", ""));
  }

  /** {@code labels} as a short list for a message: the first {@code max}, then how many more. */
  static String listed(List<String> labels, int max) {
    if (labels.size() <= max) {
      return String.join(", ", labels);
    }
    return String.join(", ", labels.subList(0, max)) + " and " + (labels.size() - max) + " more";
  }
}
