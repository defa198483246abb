package io.applyflow.apply;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The form schema of an ATS whose API publishes no questions (Lever, Ashby), built from the labelled controls of the
 * application page ({@link PageField}s, read before anything is typed) in the shape the Greenhouse Job Board API
 * gives and {@link FillPlanner} reads: {@code {"form_source": "page", "questions": [{"label", "required",
 * "fields": [{"name", "type", "values", "semantic"?, "options_known"}]}]}}.
 *
 * <p>Each control becomes one question whose field {@code name} is the control's identity on the page (its
 * {@code name}, else its {@code id}, else its label), so the plan entry finds the same control again. A control that
 * stands for a standard applicant field carries {@code semantic}: {@code full_name}, {@code first_name},
 * {@code last_name}, {@code preferred_name}, {@code email}, {@code phone}, {@code location},
 * {@code current_company}, {@code resume} or {@code cover_letter}. It is read from the control's HTML autofill
 * tokens first (WHATWG autocomplete: {@code name}, {@code given-name}, {@code family-name}, {@code email},
 * {@code tel}, {@code organization}), then from its input type ({@code email}, {@code tel}), then from its label
 * when the label says nothing else ("Full name", "Email address", "Resume/CV", "Current company"). Sensitive topics
 * are not marked here: the planner classifies every label ({@link SensitiveQuestions}).
 *
 * <p>Pure: no page access.
 */
public final class PageSchema {
  public static final String FORM_SOURCE = "form_source";
  public static final String FROM_PAGE = "page";

  private static final Map<String, String> AUTOCOMPLETE = Map.ofEntries(
      Map.entry("name", "full_name"), Map.entry("given-name", "first_name"), Map.entry("family-name", "last_name"),
      Map.entry("nickname", "preferred_name"), Map.entry("email", "email"), Map.entry("tel", "phone"),
      Map.entry("address-level2", "location"),
      Map.entry("tel-national", "phone"), Map.entry("organization", "current_company"));
  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("name", "full_name"), Map.entry("full name", "full_name"), Map.entry("your name", "full_name"),
      Map.entry("legal name", "full_name"), Map.entry("full legal name", "full_name"),
      Map.entry("first name", "first_name"), Map.entry("given name", "first_name"),
      Map.entry("last name", "last_name"), Map.entry("surname", "last_name"), Map.entry("family name", "last_name"),
      Map.entry("preferred name", "preferred_name"), Map.entry("preferred first name", "preferred_name"),
      Map.entry("email", "email"), Map.entry("email address", "email"), Map.entry("e-mail", "email"),
      Map.entry("e-mail address", "email"), Map.entry("your email", "email"),
      Map.entry("phone", "phone"), Map.entry("phone number", "phone"), Map.entry("mobile", "phone"),
      Map.entry("mobile number", "phone"), Map.entry("mobile phone", "phone"), Map.entry("telephone", "phone"),
      Map.entry("location", "location"), Map.entry("current location", "location"),
      Map.entry("where are you located", "location"), Map.entry("city", "location"),
      Map.entry("current company", "current_company"), Map.entry("current employer", "current_company"),
      Map.entry("resume", "resume"), Map.entry("cv", "resume"), Map.entry("resume/cv", "resume"),
      Map.entry("resume / cv", "resume"), Map.entry("cv/resume", "resume"), Map.entry("upload resume", "resume"),
      Map.entry("upload your resume", "resume"), Map.entry("résumé", "resume"),
      Map.entry("cover letter", "cover_letter"), Map.entry("upload cover letter", "cover_letter"));
  private static final Set<String> TEXT_SEMANTICS = Set.of("full_name", "first_name", "last_name", "preferred_name",
      "email", "phone", "location", "current_company");

  private PageSchema() {
  }

  /** Whether a stored schema says the form is read from the application page rather than the ATS's API. */
  public static boolean fromPage(JsonObject schema) {
    return schema != null && FROM_PAGE.equals(schema.getString(FORM_SOURCE));
  }

  /** The schema for these controls, keeping whatever else {@code base} holds (the API's {@code form_source}). */
  public static JsonObject of(List<PageField> fields, JsonObject base) {
    JsonArray questions = new JsonArray();
    Set<String> seen = new HashSet<>();
    for (PageField f : fields) {
      String type = typeahead(f) ? "input_text" : type(f);
      String identity = identity(f);
      if (type == null || identity == null || !seen.add(identity)) {
        continue;
      }
      JsonArray values = new JsonArray();
      f.options().forEach(o -> values.add(new JsonObject().put("value", o).put("label", o)));
      JsonObject field = new JsonObject().put("name", identity).put("type", type).put("values", values)
          .put("options_known", !f.options().isEmpty() || !type.startsWith("multi_value"));
      String semantic = semantic(f, type);
      if (semantic != null) {
        field.put("semantic", semantic);
      }
      questions.add(new JsonObject().put("required", f.required()).put("label", f.label() == null ? "" : f.label())
          .put("description", (String) null).put("fields", new JsonArray().add(field)));
    }
    JsonObject schema = base == null ? new JsonObject() : base.copy();
    return schema.put(FORM_SOURCE, FROM_PAGE).put("questions", questions);
  }

  /** How the page names the control: its name, else its id, else its label; null when it has none. */
  static String identity(PageField f) {
    for (String s : new String[] {f.name(), f.id(), f.label()}) {
      if (s != null && !s.isBlank()) {
        return s.strip();
      }
    }
    return null;
  }

  /** The Greenhouse field type a control's role corresponds to; null for controls that are not questions. */
  static String type(PageField f) {
    String role = f.role() == null ? "" : f.role();
    return switch (role) {
      case "text", "date" -> "input_text";
      case "textarea" -> "textarea";
      case "file" -> "input_file";
      case "select", "combobox", "listbox", "radio", "buttons" ->
          f.multiple() ? "multi_value_multi_select" : "multi_value_single_select";
      case "checkbox" -> "multi_value_multi_select";
      default -> null;
    };
  }

  /**
   * A combobox that offers nothing until something is typed and asks for the applicant's location (a place
   * typeahead): planned as the location text, whose first matching suggestion the filler takes.
   */
  static boolean typeahead(PageField f) {
    return "combobox".equals(f.role()) && f.options().isEmpty() && !f.multiple()
        && "location".equals(semantic(f, "input_text"));
  }

  /** The standard applicant field a control stands for, or null. */
  static String semantic(PageField f, String type) {
    boolean file = "input_file".equals(type);
    String label = normalise(f.label());
    if (file) {
      String s = LABELS.get(label);
      if (s == null && label.matches(".*\\b(resume|résumé|cv)\\b.*") && !label.contains("cover")) {
        s = "resume";
      } else if (s == null && label.contains("cover letter")) {
        s = "cover_letter";
      }
      return "resume".equals(s) || "cover_letter".equals(s) ? s : null;
    }
    if (!"input_text".equals(type)) {
      return null;
    }
    if (f.autocomplete() != null) {
      String[] tokens = f.autocomplete().toLowerCase(Locale.ROOT).strip().split("\\s+");
      String s = AUTOCOMPLETE.get(tokens[tokens.length - 1]);
      if (s != null) {
        return s;
      }
    }
    String inputType = f.inputType() == null ? "" : f.inputType().toLowerCase(Locale.ROOT);
    if (inputType.equals("email")) {
      return "email";
    }
    if (inputType.equals("tel")) {
      return "phone";
    }
    String s = LABELS.get(label);
    return s != null && TEXT_SEMANTICS.contains(s) ? s : null;
  }

  /** NFC, lower case, required markers and trailing colons gone, spaces collapsed. */
  static String normalise(String label) {
    if (label == null) {
      return "";
    }
    String s = Normalizer.normalize(label, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
        .replaceAll("[*✱]", " ").replaceAll("\\(required\\)|\\(optional\\)", " ")
        .replaceAll("\\s+", " ").strip();
    return s.endsWith(":") ? s.substring(0, s.length() - 1).strip() : s;
  }
}
