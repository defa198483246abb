package io.applyflow.apply;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a page says after a submission, by meaning rather than by one page's markup: the text is normalised
 * (Unicode NFKC, lower case, curly quotes straightened, runs of whitespace and punctuation folded) and matched
 * against phrasings ATSs use to confirm ("Thank you for applying", Greenhouse's default {@code confirmation_message};
 * "Your application has been received"; "Application submitted") and to refuse ("There was an error processing your
 * application", Greenhouse's {@code generic_failure}; "Application not submitted"; "please try again"). A refusal
 * wins over a confirmation on the same page. Pure; the patterns are linear (no nested quantifiers) and the input is
 * capped.
 */
public final class ConfirmationText {
  /** What the page says. */
  public enum Verdict { CONFIRMS, DENIES, SILENT }

  /** Only this much of the page is read. */
  static final int MAX_CHARS = 20_000;

  private static final List<Pattern> DENIES = List.of(
      Pattern.compile("\\bthere (?:was|were|has been) (?:an |some )?(?:error|problem|issue)s?\\b"),
      Pattern.compile("\\berror (?:processing|submitting|saving|sending)\\b"),
      Pattern.compile("\\b(?:application|submission)s? (?:was |has |have |is )?(?:not|never) (?:been )?"
          + "(?:submitted|received|sent|saved|processed|completed)\\b"),
      Pattern.compile("\\b(?:could ?not|can ?not|cant|couldnt|wasnt|was not) (?:be |been )?(?:submit|submitted|process|processed|receive|received|save"
          + "|saved|complete|completed)\\b"),
      Pattern.compile("\\bunable to (?:submit|process|receive|save|complete)\\b"),
      Pattern.compile("\\b(?:submission|application|upload|request) (?:has )?failed\\b"),
      Pattern.compile("\\bfailed to (?:submit|send|save|process)\\b"),
      Pattern.compile("\\bplease (?:try again|resubmit|fix|correct|complete the recaptcha)\\b"),
      Pattern.compile("\\bsomething went wrong\\b"));

  private static final List<Pattern> CONFIRMS = List.of(
      Pattern.compile("\\bthank(?:s| you)(?: so much| very much)? for (?:your )?(?:applying|application"
          + "|submitting|submission|interest in (?:joining|working)|applying to)\\b"),
      Pattern.compile("\\b(?:your |the )?(?:application|submission)s? (?:was|has been|have been|is|were) "
          + "(?:successfully )?(?:received|submitted|sent|recorded|completed)\\b"),
      Pattern.compile("\\bwe(?: have|ve) (?:successfully )?received your (?:application|submission|resume)\\b"),
      Pattern.compile("\\b(?:application|submission) (?:successfully )?(?:received|submitted|complete)\\b"),
      Pattern.compile("\\bsuccessfully (?:applied|submitted)\\b"));

  private ConfirmationText() {
  }

  public static Verdict read(String pageText) {
    String t = normalise(pageText);
    if (t.isEmpty()) {
      return Verdict.SILENT;
    }
    for (Pattern p : DENIES) {
      if (p.matcher(t).find()) {
        return Verdict.DENIES;
      }
    }
    for (Pattern p : CONFIRMS) {
      if (p.matcher(t).find()) {
        return Verdict.CONFIRMS;
      }
    }
    return Verdict.SILENT;
  }

  /** The normalised phrase that decided {@link #read}, or null when the page is silent. */
  public static String phrase(String pageText) {
    String t = normalise(pageText);
    for (List<Pattern> list : List.of(DENIES, CONFIRMS)) {
      for (Pattern p : list) {
        Matcher m = p.matcher(t);
        if (m.find()) {
          return m.group();
        }
      }
    }
    return null;
  }

  static String normalise(String s) {
    if (s == null) {
      return "";
    }
    String t = s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
    t = Normalizer.normalize(t, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
        .replace('\u2019', '\'').replace('\u2018', '\'').replace("'", "");
    StringBuilder out = new StringBuilder(t.length());
    boolean space = true;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(c);
        space = false;
      } else if (!space) {
        out.append(' ');
        space = true;
      }
    }
    return out.toString().strip();
  }
}
