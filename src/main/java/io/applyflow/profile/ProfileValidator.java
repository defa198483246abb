package io.applyflow.profile;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.web.Inputs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a profile before it is stored: a JSON Resume document (the parts Applyflow reads) and the applicant's
 * answers. Every problem is reported with the JSON path that caused it, e.g. {@code resume.work[0].startDate}.
 */
public final class ProfileValidator {
  private static final Pattern DATE = Pattern.compile("^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$");
  private static final Set<String> YES_NO = Set.of("yes", "no");

  /** Allowed values of each enumerated applicant answer; "decline" is always allowed for the voluntary ones. */
  public static final Map<String, List<String>> EEOC_VALUES = Map.of(
      "gender", List.of("male", "female", "decline"),
      "hispanic_latino", List.of("yes", "no", "decline"),
      "race", List.of("american_indian_or_alaska_native", "asian", "black_or_african_american", "hispanic_or_latino",
          "white", "native_hawaiian_or_pacific_islander", "two_or_more", "decline"),
      "veteran_status", List.of("not_protected", "protected", "decline"),
      "disability_status", List.of("yes", "no", "decline"));

  private static final Set<String> APPLICANT_KEYS = Set.of("first_name", "last_name", "preferred_name", "phone",
      "phone_country", "links", "work_authorization", "requires_sponsorship", "willing_to_relocate", "eeoc");
  private static final Set<String> LINK_KEYS = Set.of("linkedin", "github", "portfolio", "website");

  private ProfileValidator() {
  }

  /**
   * Validates {@code {"resume": {...}, "applicant": {...}}}; throws BAD_INPUT naming the first problem. Every string
   * is within its maximum ({@link Inputs}) before it is read, and no string or key holds a control character.
   */
  public static void validate(JsonObject body) {
    Inputs.jsonTree("", body);
    Object resume = body.getValue("resume");
    if (!(resume instanceof JsonObject r)) {
      throw bad("resume is required and must be a JSON Resume object");
    }
    for (String key : body.fieldNames()) {
      if (!key.equals("resume") && !key.equals("applicant")) {
        throw bad("unknown field '" + key + "'; a profile has only resume and applicant");
      }
    }
    validateResume(r);
    Object applicant = body.getValue("applicant");
    if (applicant != null && !(applicant instanceof JsonObject)) {
      throw bad("applicant must be an object");
    }
    validateApplicant(applicant == null ? new JsonObject() : (JsonObject) applicant);
  }

  static void validateResume(JsonObject r) {
    JsonObject basics = object(r, "basics", "resume.basics", true);
    String name = Inputs.line("resume.basics.name", string(basics, "name", "resume.basics.name"), Inputs.NAME);
    if (name == null || name.isBlank()) {
      throw bad("resume.basics.name is required: it is printed on the resume and typed into every form");
    }
    String email = string(basics, "email", "resume.basics.email");
    if (email != null && email.length() > Inputs.EMAIL) {
      throw bad("resume.basics.email is too long: at most " + Inputs.EMAIL + " characters, got " + email.length());
    }
    if (!Inputs.isEmail(email)) {
      throw bad("resume.basics.email is required and must be an email address");
    }
    Inputs.line("resume.basics.phone", string(basics, "phone", "resume.basics.phone"), Inputs.SHORT_TEXT);
    string(basics, "summary", "resume.basics.summary");
    Inputs.line("resume.basics.label", string(basics, "label", "resume.basics.label"), Inputs.SHORT_TEXT);
    JsonArray profiles = array(basics, "profiles", "resume.basics.profiles");
    forEachObject(profiles, "resume.basics.profiles", (o, p) -> {
      Inputs.line(p + ".network", string(o, "network", p + ".network"), Inputs.SHORT_TEXT);
      Inputs.line(p + ".url", string(o, "url", p + ".url"), Inputs.URL);
    });
    forEachObject(array(r, "work", "resume.work"), "resume.work", (o, p) -> {
      string(o, "name", p + ".name");
      string(o, "position", p + ".position");
      string(o, "summary", p + ".summary");
      date(o, "startDate", p);
      date(o, "endDate", p);
      strings(o, "highlights", p + ".highlights");
    });
    forEachObject(array(r, "projects", "resume.projects"), "resume.projects", (o, p) -> {
      string(o, "name", p + ".name");
      string(o, "description", p + ".description");
      date(o, "startDate", p);
      date(o, "endDate", p);
      strings(o, "highlights", p + ".highlights");
      strings(o, "keywords", p + ".keywords");
    });
    forEachObject(array(r, "education", "resume.education"), "resume.education", (o, p) -> {
      string(o, "institution", p + ".institution");
      string(o, "area", p + ".area");
      string(o, "studyType", p + ".studyType");
      date(o, "startDate", p);
      date(o, "endDate", p);
    });
    forEachObject(array(r, "skills", "resume.skills"), "resume.skills", (o, p) -> {
      string(o, "name", p + ".name");
      strings(o, "keywords", p + ".keywords");
    });
    // every text of the resume, known sections or not: within RESUME_STRING, no control character but TAB/LF/CR
    texts("resume", r);
  }

  static void validateApplicant(JsonObject a) {
    for (String key : a.fieldNames()) {
      if (!APPLICANT_KEYS.contains(key)) {
        throw bad("unknown field 'applicant." + key + "'; known: " + String.join(", ", APPLICANT_KEYS.stream().sorted().toList()));
      }
    }
    for (String key : List.of("first_name", "last_name", "preferred_name", "phone_country")) {
      Inputs.line("applicant." + key, string(a, key, "applicant." + key), Inputs.NAME);
    }
    String phone = Inputs.line("applicant.phone", string(a, "phone", "applicant.phone"), Inputs.PHONE);
    if (phone != null && !phone.isBlank() && !phone.matches("[+0-9()\\-. ]{5,30}")) {
      throw bad("applicant.phone may hold only digits, spaces and + ( ) - . (5 to 30 characters)");
    }
    JsonObject links = object(a, "links", "applicant.links", false);
    if (links != null) {
      for (String key : links.fieldNames()) {
        if (!LINK_KEYS.contains(key)) {
          throw bad("unknown link 'applicant.links." + key + "'; known: " + String.join(", ", LINK_KEYS.stream().sorted().toList()));
        }
        String url = Inputs.line("applicant.links." + key, string(links, key, "applicant.links." + key), Inputs.URL);
        if (url != null && !url.isBlank() && !url.matches("https?://\\S+")) {
          throw bad("applicant.links." + key + " must be an http(s) URL");
        }
      }
    }
    for (String key : List.of("work_authorization", "requires_sponsorship", "willing_to_relocate")) {
      String v = Inputs.line("applicant." + key, string(a, key, "applicant." + key), Inputs.WORD);
      if (v != null && !YES_NO.contains(v)) {
        throw bad("applicant." + key + " must be \"yes\" or \"no\" (or left out), got \"" + v + "\"");
      }
    }
    JsonObject eeoc = object(a, "eeoc", "applicant.eeoc", false);
    if (eeoc != null) {
      for (String key : eeoc.fieldNames()) {
        List<String> allowed = EEOC_VALUES.get(key);
        if (allowed == null) {
          throw bad("unknown field 'applicant.eeoc." + key + "'; known: " + String.join(", ", EEOC_VALUES.keySet().stream().sorted().toList()));
        }
        String v = Inputs.line("applicant.eeoc." + key, string(eeoc, key, "applicant.eeoc." + key), Inputs.WORD);
        if (v != null && !allowed.contains(v)) {
          throw bad("applicant.eeoc." + key + " must be one of " + allowed + ", got \"" + v + "\"");
        }
      }
    }
  }

  /** Every string under {@code value}: at most {@link Inputs#RESUME_STRING} characters, TAB/LF/CR the only controls. */
  private static void texts(String path, Object value) {
    if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        texts(path + "." + e.getKey(), e.getValue());
      }
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        texts(path + "[" + i + "]", a.getValue(i));
      }
    } else if (value instanceof String s) {
      Inputs.multiline(Inputs.shown(path), s, Inputs.RESUME_STRING);
    }
  }

  private interface ObjectCheck {
    void check(JsonObject o, String path);
  }

  private static void forEachObject(JsonArray array, String path, ObjectCheck check) {
    if (array == null) {
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      String p = path + "[" + i + "]";
      if (!(item instanceof JsonObject o)) {
        throw bad(p + " must be an object");
      }
      check.check(o, p);
    }
  }

  private static JsonObject object(JsonObject o, String key, String path, boolean required) {
    Object v = o.getValue(key);
    if (v == null) {
      if (required) {
        throw bad(path + " is required");
      }
      return null;
    }
    if (!(v instanceof JsonObject jo)) {
      throw bad(path + " must be an object");
    }
    return jo;
  }

  private static JsonArray array(JsonObject o, String key, String path) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray ja)) {
      throw bad(path + " must be an array");
    }
    return ja;
  }

  private static String string(JsonObject o, String key, String path) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw bad(path + " must be a string");
    }
    return s;
  }

  private static void strings(JsonObject o, String key, String path) {
    JsonArray a = array(o, key, path);
    if (a == null) {
      return;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!(a.getValue(i) instanceof String)) {
        throw bad(path + "[" + i + "] must be a string");
      }
    }
  }

  private static void date(JsonObject o, String key, String path) {
    String v = Inputs.line(path + "." + key, string(o, key, path + "." + key), 10);
    if (v != null && !v.isEmpty() && !DATE.matcher(v).matches()) {
      throw bad(path + "." + key + " must be YYYY, YYYY-MM or YYYY-MM-DD, got \"" + v + "\"");
    }
  }

  private static Failure.Coded bad(String message) {
    return Failure.BAD_INPUT.with(message);
  }
}
