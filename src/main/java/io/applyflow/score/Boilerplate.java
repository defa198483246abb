package io.applyflow.score;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells, from its words alone, whether a sentence of a posting speaks about the employer rather than the job: what
 * it pays and offers, what the law makes it say, or how to apply. Such sentences are the same on every posting of a
 * company, so their words say nothing about fit; {@link Posting} gives them no weight wherever they sit. Headings
 * ("Benefits", "Equal opportunity") already catch most of them, but real postings often close a requirements list
 * with a benefits line, put the equal-opportunity statement under "Where you'll be", and Greenhouse's
 * {@code content-conclusion} wrapper does not survive sanitising, so its text lands in the last section.
 *
 * <p>The cues are phrases, not single words ("applicants" but not "applicant tracking systems", "pass a background
 * check" but not "background check platform"), and a sentence phrased as an ask ("experience with", "knowledge of":
 * the caller says) is never boilerplate unless it makes an offer, so that a job whose domain is pay or law keeps its
 * requirements ("Knowledge of equity compensation plans", "Experience with privacy policy reviews"). A legal or
 * application-process sentence needs one unambiguous phrase; a benefits sentence needs an offer ("we offer",
 * "benefits include") and one cue, or two cues and no vocabulary term ("Build the payroll and benefits service in
 * Java" stays). Pure and thread-safe.
 */
final class Boilerplate {

  /** Why a sentence is about the employer. */
  enum Kind {
    BENEFITS, LEGAL, PROCESS
  }

  private static final String B = "(?<![\\p{L}\\p{N}])";
  private static final String E = "(?![\\p{L}\\p{N}])";

  /** Pay, benefits and perks; each distinct match is one cue. */
  private static final Pattern BENEFIT = Pattern.compile(B + "(?:salar(?:y|ies)|compensation|competitive pay"
      + "|(?:base |total )?pay (?:range|band|scale)|equity|stock options?|rsus?|(?:annual|performance|signing|sign-on)"
      + " bonus(?:es)?|bonuses|401\\s*\\(?k\\)?|pension|retirement (?:plan|savings)|(?:health|medical|life|dental)"
      + " (?:insurance|coverage|plans?|benefits)|health care coverage|medical|dental|vision (?:coverage|insurance|care)"
      + "|(?:parental|family|sick|paid|maternity|paternity) leave|vacation|paid time off|pto|holidays|days off"
      + "|sabbatical|stipends?|allowance|perks?|benefits|wellness|gym|(?:learning|education|training|home[- ]office)"
      + " budget|relocation|commuter|child ?care|flexible (?:hours|working|schedule)|free (?:lunch|meals|snacks)"
      + "|[$€£]\\s?\\d[\\d,.]*\\s?[kK]?)" + E);
  /** An offer: one benefit cue suffices after it. */
  private static final Pattern OFFER = Pattern.compile(B + "(?:we offer|we provide|we give|we pay|you will get"
      + "|you'll get|you get|you will receive|you'll receive|in return|benefits include|eligible for|on top of)" + E);
  /** Equal-opportunity, eligibility and privacy statements. */
  private static final Pattern LEGAL = Pattern.compile(B + "(?:equal[- ](?:employment )?opportunit(?:y|ies)"
      + "|equal employment|equal pay|affirmative action|without regard to|sexual orientation|gender identity"
      + "|national origin|protected (?:veteran|characteristic|class|status)|veteran status|reasonable accommodations?"
      + "|e-verify|(?:subject to|pass|passing|consent to|completion of) (?:a )?background checks?"
      + "|background checks? (?:is|are|will be) required|criminal histor(?:y|ies)|fair chance"
      + "|arrest (?:and|or) conviction"
      + "|pay transparency|privacy (?:policy|notice)|(?:does not|do not|never) discriminate"
      + "|(?:of|from) (?:every|all|any|diverse) backgrounds?|all walks of life|authori[sz]ed to work"
      + "|work authori[sz]ation|right to work|visa sponsorship|sponsor (?:a |your )?visas?"
      + "|regardless of (?:their |your )?(?:race|colou?r|religion|sex|gender|age|background|national|disability"
      + "|sexual|ethnic))" + E);
  /** How to apply, and sentences about the posting itself rather than the job. */
  private static final Pattern PROCESS = Pattern.compile(B + "(?:to apply|apply (?:now|today|here|online|through"
      + "|via|by|even|if|for this|for the|to this)|applicants?(?! tracking)|your application|application (?:process"
      + "|form|deadline|materials)|(?:submit|send|upload|attach|include)(?: us)? (?:your|a) (?:resume|cv"
      + "|cover letter|portfolio|application|work sample)|you submit|cover letter|this (?:job )?(?:posting|listing"
      + "|advert|advertisement|requisition|vacancy)|(?:hiring|interview|recruiting|recruitment|selection) process"
      + "|(?:our|the) (?:recruiting|recruitment|talent) team|a recruiter will|hear from you|rolling basis"
      + "|remain open until)" + E);

  private Boilerplate() {
  }

  /**
   * The kind of employer boilerplate {@code sentence} is, or null when it may speak about the job. {@code asks}: the
   * sentence is phrased as a requirement ("You have experience with...").
   */
  static Kind of(String sentence, boolean asks) {
    String s = sentence.toLowerCase(Locale.ROOT).replace('’', '\'');
    boolean offers = OFFER.matcher(s).find();
    if (asks && !offers) {
      return null;
    }
    if (LEGAL.matcher(s).find()) {
      return Kind.LEGAL;
    }
    if (PROCESS.matcher(s).find()) {
      return Kind.PROCESS;
    }
    Matcher m = BENEFIT.matcher(s);
    int cues = 0;
    String first = null;
    while (m.find()) {
      if (first == null) {
        first = m.group();
        cues = 1;
      } else if (!m.group().equals(first)) {
        cues = 2;
        break;
      }
    }
    if (cues >= 1 && offers || cues >= 2 && Keywords.find(sentence).isEmpty()) {
      return Kind.BENEFITS;
    }
    return null;
  }
}
