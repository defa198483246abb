package io.applyflow.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordsTest {

  @Test
  void mapsSynonymsToOneCanonicalForm() {
    assertEquals(List.of("JavaScript", "PostgreSQL", "Kubernetes", "Go"),
        Keywords.extract("We use js, postgres, k8s and golang."));
  }

  @Test
  void matchesCaseInsensitivelyOnWordBoundariesWithoutDuplicates() {
    assertEquals(List.of("Java", "JavaScript", "Python"),
        Keywords.extract("JAVA, Java and javascript; also java. Javadoc is not Java-ish? PYTHON"));
    assertEquals(List.of(), Keywords.extract("Javadoc, Pythonic, Kafkaesque"));
  }

  @Test
  void keepsFirstSeenOrder() {
    assertEquals(List.of("Docker", "AWS", "Terraform"),
        Keywords.extract("Docker on Amazon Web Services with Terraform, then Docker again and AWS"));
  }

  @Test
  void prefersTheLongestTermAtAPosition() {
    assertEquals(List.of("Spring Boot"), Keywords.extract("Built services with Spring Boot"));
    assertEquals(List.of("Node.js", "Next.js"), Keywords.extract("Node.js and Next.js apps"));
    assertEquals(List.of("C++", "C#", "C"), Keywords.extract("C++ and C# and plain C"));
    assertEquals(List.of(), Keywords.extract("Reported to the C-level"));
    assertEquals(List.of("Ruby on Rails"), Keywords.extract("ruby on rails"));
  }

  @Test
  void ignoresEverydayWordsThatAreAlsoTechnologies() {
    assertEquals(List.of(), Keywords.extract("ready to go; react to incidents; the rest of the team will excel"));
    assertEquals(List.of("Go", "React", "REST", "Excel"), Keywords.extract("Go, React, REST APIs, Excel"));
  }

  @Test
  void recognisesPracticesAndSpellingVariants() {
    assertEquals(List.of("code review", "testing", "compression", "algorithms", "TDD", "CI/CD"),
        Keywords.extract("Code reviews, unit tests, lossless compression algorithms, test-driven "
            + "development and continuous integration"));
    assertEquals(List.of("on-call"), Keywords.extract("Join the on call rotation"));
  }

  @Test
  void handlesEmptyInput() {
    assertEquals(List.of(), Keywords.extract(null));
    assertEquals(List.of(), Keywords.extract("   "));
  }

  @Test
  void hasAboutOneHundredAndFiftyTerms() {
    int n = Keywords.vocabulary().size();
    assertTrue(n >= 140 && n <= 220, "vocabulary size " + n);
  }
}
