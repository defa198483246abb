package io.applyflow.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.applyflow.sandbox.SandboxBoards.Posting;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class SandboxBoardsTest {
  private static final Pattern ENTRY = Pattern.compile("\\b(intern|junior|new grad|associate)\\b|software engineer i\\b");
  private static final Pattern SENIOR = Pattern.compile("\\b(senior|staff|principal|lead)\\b|software engineer iii\\b");

  /** The one required custom question of a standard posting: Connectors' on-site yes/no, answered only by the user. */
  private static final String REQUIRED_ON_SITE = "question_502311305";

  private final SandboxBoards boards = SandboxBoards.get();

  static String level(String title) {
    String t = title.toLowerCase(Locale.ROOT);
    if (ENTRY.matcher(t).find()) {
      return "entry";
    }
    return SENIOR.matcher(t).find() ? "senior" : "mid";
  }

  @Test
  void hasAtLeastThreeBoardsAndThirtyPostings() {
    assertTrue(boards.boardTokens().size() >= 3, "boards: " + boards.boardTokens());
    assertTrue(boards.boardTokens().containsAll(List.of("acme-robotics", "northwind-data", "lumen-health")));
    assertTrue(boards.postings().size() >= 30, "postings: " + boards.postings().size());
    for (String token : boards.boardTokens()) {
      assertFalse(boards.board(token).orElseThrow().name().isBlank(), token + " has a company name");
    }
  }

  @Test
  void offersAtLeastFiveSoftwareEngineerPostingsAtEachLevel() {
    Map<String, List<String>> byLevel = boards.postings().stream()
        .map(Posting::title)
        .filter(t -> t.toLowerCase(Locale.ROOT).contains("software") && t.toLowerCase(Locale.ROOT).contains("engineer"))
        .collect(Collectors.groupingBy(SandboxBoardsTest::level));
    for (String level : List.of("entry", "mid", "senior")) {
      List<String> titles = byLevel.getOrDefault(level, List.of());
      assertTrue(titles.size() >= 5, level + " has only " + titles);
    }
  }

  @Test
  void classifiesTitlesWithTheSimpleRules() {
    assertEquals("entry", level("Software Engineer I, Platform"));
    assertEquals("mid", level("Software Engineer II, Storage"));
    assertEquals("senior", level("Software Engineer III, Integrations"));
    assertEquals("entry", level("New Grad Software Engineer"));
    assertEquals("mid", level("Backend Software Engineer"));
  }

  @Test
  void postingIdsAreUniqueSevenDigitNumbers() {
    Set<Long> ids = new HashSet<>();
    for (Posting p : boards.postings()) {
      assertTrue(ids.add(p.id()), "duplicate id " + p.id());
      assertEquals(7, String.valueOf(p.id()).length(), "id " + p.id());
      assertEquals(p, boards.posting(p.board(), p.id()).orElseThrow());
    }
    assertTrue(boards.posting("acme-robotics", 1).isEmpty());
    assertTrue(boards.board("nope").isEmpty());
  }

  @Test
  void everyPostingAsksTheBaseQuestionsAndOnlyScenariosRequireACustomOne() {
    for (Posting p : boards.postings()) {
      Map<String, JsonNode> byField = fieldsByName(p);
      for (String required : List.of("first_name", "last_name", "email", "phone", "resume")) {
        assertTrue(byField.containsKey(required), p.title() + " lacks " + required);
        assertTrue(p.questionFor(required).orElseThrow().path("required").asBoolean(), p.title() + ": " + required + " required");
      }
      assertEquals("input_file", byField.get("resume").path("type").asText());
      assertTrue(byField.containsKey("resume_text"), p.title() + " lacks resume_text");
      assertTrue(byField.containsKey("cover_letter"), p.title() + " lacks cover_letter");
      assertFalse(p.questionFor("cover_letter").orElseThrow().path("required").asBoolean(), "cover letter optional");
      JsonNode linkedIn = question(p, "LinkedIn Profile");
      assertNotNull(linkedIn, p.title() + " lacks LinkedIn Profile");
      assertFalse(linkedIn.path("required").asBoolean());
      assertTrue(linkedIn.path("fields").get(0).path("name").asText().matches("question_\\d+"));
      if (p.title().contains("Solutions Engineer")) {
        assertTrue(SandboxBoards.SCENARIOS.contains(p.scenario()), p.title() + ": " + p.scenario());
        assertFalse("standard".equals(p.scenario()), p.title() + " plays a scenario");
        continue;
      }
      for (JsonNode q : p.questions()) {
        String name = q.path("fields").get(0).path("name").asText();
        if (name.startsWith("question_") && !REQUIRED_ON_SITE.equals(name)) {
          assertFalse(q.path("required").asBoolean(), p.title() + ": custom question " + name + " must stay optional");
        }
      }
      assertEquals("standard", p.scenario());
    }
  }

  @Test
  void scenarioPostingsAreMidLevelSolutionsEngineersAtTheEndOfTheirBoards() {
    Map<String, String> titles = Map.of(
        "every-field", "Solutions Engineer, Applications",
        "knockout", "Solutions Engineer, Cleared Programs",
        "captcha", "Solutions Engineer, Fraud Prevention",
        "reject-first", "Solutions Engineer, Enterprise",
        "slow", "Solutions Engineer, Latency",
        "login-wall", "Solutions Engineer, Partner Portal",
        "classic", "Solutions Engineer, Legacy Board",
        "security-code", "Solutions Engineer, Patient Identity");
    Map<String, Posting> byScenario = new HashMap<>();
    for (String token : boards.boardTokens()) {
      List<Posting> postings = boards.board(token).orElseThrow().postings();
      boolean inScenarios = false;
      for (Posting p : postings) {
        if (!"standard".equals(p.scenario())) {
          inScenarios = true;
          assertEquals(null, byScenario.put(p.scenario(), p), "one posting per scenario: " + p.scenario());
        } else {
          assertFalse(inScenarios, token + ": standard posting " + p.title() + " after a scenario posting");
        }
      }
    }
    assertEquals(titles.keySet(), byScenario.keySet());
    titles.forEach((scenario, title) -> {
      Posting p = byScenario.get(scenario);
      assertEquals(title, p.title(), scenario);
      assertEquals("mid", level(p.title()), title);
      assertFalse(p.title().toLowerCase(Locale.ROOT).contains("software"), title);
    });
    assertEquals(List.of("acme-robotics", "acme-robotics", "northwind-data", "northwind-data", "northwind-data",
        "acme-robotics", "lumen-health", "lumen-health"), List.of("every-field", "knockout", "captcha", "reject-first",
        "slow", "login-wall", "classic", "security-code").stream().map(s -> byScenario.get(s).board()).toList());
  }

  @Test
  void softwareEngineerPostingsAreUnchangedByTheScenarios() {
    List<String> titles = boards.postings().stream().map(Posting::title)
        .filter(t -> t.toLowerCase(Locale.ROOT).contains("software engineer")).toList();
    // 20 from the first version, plus one mid-level posting per board that the sample resume matches only in part
    // (the clarify band of the demo search, see SandboxSearchTest), plus the five widget postings.
    assertEquals(28, titles.size(), titles.toString());
    assertTrue(boards.postings().stream().filter(p -> titles.contains(p.title())).allMatch(p -> "standard".equals(p.scenario())));
    assertEquals(44, boards.postings().stream().filter(p -> "standard".equals(p.scenario())).count());
  }

  /** The widget postings: id → the widget of each yes/no question, in form order. */
  static final Map<Long, List<String>> WIDGET_POSTINGS = new java.util.LinkedHashMap<>();

  static {
    WIDGET_POSTINGS.put(4012113L, List.of("listbox", "listbox", "listbox"));
    WIDGET_POSTINGS.put(4012120L, List.of("portal", "portal", "radio"));
    WIDGET_POSTINGS.put(4012127L, List.of("react-select", "react-select", "react-select"));
    WIDGET_POSTINGS.put(5023113L, List.of("radio", "radio", "radio"));
    WIDGET_POSTINGS.put(5023120L, List.of("listbox", "portal", "radio"));
  }

  @Test
  void widgetPostingsAreSoftwareEngineersAskingYesNoQuestionsWithEveryWidget() {
    Set<String> widgets = new HashSet<>();
    WIDGET_POSTINGS.forEach((id, expected) -> {
      Posting p = boards.postings().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
      assertTrue(List.of("acme-robotics", "northwind-data").contains(p.board()), p.board());
      assertTrue(io.applyflow.search.TitleMatch.matches("Software Engineer", io.applyflow.search.Level.ofTitle(p.title()),
          p.title()), p.title());
      assertFalse("entry".equals(level(p.title())), p.title() + " is mid or senior");
      List<JsonNode> yesNo = p.questions().findValues("fields").stream().map(f -> f.get(0))
          .filter(f -> "multi_value_single_select".equals(f.path("type").asText())).toList();
      assertEquals(expected, yesNo.stream().map(f -> p.widget(f.path("name").asText())).toList(), p.title());
      widgets.addAll(expected);
      List<String> labels = yesNo.stream().map(f -> p.questionFor(f.path("name").asText()).orElseThrow().path("label").asText()).toList();
      assertTrue(labels.get(0).startsWith("Are you legally authorized to work in the"), labels.toString());
      assertTrue(labels.get(1).contains("sponsorship"), labels.toString());
      assertTrue(labels.get(2).matches("Are you willing to work (on-site in|from our) \\w+( office)? two days a week\\?"), labels.get(2));
      assertEquals(REQUIRED_ON_SITE.equals(yesNo.get(2).path("name").asText()),
          p.questionFor(yesNo.get(2).path("name").asText()).orElseThrow().path("required").asBoolean(), labels.get(2));
      assertEquals(id == 4012127L, p.embedded(), p.title());
    });
    assertEquals(Set.copyOf(SandboxBoards.WIDGETS), widgets);
    assertEquals("react-select", boards.posting("acme-robotics", 4012015).orElseThrow().widget("question_401201503"),
        "react-select by default");
    assertFalse(boards.posting("acme-robotics", 4012015).orElseThrow().embedded());
    assertTrue(boards.posting("lumen-health", 6034029).orElseThrow().json().path("sandbox").path("widgets").isMissingNode(),
        "the lumen-health board is left as it was");
  }

  @Test
  void knockoutPostingRequiresAClearanceTheApiReportsAsRequired() {
    Posting p = scenario("knockout");
    JsonNode q = question(p, "Do you currently hold an active TS/SCI security clearance?");
    assertNotNull(q);
    assertTrue(q.path("required").asBoolean());
    JsonNode field = q.path("fields").get(0);
    assertEquals("question_401209208", field.path("name").asText());
    assertEquals("multi_value_single_select", field.path("type").asText());
  }

  @Test
  void everyFieldPostingAsksEveryHostedFieldType() {
    Posting p = scenario("every-field");
    Map<String, JsonNode> byField = fieldsByName(p);
    Set<String> types = new HashSet<>();
    byField.values().forEach(f -> types.add(f.path("type").asText()));
    assertTrue(types.containsAll(List.of("input_text", "textarea", "input_file", "multi_value_single_select",
        "multi_value_multi_select")), types.toString());
    assertEquals("textarea", byField.get("question_401208505").path("type").asText());
    assertTrue(p.questionFor("question_401208503").orElseThrow().path("required").asBoolean(), "work authorisation");
    assertTrue(p.questionFor("question_401208504").orElseThrow().path("required").asBoolean(), "sponsorship");
    assertEquals("checkbox", byField.get("question_401208506").path("multi_select_style").asText());
    assertEquals("Which languages do you write?", p.questionFor("question_401208506").orElseThrow().path("label").asText());
    assertEquals("select", byField.get("question_401208507").path("multi_select_style").asText());
    assertTrue(p.locationQuestion().orElseThrow().path("required").asBoolean());
    assertEquals(List.of("gender", "hispanic_ethnicity", "race", "veteran_status", "disability_status"),
        JobPage.eeocQuestions(p).stream().map(JobPage.EeocQuestion::name).toList());
    JsonNode demographic = p.demographicQuestions().path("questions");
    assertEquals(4012085007L, demographic.get(0).path("id").asLong());
    assertEquals("Woman", demographic.get(0).path("answer_options").get(1).path("label").asText());
    assertTrue(boards.locations().stream().anyMatch(l -> l.name().equals("Pittsburgh, Pennsylvania, United States")));
  }

  private Posting scenario(String name) {
    return boards.postings().stream().filter(p -> name.equals(p.scenario())).findFirst().orElseThrow();
  }

  @Test
  void yesNoQuestionsUseValuesZeroAndOne() {
    long yesNo = 0;
    for (Posting p : boards.postings()) {
      for (JsonNode q : p.questions()) {
        JsonNode f = q.path("fields").get(0);
        if ("multi_value_single_select".equals(f.path("type").asText())) {
          Set<Integer> values = new HashSet<>();
          f.path("values").forEach(v -> values.add(v.path("value").asInt(-1)));
          assertEquals(Set.of(0, 1), values, p.title() + ": " + q.path("label").asText());
          yesNo++;
        }
      }
    }
    assertTrue(yesNo >= 10, "some postings ask yes/no questions");
  }

  @Test
  void descriptionsAreRealisticAndVaried() {
    Set<String> firstResponsibilities = new HashSet<>();
    for (Posting p : boards.postings()) {
      var doc = Jsoup.parse(p.contentHtml());
      int words = doc.text().split("\\s+").length;
      assertTrue(words >= 150 && words <= 400, p.title() + " has " + words + " words");
      assertTrue(doc.select("li").size() >= 5, p.title() + " has requirement lists");
      firstResponsibilities.add(doc.select("li").first().text());
    }
    assertTrue(firstResponsibilities.size() >= boards.postings().size() - 1, "descriptions differ");
    String all = boards.postings().stream().map(Posting::contentHtml).collect(Collectors.joining(" "));
    for (String tech : List.of("Java", "JavaScript", "HTML", "CSS", "SQL", "PostgreSQL", "Kubernetes", "AWS", "React",
        "Python", "compression", "algorithms")) {
      assertTrue(all.contains(tech), "some description mentions " + tech);
    }
  }

  @Test
  void countryOptionsCarryDialCodes() {
    assertEquals("United States +1", boards.countries().get(0).label());
    assertEquals("US", boards.country("United States").orElseThrow().code());
    assertEquals("DE", boards.country("de").orElseThrow().code());
    assertTrue(boards.country("Atlantis").isEmpty());
  }

  private static Map<String, JsonNode> fieldsByName(Posting p) {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode q : p.questions()) {
      for (JsonNode f : q.path("fields")) {
        out.put(f.path("name").asText(), f);
      }
    }
    return out;
  }

  private static JsonNode question(Posting p, String label) {
    for (JsonNode q : p.questions()) {
      if (label.equals(q.path("label").asText())) {
        return q;
      }
    }
    return null;
  }
}
