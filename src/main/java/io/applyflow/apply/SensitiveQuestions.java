package io.applyflow.apply;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells which application-form questions are sensitive: work authorisation, sponsorship, relocation, the EEOC
 * topics, salary, years of experience, clearance, criminal history and age. Those are answered only from the
 * applicant's own profile or saved answers, never by a model or a default.
 *
 * <p>Matching is on words of the label after lower-casing, splitting CamelCase ({@code "DisabilityStatus"}) and
 * dropping punctuation, so {@code "Are you authorized to work in the U.S.?*"} and
 * {@code "are you AUTHORIZED to work in the us"} classify alike. The rules err on the side of sensitive: a label
 * that merely mentions a topic (an equal-opportunity statement listing "race, age, disability") is sensitive. When
 * a label touches several topics the first rule in this order wins: criminal history, clearance, age, salary,
 * years of experience, sponsorship, work authorisation, relocation, race, Hispanic/Latino, ethnicity (race),
 * gender, veteran, disability.
 */
public final class SensitiveQuestions {
  private record Rule(Sensitivity category, Pattern pattern) {
  }

  private static final Pattern WORK_AUTHORIZATION = words(
      "authori[sz]ed to work", "authori[sz]ation to work", "work(ing)? authori[sz]ation", "employment authori[sz]ation",
      "legally (eligible|able|permitted|entitled|allowed|authori[sz]ed)", "eligib(le|ility) to work",
      "eligible for employment", "employment eligibility", "right to work", "(permitted|entitled|allowed) to work",
      "work permit", "citizen(s|ship)?", "permanent resident", "green card", "lawful(ly)?", "immigration status",
      "work status", "i ?9");

  private static final Pattern SPONSORSHIP = words(
      "sponsor(s|ed|ing|ship)?", "visas?", "h ?1 ?b", "immigration");

  private static final List<Rule> RULES = List.of(
      new Rule(Sensitivity.CRIMINAL_HISTORY, words(
          "convict(ed|ion|ions)?", "felon(y|ies|s)?", "misdemeanou?rs?", "criminal", "crimes?",
          "background (check|checks|screening|investigation)", "arrest(ed|s)?", "guilty", "no contest",
          "offen[cs]es?")),
      new Rule(Sensitivity.CLEARANCE, words(
          "clearances?", "ts ?sci", "top secret", "secret", "polygraph", "public trust")),
      new Rule(Sensitivity.AGE, words(
          "(16|18|19|21|eighteen|twenty one) (years|yrs)", "(years|yrs) of age", "(at least|over|under) (16|18|21)",
          "date of birth", "birth ?date", "born", "dob", "how old", "age", "legal age")),
      new Rule(Sensitivity.SALARY, words(
          "salary", "salaries", "compensation", "remuneration", "wages?", "pay", "paid", "ctc", "ote", "earnings?",
          "(hourly|daily|day) rate", "rate expectations?", "expected rate", "bonus")),
      new Rule(Sensitivity.YEARS_OF_EXPERIENCE, words(
          "how many (years|yrs)", "number of years", "how long have you",
          "(years|yrs) (of )?(professional |relevant |hands on |industry |work |working |commercial )?experience",
          "(years|yrs) (with|using|working with|in)", "\\d+ (or more )?(years|yrs)")),
      new Rule(Sensitivity.SPONSORSHIP, SPONSORSHIP),
      new Rule(Sensitivity.WORK_AUTHORIZATION, WORK_AUTHORIZATION),
      new Rule(Sensitivity.RELOCATION, words("relocat(e|es|ed|ion|ing)", "willing to move")),
      new Rule(Sensitivity.RACE, words("race", "races", "racial")),
      new Rule(Sensitivity.HISPANIC_LATINO, words("hispanic", "latin[aoex]", "latinx", "spanish origin")),
      new Rule(Sensitivity.RACE, words("ethnic", "ethnicity", "ethnicities")),
      new Rule(Sensitivity.GENDER, words(
          "gender", "genders", "sex", "sexual orientation", "pronouns?", "transgender", "cisgender", "male", "female")),
      new Rule(Sensitivity.VETERAN, words("veterans?", "military", "armed forces", "service member")),
      new Rule(Sensitivity.DISABILITY, words(
          "disabilit(y|ies)", "disabled", "impairments?", "handicap(ped)?", "accommodations?")));

  private static final Pattern NEGATION = words(
      "not", "never", "without", "no longer", "dont", "doesnt", "wont", "wouldnt", "cannot", "cant", "isnt",
      "arent", "unable");

  private SensitiveQuestions() {
  }

  /** The sensitive topic a question's label is about, or {@link Sensitivity#NONE}. */
  public static Sensitivity classify(String label) {
    String text = normalise(label);
    if (text.isEmpty()) {
      return Sensitivity.NONE;
    }
    for (Rule rule : RULES) {
      if (rule.pattern().matcher(text).find()) {
        return rule.category();
      }
    }
    return Sensitivity.NONE;
  }

  /** Whether the label also speaks of work authorisation (used to refuse answering combined questions). */
  static boolean mentionsWorkAuthorization(String label) {
    return WORK_AUTHORIZATION.matcher(normalise(label)).find();
  }

  /** Whether the label also speaks of sponsorship or visas. */
  static boolean mentionsSponsorship(String label) {
    return SPONSORSHIP.matcher(normalise(label)).find();
  }

  /** Whether the label holds a negation ("without", "not", "don't"...), which could flip a yes/no answer. */
  static boolean negated(String label) {
    return NEGATION.matcher(normalise(label)).find();
  }

  /**
   * The words of a text, lower-cased and separated by single spaces: CamelCase split, apostrophes dropped
   * ({@code "don't"} → {@code "dont"}), every other non-letter, non-digit a separator.
   */
  static String normalise(String text) {
    if (text == null) {
      return "";
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    s = s.replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ");
    s = s.toLowerCase(Locale.ROOT);
    s = s.replaceAll("['\u2019\u2018`]", "");
    return s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  private static Pattern words(String... phrases) {
    return Pattern.compile("(?<![\\p{L}\\p{N}])(" + String.join("|", phrases) + ")(?![\\p{L}\\p{N}])");
  }
}
