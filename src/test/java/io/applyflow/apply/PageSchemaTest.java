package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forms read from the page (Lever, Ashby): the schema built from their controls, and the plan made from it. */
class PageSchemaTest {
  private static final String PDF = "Lena_Vasquez_Resume.pdf";

  private static PageField text(String name, String label, String autocomplete, String type, boolean required) {
    return new PageField("k-" + name, name, null, label, "text", required, false, List.of(), autocomplete, type,
        true, "");
  }

  private static PageField choice(String name, String label, String role, boolean required, List<String> options) {
    return new PageField("k-" + name, name, null, label, role, required, false, options, null, null, true, "");
  }

  /** The controls of a Lever-style apply page, as the engine reads them. */
  private static List<PageField> leverLike() {
    return List.of(
        new PageField("k1", "resume", "resume-upload-input", "Resume/CV", "file", true, false, List.of(), null,
            "file", true, ""),
        text("name", "Full name", "name", "text", true),
        text("email", "Email", null, "email", true),
        text("phone", "Phone", null, "tel", false),
        text("org", "Current company", null, "text", false),
        text("urls[LinkedIn]", "LinkedIn URL", null, "url", false),
        text("location", "Current location", null, "text", false),
        choice("cards[5f1e][field0]", "Will you now or in the future require sponsorship for employment visa status?",
            "radio", true, List.of("Yes", "No")),
        choice("cards[5f1e][field1]", "Are you willing to work on-site two days a week?", "radio", true,
            List.of("Yes", "No")),
        choice("eeo[gender]", "Gender", "select", false, List.of("Male", "Female", "Decline to self-identify")),
        new PageField("k9", "consent[store]", null, "Store my details for future openings", "checkbox", false, false,
            List.of(), null, "checkbox", true, ""),
        new PageField("k10", "h-captcha-response", null, "", "hidden", false, false, List.of(), null, "hidden", true,
            ""));
  }

  private static JsonObject profile() {
    try (InputStream in = PageSchemaTest.class.getResourceAsStream("/jsonresume/senior-engineer.resume.json")) {
      JsonObject resume = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return new JsonObject().put("resume", resume).put("applicant", new JsonObject()
          .put("work_authorization", "yes").put("requires_sponsorship", "no")
          .put("eeoc", new JsonObject().put("gender", "decline")));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static PlanEntry entry(FillPlan plan, String field) {
    return plan.entries().stream().filter(e -> e.field().equals(field)).findFirst()
        .orElseThrow(() -> new AssertionError("no plan entry " + field + " in " + plan.entries()));
  }

  @Test
  void everyQuestionKeepsThePageIdentitySoTheFillerFindsTheSameControl() {
    JsonObject schema = PageSchema.of(leverLike(), new JsonObject().put("form_source", "page"));
    assertTrue(PageSchema.fromPage(schema));
    JsonArray questions = schema.getJsonArray("questions");
    assertEquals(11, questions.size(), "the hidden captcha response is not a question: " + questions.encode());
    JsonObject first = questions.getJsonObject(0);
    assertEquals("Resume/CV", first.getString("label"));
    assertTrue(first.getBoolean("required"));
    JsonObject field = first.getJsonArray("fields").getJsonObject(0);
    assertEquals("resume", field.getString("name"));
    assertEquals("input_file", field.getString("type"));
    assertEquals("resume", field.getString("semantic"));
    JsonObject card = questions.getJsonObject(7).getJsonArray("fields").getJsonObject(0);
    assertEquals("cards[5f1e][field0]", card.getString("name"));
    assertEquals("multi_value_single_select", card.getString("type"));
    assertEquals(List.of("Yes", "No"), card.getJsonArray("values").stream()
        .map(v -> ((JsonObject) v).getString("label")).toList());
  }

  @Test
  void standardFieldsAreKnownByAutofillTokenInputTypeOrPlainLabel() {
    assertEquals("full_name", PageSchema.semantic(text("x", "What should we call you?", "section-a name", null,
        false), "input_text"));
    assertEquals("first_name", PageSchema.semantic(text("x", "Vorname", "given-name", null, false), "input_text"));
    assertEquals("email", PageSchema.semantic(text("x", "Contact", null, "email", false), "input_text"));
    assertEquals("phone", PageSchema.semantic(text("x", "Reach you at", null, "tel", false), "input_text"));
    assertEquals("current_company", PageSchema.semantic(text("org", "Current company *", null, "text", false),
        "input_text"));
    assertEquals("email", PageSchema.semantic(text("_systemfield_email", "Email address:", null, "text", false),
        "input_text"));
    // a label that says more than the standard field is a question, answered from saved answers only
    assertNull(PageSchema.semantic(text("x", "Name of your current manager", null, "text", false), "input_text"));
    assertNull(PageSchema.semantic(text("x", "Email us a fun fact", null, "text", false), "input_text"));
    assertEquals("cover_letter", PageSchema.semantic(new PageField("k", "f", null, "Upload your cover letter", "file",
        false, false, List.of(), null, "file", true, ""), "input_file"));
  }

  @Test
  void thePlanFillsStandardFieldsFromTheProfileAndSensitiveOnesOnlyFromTheApplicant() {
    JsonObject schema = PageSchema.of(leverLike(), null);
    FillPlan plan = FillPlanner.plan(schema, profile(), Map.of(), Attachments.review(PDF, null));
    assertEquals(PlanEntry.RESUME_DOCUMENT, entry(plan, "resume").provenance());
    assertEquals("Dr. Lena Vasquez", entry(plan, "name").value());
    assertEquals("profile:name", entry(plan, "name").provenance());
    assertEquals("lena.vasquez@example.com", entry(plan, "email").value());
    assertEquals("(415) 555-0117", entry(plan, "phone").value());
    assertEquals("Confluent", entry(plan, "org").value(), "the resume's current employer");
    assertEquals("resume:work[0].name", entry(plan, "org").provenance());
    assertTrue(entry(plan, "urls[LinkedIn]").value().contains("linkedin"), entry(plan, "urls[LinkedIn]").toString());
    PlanEntry sponsorship = entry(plan, "cards[5f1e][field0]");
    assertEquals(Sensitivity.SPONSORSHIP, sponsorship.category());
    assertEquals(List.of("No"), sponsorship.options());
    assertEquals("profile:requires_sponsorship", sponsorship.provenance());
    PlanEntry onSite = entry(plan, "cards[5f1e][field1]");
    assertTrue(onSite.isMissing(), "a non-sensitive yes/no without a saved answer is asked, not guessed: " + onSite);
    assertEquals(List.of(onSite), plan.missingRequired());
    assertEquals(List.of("Decline to self-identify"), entry(plan, "eeo[gender]").options());
    assertTrue(entry(plan, "consent[store]").isMissing(), "a consent is the user's to give");
  }

  @Test
  void aComboboxWhoseOptionsShowOnlyWhenOpenedGetsYesOrNoForAYesNoQuestionOnly() {
    List<PageField> fields = List.of(
        choice("q-auth", "Are you legally authorized to work in the United States?", "combobox", true, List.of()),
        choice("q-team", "Which team interests you most?", "combobox", false, List.of()));
    FillPlan plan = FillPlanner.plan(PageSchema.of(fields, null), profile(), Map.of(), Attachments.NONE);
    PlanEntry auth = entry(plan, "q-auth");
    assertEquals(List.of("Yes"), auth.options());
    assertEquals(Sensitivity.WORK_AUTHORIZATION, auth.category());
    assertTrue(entry(plan, "q-team").isMissing());
    JsonObject place = PageSchema.of(List.of(choice("_systemfield_location", "Location", "combobox", true, List.of())),
        null).getJsonArray("questions").getJsonObject(0).getJsonArray("fields").getJsonObject(0);
    assertEquals("input_text", place.getString("type"), "a place typeahead takes the location typed: " + place);
    assertEquals("location", place.getString("semantic"));
    assertFalse(PageSchema.of(fields, null).getJsonArray("questions").getJsonObject(0).getJsonArray("fields")
        .getJsonObject(0).getBoolean("options_known"));
  }
}
