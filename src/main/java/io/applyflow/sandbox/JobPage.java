package io.applyflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.sandbox.SandboxBoards.Board;
import io.applyflow.sandbox.SandboxBoards.Country;
import io.applyflow.sandbox.SandboxBoards.Location;
import io.applyflow.sandbox.SandboxBoards.Posting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * Builds the model of the hosted job page ({@code templates/sandbox/job.html}) from a posting: one entry
 * per question with the widget it renders as, in the order and with the DOM ids of the real
 * job-boards.greenhouse.io renderer. Plain maps, because Thymeleaf's OGNL reads map keys but not record
 * accessors. Pure; safe from any thread.
 */
final class JobPage {
  /** The renderer's labels for the hosted EEOC block (the API's compliance labels differ, e.g. "VeteranStatus"). */
  private static final List<String[]> EEOC = List.of(
      new String[] {"gender", "Gender"},
      new String[] {"hispanic_ethnicity", "Are you Hispanic/Latino?"},
      new String[] {"race", "Please identify your race"},
      new String[] {"veteran_status", "Veteran Status"},
      new String[] {"disability_status", "Disability Status"});

  private static final List<Map<String, Object>> HISPANIC_OPTIONS = List.of(
      option("1", "Yes"), option("2", "No"), option("3", "Decline To Self Identify"));

  private JobPage() {
  }

  static Map<String, Object> model(Board board, Posting p, List<Country> countries, List<Location> locations) {
    Map<String, Object> m = new HashMap<>();
    m.put("board", board.token());
    m.put("company", p.companyName());
    m.put("jobId", String.valueOf(p.id()));
    m.put("title", p.title());
    m.put("location", p.locationName());
    m.put("scenario", p.scenario());
    m.put("descriptionHtml", sanitise(p.contentHtml()));
    m.put("submitPath", "/sandbox/job-boards/" + board.token() + "/jobs/" + p.id());
    List<Map<String, Object>> questions = questions(p, countries, locations);
    m.put("questions", questions);
    // each widget library is loaded only by the pages that use it, as a site's bundles are
    m.put("usesListbox", questions.stream().anyMatch(q -> "listbox".equals(q.get("kind"))));
    m.put("usesPortal", questions.stream().anyMatch(q -> "portal".equals(q.get("kind"))));
    m.put("eeoc", eeoc(p));
    m.put("demographic", demographic(p));
    return m;
  }

  static Map<String, Object> confirmationModel(Board board, Posting p) {
    Map<String, Object> m = new HashMap<>();
    m.put("board", board.token());
    m.put("company", p.companyName());
    m.put("title", p.title());
    m.put("jobId", String.valueOf(p.id()));
    m.put("message", board.confirmationMessage());
    m.put("jobPath", "/sandbox/job-boards/" + board.token() + "/jobs/" + p.id());
    return m;
  }

  static String sanitise(String html) {
    return html == null || html.isBlank() ? null : Jsoup.clean(html, Safelist.relaxed());
  }

  private static List<Map<String, Object>> questions(Posting p, List<Country> countries, List<Location> locations) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode q : p.questions()) {
      JsonNode fields = q.path("fields");
      if (fields.isEmpty()) {
        continue;
      }
      JsonNode first = fields.get(0);
      String name = first.path("name").asText();
      String type = first.path("type").asText();
      boolean required = q.path("required").asBoolean(false);
      String label = q.path("label").asText(name).strip();
      Map<String, Object> v = new HashMap<>();
      v.put("id", name);
      v.put("label", label);
      v.put("required", required);
      v.put("description", q.path("description").isTextual() ? sanitise(q.path("description").asText()) : null);
      switch (name) {
        case "first_name" -> text(v, "text", "given-name");
        case "last_name" -> text(v, "text", "family-name");
        case "preferred_name" -> text(v, "text", null);
        case "email" -> text(v, "text", "email");
        case "phone" -> {
          v.put("kind", "phone");
          v.put("country", combobox("country", "Country", required, countryOptions(countries)));
        }
        default -> {
          switch (type) {
            case "input_file" -> {
              v.put("kind", "file");
              v.put("accept", accept(first));
              v.put("textId", fields.size() > 1 ? fields.get(1).path("name").asText() : null);
            }
            case "textarea" -> v.put("kind", "textarea");
            case "multi_value_single_select" -> {
              String widget = p.widget(name);
              if ("react-select".equals(widget)) {
                v.put("kind", "select");
                v.put("combobox", combobox(name, label, required, values(first)));
              } else {
                // listbox (APG select-only combobox), portal (listbox at the end of body) or radio (fieldset)
                v.put("kind", widget);
                v.put("options", values(first));
              }
            }
            case "multi_value_multi_select" -> {
              if ("checkbox".equals(first.path("multi_select_style").asText())) {
                v.put("kind", "checkboxes");
                v.put("options", values(first));
              } else {
                Map<String, Object> c = combobox(name, label, required, values(first));
                c.put("multi", true);
                v.put("kind", "select");
                v.put("combobox", c);
              }
            }
            case "input_hidden" -> v.put("kind", "hidden");
            default -> text(v, "text", null);
          }
        }
      }
      out.add(v);
      if ("phone".equals(name)) {
        p.locationQuestion().ifPresent(lq -> out.add(location(lq, locations)));
      }
    }
    if (!p.hasField("phone")) {
      p.locationQuestion().ifPresent(lq -> out.add(location(lq, locations)));
    }
    return out;
  }

  /**
   * The location typeahead: {@code #candidate-location}, a combobox that offers places only once two
   * characters are typed (the real renderer asks Pelias; the sandbox filters a local list), submitted as
   * {@code location} with hidden {@code latitude}/{@code longitude}.
   */
  private static Map<String, Object> location(JsonNode question, List<Location> locations) {
    List<Map<String, Object>> options = new ArrayList<>();
    for (Location l : locations) {
      options.add(Map.of("value", l.name(), "label", l.name(),
          "latitude", String.valueOf(l.latitude()), "longitude", String.valueOf(l.longitude())));
    }
    boolean required = question.path("required").asBoolean(false);
    String label = question.path("label").asText("Location (City)");
    Map<String, Object> c = combobox("candidate-location", label, required, options);
    c.put("typeahead", true);
    c.put("name", "location");
    Map<String, Object> v = new HashMap<>();
    v.put("id", "candidate-location");
    v.put("label", label);
    v.put("required", required);
    v.put("kind", "location");
    v.put("combobox", c);
    return v;
  }

  private static void text(Map<String, Object> v, String type, String autocomplete) {
    v.put("kind", "text");
    v.put("type", type);
    v.put("autocomplete", autocomplete);
  }

  private static String accept(JsonNode field) {
    List<String> ext = new ArrayList<>();
    for (JsonNode t : field.path("allowed_filetypes")) {
      ext.add("." + t.asText());
    }
    return ext.isEmpty() ? ".pdf,.doc,.docx,.txt,.rtf" : String.join(",", ext);
  }

  static List<Map<String, Object>> values(JsonNode field) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode v : field.path("values")) {
      out.add(option(v.path("value").asText(), v.path("label").asText()));
    }
    return out;
  }

  private static List<Map<String, Object>> countryOptions(List<Country> countries) {
    return countries.stream().map(c -> option(c.code(), c.label())).toList();
  }

  static Map<String, Object> option(String value, String label) {
    return Map.of("value", value, "label", label);
  }

  private static Map<String, Object> combobox(String id, String label, boolean required, List<Map<String, Object>> options) {
    Map<String, Object> c = new HashMap<>();
    c.put("id", id);
    c.put("label", label);
    c.put("required", required);
    c.put("options", options);
    c.put("listboxId", "react-select-" + id + "-listbox");
    return c;
  }

  /** One EEOC question as the renderers show it: field name, renderer label, options in order. */
  record EeocQuestion(String name, String label, List<Map<String, Object>> options) {
  }

  /** The EEOC questions of a posting in renderer order (hispanic_ethnicity added), empty without compliance. */
  static List<EeocQuestion> eeocQuestions(Posting p) {
    JsonNode compliance = p.compliance();
    if (compliance == null) {
      return List.of();
    }
    Map<String, List<Map<String, Object>>> optionsByName = new HashMap<>();
    optionsByName.put("hispanic_ethnicity", HISPANIC_OPTIONS);
    for (JsonNode block : compliance) {
      for (JsonNode q : block.path("questions")) {
        for (JsonNode f : q.path("fields")) {
          optionsByName.put(f.path("name").asText(), values(f));
        }
      }
    }
    List<EeocQuestion> out = new ArrayList<>();
    for (String[] e : EEOC) {
      List<Map<String, Object>> options = optionsByName.get(e[0]);
      if (options != null) {
        out.add(new EeocQuestion(e[0], e[1], options));
      }
    }
    return out;
  }

  /** The hosted EEOC comboboxes, or null when the posting asks no compliance questions. */
  private static Map<String, Object> eeoc(Posting p) {
    if (p.compliance() == null) {
      return null;
    }
    List<Map<String, Object>> boxes = new ArrayList<>();
    for (EeocQuestion e : eeocQuestions(p)) {
      Map<String, Object> c = combobox(e.name(), e.label(), false, e.options());
      c.put("dependsOn", "race".equals(e.name()) ? "hispanic_ethnicity" : null);
      boxes.add(c);
    }
    Map<String, Object> m = new HashMap<>();
    m.put("questions", boxes);
    m.put("company", p.companyName());
    return m;
  }

  private static Map<String, Object> demographic(Posting p) {
    JsonNode d = p.demographicQuestions();
    if (d == null) {
      return null;
    }
    List<Map<String, Object>> boxes = new ArrayList<>();
    for (JsonNode q : d.path("questions")) {
      List<Map<String, Object>> options = new ArrayList<>();
      for (JsonNode o : q.path("answer_options")) {
        options.add(option(o.path("id").asText(), o.path("label").asText()));
      }
      boxes.add(combobox(q.path("id").asText(), q.path("label").asText(), q.path("required").asBoolean(false), options));
    }
    Map<String, Object> m = new HashMap<>();
    m.put("header", d.path("header").asText("Demographic questions"));
    m.put("description", d.path("description").isTextual() ? sanitise(d.path("description").asText()) : null);
    m.put("questions", boxes);
    return m;
  }
}
