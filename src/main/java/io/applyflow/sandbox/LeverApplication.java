package io.applyflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side checks of an application posted to a sandbox Lever apply page ({@code jobs.lever.co/{site}/{id}/apply}
 * field names: {@code name}, {@code email}, {@code phone}, {@code location}, {@code selectedLocation}, {@code org},
 * {@code urls[...]}, {@code comments}, {@code cards[<uuid>][field<N>]}, {@code eeo[...]}, {@code consent[...]},
 * {@code resume}). Errors are keyed by the control's name. Pure; safe from any thread.
 */
final class LeverApplication {
  static final String REQUIRED = "This field is required.";
  static final List<String> URL_KEYS = List.of("LinkedIn", "Twitter", "GitHub", "Portfolio", "Other");
  static final List<String> FILETYPES = List.of("pdf", "doc", "docx", "txt", "rtf");
  /** Lever's US EEO survey (voluntary), in the order the form shows it. */
  static final Map<String, List<String>> EEO = eeo();
  private static final int MAX_TEXT = 10_000;

  /** The outcome: errors by control name (empty when valid) and what to store. */
  record Result(Map<String, String> errors, String name, String email, String phone, Map<String, Object> answers,
      List<SubmissionForm.Part> files) {
    boolean valid() {
      return errors.isEmpty();
    }
  }

  private LeverApplication() {
  }

  private static Map<String, List<String>> eeo() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("gender", List.of("Male", "Female", "Decline to self-identify"));
    m.put("race", List.of("Hispanic or Latino", "White (Not Hispanic or Latino)",
        "Black or African American (Not Hispanic or Latino)",
        "Native Hawaiian or Other Pacific Islander (Not Hispanic or Latino)", "Asian (Not Hispanic or Latino)",
        "American Indian or Alaska Native (Not Hispanic or Latino)", "Two or More Races (Not Hispanic or Latino)",
        "Decline to self-identify"));
    m.put("veteran", List.of("I am a veteran", "I am not a veteran", "Decline to self-identify"));
    m.put("disability", List.of("Yes, I have a disability (or previously had a disability)",
        "No, I do not have a disability", "I do not want to answer"));
    return m;
  }

  /** The control name of field {@code n} of card {@code cardId}. */
  static String cardField(String cardId, int n) {
    return "cards[" + cardId + "][field" + n + "]";
  }

  /** {@code sandbox}: the posting's private sandbox object (cards, eeo, consent, scenario). */
  static Result check(JsonNode sandbox, Map<String, List<String>> form, List<SubmissionForm.Part> parts) {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, Object> answers = new LinkedHashMap<>();
    String name = single(form, "name");
    String email = single(form, "email");
    String phone = single(form, "phone");
    String location = single(form, "location");

    Optional<SubmissionForm.Part> resume = parts.stream()
        .filter(p -> "resume".equals(p.field()) && !(p.size() == 0 && (p.filename() == null || p.filename().isBlank())))
        .findFirst();
    List<SubmissionForm.Part> files = new ArrayList<>();
    if (resume.isEmpty()) {
      errors.put("resume", REQUIRED);
    } else if (resume.get().size() <= 0) {
      errors.put("resume", "The file you attached is empty.");
    } else if (resume.get().kind() == null || !FILETYPES.contains(resume.get().kind().extension)) {
      errors.put("resume", "Please attach a PDF, DOC, DOCX, TXT or RTF file.");
    } else {
      files.add(resume.get());
    }
    text(errors, "name", name, true, 255);
    if (email.isEmpty()) {
      errors.put("email", REQUIRED);
    } else if (!SubmissionForm.isEmail(email)) {
      errors.put("email", "Please enter a valid email address.");
    }
    if (!phone.isEmpty() && !phone.matches("[0-9+()\\-.\\s]{4,40}")) {
      errors.put("phone", "Please enter a valid phone number.");
    }
    text(errors, "location", location, true, 255);
    if (!location.isEmpty()) {
      answers.put("location", location);
      String selected = single(form, "selectedLocation");
      if (!selected.isEmpty()) {
        answers.put("selectedLocation", clip(selected));
      }
    }
    String org = single(form, "org");
    text(errors, "org", org, false, 255);
    if (!org.isEmpty()) {
      answers.put("org", org);
    }
    for (String key : URL_KEYS) {
      String field = "urls[" + key + "]";
      String url = single(form, field);
      if (url.isEmpty()) {
        continue;
      }
      if (url.length() > 2000 || !url.matches("(?i)https?://\\S+")) {
        errors.put(field, "Please enter a valid URL, starting with http:// or https://.");
      } else {
        answers.put(field, url);
      }
    }
    String comments = single(form, "comments");
    if (!comments.isEmpty()) {
      answers.put("comments", clip(comments));
    }

    for (JsonNode card : sandbox.path("cards")) {
      String cardId = card.path("id").asText();
      int n = 0;
      for (JsonNode f : card.path("fields")) {
        String field = cardField(cardId, n++);
        List<String> values = form.getOrDefault(field, List.of()).stream()
            .map(v -> v == null ? "" : v.strip()).filter(v -> !v.isEmpty()).toList();
        List<String> options = new ArrayList<>();
        f.path("options").forEach(o -> options.add(o.path("text").asText()));
        String type = f.path("type").asText();
        if (values.isEmpty()) {
          if (f.path("required").asBoolean(false)) {
            errors.put(field, REQUIRED);
          }
          continue;
        }
        if (!options.isEmpty() && !options.containsAll(values)) {
          errors.put(field, "Please choose one of the options offered.");
        } else if (!"multiple-select".equals(type) && values.size() > 1) {
          errors.put(field, "Please give one answer.");
        } else if (values.stream().anyMatch(v -> v.length() > MAX_TEXT)) {
          errors.put(field, "Please keep your answer under " + MAX_TEXT + " characters.");
        } else {
          answers.put(field, "multiple-select".equals(type) ? values : values.get(0));
        }
      }
    }

    if (sandbox.path("eeo").asBoolean(false)) {
      for (Map.Entry<String, List<String>> e : EEO.entrySet()) {
        String field = "eeo[" + e.getKey() + "]";
        String v = single(form, field);
        if (v.isEmpty()) {
          continue;
        }
        if (!e.getValue().contains(v)) {
          errors.put(field, "Please choose one of the options offered.");
        } else {
          answers.put(field, v);
        }
      }
    }
    if (sandbox.path("consent").asBoolean(false)) {
      for (String c : List.of("consent[store]", "consent[marketing]")) {
        if (!single(form, c).isEmpty()) {
          answers.put(c, "true");
        }
      }
    }
    return new Result(errors, name, email, phone.isEmpty() ? null : phone, answers, files);
  }

  private static void text(Map<String, String> errors, String field, String value, boolean required, int max) {
    if (value.isEmpty()) {
      if (required) {
        errors.put(field, REQUIRED);
      }
    } else if (value.length() > max) {
      errors.put(field, "Please keep this under " + max + " characters.");
    }
  }

  static String single(Map<String, List<String>> form, String key) {
    List<String> v = form.get(key);
    return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0).strip();
  }

  private static String clip(String s) {
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
  }
}
