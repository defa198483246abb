package io.applyflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.sandbox.SandboxBoards.Board;
import io.applyflow.sandbox.SandboxBoards.Posting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The legacy boards.greenhouse.io application form ({@code templates/sandbox/classic.html}), played by the
 * {@code classic} scenario: a plain {@code multipart/form-data} POST of {@code job_application[...]} names,
 * no JavaScript, server-side validation that re-renders the form with the errors. This class builds the
 * page model and turns the classic names into the API's ({@code job_application[first_name]} →
 * {@code first_name}, an {@code answers_attributes} row → {@code question_<id>}) so one check and one store
 * serve both renderers. Pure; safe from any thread.
 */
final class ClassicPage {
  private static final Pattern SIMPLE = Pattern.compile("^job_application\\[([a-z_]{1,40})]$");
  private static final Pattern ROW_QUESTION = Pattern.compile("^job_application\\[answers_attributes]\\[(\\d{1,4})]\\[question_id]$");
  private static final Pattern ROW_VALUE =
      Pattern.compile("^job_application\\[answers_attributes]\\[(\\d{1,4})]\\[(?:text_value|boolean_value)]$");
  private static final Pattern ROW_OPTION = Pattern.compile(
      "^job_application\\[answers_attributes]\\[(\\d{1,4})]\\[answer_selected_options_attributes]\\[\\d{1,4}]\\[question_option_id]$");
  private static final Set<String> MAIN = Set.of("first_name", "last_name", "preferred_name", "email", "phone");

  /** A classic POST in the API's field names. */
  record Normalised(Map<String, List<String>> form, List<SubmissionForm.Part> parts) {
  }

  private ClassicPage() {
  }

  static Normalised normalise(Map<String, List<String>> raw, List<SubmissionForm.Part> parts) {
    Map<String, String> questionByRow = new HashMap<>();
    for (Map.Entry<String, List<String>> e : raw.entrySet()) {
      Matcher m = ROW_QUESTION.matcher(e.getKey());
      if (m.matches() && !e.getValue().isEmpty() && e.getValue().get(0).strip().matches("\\d{1,20}")) {
        questionByRow.put(m.group(1), e.getValue().get(0).strip());
      }
    }
    Map<String, List<String>> form = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : raw.entrySet()) {
      String key = e.getKey();
      Matcher simple = SIMPLE.matcher(key);
      Matcher value = ROW_VALUE.matcher(key);
      Matcher option = ROW_OPTION.matcher(key);
      if (simple.matches()) {
        form.put(simple.group(1), e.getValue());
      } else if (value.matches() && questionByRow.containsKey(value.group(1))) {
        form.put("question_" + questionByRow.get(value.group(1)), e.getValue());
      } else if (option.matches() && questionByRow.containsKey(option.group(1))) {
        form.computeIfAbsent("question_" + questionByRow.get(option.group(1)) + "[]", k -> new ArrayList<>())
            .addAll(e.getValue());
      }
    }
    List<SubmissionForm.Part> renamed = new ArrayList<>();
    for (SubmissionForm.Part p : parts) {
      Matcher m = SIMPLE.matcher(p.field());
      if (m.matches()) {
        renamed.add(new SubmissionForm.Part(m.group(1), p.filename(), p.size(), p.content(), p.kind()));
      }
    }
    return new Normalised(form, renamed);
  }

  /**
   * The page model. {@code values} (API names) refill the fields after a refused POST; {@code errors} are
   * keyed by API name as {@link SubmissionForm} reports them.
   */
  static Map<String, Object> model(Board board, Posting p, Map<String, List<String>> values, Map<String, String> errors) {
    Map<String, Object> m = new HashMap<>();
    m.put("company", p.companyName());
    m.put("title", p.title());
    m.put("location", p.locationName());
    m.put("descriptionHtml", JobPage.sanitise(p.contentHtml()));
    m.put("submitPath", "/sandbox/job-boards/" + board.token() + "/jobs/" + p.id());
    m.put("errors", errors);
    m.put("errorList", List.copyOf(errors.values()));

    List<Map<String, Object>> main = new ArrayList<>();
    List<Map<String, Object>> files = new ArrayList<>();
    List<Map<String, Object>> custom = new ArrayList<>();
    for (JsonNode q : p.questions()) {
      JsonNode first = q.path("fields").path(0);
      String name = first.path("name").asText();
      String label = q.path("label").asText(name).strip();
      boolean required = q.path("required").asBoolean(false);
      if (MAIN.contains(name)) {
        Map<String, Object> f = field(name, "job_application[" + name + "]", label, required, values, errors.get(name));
        f.put("type", "phone".equals(name) ? "tel" : "text");
        main.add(f);
      } else if ("input_file".equals(first.path("type").asText())) {
        Map<String, Object> f = new HashMap<>();
        String textId = q.path("fields").size() > 1 ? q.path("fields").get(1).path("name").asText() : null;
        f.put("field", name);
        f.put("label", label);
        f.put("required", required);
        f.put("textId", textId);
        f.put("textValue", textId == null ? null : single(values, textId));
        f.put("error", errors.get(name));
        files.add(f);
      } else if (name.startsWith("question_")) {
        custom.add(customRow(custom.size(), name, label, required, first, values, errors.get(name)));
      }
    }
    p.locationQuestion().ifPresent(q -> {
      Map<String, Object> f = field("job_application_location", "job_application[location]", q.path("label").asText("Location"),
          q.path("required").asBoolean(false), Map.of("job_application_location", values.getOrDefault("location", List.of())),
          errors.get("location"));
      f.put("type", "text");
      main.add(f);
    });
    m.put("main", main);
    m.put("files", files);
    m.put("custom", custom);

    List<Map<String, Object>> eeoc = new ArrayList<>();
    for (JobPage.EeocQuestion e : JobPage.eeocQuestions(p)) {
      Map<String, Object> f = new HashMap<>();
      f.put("id", "job_application_" + e.name());
      f.put("name", "job_application[" + e.name() + "]");
      f.put("label", e.label());
      f.put("options", options(e.options(), List.of(single(values, e.name()))));
      eeoc.add(f);
    }
    m.put("eeoc", eeoc);
    return m;
  }

  private static Map<String, Object> field(String id, String name, String label, boolean required,
      Map<String, List<String>> values, String error) {
    Map<String, Object> f = new HashMap<>();
    f.put("id", id);
    f.put("name", name);
    f.put("label", label);
    f.put("required", required);
    f.put("value", single(values, id));
    f.put("error", error);
    return f;
  }

  private static Map<String, Object> customRow(int index, String name, String label, boolean required, JsonNode field,
      Map<String, List<String>> values, String error) {
    String prefix = "job_application[answers_attributes][" + index + "]";
    String idPrefix = "job_application_answers_attributes_" + index;
    Map<String, Object> c = new HashMap<>();
    c.put("index", index);
    c.put("questionId", name.substring("question_".length()));
    c.put("label", label);
    c.put("required", required);
    c.put("error", error);
    String type = field.path("type").asText();
    switch (type) {
      case "multi_value_single_select" -> {
        c.put("kind", "boolean");
        c.put("valueId", idPrefix + "_boolean_value");
        c.put("valueName", prefix + "[boolean_value]");
        c.put("options", options(JobPage.values(field), List.of(single(values, name))));
      }
      case "multi_value_multi_select" -> {
        c.put("kind", "multi");
        c.put("valueId", idPrefix + "_answer_selected_options");
        c.put("optionPrefix", prefix + "[answer_selected_options_attributes]");
        c.put("options", options(JobPage.values(field), values.getOrDefault(name + "[]", List.of())));
      }
      default -> {
        c.put("kind", "textarea".equals(type) ? "textarea" : "text");
        c.put("valueId", idPrefix + "_text_value");
        c.put("valueName", prefix + "[text_value]");
        c.put("value", single(values, name));
      }
    }
    return c;
  }

  private static List<Map<String, Object>> options(List<Map<String, Object>> options, List<String> selected) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> o : options) {
      Map<String, Object> copy = new HashMap<>(o);
      copy.put("selected", selected.contains(String.valueOf(o.get("value"))));
      out.add(copy);
    }
    return out;
  }

  private static String single(Map<String, List<String>> values, String key) {
    List<String> v = values.get(key);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }
}
