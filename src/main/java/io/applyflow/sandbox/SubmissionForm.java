package io.applyflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.applyflow.sandbox.SandboxBoards.Country;
import io.applyflow.sandbox.SandboxBoards.Posting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Server-side checks of an application posted to a sandbox job, with the renderer's own messages
 * (job-boards i18n: "{{ fieldName }} is required.", "Please enter a valid email address…",
 * "Invalid file format selected."). Pure; safe from any thread.
 */
final class SubmissionForm {
  static final List<String> DEFAULT_FILETYPES = List.of("pdf", "doc", "docx", "txt", "rtf");
  /** RFC 5321's longest usable address; longer input is refused before it is looked at. */
  static final int MAX_EMAIL = 254;
  private static final Pattern ANSWER_KEY = Pattern.compile("^(?:[a-z_]{1,40}|question_\\d{1,20}(?:\\[])?|\\d{1,20})$");
  private static final int MAX_TEXT = 10_000;

  /**
   * What an uploaded part looks like to the checks: form field, the client's file name, its bytes and what they
   * are ({@code null}: none of the accepted kinds). The client's content type is never used.
   */
  record Part(String field, String filename, long size, Buffer content, FileKind kind) {
  }

  /** The outcome: errors by field id (empty when valid) and the values to store. */
  record Result(Map<String, String> errors, String firstName, String lastName, String email, String phone,
      Map<String, Object> answers, List<Part> files) {
    boolean valid() {
      return errors.isEmpty();
    }
  }

  private SubmissionForm() {
  }

  static Result check(Posting posting, Map<String, List<String>> form, List<Part> parts,
      Function<String, Optional<Country>> countries) {
    return check(posting, form, parts, countries, true);
  }

  /**
   * Checks a form already in the API's field names ({@code first_name}, {@code question_42}, {@code question_7[]},
   * {@code gender}, {@code location}...). {@code phoneCountry}: whether a phone needs the hosted renderer's
   * country combobox (the classic form has none).
   */
  static Result check(Posting posting, Map<String, List<String>> form, List<Part> parts,
      Function<String, Optional<Country>> countries, boolean phoneCountry) {
    Map<String, String> errors = new LinkedHashMap<>();
    String first = single(form, "first_name");
    String last = single(form, "last_name");
    String email = single(form, "email");
    String phone = single(form, "phone");
    String country = single(form, "country");

    requireText(errors, "first_name", "First Name", first);
    requireText(errors, "last_name", "Last Name", last);
    if (email.isEmpty()) {
      errors.put("email", "Email is required.");
    } else if (!isEmail(email)) {
      errors.put("email", "Please enter a valid email address (example@domain.com).");
    }
    if (phone.length() > 255) {
      errors.put("phone", "Phone number is too long");
    } else if (!phone.isEmpty() && !phone.matches("[0-9+()\\-.\\s]{4,40}")) {
      errors.put("phone", "Phone number is invalid");
    }
    String countryCode = null;
    if (!country.isEmpty()) {
      Optional<Country> c = countries.apply(country);
      if (c.isEmpty()) {
        errors.put("country", "Unknown country '" + country + "'.");
      } else {
        countryCode = c.get().code();
      }
    } else if (!phone.isEmpty() && phoneCountry) {
      errors.put("country", "Country is required.");
    }
    posting.locationQuestion()
        .filter(q -> q.path("required").asBoolean(false) && single(form, "location").isEmpty())
        .ifPresent(q -> errors.put("location", q.path("label").asText("Location") + " is required."));

    List<Part> files = new ArrayList<>();
    for (String field : List.of("resume", "cover_letter")) {
      Optional<Part> part = parts.stream().filter(p -> p.field().equals(field) && !isEmptyPlaceholder(p)).findFirst();
      String label = "resume".equals(field) ? "Resume/CV" : "Cover Letter";
      if (part.isPresent()) {
        Part p = part.get();
        if (p.size() <= 0) {
          errors.put(field, label + " is empty.");
        } else if (p.kind() == null || !allowedTypes(posting, field).contains(p.kind().extension)) {
          errors.put(field, "Invalid file format selected.");
        } else {
          files.add(p);
        }
      } else if ("resume".equals(field) && single(form, "resume_text").isEmpty()) {
        errors.put("resume", "Resume/CV is required.");
      }
    }

    // Custom questions the posting marks required (none of the standard postings has one; the every-field and
    // knockout scenarios do).
    for (JsonNode q : posting.questions()) {
      if (!q.path("required").asBoolean(false)) {
        continue;
      }
      for (JsonNode f : q.path("fields")) {
        String name = f.path("name").asText();
        if (name.startsWith("question_") && !"input_file".equals(f.path("type").asText())
            && single(form, name).isEmpty() && single(form, name + "[]").isEmpty()) {
          errors.put(name, q.path("label").asText("This field") + " is required.");
        }
      }
    }

    // A single select takes only one of its options' values (a label, or text painted into the widget, is not one),
    // with the renderer's "Please enter a valid {{ attribute }}."
    for (JsonNode q : posting.questions()) {
      for (JsonNode f : q.path("fields")) {
        String name = f.path("name").asText();
        String value = single(form, name);
        if (name.startsWith("question_") && "multi_value_single_select".equals(f.path("type").asText())
            && !value.isEmpty() && !errors.containsKey(name) && !optionValues(f).contains(value)) {
          errors.put(name, "Please enter a valid " + q.path("label").asText("answer").strip() + ".");
        }
      }
    }

    Map<String, Object> answers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : form.entrySet()) {
      String key = e.getKey();
      if (List.of("first_name", "last_name", "email", "phone", "country").contains(key) || !ANSWER_KEY.matcher(key).matches()) {
        continue;
      }
      List<String> values = e.getValue().stream().map(SubmissionForm::clip).filter(s -> !s.isEmpty()).toList();
      if (values.isEmpty()) {
        continue;
      }
      answers.put(key.endsWith("[]") ? key.substring(0, key.length() - 2) : key,
          values.size() == 1 && !key.endsWith("[]") ? values.get(0) : values);
      if (answers.size() >= 100) {
        break;
      }
    }
    if (countryCode != null) {
      answers.put("country", countryCode);
    }
    return new Result(errors, first, last, email, phone.isEmpty() ? null : phone, answers, files);
  }

  /**
   * The old {@code ^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$} in one linear pass, after a length check: one {@code @} with
   * something before it, no whitespace, and a dot in the domain with something on both sides.
   */
  static boolean isEmail(String email) {
    if (email == null || email.isEmpty() || email.length() > MAX_EMAIL) {
      return false;
    }
    int at = -1;
    for (int i = 0; i < email.length(); i++) {
      char c = email.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        return false;
      }
      if (c == '@') {
        if (at >= 0) {
          return false;
        }
        at = i;
      }
    }
    if (at <= 0) {
      return false;
    }
    int dot = email.indexOf('.', at + 2);
    return dot > 0 && dot < email.length() - 1;
  }

  /** A file input left empty in a plain HTML form still sends a part with no file name and no bytes. */
  private static boolean isEmptyPlaceholder(Part p) {
    return (p.filename() == null || p.filename().isBlank()) && p.size() == 0;
  }

  private static void requireText(Map<String, String> errors, String field, String label, String value) {
    if (value.isEmpty()) {
      errors.put(field, label + " is required.");
    } else if (value.length() > 255) {
      errors.put(field, label + " must be at most 255 characters.");
    }
  }

  static List<String> allowedTypes(Posting posting, String field) {
    return posting.questionFor(field)
        .flatMap(q -> {
          for (JsonNode f : q.path("fields")) {
            if (field.equals(f.path("name").asText()) && f.path("allowed_filetypes").isArray()) {
              List<String> types = new ArrayList<>();
              f.path("allowed_filetypes").forEach(t -> types.add(t.asText().toLowerCase(Locale.ROOT)));
              return Optional.of(types);
            }
          }
          return Optional.empty();
        })
        .orElse(DEFAULT_FILETYPES);
  }

  private static List<String> optionValues(JsonNode field) {
    List<String> values = new ArrayList<>();
    field.path("values").forEach(v -> values.add(v.path("value").asText()));
    return values;
  }

  private static String single(Map<String, List<String>> form, String key) {
    List<String> v = form.get(key);
    return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0).strip();
  }

  private static String clip(String s) {
    String t = s == null ? "" : s.strip();
    return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
  }
}
