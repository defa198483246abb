package io.applyflow.search;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Experience levels a run asks for, and how a posting's title is classified into one. */
public enum Level {
  ENTRY, MID, SENIOR;

  private static final Set<String> ENTRY_WORDS = Set.of("intern", "internship", "junior", "jr", "graduate", "grad",
      "entry", "associate", "apprentice", "trainee", "student", "co-op");
  private static final Set<String> SENIOR_WORDS = Set.of("senior", "sr", "staff", "principal", "lead", "head",
      "director", "distinguished", "vp", "chief", "iii", "iv", "v");
  private static final Pattern WORD = Pattern.compile("[a-z0-9+#-]+");

  public static Level parse(String s) {
    if (s == null) {
      return null;
    }
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "entry" -> ENTRY;
      case "mid" -> MID;
      case "senior" -> SENIOR;
      default -> null;
    };
  }


  /**
   * The level a posting signals: its title's ({@link #ofTitle}), where an internship by its employment type (Ashby's
   * {@code employmentType} "Intern", a Lever commitment such as "Internship") counts like the word "intern" in the
   * title. {@code employmentType} may be null.
   */
  public static Level ofPosting(String title, String employmentType) {
    boolean intern = employmentType != null
        && WORD.matcher(employmentType.toLowerCase(Locale.ROOT)).results().map(m -> m.group())
            .anyMatch(w -> w.equals("intern") || w.equals("internship") || w.equals("interns"));
    return ofTitle(intern ? title + " intern" : title);
  }

  /** The level a title signals: entry words, then seniority words, else mid. "Engineer I" is entry, "II" mid. */
  public static Level ofTitle(String title) {
    var words = WORD.matcher(title.toLowerCase(Locale.ROOT)).results().map(m -> m.group()).toList();
    boolean entry = false;
    boolean senior = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (ENTRY_WORDS.contains(w) || (w.equals("new") && i + 1 < words.size() && words.get(i + 1).startsWith("grad"))
          || w.equals("i") && i > 0) {
        entry = true;
      }
      if (SENIOR_WORDS.contains(w)) {
        senior = true;
      }
    }
    if (entry && !senior) {
      return ENTRY;
    }
    return senior ? SENIOR : MID;
  }
}
