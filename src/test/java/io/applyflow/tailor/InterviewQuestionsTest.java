package io.applyflow.tailor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InterviewQuestionsTest {

  static Stream<Arguments> everyResumeAndPosting() {
    List<Arguments> out = new ArrayList<>();
    for (String r : FactGateTest.RESUMES) {
      Postings.all().forEach(p -> out.add(Arguments.of(r, p.id())));
    }
    return out.stream();
  }

  private static List<String> allowed(Postings p) {
    List<String> allowed = new ArrayList<>(p.sentences());
    allowed.add(p.company());
    allowed.add(p.title());
    return allowed;
  }

  @Test
  void asksAboutTheFleetToolsResponsibilitiesRequirementsAndBullets() throws IOException {
    JsonNode resume = TailorTest.resume("new-grad");
    Postings p = Postings.byId(4012008L);
    TailoredResume t = Tailor.tailor(resume, p.text());
    List<String> q = InterviewQuestions.template(p.html(), p.title(), p.company(), t);

    List<Bullet> bullets = CoverLetter.highlights(t, 2);
    assertEquals(List.of(
        "Tell me about a time you developed Java and Spring Boot services that collect robot telemetry and expose it "
            + "through REST APIs.",
        "Tell me about a time you built React screens that visualise robot status, battery levels and mission queues.",
        "Tell me about a time you wrote SQL against PostgreSQL to power operator reports.",
        "How have you used data structures and algorithms in your work? Walk us through an example.",
        "How have you used Java and Kotlin in your work? Walk us through an example.",
        "Walk us through: " + bullets.get(0).text() + ".",
        "Walk us through: " + bullets.get(1).text() + ".",
        "Why Acme Robotics?"), q);
    FactGate gate = FactGate.of(resume, allowed(p));
    q.forEach(question -> assertEquals(List.of(), gate.offending(question), question));
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("everyResumeAndPosting")
  void everySandboxPostingGivesFiveToEightDistinctQuestionsThatPassTheGate(String resumeName, long postingId)
      throws IOException {
    JsonNode resume = TailorTest.resume(resumeName);
    Postings p = Postings.byId(postingId);
    TailoredResume t = Tailor.tailor(resume, p.text());
    List<String> q = InterviewQuestions.template(p.html(), p.title(), p.company(), t);

    assertTrue(q.size() >= InterviewQuestions.MIN && q.size() <= InterviewQuestions.MAX, q.toString());
    assertEquals(q.size(), new HashSet<>(q.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()).size(), "distinct");
    assertTrue(q.stream().anyMatch(s -> s.startsWith("Tell me about a time you") || s.startsWith("How would you")),
        "a responsibility question: " + q);
    assertEquals("Why " + p.company() + "?", q.get(q.size() - 1));
    assertEquals(q, InterviewQuestions.template(p.html(), p.title(), p.company(), t), "stable");
    FactGate gate = FactGate.of(resume, allowed(p));
    q.forEach(question -> assertEquals(List.of(), gate.offending(question), question));
  }

  @Test
  void readsEscapedHtmlLikeHtml() {
    Postings p = Postings.byId(5023029L);
    assertEquals(InterviewQuestions.template(p.html(), p.title(), p.company(), null),
        InterviewQuestions.template(Entities.escape(p.html()), p.title(), p.company(), null));
  }

  @Test
  void readsPlainTextSectionsAndTurnsJoinedVerbsToThePast() throws IOException {
    String description = TailorTest.description("staff-backend");
    List<String> q = InterviewQuestions.template(description, "Staff Software Engineer", "Northwind Data", null);

    assertEquals(List.of(
        "Tell me about a time you designed and built distributed systems that replicate data across multiple cloud "
            + "regions with strong durability guarantees.",
        "Tell me about a time you owned the performance of our Kafka-based streaming pipeline and reduced p99 latency.",
        "Tell me about a time you drove replication, tiered storage and object storage (S3) integrations.",
        "How have you used Go, Java and Rust in your work? Walk us through an example.",
        "How have you used consensus, Raft and Paxos in your work? Walk us through an example.",
        "How have you used Kubernetes, Terraform and AWS in your work? Walk us through an example.",
        "Why Northwind Data?"), q);
  }

  @Test
  void fallsBackToGenericQuestionsWithoutSections() {
    List<String> q = InterviewQuestions.template("<p>We make robots.</p>", "Robotics Engineer", "Acme", null);
    assertEquals(InterviewQuestions.MIN, q.size());
    assertEquals("What interests you about the Robotics Engineer role at Acme?", q.get(0));
    assertEquals("Why Acme?", q.get(q.size() - 1));
    FactGate gate = FactGate.of(null, List.of("Acme", "Robotics Engineer", "We make robots."));
    q.forEach(question -> assertEquals(List.of(), gate.offending(question), question));

    List<String> none = InterviewQuestions.template(null, null, null, null);
    assertEquals(InterviewQuestions.MIN, none.size());
    assertEquals("Why do you want this role?", none.get(none.size() - 1));
  }
}
