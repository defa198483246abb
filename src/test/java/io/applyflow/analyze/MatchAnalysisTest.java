package io.applyflow.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.applyflow.support.Fixtures;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The analyser on the JSON Resume fixtures ({@code src/test/resources/jsonresume}) and variants made from them. */
class MatchAnalysisTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  private static final String STAFF = "Staff Software Engineer, Storage Infrastructure";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static MatchAnalysis.Result staff(JsonNode resume) throws Exception {
    return MatchAnalysis.analyse(STAFF, Fixtures.description("staff-backend"), List.of(), resume, TODAY);
  }

  private static List<String> texts(MatchAnalysis.Result r) {
    return r.suggestions().stream().map(MatchAnalysis.Suggestion::text).toList();
  }

  @Test
  void namesASkillTheWorkShowsButTheSkillsListOmits() throws Exception {
    MatchAnalysis.Result r = staff(Fixtures.resume("senior-engineer"));
    // Raft: in the project raft-lab's keywords, not in the skills list; the posting asks for it
    assertTrue(texts(r).contains("Your skills list omits Raft, which your project raft-lab mentions."), texts(r)
        .toString());
    assertTrue(r.detail().matchingSkills().contains("Kafka"));
    // Kafka is in the skills list already: nothing to suggest about it
    assertTrue(texts(r).stream().noneMatch(t -> t.startsWith("Your skills list omits Kafka")), texts(r).toString());
  }

  @Test
  void saysTheSkillsListOmitsTerraformWhichTheWorkAtAcmeMentions() throws Exception {
    ObjectNode resume = acme("Ran the quarterly planning for the platform group",
        "Provisioned every environment with Terraform modules reviewed by the team",
        "Kept the on-call handbook current");
    MatchAnalysis.Result r = MatchAnalysis.analyse("Platform Engineer", "<h2>Requirements</h2><ul><li>Terraform"
        + " and AWS</li><li>Kubernetes in production</li></ul>", List.of("Initech"), resume, TODAY);
    assertTrue(texts(r).contains("Your skills list omits Terraform, which your work at Acme mentions."),
        texts(r).toString());
  }

  @Test
  void movesTheBestMatchingBulletUpWhenItSitsLowInItsRole() throws Exception {
    ObjectNode resume = acme("Organised the team's hack week and its demo day",
        "Wrote the onboarding guide for new hires",
        "Built the Kafka ingestion pipeline that carries 2 billion events a day");
    MatchAnalysis.Result r = MatchAnalysis.analyse("Data Engineer", "<h2>Requirements</h2><ul><li>Kafka and"
        + " stream processing at scale</li></ul>", List.of(), resume, TODAY);
    MatchAnalysis.Suggestion order = r.suggestions().stream().filter(s -> s.kind().equals("order")).findFirst()
        .orElseThrow(() -> new AssertionError(texts(r).toString()));
    assertEquals("Kafka", order.term());
    assertEquals("Acme", order.where());
    assertTrue(order.text().startsWith("Move your Kafka bullet (“Built the Kafka ingestion pipeline"), order.text());
    assertTrue(order.text().contains("up in Acme"), order.text());
  }

  @Test
  void leavesTheOrderAloneWhenTheFirstBulletAlreadyMatchesBest() throws Exception {
    ObjectNode resume = acme("Built the Kafka ingestion pipeline that carries 2 billion events a day",
        "Wrote the onboarding guide for new hires", "Organised the team's hack week");
    MatchAnalysis.Result r = MatchAnalysis.analyse("Data Engineer", "<h2>Requirements</h2><ul><li>Kafka</li></ul>",
        List.of(), resume, TODAY);
    assertTrue(r.suggestions().stream().noneMatch(s -> s.kind().equals("order")), texts(r).toString());
  }

  @Test
  void listsWhatTheProfileLacksAsMissingAndNeverSuggestsIt() throws Exception {
    for (String name : Fixtures.RESUMES) {
      for (String description : List.of("staff-backend", "data-analyst", "xlabs-sre")) {
        MatchAnalysis.Result r = MatchAnalysis.analyse(STAFF, Fixtures.description(description), List.of(),
            Fixtures.resume(name), TODAY);
        for (MatchAnalysis.Suggestion s : r.suggestions()) {
          assertTrue(r.detail().matchingKeywords().contains(s.term()) || r.detail().matchingSkills()
              .contains(s.term()), name + "/" + description + ": suggests " + s.term() + " which does not match");
          for (String missing : r.detail().missingSkills()) {
            assertFalse(Pattern.compile("(?<![\\w])" + Pattern.quote(missing) + "(?![\\w])").matcher(s.text()).find(),
                name + "/" + description + ": suggestion '" + s.text() + "' names missing " + missing);
          }
        }
      }
    }
    MatchAnalysis.Result senior = staff(Fixtures.resume("senior-engineer"));
    assertTrue(senior.detail().missingSkills().containsAll(List.of("Paxos", "Grafana")),
        senior.detail().missingSkills().toString());
    assertTrue(texts(senior).stream().noneMatch(t -> t.contains("Paxos") || t.contains("Grafana")));
  }

  @Test
  void aResumeWithoutASkillsListIsToldToNameWhatItShows() throws Exception {
    ObjectNode resume = acme("Provisioned every environment with Terraform", "Ran Kubernetes clusters on AWS");
    resume.remove("skills");
    MatchAnalysis.Result r = MatchAnalysis.analyse("Platform Engineer", "<h2>Requirements</h2><ul><li>Terraform,"
        + " Kubernetes and AWS</li><li>Grafana</li></ul>", List.of(), resume, TODAY);
    List<String> skills = r.suggestions().stream().filter(s -> s.kind().equals("skills")).map(
        MatchAnalysis.Suggestion::text).toList();
    assertEquals(1, skills.size(), skills.toString());
    assertTrue(skills.get(0).startsWith("Your resume has no skills list; add one naming Terraform, Kubernetes and AWS"),
        skills.get(0));
    assertTrue(r.detail().missingSkills().contains("Grafana"));
  }

  @Test
  void summaryThatNamesNoCoreSkillIsPointedOut() throws Exception {
    ObjectNode resume = acme("Provisioned every environment with Terraform", "Ran Kubernetes clusters");
    ((ObjectNode) resume.path("basics")).put("summary", "Engineer who likes calm production systems.");
    MatchAnalysis.Result r = MatchAnalysis.analyse("Platform Engineer", "<h2>Requirements</h2><ul><li>Terraform and"
        + " Kubernetes</li></ul>", List.of(), resume, TODAY);
    assertTrue(texts(r).contains("Your summary does not mention Terraform or Kubernetes, which the posting asks for "
        + "and your resume shows."), texts(r).toString());
  }

  @Test
  void mapCarriesTheScoreBreakdownListsAndSuggestions() throws Exception {
    Map<String, Object> m = staff(Fixtures.resume("senior-engineer")).toMap();
    assertEquals(List.of("score", "breakdown", "matching_skills", "missing_skills", "matching_keywords",
        "missing_keywords", "suggestions"), List.copyOf(m.keySet()));
    @SuppressWarnings("unchecked")
    Map<String, Object> breakdown = (Map<String, Object>) m.get("breakdown");
    assertEquals(List.of("skills", "keywords", "experience", "education", "years_required", "years_of_experience",
        "degree_required", "explanation"), List.copyOf(breakdown.keySet()));
    assertTrue((int) m.get("score") >= 60, "the senior engineer fits the staff posting: " + m.get("score"));
    assertTrue((int) staff(Fixtures.resume("career-changer")).toMap().get("score") < 50);
  }

  /** One role at Acme with these bullets, and a skills list naming Kubernetes and Go only. */
  private static ObjectNode acme(String... bullets) {
    ObjectNode resume = JSON.createObjectNode();
    resume.putObject("basics").put("name", "Sam Doe").put("label", "Engineer");
    ObjectNode work = resume.putArray("work").addObject();
    work.put("name", "Acme").put("position", "Software Engineer").put("startDate", "2018-01-01");
    ArrayNode h = work.putArray("highlights");
    for (String b : bullets) {
      h.add(b);
    }
    resume.putArray("skills").addObject().put("name", "Engineering").putArray("keywords").add("Kubernetes")
        .add("Go");
    return resume;
  }
}
