package io.applyflow.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Whether a posting's title is the position a run asks for, at the level it asks for. */
public final class TitleMatch {
  private static final Set<String> IGNORED = Set.of("a", "an", "the", "of", "and", "for", "in", "at", "to", "-",
      "senior", "sr", "junior", "jr", "staff", "principal", "lead", "intern", "entry", "level", "mid", "i", "ii", "iii");

  private TitleMatch() {
  }

  /** Every meaningful word of the position occurs in the title (plural and singular alike) and the level fits. */
  public static boolean matches(String position, Level level, String title) {
    return matches(position, level, title, null);
  }

  /**
   * Like {@link #matches(String, Level, String)}, the level read from the title and the posting's employment type
   * ({@link Level#ofPosting}): an "Intern" employment type counts like the word "intern" in the title.
   */
  public static boolean matches(String position, Level level, String title, String employmentType) {
    Set<String> titleWords = words(title);
    Set<String> wanted = words(position);
    wanted.removeAll(IGNORED);
    if (wanted.isEmpty()) {
      return false;
    }
    return titleWords.containsAll(wanted) && (level == null || Level.ofPosting(title, employmentType) == level);
  }

  private static Set<String> words(String s) {
    return Arrays.stream(s.toLowerCase(Locale.ROOT).split("[^a-z0-9+#]+"))
        .filter(w -> !w.isEmpty())
        .map(w -> w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w)
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }
}
