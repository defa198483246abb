package io.applyflow.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationFieldsTest {
  private static ApplicationFields.Checked add(JsonObject in) {
    return ApplicationFields.check(in, true, "manual");
  }

  private static ApplicationFields.Checked edit(JsonObject in) {
    return ApplicationFields.check(in, false, null);
  }

  @Test
  void aManualAddNeedsCompanyAndPosition() {
    ApplicationFields.Checked c = add(new JsonObject().put("company", " ").put("location", "Berlin"));
    assertEquals(List.of("company", "position"), List.copyOf(c.problems().keySet()));
    assertEquals("company is required", c.problems().get("company"));
    Failure.Coded e = assertThrows(Failure.Coded.class, c::orFail);
    assertEquals(Failure.BAD_INPUT, e.failure);
    assertTrue(e.getMessage().contains("position is required"), e.getMessage());
  }

  @Test
  void anAddFromAUrlNeedsOnlyTheUrl() {
    assertEquals(List.of("url"), List.copyOf(ApplicationFields.check(new JsonObject(), true, "url").problems().keySet()));
    assertTrue(ApplicationFields.check(new JsonObject().put("url", "https://jobs.example/1"), true, "url").ok());
  }

  @Test
  void textIsNfcNormalisedAndStripped() {
    JsonObject v = add(new JsonObject().put("company", "  Cafe\u0301 GmbH ").put("position", "Dev")).orFail();
    assertEquals("Café GmbH", v.getString("company"));
    assertEquals(1, v.getString("company").chars().filter(ch -> ch == 'é').count());
  }

  @Test
  void controlCharactersAndOverlongTextAreRefusedByName() {
    assertTrue(add(new JsonObject().put("company", "Ac\u0007me").put("position", "Dev")).problems().get("company")
        .contains("control character"));
    assertTrue(add(new JsonObject().put("company", "Acme").put("position", "Dev\nOps")).problems().get("position")
        .contains("control character"), "a single-line field refuses LF");
    assertTrue(add(new JsonObject().put("company", "x".repeat(201)).put("position", "Dev")).problems().get("company")
        .contains("at most 200"));
    assertTrue(add(new JsonObject().put("company", "Acme").put("position", "Dev").put("notes", "line 1\nline 2"))
        .ok(), "notes are multi-line");
    assertTrue(add(new JsonObject().put("company", "Acme").put("position", "Dev").put("notes", "n".repeat(10_001)))
        .problems().get("notes").contains("at most 10000"));
    assertTrue(add(new JsonObject().put("company", 5).put("position", "Dev")).problems().get("company")
        .contains("must be a string"));
  }

  @Test
  void theUrlMustBeASafeWebAddress() {
    for (String bad : List.of("javascript:alert(1)", "ftp://example.com/x", "https://user:pw@example.com/",
        "//example.com/job", "not a url")) {
      String problem = add(new JsonObject().put("company", "A").put("position", "B").put("url", bad))
          .problems().get("url");
      assertTrue(problem != null && problem.startsWith("url "), bad + ": " + problem);
    }
    assertEquals("https://boards.example/acme/1", add(new JsonObject().put("company", "A").put("position", "B")
        .put("url", " https://boards.example/acme/1 ")).orFail().getString("url"));
  }

  @Test
  void datesAreIsoDays() {
    assertEquals("2026-02-28", add(new JsonObject().put("company", "A").put("position", "B")
        .put("deadline", "2026-02-28")).orFail().getString("deadline"));
    for (String bad : List.of("2026-02-30", "28.02.2026", "2026-2-28", "2026-02-28T10:00", "tomorrow", "0001-01-01")) {
      String problem = edit(new JsonObject().put("follow_up", bad)).problems().get("follow_up");
      assertTrue(problem != null && problem.contains("YYYY-MM-DD"), bad + ": " + problem);
    }
    assertNull(edit(new JsonObject().put("deadline", "")).orFail().getValue("deadline"), "empty clears it");
    assertTrue(edit(new JsonObject().putNull("deadline")).orFail().containsKey("deadline"));
  }

  @Test
  void contactsAreObjectsWithKnownKeys() {
    JsonArray ok = new JsonArray().add(new JsonObject().put("name", "Ada Lovelace").put("email", "ada@example.com")
        .put("role", "Recruiter").put("phone", "+44 20 1234"));
    assertEquals(ok, edit(new JsonObject().put("contacts", ok)).orFail().getJsonArray("contacts"));
    assertTrue(edit(new JsonObject().put("contacts", "Ada")).problems().get("contacts").contains("array"));
    assertTrue(edit(new JsonObject().put("contacts", new JsonArray().add(new JsonObject().put("name", "A")
        .put("twitter", "@a")))).problems().get("contacts").contains("contacts[0].twitter"));
    assertTrue(edit(new JsonObject().put("contacts", new JsonArray().add(new JsonObject().put("email", "nope"))))
        .problems().get("contacts").contains("contacts[0].email"));
    assertTrue(edit(new JsonObject().put("contacts", new JsonArray().add(new JsonObject().put("role", "CTO"))))
        .problems().get("contacts").contains("name or an email"));
    JsonArray many = new JsonArray();
    for (int i = 0; i < 21; i++) {
      many.add(new JsonObject().put("name", "P" + i));
    }
    assertTrue(edit(new JsonObject().put("contacts", many)).problems().get("contacts").contains("at most 20"));
    assertEquals(new JsonArray(), edit(new JsonObject().putNull("contacts")).orFail().getJsonArray("contacts"));
  }

  @Test
  void unknownFieldsAreNamed() {
    ApplicationFields.Checked c = edit(new JsonObject().put("compnay", "Acme").put("user_id", 7));
    assertFalse(c.ok());
    String problem = c.problems().get("fields");
    assertTrue(problem.contains("compnay") && problem.contains("user_id"), problem);
  }

  @Test
  void anEditCannotEmptyTheCompanyOrPositionButMayClearOthers() {
    assertTrue(edit(new JsonObject().put("company", "")).problems().get("company").contains("cannot be empty"));
    assertTrue(edit(new JsonObject().putNull("position")).problems().get("position").contains("cannot be empty"));
    JsonObject v = edit(new JsonObject().put("salary", "").put("location", "Remote")).orFail();
    assertNull(v.getValue("salary"));
    assertEquals("Remote", v.getString("location"));
  }

  @Test
  void scoreAndStatusAreChecked() {
    assertEquals(80, edit(new JsonObject().put("score", 80)).orFail().getInteger("score"));
    assertTrue(edit(new JsonObject().put("score", 101)).problems().get("score").contains("0 to 100"));
    assertTrue(edit(new JsonObject().put("score", 50.5)).problems().get("score").contains("whole number"));
    assertEquals("OFFER", edit(new JsonObject().put("status", "offer")).orFail().getString("status"));
    assertTrue(edit(new JsonObject().put("status", "HIRED")).problems().get("status").contains("WITHDRAWN"));
  }

  @Test
  void listQueriesAreParsedAndSortedFromAFixedTable() {
    ApplicationQuery q = ApplicationQuery.parse(List.of("applied,interview", "OFFER"), " acme_50% ", "-company",
        "2", "10");
    assertEquals(List.of("APPLIED", "INTERVIEW", "OFFER"), q.statuses());
    assertEquals("%acme\\_50\\%%", q.likePattern());
    assertEquals("lower(a.company) desc nulls last, a.id desc", q.orderBy());
    assertEquals(10, q.offset());
    assertTrue(assertThrows(Failure.Coded.class, () -> ApplicationQuery.parse(null, null, "id; drop table x", null,
        null)).getMessage().startsWith("sort must be one of"));
    assertTrue(assertThrows(Failure.Coded.class, () -> ApplicationQuery.parse(null, null, null, "0", null))
        .getMessage().startsWith("page "));
    assertTrue(assertThrows(Failure.Coded.class, () -> ApplicationQuery.parse(null, null, null, null, "1000"))
        .getMessage().startsWith("per_page "));
    assertTrue(assertThrows(Failure.Coded.class, () -> ApplicationQuery.parse(List.of("HIRED"), null, null, null,
        null)).getMessage().startsWith("status "));
    assertEquals("status=APPLIED&q=a+b&sort=company&page=3",
        ApplicationQuery.parse(List.of("APPLIED"), "a b", "company", "3", null).queryString());
  }

  @Test
  void bulkActionsNeedIdsAndOneAction() {
    Bulk b = Bulk.fromJson(new JsonObject().put("ids", new JsonArray().add(3).add(4).add(3)).put("status", "offer"));
    assertEquals(List.of(3L, 4L), b.ids());
    assertEquals(ApplicationStatus.OFFER, b.status());
    assertTrue(Bulk.fromJson(new JsonObject().put("ids", new JsonArray().add(1)).put("delete", true)).delete());
    assertTrue(assertThrows(Failure.Coded.class, () -> Bulk.fromJson(new JsonObject().put("ids", new JsonArray().add(1))
        .put("delete", true).put("status", "NEW"))).getMessage().contains("not both"));
    assertTrue(assertThrows(Failure.Coded.class, () -> Bulk.fromJson(new JsonObject().put("ids", new JsonArray())
        .put("delete", true))).getMessage().startsWith("ids "));
    assertTrue(assertThrows(Failure.Coded.class, () -> Bulk.fromJson(new JsonObject().put("ids", "1")
        .put("delete", true))).getMessage().startsWith("ids "));
    assertTrue(assertThrows(Failure.Coded.class, () -> Bulk.of(List.of("1", "x"), "status", "NEW"))
        .getMessage().startsWith("ids "));
  }
}
