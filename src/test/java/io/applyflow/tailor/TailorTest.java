package io.applyflow.tailor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.applyflow.support.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TailorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> RESUMES = Fixtures.RESUMES;
  /** Two written for the tests and one real posting (xlabs-sre, see SOURCES.md). */
  private static final List<String> DESCRIPTIONS = List.of("staff-backend", "data-analyst", "xlabs-sre");

  static JsonNode resume(String name) throws IOException {
    return Fixtures.resume(name);
  }

  static String description(String name) throws IOException {
    return Fixtures.description(name);
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
      assertEquals(sourceText(resume, b.id()), b.text(), b.id());
      assertTrue(ids.add(b.id()), "bullet used twice: " + b.id());
    }
  }

  /** The text of one master bullet: a JSON string, or one sentence {@code basics.summary[i]} of the summary. */
  static String sourceTextOfMasterBullet(JsonNode resume, String id) {
    Matcher m = Pattern.compile("basics\\.summary\\[(\\d+)]").matcher(id);
    return m.matches() ? Tailor.sentences(resume.at("/basics/summary").asText()).get(Integer.parseInt(m.group(1)))
        : at(resume, id).asText();
  }

  /**
   * The text a bullet id points to: the JSON string at the path, or for {@code basics.summary[0,2]} the
   * named sentences joined by one space, each checked to occur in the summary in that order.
   */
  static String sourceText(JsonNode resume, String id) {
    Matcher m = Pattern.compile("basics\\.summary\\[([\\d,]+)]").matcher(id);
    if (!m.matches()) {
      JsonNode source = at(resume, id);
      assertTrue(source.isTextual(), "no text at " + id);
      return source.asText();
    }
    String summary = resume.at("/basics/summary").asText();
    List<String> sentences = Tailor.sentences(summary);
    List<String> picked = new ArrayList<>();
    int from = 0;
    int previous = -1;
    for (String n : m.group(1).split(",")) {
      int i = Integer.parseInt(n);
      assertTrue(i > previous, "sentences out of order in " + id);
      previous = i;
      String sentence = sentences.get(i);
      int at = summary.indexOf(sentence, from);
      assertTrue(at >= from, "sentence " + i + " is not verbatim in the summary");
      from = at + sentence.length();
      picked.add(sentence);
    }
    assertTrue(picked.size() <= Tailor.MAX_SUMMARY_SENTENCES && picked.size() < sentences.size(), id);
    return String.join(" ", picked);
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("everyResumeAndDescription")
  void usesOnlySkillsTheResumeHas(String resumeName, String descriptionName) throws IOException {
    JsonNode resume = resume(resumeName);
    // The skills are the keywords; a name is a skill only when it has no keywords (else it labels a group).
    Set<String> own = new HashSet<>();
    for (JsonNode s : resume.path("skills")) {
      if (s.path("keywords").isEmpty()) {
        own.add(s.path("name").asText());
      }
      s.path("keywords").forEach(k -> own.add(k.asText()));
    }
    TailoredResume t = Tailor.tailor(resume, description(descriptionName));
    assertTrue(own.containsAll(t.skills()), t.skills().toString());
    assertEquals(own.size(), t.skills().size(), "every skill kept once");
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("everyResumeAndDescription")
  void keepsRolesInResumeOrderWithinTheBudgetAndVerbatimFacts(String resumeName, String descriptionName)
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
      // the fixtures list jobs newest first, so the first job is the most recent
      int cap = i == 0 ? Tailor.Budget.ONE_PAGE.mostRecentRole() : Tailor.Budget.ONE_PAGE.otherRoles();
      assertTrue(role.bullets().size() >= 1 && role.bullets().size() <= cap, role.bullets().toString());
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
    assertTrue(t.summary().id().startsWith("basics.summary"), t.summary().id());
    assertEquals(sourceText(resume, t.summary().id()), t.summary().text());
    assertTrue(t.bullets().size() <= Tailor.Budget.ONE_PAGE.totalBullets() + 1, "summary + budget");
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
    // Skills: what the job asks for first, hobbies-like leftovers last; the group name "Data Visualization" is a
    // label in the skills section, not a skill.
    assertEquals(Set.of("SQL", "Python", "pandas", "dbt", "Excel", "Tableau", "Looker Studio"),
        Set.copyOf(t.skills().subList(0, 7)), t.skills().toString());
    assertTrue(t.skills().indexOf("Vendor negotiation") > t.skills().indexOf("Tableau"));
    assertFalse(t.skills().contains("Data Visualization"), t.skills().toString());
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

  // ---- ranking

  private static final Tailor.Budget ONE_PAGE = Tailor.Budget.ONE_PAGE;

  static List<String> ids(Role role) {
    return role.bullets().stream().map(Bullet::id).toList();
  }

  @Test
  void aPostgresBulletOutranksAnUnrelatedOne() throws IOException {
    JsonNode resume = resume("new-grad");
    Map<String, Double> rel = Tailor.relevance(resume, description("staff-backend"));
    // "Built with Next.js, PostgreSQL, and Prisma on Vercel" vs "Deployed to 400+ active students ..."
    assertTrue(rel.get("projects[0].highlights[1]") > rel.get("projects[0].highlights[0]"), rel.toString());
    assertEquals(0.0, rel.get("projects[0].highlights[0]"));

    TailoredResume t = Tailor.tailor(resume, description("staff-backend"));
    List<String> dormSwap = ids(t.projects().get(0));
    assertEquals("projects[0].highlights[1]", dormSwap.get(0));
    assertFalse(dormSwap.contains("projects[0].highlights[0]"), "a zero-relevance bullet is dropped: " + dormSwap);
  }

  @Test
  void aKafkaBulletOutranksAnUnrelatedOne() throws IOException {
    JsonNode resume = resumeWith("Staff Engineer", "Acme",
        "Organised the office book club and the summer party",
        "Ran Kafka clusters feeding a PostgreSQL warehouse",
        "Kept the plants watered");
    TailoredResume t = Tailor.tailor(resume, description("staff-backend"));
    assertEquals(List.of("work[0].highlights[1]"), ids(t.work().get(0)));
  }

  @Test
  void aSynonymCountsAsTheSkill() throws IOException {
    String description = "We run PostgreSQL on Kubernetes.";
    JsonNode resume = resumeWith("Engineer", "Acme", "Tuned Postgres", "Tuned Oracle", "Operated k8s");
    Map<String, Double> rel = Tailor.relevance(resume, description);
    assertTrue(rel.get("work[0].highlights[0]") > 0, rel.toString());
    assertTrue(rel.get("work[0].highlights[2]") > 0, rel.toString());
    assertEquals(0.0, rel.get("work[0].highlights[1]"), rel.toString());
    // and on a fixture: "Postgres" instead of "PostgreSQL" still leads the DormSwap project
    ObjectNode grad = (ObjectNode) resume("new-grad");
    ((ArrayNode) grad.at("/projects/0/highlights")).set(1, "Built with Next.js, Postgres, and Prisma on Vercel");
    assertEquals("projects[0].highlights[1]", ids(Tailor.tailor(grad, description("staff-backend")).projects().get(0)).get(0));
  }

  @Test
  void aSkillWeighsMoreThanAPlainWord() {
    // one skill (which is also a word) against two plain words, at the same length
    JsonNode resume = resumeWith("Engineer", "Acme", "Operated the streaming platform", "Operated Kafka");
    Map<String, Double> rel = Tailor.relevance(resume, "Kafka streaming platform");
    assertTrue(rel.get("work[0].highlights[1]") > rel.get("work[0].highlights[0]"), rel.toString());
    assertTrue(rel.get("work[0].highlights[0]") > 0, rel.toString());
  }

  @Test
  void stemsInflectedWords() {
    JsonNode resume = resumeWith("Engineer", "Acme", "Replicated ledgers between regions", "Painted fences");
    Map<String, Double> rel = Tailor.relevance(resume, "You will replicate ledger data.");
    assertTrue(rel.get("work[0].highlights[0]") > 0, rel.toString());
    assertEquals(0.0, rel.get("work[0].highlights[1]"));
    assertEquals(Bm25.stem("replicate"), Bm25.stem("replicating"));
    assertEquals(Bm25.stem("running"), Bm25.stem("run"));
    assertEquals(Bm25.stem("latencies"), Bm25.stem("latency"));
  }

  @Test
  void weighsRequirementSectionsHigher() {
    String about = "About us\nWe like Kafka.\n\nWhat we're looking for\n- Redis in production.\n";
    String swapped = "About us\nWe like Redis.\n\nWhat we're looking for\n- Kafka in production.\n";
    Bm25 first = new Bm25(about, List.of());
    Bm25 second = new Bm25(swapped, List.of());
    assertTrue(first.demand("Redis") > first.demand("Kafka"));
    assertTrue(second.demand("Kafka") > second.demand("Redis"));
    assertEquals(first.demand("Redis"), second.demand("Kafka"), 1e-9);
  }

  @Test
  void tiesKeepResumeOrder() {
    JsonNode resume = resumeWith("Engineer", "Acme", "Wrote docs", "Kafka alpha", "Kafka gamma");
    TailoredResume t = Tailor.tailor(resume, "Kafka");
    assertEquals(List.of("work[0].highlights[1]", "work[0].highlights[2]"), ids(t.work().get(0)));
  }

  @Test
  void dropsZeroRelevanceBulletsButNeverEmptiesARole() throws IOException {
    TailoredResume t = Tailor.tailor(resume("senior-engineer"), description("data-analyst"));
    for (Role r : t.work()) {
      assertEquals(1, r.bullets().size(), r.toString());
    }
    assertEquals(List.of("work[0].highlights[0]"), ids(t.work().get(0)), "all zero: the first in resume order");
  }

  // ---- budget

  @Test
  void respectsASmallBudget() throws IOException {
    TailoredResume t = Tailor.tailor(resume("senior-engineer"), description("staff-backend"), new Tailor.Budget(5, 2, 1));
    List<Role> roles = new ArrayList<>(t.work());
    roles.addAll(t.projects());
    assertEquals(5, roles.stream().mapToInt(r -> r.bullets().size()).sum());
    assertEquals(2, t.work().get(0).bullets().size());
    for (Role r : roles.subList(1, roles.size())) {
      assertEquals(1, r.bullets().size(), r.toString());
    }
    assertThrows(IllegalArgumentException.class, () -> new Tailor.Budget(0, 5, 3));
  }

  @Test
  void aFortyBulletResumeStaysOnBudget() throws IOException {
    JsonNode resume = fortyBulletResume();
    for (String d : DESCRIPTIONS) {
      for (Tailor.Budget budget : List.of(ONE_PAGE, Tailor.Budget.TWO_PAGES, new Tailor.Budget(12, 4, 2))) {
        TailoredResume t = Tailor.tailor(resume, description(d), budget);
        int total = 0;
        for (int i = 0; i < t.work().size(); i++) {
          int n = t.work().get(i).bullets().size();
          assertTrue(n >= 1 && n <= (i == 0 ? budget.mostRecentRole() : budget.otherRoles()), d + " " + budget + ": " + n);
          total += n;
        }
        assertTrue(total <= budget.totalBullets(), d + " " + budget + ": " + total);
        for (Bullet b : t.bullets()) {
          assertEquals(sourceText(resume, b.id()), b.text());
        }
      }
    }
    TailoredResume staff = Tailor.tailor(resume, description("staff-backend"));
    assertTrue(staff.work().stream().mapToInt(r -> r.bullets().size()).sum() >= 12,
        "forty bullets, most of them relevant, should fill much of the page");
  }

  @Test
  void rolesBeyondTheBudgetKeepOneBullet() {
    ObjectNode resume = JSON.createObjectNode();
    ArrayNode work = resume.putArray("work");
    for (int i = 0; i < 30; i++) {
      ObjectNode w = work.addObject().put("name", "Co " + i).put("position", "Engineer")
          .put("startDate", (2024 - i) + "-01-01");
      w.putArray("highlights").add("Ran Kafka number " + i).add("Tuned Kafka number " + i);
    }
    TailoredResume t = Tailor.tailor(resume, "Kafka", ONE_PAGE);
    assertEquals(30, t.work().size());
    for (Role r : t.work()) {
      assertEquals(1, r.bullets().size(), r.toString());
    }
  }

  @Test
  void theMostRecentRoleWinsACloseCallEvenWhenListedLast() {
    ObjectNode resume = JSON.createObjectNode();
    ArrayNode work = resume.putArray("work");
    work.addObject().put("name", "Old").put("position", "Dev").put("startDate", "2015-01-01")
        .putArray("highlights").add("Kafka alpha").add("Kafka gamma").add("Kafka delta");
    work.addObject().put("name", "New").put("position", "Dev").put("startDate", "2021-01-01")
        .putArray("highlights").add("Kafka alpha").add("Kafka gamma").add("Kafka delta");
    TailoredResume t = Tailor.tailor(resume, "Kafka", new Tailor.Budget(4, 3, 3));
    assertEquals("Old", t.work().get(0).organisation(), "roles stay in resume order");
    assertEquals(1, t.work().get(0).bullets().size());
    assertEquals(3, t.work().get(1).bullets().size());
  }

  // ---- summary

  @Test
  void splitsSentencesButNotAbbreviationsOrDottedTokens() {
    String text = "I ship Node.js services, e.g. Kafka consumers, for U.S. Bank customers. Uptime was 99.5 "
        + "percent on v3.5 of the platform! Dr. Smith and J. Doe reviewed it (twice.) Then we moved on.  "
        + "Done?  Yes.";
    assertEquals(List.of(
        "I ship Node.js services, e.g. Kafka consumers, for U.S. Bank customers.",
        "Uptime was 99.5 percent on v3.5 of the platform!",
        "Dr. Smith and J. Doe reviewed it (twice.)",
        "Then we moved on.",
        "Done?",
        "Yes."), Tailor.sentences(text));
    assertEquals(List.of("One sentence without a stop"), Tailor.sentences("  One sentence without a stop "));
    assertTrue(Tailor.sentences(null).isEmpty() && Tailor.sentences(" ").isEmpty());
  }

  @Test
  void keepsTheRelevantSummarySentencesInTheirOrder() {
    ObjectNode resume = JSON.createObjectNode();
    resume.putObject("basics").put("summary",
        "I build Kafka pipelines.  I enjoy hiking. I tune PostgreSQL queries. I keep bees.");
    TailoredResume t = Tailor.tailor(resume, "Kafka and PostgreSQL");
    assertEquals(new Bullet("basics.summary[0,2]", "I build Kafka pipelines. I tune PostgreSQL queries."), t.summary());
  }

  @Test
  void keepsAtMostThreeSummarySentencesTheMostRelevantOnes() {
    ObjectNode resume = JSON.createObjectNode();
    resume.putObject("basics").put("summary",
        "Kafka. Kafka and Redis. Kafka, Redis and Terraform. Kafka, Redis, Terraform and Java. Gardening.");
    TailoredResume t = Tailor.tailor(resume, "Kafka, Redis, Terraform, Java");
    assertEquals("basics.summary[1,2,3]", t.summary().id());
    assertEquals("Kafka and Redis. Kafka, Redis and Terraform. Kafka, Redis, Terraform and Java.", t.summary().text());
  }

  @Test
  void keepsTheWholeSummaryVerbatimWhenEverySentenceIsRelevantOrNoneIs() throws IOException {
    JsonNode resume = resume("senior-engineer");
    String summary = resume.at("/basics/summary").asText();
    assertEquals(new Bullet("basics.summary", summary), Tailor.tailor(resume, description("staff-backend")).summary());
    assertEquals(new Bullet("basics.summary", summary), Tailor.tailor(resume, "").summary());

    ObjectNode single = JSON.createObjectNode();
    single.putObject("basics").put("summary", "Gardener at heart.");
    assertEquals(new Bullet("basics.summary", "Gardener at heart."), Tailor.tailor(single, "Kafka").summary());
  }

  @Test
  void dropsIrrelevantSummarySentencesFromAFixture() throws IOException {
    JsonNode resume = resume("new-grad");
    TailoredResume t = Tailor.tailor(resume, description("data-analyst"));
    assertNotEquals("basics.summary", t.summary().id());
    Map<String, Double> rel = Tailor.relevance(resume, description("data-analyst"));
    for (String kept : t.summary().id().replaceAll("\\D+", " ").trim().split(" ")) {
      assertTrue(rel.get("basics.summary[" + kept + "]") > 0, rel.toString());
    }
  }

  @Test
  void relevanceCoversEveryMasterBulletInResumeOrder() throws IOException {
    JsonNode resume = resume("career-changer");
    Map<String, Double> rel = Tailor.relevance(resume, description("data-analyst"));
    int sentences = Tailor.sentences(resume.at("/basics/summary").asText()).size();
    int highlights = 0;
    for (JsonNode w : resume.path("work")) {
      highlights += w.path("highlights").size();
    }
    assertEquals(sentences + highlights, rel.size());
    List<String> keys = List.copyOf(rel.keySet());
    assertEquals("basics.summary[0]", keys.get(0));
    assertEquals("work[0].highlights[0]", keys.get(sentences));
    assertEquals("work[2].highlights[1]", keys.get(keys.size() - 1));
    assertTrue(rel.values().stream().allMatch(v -> v >= 0));
    assertTrue(Tailor.relevance(null, "Kafka").isEmpty());
  }

  // ---- fixtures built here

  /** A resume with one job and the given highlights. */
  static JsonNode resumeWith(String position, String name, String... highlights) {
    ObjectNode resume = JSON.createObjectNode();
    ArrayNode h = resume.putArray("work").addObject().put("position", position).put("name", name)
        .put("startDate", "2020-01-01").putArray("highlights");
    for (String s : highlights) {
      h.add(s);
    }
    return resume;
  }

  static JsonNode fortyBulletResume() throws IOException {
    return Fixtures.fortyBulletResume();
  }
}
