package io.applyflow.apply;

import io.applyflow.profile.Contact;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Computes a job's {@link FillPlan} before a browser opens: every field of the stored Greenhouse form schema with
 * the value Applyflow will give it and where that value comes from. Pure: no I/O, no Vert.x beyond reading the
 * JSON inputs.
 *
 * <p>Inputs: the schema {@code {"questions", "location_questions", "compliance", "demographic_questions"}} as the
 * Greenhouse Job Board API returns them; the profile {@code {"resume": <JSON Resume>, "applicant": {...}}}; the
 * user's saved answers keyed by {@link AnswerKeys#key}; the job's {@link Attachments} (which PDFs exist and whether
 * the cover letter may go out).
 *
 * <p>Order of the plan: {@code questions}, then the visible {@code location} field of {@code location_questions}
 * (hidden fields such as latitude/longitude are never planned, anywhere), then each {@code compliance} block's
 * questions, then {@code demographic_questions.questions} (field = the question id, options = answer labels).
 *
 * <p>Rules:
 * <ul>
 *   <li>Standard fields (names, preferred name, email, phone, location) come from the profile's {@link Contact},
 *       the same values the resume PDF's header prints. A form read from the page ({@link PageSchema}) names them by
 *       its fields' {@code semantic}, and adds the full name ({@link Contact#name}) and the current company (the
 *       employer of the resume's first role without an end date).</li>
 *   <li>Files: the resume file is {@code document:resume} when a PDF exists. The cover letter file is
 *       {@code document:cover_letter} when the job has a checked letter PDF and {@link Attachments#sendsLetter} allows
 *       it; otherwise it is missing with a {@link PlanEntry#reason} the user can read. The value of a file entry is
 *       the file name the employer receives. Free-text alternatives ({@code resume_text},
 *       {@code cover_letter_text}) are never planned nor drafted: the file is the answer.</li>
 *   <li>Link questions (a label naming only LinkedIn, GitHub, portfolio or website) come from
 *       {@link Contact#link}: {@code applicant.links}, a {@code basics.profiles} entry of that network, or
 *       {@code basics.url} for a website.</li>
 *   <li>Sensitive questions ({@link SensitiveQuestions#classify}) come only from the applicant object or saved
 *       answers, and only when the value maps onto an option that exists. For the EEOC topics the profile's
 *       {@code eeoc} answer comes first (it is the user's standing choice, e.g. decline); for the others a saved
 *       answer to the exact question comes first (it is more specific than the profile's country-less yes/no).
 *       Labels with a negation or mixing work authorisation and sponsorship are answered from saved answers
 *       only, as a profile yes/no could mean the opposite there.</li>
 *   <li>Other questions come from a saved answer with the same key (for selects only if it names options that
 *       exist); otherwise they are missing. Nothing is drafted or defaulted here.</li>
 *   <li>A question with several fields (resume file + text) is answered by any one of them: only one field of it
 *       carries the question's {@code required} flag, the first planned one, or the first field when none
 *       is.</li>
 * </ul>
 */
public final class FillPlanner {
  private static final Set<String> TEXT_TYPES = Set.of("input_text", "textarea");
  private static final Set<String> STANDARD_TEXT = Set.of("first_name", "last_name", "preferred_name", "email",
      "phone", "location", "full_name", "current_company");
  /** Resume or cover-letter text is never generated: the file answers the question. */
  private static final Set<String> NEVER_PLANNED = Set.of("resume_text", "cover_letter_text");
  /** Why an unattended form goes without the letter; ends the plan entry's "not sent because ...". */
  static final String LETTER_NOT_IN_AUTO = "auto mode sends the cover letter only when \"Send my cover letter in "
      + "auto mode\" is on in Settings";
  /** Why a form goes without the letter when there is no PDF to send. */
  static final String LETTER_HAS_NO_PDF = "this job has no cover letter PDF that passed its parse-back check";
  private static final Set<String> SELECT_TYPES = Set.of("multi_value_single_select", "multi_value_multi_select");
  private static final Map<String, Sensitivity> EEOC_FIELDS = Map.of(
      "gender", Sensitivity.GENDER, "race", Sensitivity.RACE, "veteran_status", Sensitivity.VETERAN,
      "disability_status", Sensitivity.DISABILITY, "hispanic_ethnicity", Sensitivity.HISPANIC_LATINO);
  private static final Map<Sensitivity, String> EEOC_KEYS = Map.of(
      Sensitivity.GENDER, "gender", Sensitivity.HISPANIC_LATINO, "hispanic_latino", Sensitivity.RACE, "race",
      Sensitivity.VETERAN, "veteran_status", Sensitivity.DISABILITY, "disability_status");
  private static final Pattern YES_NO_QUESTION = Pattern.compile(
      "^(are|do|does|did|will|would|can|could|have|has|is|were|was|should|may)\\b");
  private static final Pattern LINK_FILLER = Pattern.compile(
      "^(profile|profiles|url|urls|link|links|page|your|please|provide|share|enter|include|add|optional|required"
          + "|the|a|an|to|of|or|and|if|any|you|have|address|handle|account|username|http|https|www|com|here)$");

  private FillPlanner() {
  }

  /** One chosen value: text to type or option labels to pick, with its provenance. */
  private record Choice(String value, List<String> options, String provenance) {
  }

  /**
   * The plan for one job's form.
   *
   * @param schema       the job's stored form schema; null gives an empty plan
   * @param profile      {@code {"resume": ..., "applicant": ...}}; null is treated as empty
   * @param answers      saved answers by {@link AnswerKeys#key}; null is treated as empty
   * @param files        the PDFs that exist and whether the cover letter may go; null attaches nothing
   */
  public static FillPlan plan(JsonObject schema, JsonObject profile, Map<String, SavedAnswer> answers,
      Attachments files) {
    List<PlanEntry> out = new ArrayList<>();
    if (schema == null) {
      return new FillPlan(out);
    }
    Planner planner = new Planner(profile == null ? new JsonObject() : profile, answers == null ? Map.of() : answers,
        files == null ? Attachments.NONE : files);
    for (JsonObject q : objects(schema.getValue("questions"))) {
      out.addAll(planner.question(q));
    }
    for (JsonObject q : objects(schema.getValue("location_questions"))) {
      out.addAll(planner.question(q));
    }
    for (JsonObject block : objects(schema.getValue("compliance"))) {
      for (JsonObject q : objects(block.getValue("questions"))) {
        out.addAll(planner.question(q));
      }
    }
    if (schema.getValue("demographic_questions") instanceof JsonObject demographic) {
      for (JsonObject q : objects(demographic.getValue("questions"))) {
        out.add(planner.demographic(q));
      }
    }
    return new FillPlan(out);
  }

  /** Holds the inputs while one plan is computed. */
  private static final class Planner {
    private final JsonObject profile;
    private final JsonObject applicant;
    private final Contact contact;
    private final Map<String, SavedAnswer> answers;
    private final Attachments files;

    Planner(JsonObject profile, Map<String, SavedAnswer> answers, Attachments files) {
      this.profile = profile;
      this.applicant = object(profile.getValue("applicant"));
      this.contact = Contact.of(profile);
      this.answers = answers;
      this.files = files;
    }

    List<PlanEntry> question(JsonObject q) {
      String label = text(q.getValue("label"));
      boolean required = Boolean.TRUE.equals(q.getValue("required"));
      List<PlanEntry> entries = new ArrayList<>();
      for (JsonObject f : objects(q.getValue("fields"))) {
        String type = text(f.getValue("type"));
        if ("input_hidden".equals(type)) {
          continue;
        }
        String name = text(f.getValue("name"));
        List<String> options = new ArrayList<>();
        for (JsonObject v : objects(f.getValue("values"))) {
          options.add(text(v.getValue("label")));
        }
        Sensitivity category = EEOC_FIELDS.getOrDefault(name, SensitiveQuestions.classify(label));
        String semantic = text(f.getValue("semantic"));
        if (options.isEmpty() && Boolean.FALSE.equals(f.getValue("options_known"))
            && YES_NO_QUESTION.matcher(SensitiveQuestions.normalise(label)).find()) {
          // a page control whose options show only when opened, asking a yes/no question: the filler checks
          // that the page really offers the option chosen here
          options = new ArrayList<>(List.of("Yes", "No"));
        }
        entries.add(field(name, semantic.isEmpty() ? name : semantic, label, type, required, options, category));
      }
      if (entries.size() < 2) {
        return entries;
      }
      int primary = 0;
      for (int i = 0; i < entries.size(); i++) {
        if (!entries.get(i).isMissing()) {
          primary = i;
          break;
        }
      }
      List<PlanEntry> out = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        PlanEntry e = entries.get(i);
        out.add(new PlanEntry(e.field(), e.label(), e.type(), required && i == primary, e.value(), e.options(),
            e.provenance(), e.category(), e.reason()));
      }
      return out;
    }

    PlanEntry demographic(JsonObject q) {
      String label = text(q.getValue("label"));
      boolean required = Boolean.TRUE.equals(q.getValue("required"));
      List<String> options = new ArrayList<>();
      for (JsonObject o : objects(q.getValue("answer_options"))) {
        options.add(text(o.getValue("label")));
      }
      return answer(text(q.getValue("id")), label, text(q.getValue("type")), required, options,
          SensitiveQuestions.classify(label));
    }

    /**
     * One field's entry; {@code standard} is the applicant field it stands for: its schema name, or for a form read
     * from the page the {@link PageSchema} semantic ({@code full_name}, {@code resume}, ...).
     */
    private PlanEntry field(String name, String standard, String label, String type, boolean required,
        List<String> options, Sensitivity category) {
      boolean file = "input_file".equals(type);
      if (standard.equals("resume")) {
        Optional<Choice> pdf = files.resumePdf() != null && file
            ? Optional.of(new Choice(files.resumePdf(), List.of(), PlanEntry.RESUME_DOCUMENT)) : Optional.empty();
        return entry(name, label, type, required, category, pdf);
      }
      if (standard.equals("cover_letter") && file) {
        if (files.sendsLetter()) {
          return entry(name, label, type, required, category,
              Optional.of(new Choice(files.coverLetterPdf(), List.of(), PlanEntry.COVER_LETTER_DOCUMENT)));
        }
        return new PlanEntry(name, label, type, required, null, List.of(), PlanEntry.MISSING, category,
            files.coverLetterPdf() == null ? LETTER_HAS_NO_PDF : LETTER_NOT_IN_AUTO);
      }
      if (NEVER_PLANNED.contains(name)) {
        return entry(name, label, type, required, category, Optional.empty());
      }
      if (STANDARD_TEXT.contains(standard) && TEXT_TYPES.contains(type)) {
        return entry(name, label, type, required, category, standard(standard));
      }
      return answer(name, label, type, required, options, category);
    }

    private Optional<Choice> standard(String name) {
      return switch (name) {
        case "first_name" -> contactText(contact.firstName(), "profile:first_name");
        case "last_name" -> contactText(contact.lastName(), "profile:last_name");
        case "preferred_name" -> contactText(contact.preferredName(), "profile:preferred_name");
        case "email" -> contactText(contact.email(), "profile:email");
        case "phone" -> contactText(contact.phone(), "profile:phone");
        case "location" -> contactText(contact.location(), "profile:location");
        case "full_name" -> contactText(contact.name(), "profile:name");
        case "current_company" -> currentEmployer();
        default -> Optional.empty();
      };
    }

    /**
     * The employer of the resume's current role (the first {@code work} entry without an end date), as the resume
     * writes it; empty when the resume shows no current role.
     */
    private Optional<Choice> currentEmployer() {
      JsonArray work = object(profile.getValue("resume")).getJsonArray("work", new JsonArray());
      for (int i = 0; i < work.size(); i++) {
        JsonObject w = object(work.getValue(i));
        String end = text(w.getValue("endDate"));
        String company = text(w.getValue("name"));
        if (end.isEmpty() && !company.isEmpty()) {
          return Optional.of(new Choice(company, List.of(), "resume:work[" + i + "].name"));
        }
      }
      return Optional.empty();
    }

    /** Any question that is not a standard field: links, sensitive topics, saved answers. */
    private PlanEntry answer(String name, String label, String type, boolean required, List<String> options,
        Sensitivity category) {
      if (!TEXT_TYPES.contains(type) && !SELECT_TYPES.contains(type)) {
        return entry(name, label, type, required, category, Optional.empty());
      }
      Optional<Choice> choice;
      if (category.isSensitive()) {
        Optional<Choice> fromProfile = sensitiveFromProfile(category, label, type, options);
        Optional<Choice> fromAnswer = saved(label, type, options);
        choice = EEOC_KEYS.containsKey(category) ? fromProfile.or(() -> fromAnswer) : fromAnswer.or(() -> fromProfile);
      } else {
        choice = TEXT_TYPES.contains(type) ? link(label) : Optional.empty();
        choice = choice.or(() -> saved(label, type, options));
      }
      return entry(name, label, type, required, category, choice);
    }

    // --- links -------------------------------------------------------------------------------------------

    /** A link question's value, when the label names nothing but link kinds (and filler words). */
    private Optional<Choice> link(String label) {
      Set<String> kinds = new LinkedHashSet<>();
      for (String word : label.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
        if (word.isEmpty() || LINK_FILLER.matcher(word).matches()) {
          continue;
        }
        String kind = linkKind(word);
        if (kind == null) {
          return Optional.empty();
        }
        if (!kind.isEmpty()) {
          kinds.add(kind);
        }
      }
      for (String kind : kinds) {
        Optional<Contact.Link> l = contact.link(kind);
        if (l.isPresent()) {
          return Optional.of(new Choice(l.get().url(), List.of(), "profile:" + l.get().source()));
        }
      }
      return Optional.empty();
    }

    /** The link kind a word names, "" for a word that goes with one ("personal"), null for any other word. */
    private static String linkKind(String word) {
      return word.equals("personal") || word.equals("own") ? "" : Contact.kindOf(word);
    }

    // --- sensitive questions -----------------------------------------------------------------------------

    private Optional<Choice> sensitiveFromProfile(Sensitivity category, String label, String type,
        List<String> options) {
      boolean negated = SensitiveQuestions.negated(label);
      switch (category) {
        case WORK_AUTHORIZATION -> {
          if (negated || SensitiveQuestions.mentionsSponsorship(label)) {
            return Optional.empty();
          }
          return yesNo(applicant.getValue("work_authorization"), label, type, options, "profile:work_authorization");
        }
        case SPONSORSHIP -> {
          if (negated || SensitiveQuestions.mentionsWorkAuthorization(label)) {
            return Optional.empty();
          }
          return yesNo(applicant.getValue("requires_sponsorship"), label, type, options,
              "profile:requires_sponsorship");
        }
        case RELOCATION -> {
          Object value = applicant.getValue("willing_to_relocate");
          // "Are you based in Berlin or willing to relocate?": an unwilling applicant may still be based there.
          String words = " " + SensitiveQuestions.normalise(label) + " ";
          boolean alternative = words.contains(" or ") || words.matches(".*\\b(located|based|live|living|reside)\\b.*");
          if (negated || alternative && !"yes".equals(value)) {
            return Optional.empty();
          }
          return yesNo(value, label, type, options, "profile:willing_to_relocate");
        }
        case GENDER, HISPANIC_LATINO, RACE, VETERAN, DISABILITY -> {
          String key = EEOC_KEYS.get(category);
          Object value = object(applicant.getValue("eeoc")).getValue(key);
          if (!(value instanceof String v) || !SELECT_TYPES.contains(type)) {
            return Optional.empty();
          }
          String option = eeocOption(category, v, options);
          return option == null ? Optional.empty()
              : Optional.of(new Choice(null, List.of(option), "profile:eeoc." + key));
        }
        default -> {
          return Optional.empty();
        }
      }
    }

    /** A profile "yes"/"no" as the select's Yes/No option, or as text for a yes/no question typed in. */
    private static Optional<Choice> yesNo(Object value, String label, String type, List<String> options,
        String provenance) {
      if (!"yes".equals(value) && !"no".equals(value)) {
        return Optional.empty();
      }
      String answer = (String) value;
      if (SELECT_TYPES.contains(type)) {
        String option = yesNoOption(answer, options);
        return option == null ? Optional.empty() : Optional.of(new Choice(null, List.of(option), provenance));
      }
      if (YES_NO_QUESTION.matcher(SensitiveQuestions.normalise(label)).find()) {
        return Optional.of(new Choice(answer.equals("yes") ? "Yes" : "No", List.of(), provenance));
      }
      return Optional.empty();
    }

    // --- saved answers -----------------------------------------------------------------------------------

    private Optional<Choice> saved(String label, String type, List<String> options) {
      String key = AnswerKeys.key(label);
      SavedAnswer a = key.isEmpty() ? null : answers.get(key);
      if (a == null || a.answer() == null || a.answer().isBlank()) {
        return Optional.empty();
      }
      if (TEXT_TYPES.contains(type)) {
        return Optional.of(new Choice(a.answer(), List.of(), a.provenance()));
      }
      List<String> chosen = savedOptions(a.answer(), options, "multi_value_multi_select".equals(type));
      return chosen.isEmpty() ? Optional.empty() : Optional.of(new Choice(null, chosen, a.provenance()));
    }

    /** The option labels a saved answer names: the whole answer, or for multi-selects each line / ';' part. */
    private static List<String> savedOptions(String answer, List<String> options, boolean multi) {
      String whole = option(answer, options);
      if (whole != null) {
        return List.of(whole);
      }
      if (!multi) {
        return List.of();
      }
      List<String> chosen = new ArrayList<>();
      for (String part : answer.split("[\\n;|]")) {
        if (part.isBlank()) {
          continue;
        }
        String o = option(part, options);
        if (o == null) {
          return List.of();
        }
        if (!chosen.contains(o)) {
          chosen.add(o);
        }
      }
      return chosen;
    }

    private static String option(String wanted, List<String> options) {
      String key = AnswerKeys.key(wanted);
      for (String o : options) {
        if (!key.isEmpty() && AnswerKeys.key(o).equals(key)) {
          return o;
        }
      }
      return null;
    }
  }

  // --- option mapping ----------------------------------------------------------------------------------

  private static final Set<String> STOP_WORDS = Set.of("or", "and", "other", "the", "a", "an", "of");
  private static final Map<String, List<String>> RACE_LABELS = Map.of(
      "american_indian_or_alaska_native", List.of("American Indian or Alaska Native",
          "American Indian or Alaskan Native", "American Indian, Native American, or Alaska Native"),
      "asian", List.of("Asian", "Asian including South Asian"),
      "black_or_african_american", List.of("Black or African American"),
      "hispanic_or_latino", List.of("Hispanic or Latino", "Hispanic or Latinx", "Hispanic or Latina/o/x",
          "Hispanic or Latine"),
      "white", List.of("White", "White or Caucasian"),
      "native_hawaiian_or_pacific_islander", List.of("Native Hawaiian or Other Pacific Islander"),
      "two_or_more", List.of("Two or More Races", "Two or More Races/Ethnicities", "Two or More"));
  private static final Pattern DECLINE = Pattern.compile("\\b(decline|declines|dont wish|do not wish|not wish"
      + "|dont want|do not want|prefer not|rather not|choose not|not to answer|not to disclose|not to say"
      + "|not to self identify)\\b");

  /**
   * The option of an EEOC-style select that says what the profile's {@code eeoc} value says, or null when none
   * does. {@code decline} picks the option that declines ("Decline To Self Identify", "I don't wish to answer",
   * "I do not want to answer", "I prefer not to answer"); the other values pick only options with the same
   * meaning: gender male/female → "Male"/"Man", "Female"/"Woman" (never "Cisgender ..." or pronouns); race → the
   * Greenhouse race label or the same words in another order or a listed variant; veteran → "I am not a protected
   * veteran" / "I identify as one or more of the classifications of a protected veteran" (any label saying
   * "protected veteran" with or without a negation); disability → "Yes, I have a disability..." / "No, I do not
   * have a disability..." or "Person with a disability" / "Not a person with a disability"; Hispanic/Latino
   * yes/no → "Yes"/"No" or "Hispanic or Latino"/"Not Hispanic or Latino". A plain "Yes"/"No" is accepted only for
   * Hispanic/Latino: for veteran or disability questions a bare yes/no may ask something else ("a veteran",
   * "need an accommodation").
   */
  static String eeocOption(Sensitivity category, String value, List<String> options) {
    if ("decline".equals(value)) {
      return first(options, w -> DECLINE.matcher(w).find());
    }
    switch (category) {
      case GENDER -> {
        Set<String> wanted = switch (value) {
          case "male" -> Set.of("male", "man");
          case "female" -> Set.of("female", "woman");
          default -> Set.of();
        };
        return first(options, wanted::contains);
      }
      case RACE -> {
        List<Set<String>> wanted = RACE_LABELS.getOrDefault(value, List.of()).stream()
            .map(FillPlanner::wordSet).toList();
        for (String o : options) {
          if (wanted.contains(wordSet(o))) {
            return o;
          }
        }
        return null;
      }
      case VETERAN -> {
        return switch (value) {
          case "not_protected" -> first(options, w -> w.matches(".*\\bnot an? protected veteran\\b.*"));
          case "protected" -> first(options, w -> w.matches(".*\\bprotected veterans?\\b.*")
              && !w.matches(".*\\b(not|no|dont|never)\\b.*") && !DECLINE.matcher(w).find());
          default -> null;
        };
      }
      case DISABILITY -> {
        return switch (value) {
          case "yes" -> first(options, w -> w.matches("yes\\b.*\\bdisabilit(y|ies)\\b.*")
              || w.matches("(i am )?(a )?person with a disability\\b.*"));
          case "no" -> first(options, w -> w.matches("no\\b.*\\bdisabilit(y|ies)\\b.*")
              || w.matches("(i am )?not a person with a disability\\b.*"));
          default -> null;
        };
      }
      case HISPANIC_LATINO -> {
        String plain = "yes".equals(value) || "no".equals(value) ? yesNoOption(value, options) : null;
        if (plain != null) {
          return plain;
        }
        return switch (value) {
          case "yes" -> first(options, w -> wordSet(w).equals(Set.of("hispanic", "latino")));
          case "no" -> first(options, w -> w.matches("not hispanic( or latin[oaex])?"));
          default -> null;
        };
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * The option meaning "yes" or "no" in a yes/no select: the one whose label is exactly that word, else the only one
   * starting with it ("Yes, I am authorized"). Null when there is none, it is ambiguous, or the select is not a yes/no
   * question (an option that is neither yes, no nor a decline: "No" among "UK Passport", "Other visa" is not a plain
   * no to the question).
   */
  static String yesNoOption(String answer, List<String> options) {
    for (String o : options) {
      String w = SensitiveQuestions.normalise(o);
      if (!w.matches("(yes|no)\\b.*") && !DECLINE.matcher(w).find()) {
        return null;
      }
    }
    String exact = first(options, answer::equals);
    if (exact != null) {
      return exact;
    }
    List<String> starting = options.stream()
        .filter(o -> SensitiveQuestions.normalise(o).startsWith(answer + " ")).toList();
    return starting.size() == 1 ? starting.get(0) : null;
  }

  /** The first option whose normalised words satisfy the test. */
  private static String first(List<String> options, Predicate<String> test) {
    for (String o : options) {
      if (test.test(SensitiveQuestions.normalise(o))) {
        return o;
      }
    }
    return null;
  }

  private static Set<String> wordSet(String label) {
    Set<String> words = new HashSet<>();
    for (String w : SensitiveQuestions.normalise(label).split(" ")) {
      if (!w.isEmpty() && !STOP_WORDS.contains(w)) {
        words.add(w);
      }
    }
    return words;
  }

  // --- helpers -----------------------------------------------------------------------------------------

  private static PlanEntry entry(String name, String label, String type, boolean required, Sensitivity category,
      Optional<Choice> choice) {
    return choice.map(c -> new PlanEntry(name, label, type, required, c.value(), c.options(), c.provenance(), category))
        .orElseGet(() -> new PlanEntry(name, label, type, required, null, List.of(), PlanEntry.MISSING, category));
  }

  private static Optional<Choice> contactText(String value, String provenance) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Choice(value, List.of(), provenance));
  }

  private static List<JsonObject> objects(Object value) {
    List<JsonObject> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (Object o : array) {
        if (o instanceof JsonObject j) {
          out.add(j);
        }
      }
    }
    return out;
  }

  private static JsonObject object(Object value) {
    return value instanceof JsonObject j ? j : new JsonObject();
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value).strip();
  }
}
