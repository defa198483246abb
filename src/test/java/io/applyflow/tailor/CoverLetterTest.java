package io.applyflow.tailor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.applyflow.score.Scorer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CoverLetterTest {

  static Stream<Arguments> everyResumeAndPosting() {
    List<Arguments> out = new ArrayList<>();
    for (String r : FactGateTest.RESUMES) {
      Postings.sample().forEach(p -> out.add(Arguments.of(r, p.id())));
    }
    return out.stream();
  }

  private static CoverLetter letter(JsonNode resume, Postings p) {
    TailoredResume t = Tailor.tailor(resume, p.text());
    List<String> matching = Scorer.score(p.title(), p.html(), resume, java.time.LocalDate.of(2026, 12, 1)).matchingSkills();
    return CoverLetter.template(t, p.company(), p.title(), matching);
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("everyResumeAndPosting")
  void everyParagraphPassesTheFactGate(String resumeName, long postingId) throws IOException {
    JsonNode resume = TailorTest.resume(resumeName);
    Postings p = Postings.byId(postingId);
    CoverLetter letter = letter(resume, p);
    FactGate gate = FactGate.of(resume, List.of(p.company(), p.title()));
    for (String paragraph : letter.paragraphs()) {
      assertEquals(List.of(), gate.offending(paragraph), paragraph);
    }
    assertEquals("Dear " + p.company() + " hiring team,", letter.paragraphs().get(0));
    assertEquals("Sincerely,\n" + resume.at("/basics/name").asText(),
        letter.paragraphs().get(letter.paragraphs().size() - 1));
    int body = letter.paragraphs().size() - 2;
    assertTrue(body >= 3 && body <= 4, "3–4 body paragraphs: " + letter.paragraphs());
    assertTrue(letter.paragraphs().get(1).contains("the " + p.title() + " role at " + p.company()));
  }

  @Test
  void quotesChosenBulletsVerbatimAndNamesTheCurrentRole() throws IOException {
    JsonNode resume = TailorTest.resume("senior-engineer");
    Postings p = Postings.byId(5023029L);
    TailoredResume t = Tailor.tailor(resume, p.text());
    CoverLetter letter = CoverLetter.template(t, p.company(), p.title(), List.of());

    assertTrue(letter.paragraphs().get(1)
        .contains("I currently work at Confluent as Staff Software Engineer. Before that I worked at Dropbox and Rackspace."),
        letter.paragraphs().get(1));
    String highlights = letter.paragraphs().get(2);
    List<Bullet> quoted = CoverLetter.highlights(t, CoverLetter.MAX_HIGHLIGHTS);
    assertEquals(3, quoted.size());
    assertEquals(t.work().get(0).bullets().get(0), quoted.get(0), "the most relevant bullet of the latest role first");
    assertEquals(t.work().get(1).bullets().get(0), quoted.get(1));
    for (Bullet b : quoted) {
      assertTrue(highlights.contains("“" + b.text().replaceAll("\\.$", "") + "”"), highlights);
    }
  }

  @Test
  void namesOnlyMatchingSkillsTheResumeHas() throws IOException {
    JsonNode resume = TailorTest.resume("new-grad");
    Postings p = Postings.byId(4012008L);
    TailoredResume t = Tailor.tailor(resume, p.text());
    CoverLetter letter = CoverLetter.template(t, p.company(), p.title(),
        List.of("Java", "React", "Kubernetes", "PostgreSQL", "Spring Boot"));

    String skills = letter.paragraphs().stream().filter(s -> s.startsWith("My skills include")).findFirst().orElseThrow();
    assertEquals("My skills include Java, React and PostgreSQL, all of which the " + p.title() + " role calls for.",
        skills);
    assertFalse(letter.text().contains("Kubernetes"));
    assertFalse(letter.text().contains("Spring Boot"));
  }

  @Test
  void writesSkillsAsTheResumeWritesThem() throws IOException {
    TailoredResume t = Tailor.tailor(TailorTest.resume("sample"), "JavaScript and HTML");
    String text = CoverLetter.template(t, "Hooli", "Engineer", List.of("JavaScript", "HTML")).text();
    assertTrue(text.contains("My skills include Javascript and HTML"), text);
  }

  @Test
  void handlesAResumeWithoutWorkSkillsLabelOrName() throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode resume = json.readTree("""
        {"basics": {"email": "a@example.com"},
         "education": [{"institution": "Carnegie Mellon University", "area": "Robotics"}]}""");
    TailoredResume t = Tailor.tailor(resume, "anything");
    CoverLetter letter = CoverLetter.template(t, null, null, null);

    assertEquals(List.of("Dear hiring team,",
        "I am applying for this role. I studied Robotics at Carnegie Mellon University.",
        "Thank you for your time and consideration. I would welcome the chance to talk about how I could contribute "
            + "to your team.",
        "Sincerely,"), letter.paragraphs());
    FactGate gate = FactGate.of(resume, List.of());
    letter.paragraphs().forEach(par -> assertEquals(List.of(), gate.offending(par), par));
  }

  @Test
  void usesTheLabelWhenThereIsNoWork() throws IOException {
    JsonNode resume = new ObjectMapper().readTree("""
        {"basics": {"name": "Ada Park", "label": "Embedded Developer"},
         "skills": [{"name": "Firmware", "keywords": ["C", "Rust"]}]}""");
    CoverLetter letter = CoverLetter.template(Tailor.tailor(resume, "C and Rust"), "Acme Robotics",
        "Embedded Firmware Engineer", List.of("C", "Rust", "Python"));
    assertEquals("I am applying for the Embedded Firmware Engineer role at Acme Robotics. I am an Embedded Developer.",
        letter.paragraphs().get(1));
    assertTrue(letter.text().contains("My skills include C and Rust, all of which"), letter.text());
    FactGate gate = FactGate.of(resume, List.of("Acme Robotics", "Embedded Firmware Engineer"));
    letter.paragraphs().forEach(par -> assertEquals(List.of(), gate.offending(par), par));
  }
}
