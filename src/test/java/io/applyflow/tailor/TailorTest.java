package io.applyflow.tailor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TailorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> RESUMES = List.of("senior-engineer", "new-grad", "career-changer", "sample");
  private static final List<String> DESCRIPTIONS = List.of("staff-backend", "data-analyst");

  static JsonNode resume(String name) throws IOException {
    try (InputStream in = TailorTest.class.getResourceAsStream("/jsonresume/" + name + ".resume.json")) {
      return JSON.readTree(in);
    }
  }

  static String description(String name) throws IOException {
    try (InputStream in = TailorTest.class.getResourceAsStream("/jsonresume/" + name + ".description.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Stream<Arguments> everyResumeAndDescription() {
    return RESUMES.stream().flatMap(r -> DESCRIPTIONS.stream().map(d -> Arguments.of(r, d)));
  }

  /** "work[0].highlights[2]" → "/work/0/highlights/2". */
  static JsonNode at(JsonNode resume, String id) {
    return resume.at("/" + id.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/'));
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("everyResumeAndDescription")
  void everyBulletIsTheExactTextAtItsSourceId(String resumeName, String descriptionName) throws IOException {
    JsonNode resume = resume(resumeName);
    TailoredResume t = Tailor.tailor(resume, description(descriptionName));

    assertFalse(t.bullets().isEmpty());
    Set<String> ids = new HashSet<>();
    for (Bullet b : t.bullets()) {
      JsonNode source = at(resume, b.id());
      assertTrue(source.isTextual(), "no text at " + b.id());
      assertEquals(source.asText(), b.text(), b.id());
      assertTrue(ids.add(b.id()), "bullet used twice: " + b.id());
    }
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("everyResumeAndDescription")
  void usesOnlySkillsTheResumeHas(String resumeName, String descriptionName) throws IOException {
    JsonNode resume = resume(resumeName);
    Set<String> own = new HashSet<>();
    for (JsonNode s : resume.path("skills")) {
      own.add(s.path("name").asText());
      s.path("keywords").forEach(k -> own.add(k.asText()));
    }
    TailoredResume t = Tailor.tailor(resume, description(descriptionName));
    assertTrue(own.containsAll(t.skills()), t.skills().toString());
    assertEquals(own.size(), t.skills().size(), "every skill kept once");
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("everyResumeAndDescription")
  void keepsRolesInResumeOrderWithOneToFourBulletsAndVerbatimFacts(String resumeName, String descriptionName)
      throws IOException {
    JsonNode resume = resume(resumeName);
    TailoredResume t = Tailor.tailor(resume, description(descriptionName));

    assertEquals(resume.path("work").size(), t.work().size());
    for (int i = 0; i < t.work().size(); i++) {
      JsonNode w = resume.path("work").get(i);
      Role role = t.work().get(i);
      assertEquals(w.path("position").asText(), role.title());
      assertEquals(w.path("name").asText(), role.organisation());
      assertEquals(w.path("startDate").asText(), role.start());
      assertEquals(w.has("endDate") ? w.path("endDate").asText() : "Present", role.end());
      assertTrue(role.bullets().size() >= 1 && role.bullets().size() <= Tailor.MAX_BULLETS_PER_ROLE);
      for (Bullet b : role.bullets()) {
        assertTrue(b.id().startsWith("work[" + i + "]."), b.id());
      }
    }
    assertEquals(resume.path("projects").size(), t.projects().size());
    for (int i = 0; i < t.projects().size(); i++) {
      assertEquals(resume.path("projects").get(i).path("name").asText(), t.projects().get(i).title());
    }
    assertEquals(resume.path("education").size(), t.education().size());
    for (int i = 0; i < t.education().size(); i++) {
      JsonNode e = resume.path("education").get(i);
      Education ed = t.education().get(i);
      assertEquals(e.path("institution").asText(), ed.institution());
      assertEquals(e.path("studyType").asText(), ed.studyType());
      assertEquals(e.path("area").asText(), ed.area());
    }
    assertEquals(resume.at("/basics/summary").asText(), t.summary().text());
    assertEquals("basics.summary", t.summary().id());
  }

  @Test
  void putsTheMostRelevantBulletsAndSkillsFirst() throws IOException {
    TailoredResume t = Tailor.tailor(resume("career-changer"), description("data-analyst"));

    // The freelance analytics role: every bullet is relevant (Looker Studio, SQL and dbt, reporting).
    Role freelance = t.work().get(0);
    assertEquals(3, freelance.bullets().size());
    // The restaurant role keeps its spreadsheet/scheduling bullet and drops the hiring one.
    Role restaurant = t.work().get(1);
    assertTrue(restaurant.bullets().stream().noneMatch(b -> b.text().startsWith("Hired, trained")),
        restaurant.bullets().toString());
    // Skills: what the job asks for first, hobbies-like leftovers last.
    assertEquals(Set.of("SQL", "Python", "pandas", "dbt", "Excel", "Tableau", "Looker Studio", "Data Visualization"),
        Set.copyOf(t.skills().subList(0, 8)), t.skills().toString());
    assertTrue(t.skills().indexOf("Vendor negotiation") > t.skills().indexOf("Tableau"));
  }

  @Test
  void ordersBulletsWithinARoleByRelevance() throws IOException {
    TailoredResume t = Tailor.tailor(resume("senior-engineer"), description("staff-backend"));
    List<String> confluent = t.work().get(0).bullets().stream().map(Bullet::id).toList();
    // "tiered-storage ... object stores" and "replication fetch path ... latency" outrank the rubric bullet.
    assertTrue(confluent.indexOf("work[0].highlights[3]") == -1
        || confluent.indexOf("work[0].highlights[3]") > confluent.indexOf("work[0].highlights[0]"), confluent.toString());
    assertTrue(confluent.contains("work[0].highlights[0]") && confluent.contains("work[0].highlights[2]"),
        confluent.toString());
  }

  @Test
  void fillsContactDetailsFromBasics() throws IOException {
    TailoredResume t = Tailor.tailor(resume("senior-engineer"), "");
    assertEquals("Dr. Lena Vasquez", t.name());
    assertEquals("lena.vasquez@example.com", t.email());
    assertEquals("(415) 555-0117", t.phone());
    assertEquals("San Francisco, California", t.location());
    assertEquals(List.of(new Link("Website", "https://lenavasquez.example.com"),
        new Link("GitHub", "https://github.com/lvasquez"), new Link("Mastodon", "https://hachyderm.io/@lena"),
        new Link("LinkedIn", "https://www.linkedin.com/in/lena-vasquez-eng")), t.links());
    assertEquals(List.of("Summary", "Experience", "Projects", "Skills", "Education"), t.sectionHeadings());
    assertEquals("Present", t.projects().get(0).end());
  }

  @Test
  void aResumeWithOnlyANameStillWorks() throws IOException {
    TailoredResume t = Tailor.tailor(JSON.readTree("{\"basics\":{\"name\":\"Ada Lovelace\"}}"), "Java and Kafka");
    assertEquals("Ada Lovelace", t.name());
    assertNull(t.summary());
    assertNull(t.email());
    assertNull(t.location());
    assertTrue(t.links().isEmpty() && t.work().isEmpty() && t.projects().isEmpty() && t.education().isEmpty()
        && t.skills().isEmpty() && t.sectionHeadings().isEmpty() && t.bullets().isEmpty());

    TailoredResume nothing = Tailor.tailor(null, null);
    assertNull(nothing.name());
    assertTrue(nothing.bullets().isEmpty());
  }

  @Test
  void toleratesOddlyShapedResumes() throws IOException {
    JsonNode resume = JSON.readTree("""
        {"basics":{"name":"Sam","location":"Berlin","profiles":[{"network":"GitHub"},{"url":"https://x.example"}]},
         "work":[{"company":"Acme","position":"Dev","location":{"city":"Berlin","region":"BE"},
                  "summary":"Kept the lights on","highlights":[]},
                 {"name":"Beta","highlights":["Wrote Java", 42, null, ""]},
                 {"name":"Gamma","startDate":"2020","highlights":"not an array"}],
         "projects":[{"name":"Tool","description":"A CLI for Kafka"}],
         "education":[{"institution":"TU"}],
         "skills":[{"keywords":["Java","java"]},{"name":""}]}
        """);
    TailoredResume t = Tailor.tailor(resume, "Java and Kafka");

    assertEquals("Berlin", t.location());
    assertEquals(List.of(new Link("Profile", "https://x.example")), t.links());
    Role acme = t.work().get(0);
    assertEquals("Acme", acme.organisation());
    assertEquals("Berlin, BE", acme.location());
    assertNull(acme.start());
    assertNull(acme.end());
    assertEquals(List.of(new Bullet("work[0].summary", "Kept the lights on")), acme.bullets());
    assertEquals(List.of(new Bullet("work[1].highlights[0]", "Wrote Java")), t.work().get(1).bullets());
    assertEquals("Present", t.work().get(2).end());
    assertTrue(t.work().get(2).bullets().isEmpty());
    assertEquals(List.of(new Bullet("projects[0].description", "A CLI for Kafka")), t.projects().get(0).bullets());
    assertEquals(List.of("Java"), t.skills());
    assertEquals(List.of("Experience", "Projects", "Skills", "Education"), t.sectionHeadings());
  }

  @Test
  void roundTripsThroughJackson() throws IOException {
    TailoredResume t = Tailor.tailor(resume("senior-engineer"), description("staff-backend"));
    String json = JSON.writeValueAsString(t);
    assertFalse(JSON.readTree(json).has("bullets"), "derived bullets() must not be serialised");
    assertEquals(t, JSON.readValue(json, TailoredResume.class));
  }

  @Test
  void isDeterministic() throws IOException {
    JsonNode resume = resume("new-grad");
    List<TailoredResume> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(Tailor.tailor(resume, description("staff-backend")));
    }
    assertEquals(runs.get(0), runs.get(1));
    assertEquals(runs.get(1), runs.get(2));
  }
}
