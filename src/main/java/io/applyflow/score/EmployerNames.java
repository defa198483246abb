package io.applyflow.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a posting's employer goes by (company name, board token, the "About &lt;company&gt;" heading), found in
 * its text so the scorer can leave them out of the keywords: the resume cannot be expected to name the employer, and
 * "Acme Robotics" is no skill.
 *
 * <p>A name of several words matches as a whole ("Acme Robotics", "acme-robotics"), in any case; its first word
 * alone matches only when written with a capital ("Acme's fleet"), the way a text shortens a company's name. A word of
 * the name used as an ordinary word stays a keyword: "Northwind Data" hides neither "data" nor "Data Engineer", and
 * a company called "Render" does not hide "render the map". Legal suffixes ("Inc.", "GmbH") are ignored. Immutable
 * and thread-safe.
 */
final class EmployerNames {

  private static final Set<String> LEGAL_SUFFIXES = Set.of("inc", "llc", "ltd", "limited", "gmbh", "corp",
      "corporation", "co", "plc", "ag", "sa", "bv", "pbc");
  private static final EmployerNames NONE = new EmployerNames(null);

  private final Pattern pattern;

  private EmployerNames(Pattern pattern) {
    this.pattern = pattern;
  }

  /** The names in {@code names}; nulls, blanks and names with no letter are skipped. */
  static EmployerNames of(Collection<String> names) {
    Set<String> phrases = new LinkedHashSet<>();
    Set<String> capitalised = new LinkedHashSet<>();
    for (String name : names) {
      List<String> words = words(name);
      if (words.isEmpty()) {
        continue;
      }
      if (words.size() > 1) {
        phrases.add("(?iu:" + String.join("[\\s\\-]+", words.stream().map(Pattern::quote).toList()) + ")");
      }
      String first = words.get(0);
      if (first.length() >= 3 && Words.content(first) != null) {
        String upper = first.substring(0, 1).toUpperCase(Locale.ROOT) + first.substring(1);
        capitalised.add(Pattern.quote(upper));
        capitalised.add(Pattern.quote(first.toUpperCase(Locale.ROOT)));
      }
    }
    List<String> alternatives = new ArrayList<>(phrases);
    alternatives.addAll(capitalised);
    if (alternatives.isEmpty()) {
      return NONE;
    }
    return new EmployerNames(Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives)
        + ")(?![\\p{L}\\p{N}])"));
  }

  /** {@code text} with every occurrence of a name overwritten by {@code |}, offsets unchanged. */
  String mask(String text) {
    if (pattern == null) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text);
    var m = pattern.matcher(text);
    while (m.find()) {
      for (int i = m.start(); i < m.end(); i++) {
        sb.setCharAt(i, '|');
      }
    }
    return sb.toString();
  }

  /** The lower-case words of a name, without a leading "the" or trailing legal suffixes. */
  private static List<String> words(String name) {
    if (name == null) {
      return List.of();
    }
    List<String> words = new ArrayList<>(Arrays.stream(name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty()).toList());
    while (!words.isEmpty() && LEGAL_SUFFIXES.contains(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    if (words.size() > 1 && words.get(0).equals("the")) {
      words.remove(0);
    }
    return words.stream().anyMatch(w -> w.chars().anyMatch(Character::isLetter)) ? words : List.of();
  }
}
