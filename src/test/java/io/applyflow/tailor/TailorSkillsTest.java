package io.applyflow.tailor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.applyflow.support.Fixtures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The skills section: JSON Resume group names label lines and are never listed as skills (issue 10). */
class TailorSkillsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> DESCRIPTIONS = List.of("staff-backend", "data-analyst", "xlabs-sre");

  static Stream<Arguments> everyResumeAndDescription() {
    return Fixtures.RESUMES.stream().flatMap(r -> DESCRIPTIONS.stream().map(d -> Arguments.of(r, d)));
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("everyResumeAndDescription")
  void groupNamesLabelLinesAndAreNeverSkills(String resumeName, String descriptionName) throws IOException {
    JsonNode resume = Fixtures.resume(resumeName);
    TailoredResume t = Tailor.tailor(resume, Fixtures.description(descriptionName));

    Set<String> items = new HashSet<>(); // what the resume lists as skills: keywords and names that stand alone
    Set<String> groupNames = new HashSet<>();
    Map<String, List<String>> keywordsOf = new java.util.HashMap<>();
    for (JsonNode s : resume.path("skills")) {
      List<String> keywords = new ArrayList<>();
      s.path("keywords").forEach(k -> keywords.add(k.asText()));
      if (keywords.isEmpty()) {
        items.add(s.path("name").asText());
      } else {
        groupNames.add(s.path("name").asText());
        keywordsOf.put(s.path("name").asText(), keywords);
        items.addAll(keywords);
      }
    }
    assertFalse(groupNames.isEmpty(), "every fixture groups its skills");
    groupNames.removeAll(items); // a name that is also a keyword may appear, as that keyword

    assertEquals(items, Set.copyOf(t.skills()), "every skill, and nothing else");
    assertEquals(items.size(), t.skills().size(), "each skill once");
    assertTrue(t.skills().stream().noneMatch(groupNames::contains), t.skills().toString());

    List<String> lines = t.skillLines();
    assertEquals(keywordsOf.size(), lines.size(), lines.toString());
    List<String> listed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      SkillGroup g = t.skillGroups().get(i);
      assertTrue(keywordsOf.containsKey(g.name()), g.toString());
      assertTrue(keywordsOf.get(g.name()).containsAll(g.keywords()), "a group keeps its own keywords: " + g);
      assertEquals(g.name() + ": " + String.join(", ", g.keywords()), lines.get(i));
      listed.addAll(g.keywords());
    }
    assertTrue(listed.stream().noneMatch(groupNames::contains), listed.toString());
    assertEquals(t.skills().size(), listed.size(), "the lines list each skill once: " + lines);
    assertEquals(Set.copyOf(t.skills()), Set.copyOf(listed));
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("everyResumeAndDescription")
  void ordersSkillsAndGroupsByDemandTiesInResumeOrder(String resumeName, String descriptionName) throws IOException {
    JsonNode resume = Fixtures.resume(resumeName);
    String description = Fixtures.description(descriptionName);
    TailoredResume t = Tailor.tailor(resume, description);
    Bm25 bm25 = Tailor.rank(resume, description).bm25();
    List<String> resumeOrder = new ArrayList<>();
    resume.path("skills").forEach(s -> s.path("keywords").forEach(k -> resumeOrder.add(k.asText())));

    assertOrdered(t.skills(), bm25, resumeOrder);
    double previousBest = Double.MAX_VALUE;
    int previousIndex = -1;
    for (SkillGroup g : t.skillGroups()) {
      assertOrdered(g.keywords(), bm25, resumeOrder);
      double best = bm25.demand(g.keywords().get(0));
      int index = resumeOrder.indexOf(g.keywords().get(0)); // groups follow each other in resume order
      assertTrue(best < previousBest || best == previousBest && index > previousIndex, t.skillLines().toString());
      previousBest = best;
      previousIndex = index;
    }
  }

  private static void assertOrdered(List<String> skills, Bm25 bm25, List<String> resumeOrder) {
    for (int i = 1; i < skills.size(); i++) {
      double a = bm25.demand(skills.get(i - 1));
      double b = bm25.demand(skills.get(i));
      assertTrue(a > b || a == b && resumeOrder.indexOf(skills.get(i - 1)) < resumeOrder.indexOf(skills.get(i)),
          skills.toString());
    }
  }

  @Test
  void theSeniorEngineerForTheStaffBackendJob() throws IOException {
    TailoredResume t = Tailor.tailor(Fixtures.resume("senior-engineer"), Fixtures.description("staff-backend"));
    // Consensus, Go, Rust, Java, Kubernetes and Terraform are named in the requirements and tie; the groups then
    // keep resume order. Erasure coding, Python and C++ are not asked for and come last in their lines.
    assertEquals(List.of(
        "Distributed Systems: Consensus, Replication, Consistency models, Erasure coding",
        "Programming Languages: Go, Rust, Java, Python, C++",
        "Infrastructure: Kubernetes, Terraform, Kafka, Prometheus, S3"), t.skillLines());
    assertEquals(List.of("Consensus", "Go", "Rust", "Java", "Kubernetes", "Terraform"), t.skills().subList(0, 6));
  }

  @Test
  void theMostWantedGroupComesFirst() throws IOException {
    // An SRE posting asks for Kubernetes before any language, so Infrastructure leads.
    TailoredResume t = Tailor.tailor(Fixtures.resume("senior-engineer"), Fixtures.description("xlabs-sre"));
    assertTrue(t.skillLines().get(0).startsWith("Infrastructure: Kubernetes, "), t.skillLines().toString());
    // A data-analyst posting asks for SQL, and new-grad lists SQL last among its languages.
    TailoredResume g = Tailor.tailor(Fixtures.resume("new-grad"), Fixtures.description("data-analyst"));
    assertEquals("Programming Languages: SQL, Python, TypeScript, Java, Go", g.skillLines().get(0));
  }

  @Test
  void namesThatStandAloneShareOneUnlabelledLinePlacedByRelevance() throws IOException {
    JsonNode resume = JSON.readTree("""
        {"skills": [{"name": "Java", "level": "Master"}, {"name": "Cooking"},
                    {"name": "Backend", "keywords": ["Kafka", "PostgreSQL"]}, {"name": "Go"}]}""");

    TailoredResume java = Tailor.tailor(resume, "We write Java.");
    assertEquals(List.of("Java, Cooking, Go", "Backend: Kafka, PostgreSQL"), java.skillLines());
    assertEquals(List.of("Java", "Cooking", "Kafka", "PostgreSQL", "Go"), java.skills());

    TailoredResume kafka = Tailor.tailor(resume, "We run Go services on Kafka.");
    assertEquals(List.of("Go, Java, Cooking", "Backend: Kafka, PostgreSQL"), kafka.skillLines(),
        "Go and Kafka tie, and the names that stand alone start in the resume before Backend");
    TailoredResume postgres = Tailor.tailor(resume, "PostgreSQL");
    assertEquals(List.of("Backend: PostgreSQL, Kafka", "Java, Cooking, Go"), postgres.skillLines());
    assertFalse(postgres.skills().contains("Backend"), postgres.skills().toString());
  }

  @Test
  void deDuplicatesAcrossGroupsAndPrintsANamelessGroupWithoutALabel() throws IOException {
    JsonNode resume = JSON.readTree("""
        {"skills": [{"name": "Languages", "keywords": ["Java", "Go"]},
                    {"name": "JVM", "keywords": ["java", "Kotlin"]},
                    {"name": "Again", "keywords": ["GO", "JAVA"]},
                    {"name": " ", "keywords": ["Docker", 7, ""]},
                    {"keywords": ["Terraform"]},
                    {"name": "kotlin"}, {"name": ""}, {}]}""");
    TailoredResume t = Tailor.tailor(resume, "");

    // "Again" lists nothing new and "kotlin" stands alone but is already there: both lines are dropped.
    assertEquals(List.of("Languages: Java, Go", "JVM: Kotlin", "Docker", "Terraform"), t.skillLines());
    assertEquals(List.of("Java", "Go", "Kotlin", "Docker", "Terraform"), t.skills());
    assertTrue(t.sectionHeadings().contains(TailoredResume.SKILLS));
  }

  @Test
  void aResumeWithoutSkillsHasNoSkillsSection() throws IOException {
    TailoredResume t = Tailor.tailor(JSON.readTree("{\"basics\":{\"name\":\"A\"},\"skills\":[{\"name\":\"\"}]}"), "x");
    assertEquals(List.of(), t.skills());
    assertEquals(List.of(), t.skillGroups());
    assertEquals(List.of(), t.skillLines());
    assertFalse(t.sectionHeadings().contains(TailoredResume.SKILLS));
  }

  @Test
  void jsonStoredBeforeSkillGroupsStillRendersItsSkills() throws IOException {
    TailoredResume t = Tailor.tailor(Fixtures.resume("senior-engineer"), Fixtures.description("staff-backend"));
    JsonObject stored = JsonObject.mapFrom(t);
    stored.remove("skillGroups");
    // What the tailor stage stored before issue 10: group names inside the flat list.
    stored.put("skills", new JsonArray(List.of("Consensus", "Go", "Distributed Systems", "Kafka")));

    TailoredResume old = stored.mapTo(TailoredResume.class); // as RenderVerticle reads a job's tailored resume
    assertEquals(List.of("Consensus, Go, Distributed Systems, Kafka"), old.skillLines(),
        "without the master resume the old list cannot be split, so it prints as it always did");
    assertEquals(List.of("Consensus", "Go", "Distributed Systems", "Kafka"), old.skills());
    assertEquals(t.work(), old.work());

    stored.putNull("skillGroups");
    assertEquals(old.skillLines(), stored.mapTo(TailoredResume.class).skillLines());
    stored.put("skills", new JsonArray());
    assertEquals(List.of(), stored.mapTo(TailoredResume.class).skillLines());
  }

  @Test
  void newJsonKeepsTheGroupsAndRewordingKeepsThem() throws IOException {
    TailoredResume t = Tailor.tailor(Fixtures.resume("career-changer"), Fixtures.description("data-analyst"));
    JsonObject json = JsonObject.mapFrom(t);
    assertFalse(json.containsKey("skillLines"), "derived lines are not stored");
    TailoredResume back = json.mapTo(TailoredResume.class);
    assertEquals(t, back);
    assertEquals(List.of("Data Analysis: SQL, Excel, Python, pandas, dbt",
        "Data Visualization: Looker Studio, Tableau, Matplotlib",
        "Operations & Leadership: P&L management, Scheduling, Team training, Vendor negotiation"), back.skillLines());

    String id = t.work().get(0).bullets().get(0).id();
    assertEquals(t.skillLines(), t.withTexts(Map.of(id, "Reworded.")).skillLines());
  }

  @Test
  void theLettersModelSeesTheMostRelevantSkillsOnceAndNoContactDetails() throws IOException {
    TailoredResume t = Tailor.tailor(Fixtures.resume("senior-engineer"), Fixtures.description("staff-backend"));
    JsonObject seen = LlmTailoring.candidate(t);
    JsonArray skills = seen.getJsonArray("skills");
    assertEquals(t.skills().subList(0, skills.size()), skills.getList());
    assertEquals(skills.size(), new java.util.HashSet<>(skills.getList()).size(), "each skill once");
    String encoded = seen.encode();
    for (String contact : new String[] {t.email(), t.phone(), t.location()}) {
      if (contact != null && !contact.isBlank()) {
        assertFalse(encoded.contains(contact), "the model is not sent " + contact);
      }
    }
  }

  @Test
  void aSkillNamedLikeItsGroupIsListedOnceAsAKeyword() throws IOException {
    JsonNode resume = JSON.readTree("""
        {"skills": [{"name": "Python", "keywords": ["Python", "pandas"]}, {"name": "SQL", "keywords": ["Postgres"]}]}""");
    TailoredResume t = Tailor.tailor(resume, "pandas");
    assertEquals(List.of("Python: pandas, Python", "SQL: Postgres"), t.skillLines());
    assertEquals(List.of("pandas", "Python", "Postgres"), t.skills());
    assertTrue(t.skills().stream().noneMatch(s -> s.toLowerCase(Locale.ROOT).equals("sql")), t.skills().toString());
  }
}
