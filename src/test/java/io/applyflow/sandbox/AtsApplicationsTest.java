package io.applyflow.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lever and Ashby sandbox forms' server-side checks, on the postings of sandbox/lever.json and ashby.json. */
class AtsApplicationsTest {
  private static final JsonNode LEVER = AtsPages.resource("lever.json");
  private static final JsonNode ASHBY = AtsPages.resource("ashby.json");

  private static JsonNode leverPosting(int i) {
    return LEVER.path("postings").get(i);
  }

  private static List<SubmissionForm.Part> pdf(String field) {
    Buffer b = Buffer.buffer("%PDF-1.4\n%%EOF\n");
    return List.of(new SubmissionForm.Part(field, "cv.pdf", b.length(), b, FileKind.PDF));
  }

  private static Map<String, List<String>> form(String... pairs) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
    }
    return m;
  }

  @Test
  void leverChecksCardsAgainstTheirOptionsAndWidgets() {
    JsonNode metering = leverPosting(1).path("sandbox");
    String coreHours = "cards[3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c02][field0]";
    String tools = "cards[3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c01][field1]";
    String java = "cards[3a7b9c1d-2e4f-4a6b-8c0d-1e2f3a4b5c01][field0]";
    var ok = LeverApplication.check(metering, form("name", "Ada Lovelace", "email", "ada@example.com",
        "location", "London", java, "12", coreHours, "No", tools, "Kafka", tools, "Apache Spark"), pdf("resume"));
    assertTrue(ok.valid(), ok.errors().toString());
    assertEquals(List.of("Kafka", "Apache Spark"), ok.answers().get(tools));

    var bad = LeverApplication.check(metering, form("name", "Ada", "email", "ada@example.com", "location", "London",
        java, "12", coreHours, "Yes", coreHours, "No", tools, "Cobol", "eeo[gender]", "Robot"), pdf("resume"));
    assertEquals("Please give one answer.", bad.errors().get(coreHours), "a radio group has one answer");
    assertEquals("Please choose one of the options offered.", bad.errors().get(tools));
    assertEquals("Please choose one of the options offered.", bad.errors().get("eeo[gender]"));

    var missing = LeverApplication.check(metering, form("email", "not-an-email"), List.of());
    assertEquals(List.of("resume", "name", "email", "location", java, coreHours), List.copyOf(missing.errors().keySet()));
    assertEquals("Please enter a valid email address.", missing.errors().get("email"));
  }

  @Test
  void leverOffersNoEeoOnTheLondonPostingAndKeepsConsent() {
    JsonNode trading = leverPosting(3).path("sandbox");
    var r = LeverApplication.check(trading, form("name", "Ada Lovelace", "email", "ada@example.com", "location", "London",
        "cards[5c9d1e3f-4a6b-4c8d-8e2f-3a4b5c6d7e01][field0]", "Yes",
        "cards[5c9d1e3f-4a6b-4c8d-8e2f-3a4b5c6d7e01][field1]", "Up to 1 month",
        "consent[store]", "true", "eeo[gender]", "Female", "urls[GitHub]", "javascript:alert(1)"), pdf("resume"));
    assertEquals(List.of("urls[GitHub]"), List.copyOf(r.errors().keySet()));
    assertFalse(r.answers().containsKey("eeo[gender]"), "no EEO survey on this posting, so nothing of it is kept");
    assertEquals("true", r.answers().get("consent[store]"));
  }

  @Test
  void ashbyChecksEachFieldByItsType() {
    JsonNode payments = ASHBY.path("jobs").get(1);
    List<AshbyApplication.Field> fields = AshbyBoard.fields(payments);
    List<String> places = List.of("New York, New York, United States");
    var ok = AshbyApplication.check(fields, form("_systemfield_name", "Ada Lovelace", "_systemfield_email", "ada@example.com",
        "_systemfield_location", places.get(0), "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e01", "false",
        "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e02", "8 or more", "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e03", "2027-03-01"),
        pdf("_systemfield_resume"), places);
    assertTrue(ok.valid(), ok.errors().toString());
    assertEquals(1, ok.files().size());
    assertFalse(ok.answers().containsKey("_systemfield_email"), "name, email and phone have columns of their own");

    var bad = AshbyApplication.check(fields, form("_systemfield_name", "Ada", "_systemfield_email", "ada@example.com",
        "_systemfield_location", places.get(0), "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e01", "yes",
        "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e02", "8 or more", "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e02", "2–4",
        "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e03", "2027-02-30"), pdf("_systemfield_resume"), places);
    assertEquals(List.of("b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e01", "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e02",
        "b7e1c3d5-0a2b-4c4d-9e6f-7a8b9c0d2e03"), List.copyOf(bad.errors().keySet()));
  }

  @Test
  void aFullNameSplitsAtItsLastSpace() {
    assertArrayEquals(new String[] {"Mary Ann", "Evans"}, AtsPages.splitName(" Mary Ann Evans "));
    assertArrayEquals(new String[] {"Cher", ""}, AtsPages.splitName("Cher"));
  }
}
