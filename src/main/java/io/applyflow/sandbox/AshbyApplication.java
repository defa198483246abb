package io.applyflow.sandbox;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox Ashby form's fields (the definition its page script renders) and the server-side checks of an
 * application posted to it. Field types are Ashby's own ({@code String}, {@code Email}, {@code Phone}, {@code File},
 * {@code Location}, {@code Boolean}, {@code ValueSelect}, {@code MultiValueSelect}, {@code LongText}, {@code Date});
 * posted values are keyed by the field's {@code path} ({@code _systemfield_name}, a question's UUID...).
 * Messages follow Ashby's ("Missing entry for required field: ..."). Pure; safe from any thread.
 */
final class AshbyApplication {
  static final List<String> FILETYPES = List.of("pdf", "doc", "docx", "txt", "rtf");
  private static final int MAX_TEXT = 10_000;

  /** One field of the form: {@code options} only for the select types. */
  record Field(String path, String type, String title, boolean required, List<String> options) {
  }

  /** The outcome: errors by path (empty when valid) and what to store. */
  record Result(Map<String, String> errors, String name, String email, String phone, Map<String, Object> answers,
      List<SubmissionForm.Part> files) {
    boolean valid() {
      return errors.isEmpty();
    }
  }

  private AshbyApplication() {
  }

  /** The system fields every sandbox Ashby form opens with, in order. */
  static List<Field> systemFields() {
    return List.of(
        new Field("_systemfield_name", "String", "Name", true, List.of()),
        new Field("_systemfield_email", "Email", "Email", true, List.of()),
        new Field("_systemfield_resume", "File", "Resume", true, List.of()),
        new Field("_systemfield_phone", "Phone", "Phone", false, List.of()),
        new Field("_systemfield_location", "Location", "Location", true, List.of()));
  }

  static Result check(List<Field> fields, Map<String, List<String>> form, List<SubmissionForm.Part> parts,
      List<String> locations) {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, Object> answers = new LinkedHashMap<>();
    List<SubmissionForm.Part> files = new ArrayList<>();
    for (Field f : fields) {
      String missing = "Missing entry for required field: " + f.title();
      if ("File".equals(f.type())) {
        Optional<SubmissionForm.Part> part = parts.stream()
            .filter(p -> f.path().equals(p.field()) && !(p.size() == 0 && (p.filename() == null || p.filename().isBlank())))
            .findFirst();
        if (part.isEmpty()) {
          if (f.required()) {
            errors.put(f.path(), missing);
          }
        } else if (part.get().size() <= 0) {
          errors.put(f.path(), "The file you uploaded is empty.");
        } else if (part.get().kind() == null || !FILETYPES.contains(part.get().kind().extension)) {
          errors.put(f.path(), "This file type is not supported. Upload a PDF, DOC, DOCX, TXT or RTF file.");
        } else {
          files.add(part.get());
        }
        continue;
      }
      List<String> values = form.getOrDefault(f.path(), List.of()).stream()
          .map(v -> v == null ? "" : v.strip()).filter(v -> !v.isEmpty()).toList();
      if (values.isEmpty()) {
        if (f.required()) {
          errors.put(f.path(), missing);
        }
        continue;
      }
      if (!"MultiValueSelect".equals(f.type()) && values.size() > 1) {
        errors.put(f.path(), f.title() + ": only one answer is allowed.");
        continue;
      }
      String v = values.get(0);
      String problem = switch (f.type()) {
        case "Email" -> SubmissionForm.isEmail(v) ? null : "Please enter a valid email address.";
        case "Phone" -> v.matches("[0-9+()\\-.\\s]{4,40}") ? null : "Please enter a valid phone number.";
        case "Boolean" -> "true".equals(v) || "false".equals(v) ? null : f.title() + ": answer Yes or No.";
        case "ValueSelect" -> f.options().contains(v) ? null : f.title() + ": choose one of the options.";
        case "MultiValueSelect" -> f.options().containsAll(values) ? null : f.title() + ": choose from the options.";
        case "Location" -> locations.contains(v) ? null : f.title() + ": choose a location from the list.";
        case "Date" -> isDate(v) ? null : f.title() + ": enter a date as YYYY-MM-DD.";
        case "String" -> v.length() <= 255 ? null : f.title() + ": at most 255 characters.";
        default -> v.length() <= MAX_TEXT ? null : f.title() + ": at most " + MAX_TEXT + " characters.";
      };
      if (problem != null) {
        errors.put(f.path(), problem);
      } else if (!List.of("_systemfield_name", "_systemfield_email", "_systemfield_phone").contains(f.path())) {
        answers.put(f.path(), "MultiValueSelect".equals(f.type()) ? values : v);
      }
    }
    String phone = single(form, "_systemfield_phone");
    return new Result(errors, single(form, "_systemfield_name"), single(form, "_systemfield_email"),
        phone.isEmpty() ? null : phone, answers, files);
  }

  private static boolean isDate(String v) {
    try {
      LocalDate.parse(v);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String single(Map<String, List<String>> form, String key) {
    List<String> v = form.get(key);
    return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0).strip();
  }
}
