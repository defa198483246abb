package io.applyflow.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.tailor.Bullet;
import io.applyflow.tailor.Role;
import io.applyflow.tailor.SkillGroup;
import io.applyflow.tailor.TailorDiff;
import io.applyflow.tailor.TailoredResume;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VersionDiffTest {
  private static final String DESCRIPTION = "Java and Kafka services for a payments platform";

  /** A master with a three-sentence summary, one role of four bullets and three skills. */
  private static JsonObject master() {
    return new JsonObject()
        .put("basics", new JsonObject().put("name", "Ada Lovelace")
            .put("summary", "I build payment APIs. I run Kafka in production. I like chess."))
        .put("work", new JsonArray().add(new JsonObject().put("name", "Acme").put("position", "Engineer")
            .put("highlights", new JsonArray().add("Built a Kafka pipeline for 2M events a day")
                .add("Wrote Java services for payments").add("Organised the office picnic")
                .add("Cut Java build times by 40%"))))
        .put("skills", new JsonArray()
            .add(new JsonObject().put("name", "Languages").put("keywords", new JsonArray().add("Java").add("Go")))
            .add(new JsonObject().put("name", "Kafka")));
  }

  private static final String A0 = "work[0].highlights[0]";
  private static final String A1 = "work[0].highlights[1]";
  private static final String A2 = "work[0].highlights[2]";
  private static final String A3 = "work[0].highlights[3]";

  /**
   * The version: the summary's first two sentences; A0 in place, A3 moved up to 2nd, A1 reworded and so moved down to
   * 3rd, A2 (the picnic) dropped.
   */
  private static TailoredResume tailored() {
    Role acme = new Role("Engineer", "Acme", null, null, null, List.of(
        new Bullet(A0, "Built a Kafka pipeline for 2M events a day"),
        new Bullet(A3, "Cut Java build times by 40%"),
        new Bullet(A1, "Wrote Java payment services")));
    return new TailoredResume("Ada Lovelace", null, null, null, null, List.of(),
        new Bullet("basics.summary[0,1]", "I build payment APIs. I run Kafka in production."), List.of(acme), List.of(),
        List.of(), List.of("Java", "Kafka", "Go"), List.of("Summary", "Experience", "Skills"),
        List.of(new SkillGroup("Languages", List.of("Java", "Go")), new SkillGroup(null, List.of("Kafka"))));
  }

  /** What the tailor stage stores in {@code jobs.tailor_diff}: its diff against the master of the time. */
  private static JsonArray storedDiff(JsonObject master, TailoredResume t) {
    JsonArray out = new JsonArray();
    TailorDiff.of(DatabindCodec.mapper().valueToTree(master.getMap()), t, DESCRIPTION)
        .forEach(c -> out.add(JsonObject.mapFrom(c)));
    return out;
  }

  private static Map<String, VersionDiff.Line> byId(VersionDiff d) {
    return d.lines().stream().collect(Collectors.toMap(VersionDiff.Line::id, Function.identity()));
  }

  private static VersionDiff diff(JsonObject masterNow, JsonArray budgetDropped, Integer maxPages, boolean savedAfter) {
    TailoredResume t = tailored();
    return VersionDiff.of(storedDiff(master(), t), JsonObject.mapFrom(t), budgetDropped, maxPages, masterNow,
        DESCRIPTION, savedAfter);
  }

  @Test
  void saysWhichBulletsWereKeptMovedRewordedAndDroppedWithTheirText() {
    VersionDiff d = diff(master(), null, null, false);
    Map<String, VersionDiff.Line> lines = byId(d);

    assertEquals(VersionDiff.KEPT, lines.get(A0).change());
    assertEquals("kept in order", lines.get(A0).words());

    VersionDiff.Line reworded = lines.get(A1);
    assertEquals(VersionDiff.REWORDED, reworded.change());
    assertEquals("Wrote Java services for payments", reworded.masterText(), "the old words");
    assertEquals("Wrote Java payment services", reworded.versionText(), "the new words");
    assertTrue(reworded.moved());
    assertEquals("moved down: 2nd in your master, 3rd here, reworded", reworded.words());

    VersionDiff.Line moved = lines.get(A3);
    assertEquals(VersionDiff.MOVED, moved.change());
    assertEquals("moved up: 4th in your master, 2nd here", moved.words());
    assertEquals(1, moved.versionIndex());

    VersionDiff.Line dropped = lines.get(A2);
    assertEquals(VersionDiff.DROPPED, dropped.change());
    assertEquals("Organised the office picnic", dropped.masterText());
    assertNull(dropped.versionText());
    assertEquals("dropped: less relevant to this job", dropped.words());

    assertEquals("Kept 3 of 4 master bullets (1 moved, 1 reworded); dropped 1. The summary keeps 2 of its 3 sentences.",
        d.counts().words());
    assertEquals("shortened: keeps 2 of its 3 sentences", d.summary().words());
    assertEquals("I build payment APIs. I run Kafka in production. I like chess.", d.summary().master());
    assertEquals("I build payment APIs. I run Kafka in production.", d.summary().version());
    assertEquals(List.of("Java", "Kafka", "Go"), d.skills().kept());
    assertTrue(d.skills().dropped().isEmpty());
    assertFalse(d.master().changed(), d.master().toString());
    assertNull(d.master().note());
  }

  @Test
  void aBulletThatOnlyTakesThePlaceOfADroppedOneIsNotMoved() {
    Role acme = new Role("Engineer", "Acme", null, null, null, List.of(
        new Bullet(A0, "Built a Kafka pipeline for 2M events a day"),
        new Bullet(A1, "Wrote Java services for payments"),
        new Bullet(A3, "Cut Java build times by 40%")));
    TailoredResume t = new TailoredResume("Ada Lovelace", null, null, null, null, List.of(),
        new Bullet("basics.summary[1,2]", "I run Kafka in production. I like chess."), List.of(acme), List.of(),
        List.of(), List.of("Java", "Go", "Kafka"), List.of("Summary", "Experience"), List.of());
    VersionDiff d = VersionDiff.of(storedDiff(master(), t), JsonObject.mapFrom(t), null, null, master(), DESCRIPTION,
        false);
    Map<String, VersionDiff.Line> lines = byId(d);
    assertEquals(VersionDiff.KEPT, lines.get(A3).change(), "4th in the master, 3rd here only because A2 is gone");
    assertEquals(VersionDiff.KEPT, lines.get("basics.summary[1]").change());
    assertEquals(VersionDiff.DROPPED, lines.get("basics.summary[0]").change());
    assertEquals("Kept 3 of 4 master bullets; dropped 1. The summary keeps 2 of its 3 sentences.", d.counts().words());
  }

  @Test
  void aBulletThePageBudgetDroppedIsDroppedToFitNotKept() {
    JsonArray fit = new JsonArray().add(new JsonObject().put("id", A3).put("text", "Cut Java build times by 40%"));
    VersionDiff d = diff(master(), fit, 1, false);
    VersionDiff.Line line = byId(d).get(A3);
    assertEquals(VersionDiff.DROPPED, line.change());
    assertEquals("dropped to fit 1 page", line.words());
    assertEquals(-1, line.versionIndex());
    assertEquals(2, d.counts().dropped());
    assertEquals(1, d.counts().droppedForPages());
    assertTrue(d.counts().words().contains("dropped 2 (1 to fit the page budget)"), d.counts().words());
  }

  @Test
  void aMasterEditedSinceIsNamedAndTheRowsStayThoseOfTheMasterTheVersionCameFrom() {
    JsonObject now = master();
    now.getJsonArray("work").getJsonObject(0).getJsonArray("highlights")
        .set(0, "Built a Kafka pipeline for 5M events a day");
    now.getJsonArray("work").getJsonObject(0).getJsonArray("highlights").add("Mentored two juniors");
    now.getJsonArray("skills").add(new JsonObject().put("name", "Terraform"));

    VersionDiff d = diff(now, null, null, true);
    assertTrue(d.master().changed());
    assertTrue(d.master().note().contains("changed after this version was made"), d.master().note());
    List<String> changes = d.master().changes();
    assertTrue(changes.stream().anyMatch(c -> c.startsWith(A0 + " was edited") && c.contains("5M")), changes.toString());
    assertTrue(changes.contains("work[0].highlights[4] was added: \"Mentored two juniors\""), changes.toString());
    assertTrue(changes.contains("skill added to your master: Terraform"), changes.toString());
    assertEquals(3, changes.size(), changes.toString());
    // the row shows what the version was made from, not today's text
    assertEquals("Built a Kafka pipeline for 2M events a day", byId(d).get(A0).masterText());
    assertEquals(VersionDiff.KEPT, byId(d).get(A0).change());
    assertEquals(List.of("Terraform"), d.skills().dropped(), "in the master now, not in the version");
  }

  @Test
  void aProfileSavedWithoutChangingBulletsOrSkillsIsNotAChange() {
    VersionDiff d = diff(master(), null, null, true);
    assertFalse(d.master().changed(), d.master().toString());
  }

  @Test
  void withoutAStoredDiffTheMasterIsDiffedNowAndASaveAfterwardsIsFlagged() {
    TailoredResume t = tailored();
    VersionDiff fresh = VersionDiff.of(null, JsonObject.mapFrom(t), null, null, master(), DESCRIPTION, false);
    assertEquals(VersionDiff.DROPPED, byId(fresh).get(A2).change());
    assertEquals(VersionDiff.REWORDED, byId(fresh).get(A1).change());
    assertFalse(fresh.master().changed());

    VersionDiff stale = VersionDiff.of(new JsonArray(), JsonObject.mapFrom(t), null, null, master(), DESCRIPTION, true);
    assertTrue(stale.master().changed());
    assertTrue(stale.master().note().contains("may not match"), stale.master().note());
  }

  @Test
  void withoutAMasterNowTheVersionIsShownAgainstTheMasterItCameFrom() {
    VersionDiff d = diff(null, null, null, true);
    assertTrue(d.master().changed());
    assertTrue(d.master().note().contains("no master resume"), d.master().note());
    assertEquals(4, d.lines().stream().filter(l -> l.id().startsWith("work")).count());
  }

  @Test
  void theJsonAndTheViewCarryTheWordsAndEveryLine() {
    VersionDiff d = diff(master(), null, null, false);
    JsonObject json = d.json();
    assertEquals(d.counts().words(), json.getString("words"));
    assertEquals(d.lines().size(), json.getJsonArray("lines").size());
    assertEquals("reworded", json.getJsonArray("lines").stream().map(o -> (JsonObject) o)
        .filter(o -> A1.equals(o.getString("id"))).findFirst().orElseThrow().getString("change"));
    assertEquals(d.lines().size(), ((List<?>) d.view().get("lines")).size());
  }

  @Test
  void ordinalsReadAsWords() {
    assertEquals("1st", VersionDiff.ordinal(1));
    assertEquals("2nd", VersionDiff.ordinal(2));
    assertEquals("3rd", VersionDiff.ordinal(3));
    assertEquals("11th", VersionDiff.ordinal(11));
    assertEquals("22nd", VersionDiff.ordinal(22));
  }
}
