package io.applyflow.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileSummaryTest {
  private static JsonObject fixture(String name) throws IOException {
    try (InputStream in = ProfileSummaryTest.class.getResourceAsStream("/jsonresume/" + name)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Counts the fixture the plain way, as a reader would: the oracle for the summary's line. */
  private static String expectedLine(JsonObject r) {
    int roles = r.getJsonArray("work", new JsonArray()).size();
    int bullets = 0;
    for (String section : List.of("work", "projects")) {
      for (Object o : r.getJsonArray(section, new JsonArray())) {
        bullets += ((JsonObject) o).getJsonArray("highlights", new JsonArray()).size();
      }
    }
    int skills = 0;
    for (Object o : r.getJsonArray("skills", new JsonArray())) {
      int k = ((JsonObject) o).getJsonArray("keywords", new JsonArray()).size();
      skills += k > 0 ? k : 1;
    }
    int projects = r.getJsonArray("projects", new JsonArray()).size();
    int schools = r.getJsonArray("education", new JsonArray()).size();
    return roles + " role" + (roles == 1 ? "" : "s") + ", " + bullets + " bullet" + (bullets == 1 ? "" : "s") + ", "
        + skills + " skill" + (skills == 1 ? "" : "s") + ", " + projects + " project" + (projects == 1 ? "" : "s")
        + ", " + schools + " school" + (schools == 1 ? "" : "s");
  }

  @Test
  void countsWhatEveryFixtureResumeHolds() throws IOException {
    for (String name : List.of("sample.resume.json", "senior-engineer.resume.json", "new-grad.resume.json",
        "career-changer.resume.json")) {
      JsonObject r = fixture(name);
      assertEquals(expectedLine(r), ProfileSummary.of(r, null).get("line"), name);
    }
  }

  @Test
  void theApplicantsPhoneWinsAndSaysWhereItCameFrom() throws IOException {
    JsonObject r = fixture("sample.resume.json");
    @SuppressWarnings("unchecked")
    List<Map<String, String>> contact = (List<Map<String, String>>) ProfileSummary.of(r,
        new JsonObject().put("phone", "+1 555 0100")).get("contact");
    Map<String, String> phone = contact.stream().filter(c -> c.get("label").equals("Phone")).findFirst().orElseThrow();
    assertEquals("+1 555 0100", phone.get("value"));
    assertEquals("your answers below", phone.get("from"));
  }

  @Test
  void aResumeWithoutBulletsIsFlagged() {
    Map<String, Object> s = ProfileSummary.of(new JsonObject().put("basics", new JsonObject().put("name", "Ада Лавлейс")),
        new JsonObject());
    assertEquals(true, s.get("empty"));
    assertTrue(String.valueOf(s.get("line")).startsWith("0 roles, 0 bullets"), String.valueOf(s.get("line")));
  }

  @org.junit.jupiter.api.Test
  void charactersNoPdfFontCanDrawAreNamedWithWhereTheyAre() throws IOException {
    for (String name : List.of("sample.resume.json", "senior-engineer.resume.json", "new-grad.resume.json",
        "career-changer.resume.json", "multiscript.resume.json")) {
      org.junit.jupiter.api.Assertions.assertEquals(List.of(), ProfileSummary.undrawable(fixture(name)), name);
    }
    JsonObject r = fixture("sample.resume.json");
    r.getJsonArray("work").getJsonObject(0).getJsonArray("highlights").add("Shipped it \uD83D\uDE80 on time");
    r.getJsonObject("basics").put("label", "Engineer \uE000");
    r.put("interests", new JsonArray().add(new JsonObject().put("name", "Chess \u265F\uD83C\uDFB2"))); // not printed
    List<String> found = ProfileSummary.undrawable(r);
    org.junit.jupiter.api.Assertions.assertEquals(2, found.size(), found.toString());
    org.junit.jupiter.api.Assertions.assertEquals("U+E000 '\uE000' (PRIVATE USE AREA E000) in basics.label", found.get(0));
    int last = r.getJsonArray("work").getJsonObject(0).getJsonArray("highlights").size() - 1;
    org.junit.jupiter.api.Assertions.assertEquals("U+1F680 '\uD83D\uDE80' (ROCKET) in work[0].highlights[" + last + "]",
        found.get(1));
    org.junit.jupiter.api.Assertions.assertEquals(found, ProfileSummary.of(r, null).get("undrawable"));
  }
}
