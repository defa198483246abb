package io.applyflow.tailor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TailorDiffTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Senior Engineer at Acme with three bullets, a two-sentence summary and a project without highlights. */
  private static final String HANDCRAFTED = """
      {"basics":{"name":"Ada","summary":"I love gardening. I run Kafka and PostgreSQL in production."},
       "work":[{"name":"Acme","position":"Senior Engineer","startDate":"2021-01-01",
                "highlights":["Organised the summer party","Ran Kafka clusters","Moved Kafka offsets into PostgreSQL"]},
               {"name":"Beta","position":"Engineer","startDate":"2017-01-01","endDate":"2020-12-01",
                "highlights":["Answered support tickets","Fixed the printer"]}],
       "projects":[{"name":"pg-tool","description":"A CLI for PostgreSQL backups"}]}
      """;
  private static final String DESCRIPTION = "We run Kafka and PostgreSQL. You will own Kafka.";

  @Test
  void marksKeptMovedAndDroppedOnAHandcraftedResume() throws IOException {
    JsonNode resume = JSON.readTree(HANDCRAFTED);
    TailoredResume t = Tailor.tailor(resume, DESCRIPTION);
    // the Kafka + PostgreSQL bullet leads, the plain Kafka one follows, the party is dropped
    assertEquals(List.of("work[0].highlights[2]", "work[0].highlights[1]"),
        t.work().get(0).bullets().stream().map(Bullet::id).toList());

    List<BulletChange> diff = TailorDiff.of(resume, t, DESCRIPTION);
    Map<String, Double> rel = Tailor.relevance(resume, DESCRIPTION);
    assertEquals(List.of(
        new BulletChange("basics.summary[0]", "Summary", "I love gardening.", rel.get("basics.summary[0]"),
            "dropped", 0, -1),
        new BulletChange("basics.summary[1]", "Summary", "I run Kafka and PostgreSQL in production.",
            rel.get("basics.summary[1]"), "moved", 1, 0),
        new BulletChange("work[0].highlights[0]", "Senior Engineer · Acme", "Organised the summer party", 0.0,
            "dropped", 0, -1),
        new BulletChange("work[0].highlights[1]", "Senior Engineer · Acme", "Ran Kafka clusters",
            rel.get("work[0].highlights[1]"), "kept", 1, 1),
        new BulletChange("work[0].highlights[2]", "Senior Engineer · Acme", "Moved Kafka offsets into PostgreSQL",
            rel.get("work[0].highlights[2]"), "moved", 2, 0),
        new BulletChange("work[1].highlights[0]", "Engineer · Beta", "Answered support tickets", 0.0, "kept", 0, 0),
        new BulletChange("work[1].highlights[1]", "Engineer · Beta", "Fixed the printer", 0.0, "dropped", 1, -1),
        new BulletChange("projects[0].description", "pg-tool", "A CLI for PostgreSQL backups",
            rel.get("projects[0].description"), "kept", 0, 0)), diff);
    assertTrue(diff.get(4).relevance() > diff.get(3).relevance() && diff.get(3).relevance() > 0);
  }

  @Test
  void aWholeSummaryIsKeptSentenceBySentence() throws IOException {
    JsonNode resume = JSON.readTree(HANDCRAFTED);
    TailoredResume t = Tailor.tailor(resume, "");
    assertEquals("basics.summary", t.summary().id());
    List<BulletChange> summary = TailorDiff.of(resume, t, "").stream().filter(c -> c.role().equals("Summary")).toList();
    assertEquals(List.of("kept", "kept"), summary.stream().map(BulletChange::change).toList());
    assertEquals(List.of(0, 1), summary.stream().map(BulletChange::tailoredIndex).toList());
  }

  @Test
  void withoutATailoredResumeEverythingIsDropped() throws IOException {
    JsonNode resume = JSON.readTree(HANDCRAFTED);
    List<BulletChange> diff = TailorDiff.of(resume, null, DESCRIPTION);
    assertEquals(8, diff.size());
    assertTrue(diff.stream().allMatch(c -> c.change().equals("dropped") && c.tailoredIndex() == -1));
    assertTrue(TailorDiff.of(null, null, null).isEmpty());
  }

  @Test
  void serialisesWithTheKeysTheJobPageReads() throws IOException {
    JsonNode resume = JSON.readTree(HANDCRAFTED);
    JsonObject row = JsonObject.mapFrom(TailorDiff.of(resume, Tailor.tailor(resume, DESCRIPTION), DESCRIPTION).get(4));
    assertEquals(Set.of("id", "role", "text", "relevance", "change", "masterIndex", "tailoredIndex"), row.fieldNames());
    assertEquals("moved", row.getString("change"));
    assertEquals(2, row.getInteger("masterIndex"));
    assertEquals(0, row.getInteger("tailoredIndex"));
    assertEquals(row.mapTo(BulletChange.class), TailorDiff.of(resume, Tailor.tailor(resume, DESCRIPTION), DESCRIPTION).get(4));
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("io.applyflow.tailor.TailorTest#everyResumeAndDescription")
  void everyMasterBulletAppearsOnceInMasterOrder(String resumeName, String descriptionName) throws IOException {
    JsonNode resume = TailorTest.resume(resumeName);
    String description = TailorTest.description(descriptionName);
    TailoredResume t = Tailor.tailor(resume, description);
    List<BulletChange> diff = TailorDiff.of(resume, t, description);

    // master order, each bullet once: the ids the ranker scored, in the same order
    assertEquals(List.copyOf(Tailor.relevance(resume, description).keySet()),
        diff.stream().map(BulletChange::id).toList());
    Set<String> seen = new HashSet<>();
    for (BulletChange c : diff) {
      assertTrue(seen.add(c.id()), "twice: " + c.id());
      assertEquals(TailorTest.sourceTextOfMasterBullet(resume, c.id()), c.text(), c.id());
      assertEquals(c.tailoredIndex() < 0 ? "dropped" : c.tailoredIndex() == c.masterIndex() ? "kept" : "moved",
          c.change(), c.toString());
    }

    // what the diff keeps is exactly what the tailored resume shows, at the positions it shows it
    List<String> shown = new ArrayList<>();
    for (List<Role> roles : List.of(t.work(), t.projects())) {
      roles.forEach(r -> r.bullets().forEach(b -> shown.add(b.id())));
    }
    List<BulletChange> roleChanges = diff.stream().filter(c -> !c.role().equals("Summary")).toList();
    assertEquals(Set.copyOf(shown), roleChanges.stream().filter(c -> c.tailoredIndex() >= 0)
        .map(BulletChange::id).collect(java.util.stream.Collectors.toSet()));
    for (BulletChange c : roleChanges) {
      if (c.tailoredIndex() >= 0) {
        int role = Integer.parseInt(c.id().replaceAll("^\\w+\\[(\\d+)].*", "$1"));
        Role r = (c.id().startsWith("work") ? t.work() : t.projects()).get(role);
        assertEquals(c.id(), r.bullets().get(c.tailoredIndex()).id());
        assertTrue(c.role().contains(r.title() != null ? r.title() : r.organisation()), c.role());
      }
    }
    long keptSentences = diff.stream().filter(c -> c.role().equals("Summary") && c.tailoredIndex() >= 0).count();
    assertEquals(t.summary() == null ? 0 : Math.max(1, Tailor.sentences(t.summary().text()).size()), keptSentences);
  }
}
