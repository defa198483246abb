package io.applyflow.score;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Content words for the keyword sub-score: stop words (English function words and the stock vocabulary of job
 * postings: "team", "role", "work", "experience", "strong", "build"..., and the words of applying, pay and the law:
 * "apply", "submit", "competitive", "perks"...) and a light stemmer ("planning" and
 * "planned" → "plan", "services" and "service" → "servic", "libraries" → "library"), applied the same way to
 * the description and the resume so the two compare. The tailoring ranker uses the same stemmer. Stateless and
 * thread-safe.
 */
public final class Words {

  private static final Set<String> STOP = Set.copyOf(List.of((""
      // function words
      + "a about above across after again against all almost along also although always am among an and another "
      + "any anyone anything are around as at be became because become becomes been before being below between "
      + "both but by can cannot could did do does doing done down during each either else enough etc even ever "
      + "every few for from further get gets getting give given go goes going got had has have having he her here "
      + "hers him his how however i if in including into is it its itself just keep least less let like many may "
      + "me might more most much must my near need needs neither never new no nor not now of off often on once one "
      + "only onto or other others otherwise our ours out over own per perhaps please rather really same see seen "
      + "several shall she should since so some someone something sometimes such than that the their theirs them "
      + "then there these they this those though through throughout thus to together too toward towards under "
      + "unless until up upon us use used uses using very via was we well were what whatever when where whether "
      + "which while who whom whose why will with within without would yet you your yours yourself e.g i.e eg ie "
      + "able across already anywhere every everyone everything lot lots way ways within whole "
      // numbers and time
      + "two three four five six seven eight nine ten eleven twelve fifteen twenty first second third year years "
      + "month months week weeks day days daily weekly monthly hour hours time times today end start "
      // the stock vocabulary of job postings
      + "team teams teammate teammates role roles work works worked working job jobs position positions company "
      + "companies candidate candidates applicant applicants opportunity opportunities experience experienced "
      + "experiences year professional professionals skill skills ability abilities strong stronger excellent good "
      + "great solid deep deeply proven demonstrated track record familiarity familiar knowledge understanding "
      + "grasp plus bonus nice preferred required requirement requirements qualification qualifications "
      + "responsibilities responsibility looking join joining help helps helping make makes making build builds "
      + "building built create creates creating develop develops developing development design designs designing "
      + "drive drives driving own owns owning ownership lead leads leading led support supports supporting ensure "
      + "ensuring improve improves improving deliver delivers delivering ship ships shipping take takes taking "
      + "part across within various variety range wide including include includes related relevant equivalent "
      + "similar etc field fields area areas people person everyone anyone someone world day-to-day high low "
      + "large small big best better new next based real key core main major multiple many every other "
      + "ideal ideally minimum least currently current hands hands-on environment environments fast-paced "
      + "passion passionate love enjoy excited exciting interest interested interests want wants curious "
      + "curiosity comfortable confident eager willing willingness desire self-starter motivated "
      + "communication communicate communicating written verbal collaborate collaborating collaboration "
      + "collaborative closely partner partners partnering stakeholders cross-functional cross functional "
      + "across software engineer engineers engineering developer developers senior junior staff principal "
      + "intern interns internship graduate grad entry level mid lead manager "
      + "us our ours we're you'll you're we'll they're it's "
      + "equal employer employment benefit benefits salary compensation pay paid health insurance vacation "
      + "united states remote hybrid office offices location locations based headquartered "
      // generic verbs and adjectives of postings, which say nothing about the job's domain
      + "write run implement maintain explain answer learn define turn show bring grow set move handle manage "
      + "raise spend add fix talk speak propose investigate compare prepare advise shape evolve align represent "
      + "receive generate expose need find keep put sure fit heart means mean thing things clear simple complex "
      + "fast short full open existing internal hard easy efficient maintainable realistic resilient trustworthy "
      + "thousand thousands million millions billion billions hundreds comfort comfortable patience attention "
      + "detail details feature features non end ends ii iii iv generation stay group present welcome "
      + "decision decisions things piece pieces kind kinds lot practical basic basics foundation foundations "
      + "exposure participate change changes expert expertise organisation organization "
      + "january february march april may june july august september october november december "
      // applying, pay and the law: what a posting says to every applicant, never about the job. Sentences about
      // them are boilerplate already (Boilerplate); these words are caught also when they slip into a sentence
      // about the job ("send your questions to", "competitive"). Words with a domain sense ("equity", "medical",
      // "application", "disability") are left to the sentence classifier.
      + "apply applies applying submit submits submitted submitting submission send sends sending resume resumes "
      + "cv cvs recruiter recruiters recruiting posting postings competitive perks perk stipend stipends pto eeo "
      + "eeoc affirmative accommodation accommodations veteran veterans "
      // degrees are the education sub-score's business
      + "degree degrees bachelor bachelors master masters phd diploma pursuing graduating coursework").split("\\s+")));

  private static final Set<String> STOP_STEMS = new HashSet<>();

  static {
    for (String s : STOP) {
      STOP_STEMS.add(stem(s));
    }
  }

  private Words() {
  }

  /** Lower-case, possessive-free form of a token, or null when it is not a content word. */
  static String content(String token) {
    String lower = token.toLowerCase(Locale.ROOT).replace('’', '\'');
    if (lower.endsWith("'s")) {
      lower = lower.substring(0, lower.length() - 2);
    }
    if (lower.indexOf('\'') >= 0 || !hasLetter(lower)) {
      return null;
    }
    boolean caps = lower.length() >= 2 && token.equals(token.toUpperCase(Locale.ROOT));
    if (lower.length() < 3 && !caps) {
      return null;
    }
    if (STOP.contains(lower) || STOP_STEMS.contains(stem(lower))) {
      return null;
    }
    return lower;
  }

  /** How a token is shown: acronyms and mixed case ("HL7", "FHIR", "iOS") as written, other words in lower case. */
  static String display(String token) {
    String t = withoutPossessive(token);
    for (int i = 1; i < t.length(); i++) {
      if (Character.isUpperCase(t.charAt(i))) {
        return t;
      }
    }
    return t.toLowerCase(Locale.ROOT);
  }

  /** The token without a trailing possessive {@code 's}. */
  static String withoutPossessive(String token) {
    int n = token.length();
    if (n > 2 && (token.charAt(n - 2) == '\'' || token.charAt(n - 2) == '’')
        && (token.charAt(n - 1) == 's' || token.charAt(n - 1) == 'S')) {
      return token.substring(0, n - 2);
    }
    return token;
  }

  /** A light suffix-stripping stemmer: plural, -ing, -ed, a final -e; enough to match word forms, not a Porter. */
  public static String stem(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (w.length() > 4 && w.endsWith("ies")) {
      w = w.substring(0, w.length() - 3) + "y";
    } else if (w.endsWith("sses")) {
      w = w.substring(0, w.length() - 2);
    } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      w = w.substring(0, w.length() - 1);
    }
    if (w.length() > 5 && w.endsWith("ing")) {
      w = undouble(w.substring(0, w.length() - 3));
    } else if (w.length() > 4 && w.endsWith("ied")) {
      w = w.substring(0, w.length() - 3) + "y";
    } else if (w.length() > 4 && w.endsWith("ed")) {
      w = undouble(w.substring(0, w.length() - 2));
    }
    if (w.length() > 4 && w.endsWith("e")) {
      w = w.substring(0, w.length() - 1);
    }
    return w;
  }

  private static String undouble(String w) {
    int n = w.length();
    if (n > 2 && w.charAt(n - 1) == w.charAt(n - 2) && w.charAt(n - 1) != 's'
        && "aeiou".indexOf(w.charAt(n - 1)) < 0) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  private static boolean hasLetter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
