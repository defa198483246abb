package io.applyflow.score;

import static io.applyflow.score.ResumeTextTest.description;
import static io.applyflow.score.ResumeTextTest.resume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.applyflow.support.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScorerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  private static final List<String> RESUMES = Fixtures.RESUMES;

  /** A sandbox posting: title and unescaped HTML content. */
  record Job(String title, String html) {
  }

  static List<Job> sandboxPostings() throws IOException {
    try (InputStream in = ScorerTest.class.getResourceAsStream("/sandbox/boards.json")) {
      List<Job> out = new ArrayList<>();
      for (JsonNode b : JSON.readTree(in).path("boards")) {
        for (JsonNode j : b.path("jobs")) {
          out.add(new Job(j.path("title").asText(), j.path("content").asText()));
        }
      }
      return out;
    }
  }

  static Job sandbox(String title) throws IOException {
    return sandboxPostings().stream().filter(p -> p.title().equals(title)).findFirst().orElseThrow();
  }

  private static JsonNode json(String s) throws IOException {
    return JSON.readTree(s);
  }

  private static ScoreDetail staffBackend(String who) throws IOException {
    return Scorer.score("Staff Software Engineer, Storage Infrastructure", description("staff-backend"),
        resume(who), TODAY);
  }

  /** A real Ashby posting (src/test/resources/ashby/SOURCES.md): its asks sit under "About the Role". */
  private static ScoreDetail xlabs(String who) throws IOException {
    try (InputStream in = ScorerTest.class.getResourceAsStream("/ashby/posting-api_job-board_Xlabs.json")) {
      JsonNode job = JSON.readTree(in).path("jobs").path(0);
      return Scorer.score(job.path("title").asText(), job.path("descriptionHtml").asText(), resume(who), TODAY);
    }
  }

  @Test
  void asksListedUnderAboutTheRoleOfARealPostingCountAsRequirements() throws IOException {
    ScoreDetail senior = xlabs("senior-engineer");
    ScoreDetail grad = xlabs("new-grad");
    assertTrue(senior.matchingSkills().contains("Kubernetes"), senior.toMap().toString());
    assertTrue(grad.missingSkills().contains("Kubernetes"), grad.toMap().toString());
    assertTrue(senior.missingSkills().contains("infrastructure as code"), senior.toMap().toString());
    assertTrue(senior.total() > grad.total(), senior.total() + " vs " + grad.total());
    assertTrue(senior.skills() > grad.skills(), senior.skills() + " vs " + grad.skills());
    // "(optional) You have experience running blockchains" and the benefits list are not requirements.
    for (ScoreDetail d : List.of(senior, grad)) {
      assertFalse(d.missingSkills().contains("open source"), d.toMap().toString());
    }
  }

  /** Every keyword of {@code d}, matching and missing, in lower case. */
  private static List<String> keywords(ScoreDetail d) {
    List<String> all = new ArrayList<>(d.matchingKeywords());
    all.addAll(d.missingKeywords());
    return all.stream().map(k -> k.toLowerCase(java.util.Locale.ROOT)).toList();
  }

  @Test
  void theSandboxsBoilerplateIsNoKeywordOnceTheDescribeStageHasSanitisedIt() throws IOException {
    // The describe stage's sanitiser drops Greenhouse's content-conclusion wrapper, so the closing benefits,
    // equal-opportunity and sandbox lines used to count as nice-to-have text: "offer competitive",
    // "applyflow sandbox"; "send" was a generic verb of a duty. The employer's name never counts.
    JsonNode sample = resume("sample");
    Set<String> noise = Set.of("offer competitive", "competitive", "equity", "applyflow sandbox", "posting lives",
        "submit leaves", "send", "pension plan", "transparent", "vision coverage", "wellness stipend", "parental");
    for (PostingFixtures p : PostingFixtures.sandboxAsStored()) {
      ScoreDetail stored = p.score(sample, TODAY);
      List<String> words = keywords(stored);
      assertTrue(words.stream().noneMatch(noise::contains), p.title() + ": " + words);
      assertTrue(words.stream().noneMatch(w -> w.matches(".*\\b(acme|northwind|lumen)\\b.*")),
          p.title() + ": " + words);
      // The same posting with its wrappers intact scores the same: the words, not the markup, decide.
      assertEquals(stored, Scorer.score(p.title(), p.original(), p.employer(), sample, TODAY), p.title());
    }
  }

  @Test
  void theRealAsksOfTheRobotFleetPostingStayWhenItsBoilerplateGoes() throws IOException {
    ScoreDetail d = PostingFixtures.sandboxAsStored("Software Engineer, Robot Fleet Services")
        .score(resume("sample"), TODAY);
    assertEquals(List.of("Java", "SQL", "compression", "algorithms", "JavaScript", "HTML", "CSS"), d.matchingSkills());
    assertTrue(d.missingKeywords().containsAll(List.of("Kafka", "message broker", "telemetry updates", "dispatch",
        "reroute", "blocked aisles")), d.missingKeywords().toString());
    assertTrue(d.total() >= 70, d.toString()); // still written for the sample: WalkingSkeletonIT applies to it
  }

  @Test
  void aRealPostingsEmployerNameAndEqualOpportunityTextAreNoKeywords() throws IOException {
    // Spotify's Lever posting: "Spotify" was its most frequent missing keyword, and the equal-opportunity text
    // that follows "Where You'll Be" weighed as much as the duties ("flexibility", "personal", "voices").
    PostingFixtures android = PostingFixtures.spotify().get(0);
    ScoreDetail d = android.score(resume("sample"), TODAY);
    List<String> words = keywords(d);
    for (String gone : List.of("spotify", "flexibility", "personal", "voices", "headphones", "london", "stockholm")) {
      assertFalse(words.contains(gone), gone + " in " + words);
    }
    assertTrue(d.missingSkills().containsAll(List.of("Kotlin", "Swift", "Objective-C")), d.missingSkills().toString());
    assertTrue(d.missingKeywords().containsAll(List.of("android", "iOS", "mobile", "client components")),
        d.missingKeywords().toString());

    PostingFixtures ci = PostingFixtures.metabase().get(1);
    ScoreDetail m = ci.score(resume("sample"), TODAY);
    assertFalse(keywords(m).contains("metabase"), keywords(m).toString());
    assertFalse(keywords(m).contains("veteran"), keywords(m).toString()); // "you don't need to be a 10-year veteran"
    assertTrue(m.missingKeywords().containsAll(List.of("GitHub Actions", "CI/CD", "Clojure", "TypeScript", "CI",
        "resolve flaky")), m.missingKeywords().toString());
  }

  @Test
  void payLawAndApplyingSentencesOutsideTheirHeadingsWeighNothing() throws IOException {
    String html = "<h2>About the role</h2><p>Build the fleet API in Go. We offer competitive salary and equity.</p>"
        + "<h2>Requirements</h2><ul><li>Go and PostgreSQL in production</li>"
        + "<li>Send your resume and a cover letter through this posting</li></ul>"
        + "<p>Acme Robotics is an equal opportunity employer and does not discriminate on the basis of veteran "
        + "status.</p>";
    ScoreDetail d = Scorer.score("Backend Engineer", html, List.of("Acme Robotics", "acme-robotics"),
        json("{\"skills\":[{\"keywords\":[\"Go\"]}]}"), TODAY);
    assertEquals(List.of("Go"), d.matchingSkills());
    assertEquals(List.of("PostgreSQL"), d.missingSkills());
    List<String> words = keywords(d);
    for (String gone : List.of("competitive", "salary", "equity", "resume", "cover", "letter", "posting", "acme",
        "robotics", "veteran", "opportunity", "basis", "status")) {
      assertTrue(words.stream().noneMatch(w -> w.contains(gone)), gone + " in " + words);
    }
    assertTrue(words.containsAll(List.of("fleet api", "production")), words.toString());

    // A requirement about pay stays one: the domain of a payroll job is pay ("compensation" is a stop word).
    ScoreDetail payroll = Scorer.score("Payroll Engineer", "<h2>Requirements</h2><ul><li>Knowledge of equity "
        + "compensation plans</li><li>Java</li></ul>", List.of("Carta"), null, TODAY);
    assertTrue(payroll.missingKeywords().contains("equity"), payroll.missingKeywords().toString());
  }

  @Test
  void theEmployersNameIsNoKeywordButItsOrdinaryWordsStayOne() throws IOException {
    String html = "<h2>About the role</h2><p>Northwind Data runs an analytics database. At Northwind, you will "
        + "model data for finance teams.</p><h2>Requirements</h2><ul><li>Data modeling in SQL</li></ul>";
    ScoreDetail d = Scorer.score("Data Engineer", html, List.of("Northwind Data", "northwind-data"), null, TODAY);
    List<String> words = keywords(d);
    assertTrue(words.stream().noneMatch(w -> w.contains("northwind")), words.toString());
    assertTrue(words.contains("data") || words.stream().anyMatch(w -> w.startsWith("data ")), words.toString());
  }

  @Test
  void theSeniorEngineerOutscoresTheNewGradOnTheStaffBackendPosting() throws IOException {
    ScoreDetail senior = staffBackend("senior-engineer");
    ScoreDetail grad = staffBackend("new-grad");

    assertTrue(senior.total() > grad.total() + 20, senior.total() + " vs " + grad.total());
    assertTrue(senior.skills() > grad.skills(), senior.skills() + " vs " + grad.skills());
    assertEquals(10.0, senior.yearsRequired());
    assertEquals(100, senior.experience());
    assertTrue(senior.matchingSkills().containsAll(List.of("Kafka", "Kubernetes", "Raft", "Go", "Rust")),
        senior.matchingSkills().toString());
  }

  @Test
  void aBetterFittingResumeScoresHigherOnTheDataAnalystPosting() throws IOException {
    String analyst = description("data-analyst");
    ScoreDetail changer = Scorer.score("Junior Data Analyst", analyst, resume("career-changer"), TODAY);
    ScoreDetail staff = Scorer.score("Junior Data Analyst", analyst, resume("senior-engineer"), TODAY);
    assertTrue(changer.total() > staff.total(), changer.total() + " vs " + staff.total());
    assertTrue(changer.skills() > 80, "skills " + changer.skills());
    assertTrue(changer.matchingKeywords().containsAll(List.of("SQL", "Tableau", "dbt", "pandas")),
        changer.matchingKeywords().toString());
  }

  @Test
  void aNewGradAgainstAFivePlusYearsPostingScoresLowOnExperience() throws IOException {
    String html = "<h2>Requirements</h2><ul><li>5+ years of professional experience with Java and SQL</li></ul>";
    ScoreDetail d = Scorer.score("Backend Engineer", html, resume("new-grad"), TODAY);

    assertEquals(5.0, d.yearsRequired());
    assertEquals(0.5, d.yearsOfExperience(), 0.05);
    assertEquals(Math.round(100 * Scorer.yearsOfExperience(resume("new-grad"), TODAY) / 5), d.experience());
    assertTrue(d.experience() < 20, "experience " + d.experience());
    assertTrue(d.explanation().contains("5+ years"), d.explanation());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Requirements: 5+ years of experience with Go.                         | 5.0",
      "Requirements: 3-5 years building web services.                        | 3.0",
      "Requirements: at least three years of Python.                         | 3.0",
      "Requirements: two or more years in a support role.                    | 2.0",
      "Requirements: up to two years of professional experience.             | 0.0",
      "Requirements: Ten or more years in storage; twelve or more years total. | 12.0",
      "You have 7 years' experience with Kubernetes.                         | 7.0",
  })
  void parsesTheYearsAsked(String text, double years) {
    assertEquals(years, Scorer.score("Engineer", text, null, TODAY).yearsRequired(), text);
  }

  @Test
  void ignoresYearsThatAreNotAnExperienceRequirement() throws IOException {
    String html = "<h2>About the role</h2><p>You will rotate teams for two years while you learn.</p>"
        + "<div class=\"content-conclusion\"><p>Four weeks a year of learning time; 5 years of free snacks.</p></div>";
    ScoreDetail d = Scorer.score("Software Engineer", html, resume("sample"), TODAY);
    assertNull(d.yearsRequired());
  }

  @Test
  void withNoYearsStatedTheTitleLevelDecides() throws IOException {
    String text = "Requirements:\n- Java\n- SQL";
    JsonNode sample = resume("sample"); // about one year of work
    double have = Scorer.yearsOfExperience(sample, TODAY);

    ScoreDetail senior = Scorer.score("Senior Software Engineer", text, sample, TODAY);
    ScoreDetail staff = Scorer.score("Staff Software Engineer", text, sample, TODAY);
    ScoreDetail mid = Scorer.score("Software Engineer", text, sample, TODAY);
    ScoreDetail entry = Scorer.score("Junior Software Engineer", text, sample, TODAY);

    assertNull(senior.yearsRequired());
    assertEquals(Math.round(100 * have / 5), senior.experience());
    assertEquals(Math.round(100 * have / 7), staff.experience());
    assertEquals(Math.round(100 * have / 2), mid.experience());
    assertEquals(100, entry.experience());
    assertTrue(senior.explanation().contains("no years") && senior.explanation().contains("implies 5"),
        senior.explanation());
  }

  @Test
  void aPostingNamingFewSkillsIsNotAPerfectFitOnThemAlone() throws IOException {
    JsonNode resume = json("{\"skills\":[{\"keywords\":[\"SQL\"]}]}");
    ScoreDetail d = Scorer.score("Product Manager", "<h2>Requirements</h2><ul><li>SQL</li>"
        + "<li>Roadmap planning for consumer healthcare apps</li></ul>", resume, TODAY);
    assertEquals(List.of("SQL"), d.matchingSkills());
    assertEquals(0, d.keywords());
    assertEquals(33, d.skills()); // SQL weighs 3 of the minimum evidence of 9; the other 6 count at 0 %
  }

  @Test
  void synonymsMatch() throws IOException {
    JsonNode resume = json("{\"skills\":[{\"name\":\"Backend\",\"keywords\":[\"Postgres\",\"k8s\"]}]}");
    String html = "<h3>What you bring</h3><ul><li>PostgreSQL</li><li>Kubernetes</li><li>Rust</li></ul>";
    ScoreDetail d = Scorer.score("Engineer", html, resume, TODAY);

    assertEquals(List.of("PostgreSQL", "Kubernetes"), d.matchingSkills());
    assertEquals(List.of("Rust"), d.missingSkills());
    assertEquals(67, d.skills());
  }

  @Test
  void requirementTermsOutweighTheSameTermsInTheCompanyBoilerplate() throws IOException {
    String html = "<div class=\"content-intro\"><h2>About Acme</h2><p>Acme runs Kafka and Redis at scale.</p></div>"
        + "<h2>About the role</h2><p>Build the fleet API.</p>"
        + "<h2>What we are looking for</h2><ul><li>Experience with Go, Terraform and Docker</li></ul>"
        + "<h2>Benefits</h2><p>We use Kafka for everything and give you a Python course.</p>";
    JsonNode knowsRequirements = json("{\"skills\":[{\"keywords\":[\"Go\",\"Terraform\",\"Docker\"]}]}");
    JsonNode knowsBoilerplate = json("{\"skills\":[{\"keywords\":[\"Kafka\",\"Redis\",\"Python\"]}]}");

    ScoreDetail good = Scorer.score("Platform Engineer", html, knowsRequirements, TODAY);
    ScoreDetail poor = Scorer.score("Platform Engineer", html, knowsBoilerplate, TODAY);

    assertEquals(100, good.skills());
    assertTrue(poor.skills() < 20, "skills " + poor.skills());
    assertTrue(good.total() > poor.total());
    assertEquals(List.of("Go", "Terraform", "Docker"), poor.missingSkills());
    assertFalse(poor.matchingKeywords().contains("Kafka"), poor.matchingKeywords().toString());
    assertFalse(good.missingKeywords().contains("acme") || good.missingKeywords().contains("Acme"),
        good.missingKeywords().toString());
  }

  @Test
  void plainTextHeadingsAndNiceToHaveSentencesAreWeighted() throws IOException {
    String text = """
        About us
        We are a friendly company that loves Kafka.

        Requirements:
        - Java, SQL and Docker
        - Experience with Redis is a plus

        Nice to have
        - Terraform
        """;
    JsonNode javaSql = json("{\"skills\":[{\"keywords\":[\"Java\",\"SQL\",\"Docker\"]}]}");
    JsonNode redisTerraform = json("{\"skills\":[{\"keywords\":[\"Redis\",\"Terraform\",\"Kafka\"]}]}");

    ScoreDetail required = Scorer.score("Engineer", text, javaSql, TODAY);
    ScoreDetail nice = Scorer.score("Engineer", text, redisTerraform, TODAY);

    // Java, SQL and Docker weigh 3 each; Redis ("a plus") and Terraform (nice to have) 1; Kafka (about us) 0.
    assertEquals(82, required.skills());
    assertEquals(18, nice.skills());
    assertEquals(List.of("Java", "SQL", "Docker"), nice.missingSkills());
    assertFalse(required.missingKeywords().contains("Kafka"), required.missingKeywords().toString());
  }

  @Test
  void readsBoldParagraphsAsHeadings() throws IOException {
    String html = "<p><strong>About us</strong></p><p>We love Kafka, Redis and Scala.</p>"
        + "<p><strong>Must have:</strong> Go, Rust and Terraform</p>"
        + "<p><b>Bonus</b></p><p>Kafka</p>";
    JsonNode resume = json("{\"skills\":[{\"keywords\":[\"Go\",\"Rust\",\"Terraform\"]}]}");
    ScoreDetail d = Scorer.score("Engineer", html, resume, TODAY);
    assertEquals(List.of("Go", "Rust", "Terraform"), d.matchingSkills());
    assertEquals(List.of(), d.missingSkills()); // Kafka is only a bonus, Redis and Scala only about us
    assertEquals(90, d.skills()); // 9 of 9 + Kafka 1
  }

  @Test
  void aPhdAskedOfABachelorScoresBelowFullEducation() throws IOException {
    String html = "<h2>Qualifications</h2><ul><li>A PhD in computer science or a related field</li></ul>";
    ScoreDetail d = Scorer.score("Research Engineer", html, resume("sample"), TODAY);

    assertEquals("a PhD", d.degreeRequired());
    assertEquals(25, d.education());
    assertTrue(d.explanation().contains("a PhD"), d.explanation());
    assertEquals(100, Scorer.score("Research Engineer", html, resume("senior-engineer"), TODAY).education());
  }

  @Test
  void orEquivalentExperienceSoftensTheDegree() throws IOException {
    String html = "<h2>Requirements</h2><ul><li>A master's degree in computer science or equivalent practical "
        + "experience</li><li>Two or more years of professional experience</li></ul>";
    JsonNode experienced = json("""
        {"work":[{"startDate":"2018-01","endDate":"2024-01"}],"education":[{"studyType":"Bachelor of Science"}]}""");
    JsonNode junior = json("""
        {"work":[{"startDate":"2026-01-01"}],"education":[{"studyType":"B.S."}]}""");

    ScoreDetail a = Scorer.score("Engineer", html, experienced, TODAY);
    ScoreDetail b = Scorer.score("Engineer", html, junior, TODAY);

    assertEquals("a master's degree or equivalent experience", a.degreeRequired());
    assertEquals(75, a.education());
    assertEquals(50, b.education());
    assertEquals(100, Scorer.score("Engineer", "<p>Python and Go.</p>", junior, TODAY).education());
  }

  @Test
  void readsDegreesFromTheSandboxPostings() throws IOException {
    ScoreDetail intern = Scorer.score("Software Engineer Intern, Summer 2027",
        sandbox("Software Engineer Intern, Summer 2027").html(), resume("sample"), TODAY);
    assertEquals("a bachelor's degree", intern.degreeRequired()); // "a bachelor's or master's degree"
    assertEquals(100, intern.education());

    Job motion = sandbox("Senior Software Engineer, Motion Planning");
    ScoreDetail d = Scorer.score(motion.title(), motion.html(), resume("sample"), TODAY);
    assertNull(d.degreeRequired()); // the graduate degree is only nice to have
    assertEquals(6.0, d.yearsRequired());

    Job associate = sandbox("Associate Software Engineer, Fleet Tools");
    ScoreDetail e = Scorer.score(associate.title(), associate.html(), resume("new-grad"), TODAY);
    assertEquals(0.0, e.yearsRequired()); // "up to two years"
    assertEquals("a bachelor's degree or equivalent experience", e.degreeRequired());

    Job principal = sandbox("Principal Software Engineer, Platform");
    assertEquals(12.0, Scorer.score(principal.title(), principal.html(), null, TODAY).yearsRequired());
  }

  @Test
  void countsWorkYearsOnceAcrossOverlapsAndIgnoresVolunteering() throws IOException {
    JsonNode r = json("""
        {"work":[{"startDate":"2019-03-01","endDate":"2021-03-01"},
                 {"startDate":"2020-03","endDate":"2022-02"},
                 {"startDate":"2024","endDate":"2024"},
                 {"name":"Intern","startDate":"2025-12-01"},
                 {"startDate":"not a date","endDate":"2020-01-01"}],
         "volunteer":[{"startDate":"2010-01-01","endDate":"2018-01-01"}]}""");
    // 2019-03-01..2022-02-28 (≈3.0) + 2024 (≈1.0) + 2025-12-01..2026-12-01 (1.0)
    assertEquals(5.0, Scorer.yearsOfExperience(r, TODAY), 0.05);
    assertEquals(0.0, Scorer.yearsOfExperience(json("{}"), TODAY));
    assertEquals(0.0, Scorer.yearsOfExperience(null, TODAY));
  }

  @Test
  void missingSkillsAreTheOnesReallyAbsentAndEverySubScoreIsInRange() throws IOException {
    for (String who : RESUMES) {
      JsonNode r = resume(who);
      Set<String> has = new HashSet<>(Keywords.extract(ResumeText.of(r)));
      for (Job p : sandboxPostings()) {
        ScoreDetail d = Scorer.score(p.title(), p.html(), r, TODAY);
        String where = who + " / " + p.title() + ": " + d;
        for (int v : new int[] {d.total(), d.skills(), d.keywords(), d.experience(), d.education()}) {
          assertTrue(v >= 0 && v <= 100, where);
        }
        long expected = Math.round(Scorer.W_SKILLS * d.skills() + Scorer.W_KEYWORDS * d.keywords()
            + Scorer.W_EXPERIENCE * d.experience() + Scorer.W_EDUCATION * d.education());
        assertEquals(expected, d.total(), where);
        assertTrue(d.missingSkills().stream().noneMatch(has::contains), where);
        assertTrue(has.containsAll(d.matchingSkills()), where);
        assertTrue(d.missingKeywords().containsAll(d.missingSkills()), where);
        assertTrue(d.missingKeywords().stream().noneMatch(d.matchingKeywords()::contains), where);
        assertTrue(d.missingKeywords().stream().noneMatch(k -> Set.of("team", "role", "work").contains(k)),
            where);
        String e = d.explanation();
        assertTrue(!e.isBlank() && e.split("(?<=\\.) ").length <= 3, where);
      }
    }
  }

  @Test
  void aDescriptionWithNothingRecognisableDoesNotCrashAndSaysSo() throws IOException {
    ScoreDetail d = Scorer.score("Person", "<p>We are a great team.</p>", resume("senior-engineer"), TODAY);
    assertEquals(0, d.skills());
    assertEquals(0, d.keywords());
    assertTrue(d.matchingKeywords().isEmpty() && d.missingKeywords().isEmpty(), d.toString());
    assertTrue(d.explanation().contains("no skills"), d.explanation());

    ScoreDetail empty = Scorer.score(null, null, null, TODAY);
    assertEquals(0, empty.skills());
    assertEquals(100, empty.education());
    assertNull(empty.yearsRequired());
  }

  @Test
  void isDeterministic() throws IOException {
    Job p = sandbox("Solutions Engineer, Latency");
    assertEquals(Scorer.score(p.title(), p.html(), resume("sample"), TODAY),
        Scorer.score(p.title(), p.html(), resume("sample"), TODAY));
  }

  @Test
  void theMapHasSnakeCaseKeysInOrder() throws IOException {
    assertEquals(List.of("total", "skills", "keywords", "experience", "education", "matching_keywords",
            "missing_keywords", "matching_skills", "missing_skills", "years_required", "years_of_experience",
            "degree_required", "explanation"),
        List.copyOf(staffBackend("sample").toMap().keySet()));
    assertTrue(Scorer.score("x", "", null, TODAY).toMap().containsKey("years_required"));
  }
}
