package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FillPlannerTest {
  private static final String LINKEDIN = "question_1042159";
  private static final String HEARD = "question_1042161";
  private static final String WORK_AUTH = "question_1042162";
  private static final String SPONSOR = "question_1042163";
  private static final String UK_RIGHT = "question_579460[]";
  private static final String RESUME_PDF = "Richard_Hendriks_Resume.pdf";
  private static final String LETTER_PDF = "Richard_Hendriks_Cover_Letter.pdf";

  // --- inputs ------------------------------------------------------------------------------------------

  private static JsonObject resource(String path) {
    try (InputStream in = FillPlannerTest.class.getResourceAsStream(path)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The stored schema of a Job Board API response: the four keys the describe stage keeps. */
  private static JsonObject apiSchema(String file) {
    JsonObject job = resource("/greenhouse/" + file);
    JsonObject schema = new JsonObject().put("questions", job.getJsonArray("questions"));
    for (String key : List.of("location_questions", "compliance", "demographic_questions")) {
      schema.put(key, job.getValue(key));
    }
    return schema;
  }

  private static JsonObject ghTools() {
    return apiSchema("gh-tools-php_single_job_response.json");
  }

  private static JsonObject ghToolsMultiSelect() {
    return apiSchema("gh-tools-php_single_job_response_with_multiselect_required.json");
  }

  /** The ACLU form, its {@code eeoc_sections} reshaped into the API's {@code compliance} blocks. */
  private static JsonObject aclu() {
    JsonObject form = resource("/greenhouse/job-boards_aclu_8520829002_form-fields.json");
    JsonArray compliance = new JsonArray();
    for (Object s : form.getJsonArray("eeoc_sections")) {
      JsonObject section = (JsonObject) s;
      compliance.add(new JsonObject().put("type", "eeoc").put("description", section.getString("description"))
          .put("questions", section.getJsonArray("questions")));
    }
    return new JsonObject().put("questions", form.getJsonArray("questions")).put("location_questions", null)
        .put("compliance", compliance).put("demographic_questions", null);
  }

  private static JsonObject profile(JsonObject applicant) {
    return new JsonObject().put("resume", resource("/jsonresume/sample.resume.json")).put("applicant", applicant);
  }

  private static JsonObject profile() {
    return profile(new JsonObject());
  }

  private static Map<String, SavedAnswer> bank(SavedAnswer... answers) {
    Map<String, SavedAnswer> out = new HashMap<>();
    for (SavedAnswer a : answers) {
      out.put(a.questionKey(), a);
    }
    return out;
  }

  private static JsonObject declineAll() {
    return new JsonObject().put("eeoc", new JsonObject().put("gender", "decline").put("hispanic_latino", "decline")
        .put("race", "decline").put("veteran_status", "decline").put("disability_status", "decline"));
  }

  /** Plans in review mode, with the resume PDF when {@code pdf} and no cover letter PDF. */
  private static FillPlan plan(JsonObject schema, JsonObject profile, Map<String, SavedAnswer> answers,
      boolean pdf) {
    return plan(schema, profile, answers, Attachments.review(pdf ? RESUME_PDF : null, null));
  }

  /** Plans and checks, for every plan, that nothing was invented. */
  private static FillPlan plan(JsonObject schema, JsonObject profile, Map<String, SavedAnswer> answers,
      Attachments files) {
    FillPlan plan = FillPlanner.plan(schema, profile, answers, files);
    assertTraceable(plan, schema, profile, answers, files);
    return plan;
  }

  private static PlanEntry entry(FillPlan plan, String field) {
    return plan.entries().stream().filter(e -> e.field().equals(field)).findFirst()
        .orElseThrow(() -> new AssertionError("no entry for " + field));
  }

  // --- standard fields -----------------------------------------------------------------------------------

  @Test
  void standardFieldsComeFromTheProfileAndTheResumeFromTheDocument() {
    FillPlan plan = plan(ghTools(), profile(), Map.of(), true);
    assertEquals(List.of("first_name", "last_name", "email", "phone", "resume", "resume_text", "cover_letter",
        "cover_letter_text", LINKEDIN, HEARD, WORK_AUTH, SPONSOR), plan.entries().stream().map(PlanEntry::field).toList());
    assertEntry(entry(plan, "first_name"), "Richard", "profile:first_name");
    assertEntry(entry(plan, "last_name"), "Hendriks", "profile:last_name");
    assertEntry(entry(plan, "email"), "richard.hendriks@mail.com", "profile:email");
    assertEntry(entry(plan, "phone"), "(912) 555-4321", "profile:phone");
    assertEquals("First Name", entry(plan, "first_name").label());
    assertTrue(entry(plan, "first_name").required());
    assertFalse(entry(plan, "phone").required());

    PlanEntry resume = entry(plan, "resume");
    assertEquals("document:resume", resume.provenance());
    assertEquals(RESUME_PDF, resume.value(), "the file name the employer receives");
    assertEquals("input_file", resume.type());
    assertTrue(resume.required());
    PlanEntry resumeText = entry(plan, "resume_text");
    assertTrue(resumeText.isMissing());
    assertFalse(resumeText.required(), "the file answers the resume question");
    assertEquals("textarea", resumeText.type());
  }

  @Test
  void requiredCoverLetterWithoutALetterDocumentIsOneMissingRequiredQuestionWithItsReason() {
    FillPlan plan = plan(ghTools(), profile(), Map.of(), true);
    PlanEntry cover = entry(plan, "cover_letter");
    assertTrue(cover.isMissing());
    assertTrue(cover.required());
    assertEquals(FillPlanner.LETTER_HAS_NO_PDF, cover.reason());
    assertFalse(entry(plan, "cover_letter_text").required());
    assertEquals(List.of("cover_letter", LINKEDIN), plan.missingRequired().stream().map(PlanEntry::field).toList());

    // the setting cannot send a letter that does not exist (none was written, or it failed its parse-back check)
    PlanEntry auto = entry(plan(ghTools(), profile(), Map.of(), Attachments.auto(RESUME_PDF, null, true)),
        "cover_letter");
    assertTrue(auto.isMissing());
    assertEquals(FillPlanner.LETTER_HAS_NO_PDF, auto.reason());
  }

  @Test
  void reviewModeUploadsTheCoverLetterDocumentAsTheAnswerToTheQuestion() {
    FillPlan plan = plan(ghTools(), profile(), Map.of(), Attachments.review(RESUME_PDF, LETTER_PDF));
    PlanEntry cover = entry(plan, "cover_letter");
    assertEquals(PlanEntry.COVER_LETTER_DOCUMENT, cover.provenance());
    assertEquals(LETTER_PDF, cover.value(), "the file name the employer receives");
    assertEquals("input_file", cover.type());
    assertTrue(cover.required(), "the file carries the question's required flag");
    assertNull(cover.reason());
    assertEquals(List.of(LINKEDIN), plan.missingRequired().stream().map(PlanEntry::field).toList());
  }

  @Test
  void autoModeLeavesTheLetterOutAndSaysWhyUnlessTheUserTurnedItOn() {
    FillPlan off = plan(ghTools(), profile(), Map.of(), Attachments.auto(RESUME_PDF, LETTER_PDF, false));
    PlanEntry withheld = entry(off, "cover_letter");
    assertTrue(withheld.isMissing());
    assertNull(withheld.value());
    assertTrue(withheld.required());
    assertEquals(FillPlanner.LETTER_NOT_IN_AUTO, withheld.reason());
    assertTrue(withheld.reason().contains("Send my cover letter in auto mode"), "names the setting");
    assertEquals(PlanEntry.RESUME_DOCUMENT, entry(off, "resume").provenance(), "the resume still goes");

    FillPlan on = plan(ghTools(), profile(), Map.of(), Attachments.auto(RESUME_PDF, LETTER_PDF, true));
    PlanEntry sent = entry(on, "cover_letter");
    assertEquals(PlanEntry.COVER_LETTER_DOCUMENT, sent.provenance());
    assertEquals(LETTER_PDF, sent.value());
    assertNull(sent.reason());
  }

  @Test
  void aRequiredLetterThatAutoModeLeavesOutHoldsTheJobWithAPlainReason() {
    // LinkedIn answered, so the required letter is the only open question of this form
    JsonObject linkedIn = new JsonObject().put("links", new JsonObject().put("linkedin", "https://linkedin.com/in/rh"));
    FillPlan off = plan(ghTools(), profile(linkedIn), Map.of(), Attachments.auto(RESUME_PDF, LETTER_PDF, false));
    String held = off.unattendedBlocker();
    assertNotNull(held, "never sent without the required letter, never sent with a letter nobody allowed");
    assertTrue(held.startsWith("the form requires a cover letter"), held);
    assertTrue(held.contains("Send my cover letter in auto mode"), held);
    assertTrue(held.contains("approve"), held);

    assertNull(plan(ghTools(), profile(linkedIn), Map.of(), Attachments.auto(RESUME_PDF, LETTER_PDF, true))
        .unattendedBlocker(), "with the setting the letter goes and nothing holds the job");
    FillPlan approved = plan(ghTools(), profile(linkedIn), Map.of(), Attachments.review(RESUME_PDF, LETTER_PDF));
    assertTrue(approved.missingRequired().isEmpty(), "the approval sends the letter");
    assertNull(approved.unattendedBlocker());
    String noPdf = plan(ghTools(), profile(linkedIn), Map.of(), Attachments.auto(RESUME_PDF, null, true))
        .unattendedBlocker();
    assertEquals("required answers without a trusted source: [Cover Letter]", noPdf);
  }

  @Test
  void theLettersTextCompanionIsNeverPlannedNorDrafted() {
    // even a saved answer to the very question does not fill the paste-in box
    Map<String, SavedAnswer> bank = bank(SavedAnswer.of(5, "Cover Letter", "Dear Pied Piper, ..."));
    for (Attachments files : List.of(Attachments.review(RESUME_PDF, LETTER_PDF), Attachments.review(RESUME_PDF, null),
        Attachments.auto(RESUME_PDF, LETTER_PDF, false), Attachments.auto(RESUME_PDF, LETTER_PDF, true))) {
      FillPlan plan = plan(ghTools(), profile(), bank, files);
      PlanEntry text = entry(plan, "cover_letter_text");
      assertTrue(text.isMissing(), files.toString());
      assertFalse(text.required(), "the file answers the question: " + files);
      assertNull(text.reason(), files.toString());
      assertEquals(1, plan.entries().stream().filter(e -> e.label().equals("Cover Letter") && e.required()).count(),
          "one entry carries the question: " + files);
    }
  }

  @Test
  void withoutAResumePdfTheResumeQuestionIsMissingOnce() {
    FillPlan plan = plan(ghTools(), profile(), Map.of(), false);
    assertTrue(entry(plan, "resume").isMissing());
    assertTrue(entry(plan, "resume").required());
    assertFalse(entry(plan, "resume_text").required());
    assertEquals(List.of("resume", "cover_letter", LINKEDIN),
        plan.missingRequired().stream().map(PlanEntry::field).toList());
  }

  @Test
  void applicantNamesAndPhoneWinOverTheResume() {
    FillPlan plan = plan(aclu(), profile(new JsonObject().put("first_name", "Rich").put("last_name", "Hendricks-Smith")
        .put("preferred_name", "Ricky").put("phone", "+1 912 555 0000")), Map.of(), true);
    assertEntry(entry(plan, "first_name"), "Rich", "profile:first_name");
    assertEntry(entry(plan, "last_name"), "Hendricks-Smith", "profile:last_name");
    assertEntry(entry(plan, "preferred_name"), "Ricky", "profile:preferred_name");
    assertEntry(entry(plan, "phone"), "+1 912 555 0000", "profile:phone");
  }

  @Test
  void preferredNameIsMissingWhenTheApplicantGaveNone() {
    PlanEntry preferred = entry(plan(aclu(), profile(), Map.of(), true), "preferred_name");
    assertTrue(preferred.isMissing());
    assertNull(preferred.value());
    assertFalse(preferred.required());
  }

  @Test
  void locationQuestionsPlanOnlyTheVisibleLocationFromTheResume() {
    JsonObject schema = ghTools().put("location_questions", new JsonArray()
        .add(question("Location", true, "location", "input_text"))
        .add(question("Latitude", false, "latitude", "input_hidden"))
        .add(question("Longitude", false, "longitude", "input_hidden")));
    FillPlan plan = plan(schema, profile(), Map.of(), true);
    assertEntry(entry(plan, "location"), "San Francisco, California", "profile:location");
    assertTrue(plan.entries().stream().noneMatch(e -> e.field().equals("latitude") || e.field().equals("longitude")));
    assertEquals("location", plan.entries().get(12).field(), "location questions come after the questions");
  }

  // --- links -----------------------------------------------------------------------------------------------

  @Test
  void requiredLinkedInIsMissingForTheSampleResumeAndFilledFromApplicantLinks() {
    PlanEntry without = entry(plan(ghTools(), profile(), Map.of(), true), LINKEDIN);
    assertTrue(without.isMissing());
    assertTrue(without.required());

    JsonObject applicant = new JsonObject().put("links", new JsonObject().put("linkedin", "https://www.linkedin.com/in/rh"));
    FillPlan plan = plan(ghTools(), profile(applicant), Map.of(), true);
    assertEntry(entry(plan, LINKEDIN), "https://www.linkedin.com/in/rh", "profile:links.linkedin");
    assertEquals(Sensitivity.NONE, entry(plan, LINKEDIN).category());
    assertFalse(plan.missingRequired().stream().anyMatch(e -> e.field().equals(LINKEDIN)));
  }

  @Test
  void linkedInFallsBackToTheResumeProfileOfThatNetwork() {
    JsonObject profile = profile();
    profile.getJsonObject("resume").getJsonObject("basics").getJsonArray("profiles")
        .add(new JsonObject().put("network", "LinkedIn").put("username", "rh").put("url", "https://linkedin.com/in/rh"));
    assertEntry(entry(plan(ghTools(), profile, Map.of(), true), LINKEDIN), "https://linkedin.com/in/rh",
        "profile:basics.profiles[2]");
  }

  @Test
  void websiteComesFromTheResumeUrlAndGithubStaysMissing() {
    JsonObject schema = new JsonObject().put("questions", new JsonArray()
        .add(question("Website", false, "question_1", "input_text"))
        .add(question("GitHub URL", false, "question_2", "input_text"))
        .add(question("How did you hear about us (e.g. LinkedIn, a friend)?", false, "question_3", "input_text")));
    FillPlan plan = plan(schema, profile(new JsonObject().put("links", new JsonObject().put("linkedin", "https://l.example"))),
        Map.of(), true);
    assertEntry(entry(plan, "question_1"), "http://richardhendricks.example.com", "profile:basics.url");
    assertTrue(entry(plan, "question_2").isMissing());
    assertTrue(entry(plan, "question_3").isMissing(), "a question that merely mentions LinkedIn is not a link");
  }

  // --- sensitive questions ---------------------------------------------------------------------------------

  @Test
  void workAuthorisationIsMissingWithoutAnAnswerAndNeverDefaulted() {
    FillPlan plan = plan(ghTools(), profile(), Map.of(), true);
    for (String field : List.of(WORK_AUTH, SPONSOR)) {
      PlanEntry e = entry(plan, field);
      assertTrue(e.isMissing(), field);
      assertTrue(e.options().isEmpty(), field);
    }
    assertEquals(Sensitivity.WORK_AUTHORIZATION, entry(plan, WORK_AUTH).category());
    assertEquals(Sensitivity.SPONSORSHIP, entry(plan, SPONSOR).category());
  }

  @Test
  void workAuthorisationAndSponsorshipComeFromTheApplicant() {
    FillPlan plan = plan(ghTools(), profile(new JsonObject().put("work_authorization", "yes")
        .put("requires_sponsorship", "no")), Map.of(), true);
    assertOptions(entry(plan, WORK_AUTH), List.of("Yes"), "profile:work_authorization");
    assertOptions(entry(plan, SPONSOR), List.of("No"), "profile:requires_sponsorship");
    assertNull(entry(plan, WORK_AUTH).value());
  }

  @Test
  void workAuthorisationComesFromASavedAnswerToTheSameQuestion() {
    SavedAnswer saved = SavedAnswer.of(17, "Are you authorized to work in the United States?*", "yes");
    FillPlan plan = plan(ghTools(), profile(), bank(saved), true);
    assertOptions(entry(plan, WORK_AUTH), List.of("Yes"), "answer:17");
    assertTrue(entry(plan, SPONSOR).isMissing());
  }

  @Test
  void aSavedAnswerThatIsNoOptionIsIgnored() {
    SavedAnswer saved = SavedAnswer.of(18, "Are you authorized to work in the United States?", "Probably");
    assertTrue(entry(plan(ghTools(), profile(), bank(saved), true), WORK_AUTH).isMissing());
  }

  @Test
  void combinedOrNegatedEligibilityQuestionsAreNotAnsweredFromTheProfile() {
    List<String> yesNo = List.of("Yes", "No");
    JsonObject schema = new JsonObject().put("questions", new JsonArray()
        .add(select("Are you legally authorized to work in the US without the need for visa sponsorship?", "question_1", yesNo))
        .add(select("Are you authorized to work in the US and will you require sponsorship?", "question_2", yesNo))
        .add(select("Are you based in Berlin or willing to relocate?", "question_3", yesNo))
        .add(select("Are you willing to relocate to Berlin?", "question_4", yesNo)));
    JsonObject applicant = new JsonObject().put("work_authorization", "yes").put("requires_sponsorship", "no")
        .put("willing_to_relocate", "no");
    FillPlan plan = plan(schema, profile(applicant), Map.of(), true);
    assertTrue(entry(plan, "question_1").isMissing());
    assertTrue(entry(plan, "question_2").isMissing());
    assertTrue(entry(plan, "question_3").isMissing(), "unwilling to move may still be based there");
    assertOptions(entry(plan, "question_4"), List.of("No"), "profile:willing_to_relocate");

    FillPlan willing = plan(schema, profile(applicant.copy().put("willing_to_relocate", "yes")), Map.of(), true);
    assertOptions(entry(willing, "question_3"), List.of("Yes"), "profile:willing_to_relocate");
  }

  @Test
  void otherSensitiveQuestionsComeOnlyFromSavedAnswers() {
    JsonObject schema = new JsonObject().put("questions", new JsonArray()
        .add(question("How many years of experience do you have with Java?", true, "question_1", "input_text"))
        .add(question("What are your salary expectations?", true, "question_2", "input_text"))
        .add(question("Have you ever been convicted of a felony?", false, "question_3", "input_text")));
    FillPlan none = plan(schema, profile(new JsonObject().put("work_authorization", "yes")), Map.of(), true);
    assertEquals(3, none.entries().stream().filter(PlanEntry::isMissing).count());
    assertEquals(List.of(Sensitivity.YEARS_OF_EXPERIENCE, Sensitivity.SALARY, Sensitivity.CRIMINAL_HISTORY),
        none.entries().stream().map(PlanEntry::category).toList());

    FillPlan saved = plan(schema, profile(), bank(SavedAnswer.of(5, "how many years of experience do you have with java", "7"),
        SavedAnswer.of(6, "What are your salary expectations", "Open to discussion")), true);
    assertEntry(entry(saved, "question_1"), "7", "answer:5");
    assertEntry(entry(saved, "question_2"), "Open to discussion", "answer:6");
    assertTrue(entry(saved, "question_3").isMissing());
  }

  @Test
  void requiredMultiSelectWithoutAnAnswerIsMissingRequired() {
    FillPlan plan = plan(ghToolsMultiSelect(), profile(new JsonObject().put("work_authorization", "yes")
        .put("requires_sponsorship", "no")), Map.of(), true);
    PlanEntry uk = entry(plan, UK_RIGHT);
    assertEquals("multi_value_multi_select", uk.type());
    assertEquals(Sensitivity.WORK_AUTHORIZATION, uk.category());
    assertTrue(uk.isMissing(), "a profile yes is not one of 'UK Passport', 'EEA Passport', 'Other visa', 'No'");
    assertTrue(plan.missingRequired().contains(uk));

    FillPlan no = plan(ghToolsMultiSelect(), profile(new JsonObject().put("work_authorization", "no")), Map.of(), true);
    assertTrue(entry(no, UK_RIGHT).isMissing(), "a bare profile no is not mapped onto a list of documents");
  }

  @Test
  void multiSelectTakesEverySavedOptionThatExists() {
    String q = "Do you have the right to work in the UK?";
    FillPlan plan = plan(ghToolsMultiSelect(), profile(), bank(SavedAnswer.of(9, q, "uk passport\nEEA Passport")), true);
    assertOptions(entry(plan, UK_RIGHT), List.of("UK Passport", "EEA Passport"), "answer:9");

    FillPlan unknown = plan(ghToolsMultiSelect(), profile(), bank(SavedAnswer.of(9, q, "UK Passport; Swiss permit")), true);
    assertTrue(entry(unknown, UK_RIGHT).isMissing(), "one option that does not exist voids the answer");
  }

  // --- EEOC ------------------------------------------------------------------------------------------------

  @Test
  void eeocQuestionsAreMissingNotDefaultedWithoutProfileAnswers() {
    FillPlan plan = plan(aclu(), profile(new JsonObject().put("work_authorization", "yes")), Map.of(), true);
    Map<String, Sensitivity> eeoc = Map.of("gender", Sensitivity.GENDER, "race", Sensitivity.RACE,
        "veteran_status", Sensitivity.VETERAN, "disability_status", Sensitivity.DISABILITY);
    eeoc.forEach((field, category) -> {
      PlanEntry e = entry(plan, field);
      assertTrue(e.isMissing(), field);
      assertTrue(e.options().isEmpty(), field);
      assertEquals(category, e.category(), field);
      assertFalse(e.required(), field);
    });
    for (PlanEntry e : plan.entries()) {
      if (e.category().isSensitive()) {
        assertTrue(e.isMissing(), e.label() + " was answered without a trusted source");
      }
    }
    List<String> order = plan.entries().stream().map(PlanEntry::field).toList();
    assertEquals(List.of("gender", "race", "veteran_status", "disability_status"), order.subList(order.size() - 4, order.size()));
  }

  @Test
  void declineMapsToEachFormsOwnDeclineOption() {
    FillPlan plan = plan(aclu(), profile(declineAll()), Map.of(), true);
    assertOptions(entry(plan, "gender"), List.of("Decline To Self Identify"), "profile:eeoc.gender");
    assertOptions(entry(plan, "race"), List.of("Decline To Self Identify"), "profile:eeoc.race");
    assertOptions(entry(plan, "veteran_status"), List.of("I don't wish to answer"), "profile:eeoc.veteran_status");
    assertOptions(entry(plan, "disability_status"), List.of("I do not want to answer"), "profile:eeoc.disability_status");
    // The employer's own demographic questions use their own wording.
    assertOptions(entry(plan, "question_36273547002"), List.of("I prefer not to answer"), "profile:eeoc.race");
    assertOptions(entry(plan, "question_36273549002"), List.of("I prefer not to answer"), "profile:eeoc.gender");
    assertOptions(entry(plan, "question_36273551002"), List.of("I prefer not to answer"), "profile:eeoc.disability_status");
    assertOptions(entry(plan, "question_36273553002"), List.of("I don't wish to answer"), "profile:eeoc.veteran_status");
    assertTrue(entry(plan, "question_36273550002").isMissing(), "free text about gender is never filled from a choice");
  }

  @Test
  void eeocValuesMapToTheMatchingLabelsOnly() {
    JsonObject applicant = new JsonObject().put("eeoc", new JsonObject().put("gender", "male")
        .put("race", "black_or_african_american").put("veteran_status", "not_protected").put("disability_status", "no"));
    FillPlan plan = plan(aclu(), profile(applicant), Map.of(), true);
    assertOptions(entry(plan, "gender"), List.of("Male"), "profile:eeoc.gender");
    assertOptions(entry(plan, "race"), List.of("Black or African American"), "profile:eeoc.race");
    assertOptions(entry(plan, "veteran_status"), List.of("I am not a protected veteran"), "profile:eeoc.veteran_status");
    assertOptions(entry(plan, "disability_status"), List.of("No, I do not have a disability and have not had one in the past"),
        "profile:eeoc.disability_status");
    assertOptions(entry(plan, "question_36273547002"), List.of("African American or Black"), "profile:eeoc.race");
    assertOptions(entry(plan, "question_36273551002"), List.of("Not a Person with a Disability"), "profile:eeoc.disability_status");
    assertOptions(entry(plan, "question_36273553002"), List.of("I am not a protected veteran"), "profile:eeoc.veteran_status");
    assertTrue(entry(plan, "question_36273549002").isMissing(), "'male' does not say 'Cisgender Man'");
    assertTrue(entry(plan, "question_36273552002").isMissing(), "'no' is none of the significant disabilities");
  }

  @Test
  void otherEeocValuesMapToGreenhouseLabels() {
    assertEquals("Female", FillPlanner.eeocOption(Sensitivity.GENDER, "female", List.of("Male", "Female", "Decline To Self Identify")));
    List<String> greenhouseRaces = List.of("American Indian or Alaskan Native", "Asian", "Black or African American",
        "Hispanic or Latino", "White", "Native Hawaiian or Other Pacific Islander", "Two or More Races",
        "Decline To Self Identify");
    Map<String, String> races = Map.of("american_indian_or_alaska_native", "American Indian or Alaskan Native",
        "asian", "Asian", "hispanic_or_latino", "Hispanic or Latino", "white", "White",
        "native_hawaiian_or_pacific_islander", "Native Hawaiian or Other Pacific Islander",
        "two_or_more", "Two or More Races");
    races.forEach((value, label) -> assertEquals(label, FillPlanner.eeocOption(Sensitivity.RACE, value, greenhouseRaces), value));
    List<String> acluRaces = List.of("African American or Black", "American Indian, Native American, or Alaska Native",
        "Arab or Middle Eastern", "Hispanic or Latina/o/x", "White or Caucasian", "I prefer not to answer");
    assertEquals("American Indian, Native American, or Alaska Native",
        FillPlanner.eeocOption(Sensitivity.RACE, "american_indian_or_alaska_native", acluRaces));
    assertEquals("Hispanic or Latina/o/x", FillPlanner.eeocOption(Sensitivity.RACE, "hispanic_or_latino", acluRaces));
    assertEquals("White or Caucasian", FillPlanner.eeocOption(Sensitivity.RACE, "white", acluRaces));
    assertNull(FillPlanner.eeocOption(Sensitivity.RACE, "asian", acluRaces));
    List<String> veteran = List.of("I am not a protected veteran",
        "I identify as one or more of the classifications of a protected veteran", "I don't wish to answer");
    assertEquals(veteran.get(1), FillPlanner.eeocOption(Sensitivity.VETERAN, "protected", veteran));
    assertNull(FillPlanner.eeocOption(Sensitivity.VETERAN, "protected", List.of("Yes", "No")),
        "'a veteran' is not 'a protected veteran'");
    List<String> disability = List.of("Yes, I have a disability, or have had one in the past",
        "No, I do not have a disability and have not had one in the past", "I do not want to answer");
    assertEquals(disability.get(0), FillPlanner.eeocOption(Sensitivity.DISABILITY, "yes", disability));
    assertNull(FillPlanner.eeocOption(Sensitivity.DISABILITY, "yes", List.of("Yes", "No")),
        "a bare yes may ask something else than the disability status");
    assertNull(FillPlanner.eeocOption(Sensitivity.GENDER, "decline", List.of("Male", "Female")));
  }

  @Test
  void hispanicEthnicityAndDemographicQuestionsAreAnsweredFromTheProfile() {
    JsonObject schema = new JsonObject().put("questions", new JsonArray())
        .put("compliance", new JsonArray()
            .add(new JsonObject().put("type", "eeoc").put("description", "<p>PUBLIC BURDEN STATEMENT</p>").put("questions", new JsonArray()))
            .add(new JsonObject().put("type", "eeoc").put("questions", new JsonArray()
                .add(select("Are you Hispanic/Latino?", "hispanic_ethnicity", List.of("Yes", "No", "Decline To Self Identify")))
                .add(select("DisabilityStatus", "disability_status", List.of("Yes, I have a disability, or have had one in the past",
                    "No, I do not have a disability and have not had one in the past", "I do not want to answer"))))))
        .put("demographic_questions", new JsonObject().put("header", "Voluntary self-identification")
            .put("questions", new JsonArray()
                .add(demographic(4001, "How would you describe your gender identity?", "multi_value_multi_select",
                    List.of("Man", "Woman", "Non-binary", "I prefer not to answer")))
                .add(demographic(4002, "Are you Hispanic or Latino?", "multi_value_single_select",
                    List.of("Hispanic or Latino", "Not Hispanic or Latino", "I don't wish to answer")))
                .add(demographic(4003, "What is your favourite programming language?", "multi_value_single_select",
                    List.of("Java", "Rust")))));
    JsonObject applicant = new JsonObject().put("eeoc", new JsonObject().put("gender", "female")
        .put("hispanic_latino", "no").put("disability_status", "decline"));
    FillPlan plan = plan(schema, profile(applicant), bank(SavedAnswer.of(3, "What is your favourite programming language", "java")), true);
    assertEquals(List.of("hispanic_ethnicity", "disability_status", "4001", "4002", "4003"),
        plan.entries().stream().map(PlanEntry::field).toList());
    assertOptions(entry(plan, "hispanic_ethnicity"), List.of("No"), "profile:eeoc.hispanic_latino");
    assertEquals(Sensitivity.HISPANIC_LATINO, entry(plan, "hispanic_ethnicity").category());
    assertOptions(entry(plan, "disability_status"), List.of("I do not want to answer"), "profile:eeoc.disability_status");
    assertOptions(entry(plan, "4001"), List.of("Woman"), "profile:eeoc.gender");
    assertEquals("multi_value_multi_select", entry(plan, "4001").type());
    assertOptions(entry(plan, "4002"), List.of("Not Hispanic or Latino"), "profile:eeoc.hispanic_latino");
    assertOptions(entry(plan, "4003"), List.of("Java"), "answer:3");

    FillPlan declined = plan(schema, profile(declineAll()), Map.of(), true);
    assertOptions(entry(declined, "hispanic_ethnicity"), List.of("Decline To Self Identify"), "profile:eeoc.hispanic_latino");
    assertOptions(entry(declined, "4001"), List.of("I prefer not to answer"), "profile:eeoc.gender");
    assertOptions(entry(declined, "4002"), List.of("I don't wish to answer"), "profile:eeoc.hispanic_latino");
    assertTrue(entry(declined, "4003").isMissing());
  }

  // --- other questions ---------------------------------------------------------------------------------------

  @Test
  void ordinaryQuestionsUseSavedAnswersOrStayBlank() {
    FillPlan blank = plan(ghTools(), profile(), Map.of(), true);
    assertTrue(entry(blank, HEARD).isMissing());
    assertFalse(entry(blank, HEARD).required());
    assertFalse(blank.missingRequired().contains(entry(blank, HEARD)));

    FillPlan saved = plan(ghTools(), profile(), bank(SavedAnswer.of(7, "How did you hear about this job", "A friend")), true);
    assertEntry(entry(saved, HEARD), "A friend", "answer:7");
  }

  @Test
  void unknownFieldTypesArePlannedMissingWithTheirType() {
    JsonObject schema = new JsonObject().put("questions", new JsonArray()
        .add(question("Pick a date", true, "question_9", "input_date"))
        .add(question("Work sample", false, "question_10", "input_file")));
    FillPlan plan = plan(schema, profile(), bank(SavedAnswer.of(1, "Pick a date", "2026-01-01")), true);
    PlanEntry date = entry(plan, "question_9");
    assertTrue(date.isMissing());
    assertEquals("input_date", date.type());
    assertTrue(plan.missingRequired().contains(date));
    assertTrue(entry(plan, "question_10").isMissing());
  }

  @Test
  void profileYesNoMapsOnlyOntoYesNoSelects() {
    assertEquals("Yes, I am authorized", FillPlanner.yesNoOption("yes", List.of("Yes, I am authorized", "No")));
    assertEquals("No", FillPlanner.yesNoOption("no", List.of("Yes", "No", "I prefer not to answer")));
    assertNull(FillPlanner.yesNoOption("no", List.of("UK Passport", "EEA Passport", "Other visa", "No")));
    assertNull(FillPlanner.yesNoOption("yes", List.of("Yes, citizen", "Yes, green card", "No")), "ambiguous");
  }

  @Test
  void emptyOrAbsentInputsGiveAPlanWithoutValues() {
    assertTrue(FillPlanner.plan(null, profile(), Map.of(), Attachments.review(RESUME_PDF, LETTER_PDF)).entries()
        .isEmpty());
    FillPlan plan = plan(ghTools(), new JsonObject(), null, false);
    assertEquals(12, plan.entries().size());
    assertTrue(plan.filled().isEmpty());
  }

  // --- helpers -----------------------------------------------------------------------------------------------

  private static JsonObject question(String label, boolean required, String name, String type) {
    return new JsonObject().put("label", label).put("required", required).put("description", null)
        .put("fields", new JsonArray().add(new JsonObject().put("name", name).put("type", type)));
  }

  private static JsonObject select(String label, String name, List<String> labels) {
    JsonArray values = new JsonArray();
    for (int i = 0; i < labels.size(); i++) {
      values.add(new JsonObject().put("value", String.valueOf(i + 1)).put("label", labels.get(i)));
    }
    return new JsonObject().put("label", label).put("required", false)
        .put("fields", new JsonArray().add(new JsonObject().put("name", name).put("type", "multi_value_single_select")
            .put("values", values)));
  }

  private static JsonObject demographic(long id, String label, String type, List<String> labels) {
    JsonArray options = new JsonArray();
    for (int i = 0; i < labels.size(); i++) {
      options.add(new JsonObject().put("id", id * 10 + i).put("label", labels.get(i)).put("free_form", false));
    }
    return new JsonObject().put("id", id).put("label", label).put("required", false).put("type", type)
        .put("answer_options", options);
  }

  private static void assertEntry(PlanEntry e, String value, String provenance) {
    assertEquals(provenance, e.provenance(), e.field());
    assertEquals(value, e.value(), e.field());
    assertTrue(e.options().isEmpty(), e.field());
  }

  private static void assertOptions(PlanEntry e, List<String> options, String provenance) {
    assertEquals(provenance, e.provenance(), e.field());
    assertEquals(options, e.options(), e.field());
    assertNull(e.value(), e.field());
  }

  /** Option labels of every select in the schema, by field name (demographic questions by id). */
  private static Map<String, List<String>> schemaOptions(JsonObject schema) {
    Map<String, List<String>> out = new HashMap<>();
    List<Object> questions = new ArrayList<>();
    for (String key : List.of("questions", "location_questions")) {
      if (schema.getValue(key) instanceof JsonArray a) {
        a.forEach(questions::add);
      }
    }
    if (schema.getValue("compliance") instanceof JsonArray blocks) {
      blocks.forEach(b -> ((JsonObject) b).getJsonArray("questions").forEach(questions::add));
    }
    for (Object q : questions) {
      for (Object f : ((JsonObject) q).getJsonArray("fields")) {
        JsonObject field = (JsonObject) f;
        List<String> labels = new ArrayList<>();
        if (field.getJsonArray("values") != null) {
          field.getJsonArray("values").forEach(v -> labels.add(((JsonObject) v).getString("label")));
        }
        out.put(field.getString("name"), labels);
      }
    }
    if (schema.getValue("demographic_questions") instanceof JsonObject d) {
      for (Object q : d.getJsonArray("questions")) {
        List<String> labels = new ArrayList<>();
        ((JsonObject) q).getJsonArray("answer_options").forEach(o -> labels.add(((JsonObject) o).getString("label")));
        out.put(String.valueOf(((JsonObject) q).getValue("id")), labels);
      }
    }
    return out;
  }

  /**
   * Every value that will be filled traces back to the inputs: the profile field its provenance names, the saved
   * answer it names, or the resume document; every chosen option exists in the schema; nothing is a draft.
   */
  private static void assertTraceable(FillPlan plan, JsonObject schema, JsonObject profile,
      Map<String, SavedAnswer> answers, Attachments files) {
    Map<String, List<String>> options = schemaOptions(schema);
    JsonObject applicant = profile.getJsonObject("applicant", new JsonObject());
    JsonObject basics = profile.getJsonObject("resume", new JsonObject()).getJsonObject("basics", new JsonObject());
    for (PlanEntry e : plan.entries()) {
      String where = e.field() + " (" + e.provenance() + ")";
      assertFalse("llm-draft".equals(e.provenance()), where);
      if (e.isMissing()) {
        assertNull(e.value(), where);
        assertTrue(e.options().isEmpty(), where);
        assertTrue(e.reason() == null || e.field().equals("cover_letter"), "only a letter left out has a reason: "
            + where);
        continue;
      }
      assertNull(e.reason(), where);
      assertTrue(e.value() == null || e.options().isEmpty(), "either a value or options: " + where);
      for (String o : e.options()) {
        assertTrue(options.getOrDefault(e.field(), List.of()).contains(o), "option not in the schema: " + where);
      }
      String p = e.provenance();
      if (p.equals("document:resume")) {
        assertEquals("input_file", e.type(), where);
        assertEquals(files.resumePdf(), e.value(), where);
      } else if (p.equals("document:cover_letter")) {
        assertEquals("input_file", e.type(), where);
        assertTrue(files.sendsLetter(), "a letter the policy withholds: " + where);
        assertEquals(files.coverLetterPdf(), e.value(), where);
      } else if (p.startsWith("answer:")) {
        long id = Long.parseLong(p.substring("answer:".length()));
        SavedAnswer a = answers.values().stream().filter(s -> s.id() == id).findFirst()
            .orElseThrow(() -> new AssertionError("no saved answer " + id + ": " + where));
        assertEquals(a.questionKey(), AnswerKeys.key(e.label()), "answer to another question: " + where);
        if (e.value() != null) {
          assertEquals(a.answer(), e.value(), where);
        }
        for (String o : e.options()) {
          assertTrue(AnswerKeys.key(a.answer()).contains(AnswerKeys.key(o)), "option not in the answer: " + where);
        }
      } else if (p.startsWith("profile:")) {
        assertProfileSource(p.substring("profile:".length()), e, applicant, basics, where);
      } else {
        fail("unknown provenance: " + where);
      }
    }
  }

  private static void assertProfileSource(String path, PlanEntry e, JsonObject applicant, JsonObject basics,
      String where) {
    switch (path) {
      case "first_name", "last_name", "preferred_name" -> {
        String own = applicant.getString(path);
        if (own != null) {
          assertEquals(own, e.value(), where);
        } else {
          assertTrue(List.of(basics.getString("name").split(" ", 2)).contains(e.value()), where);
        }
      }
      case "email" -> assertEquals(basics.getString("email"), e.value(), where);
      case "phone" -> assertEquals(applicant.getString("phone", basics.getString("phone")), e.value(), where);
      case "location" -> {
        JsonObject loc = basics.getJsonObject("location");
        assertEquals(loc.getString("city") + ", " + loc.getString("region"), e.value(), where);
      }
      case "basics.url" -> assertEquals(basics.getString("url"), e.value(), where);
      case "work_authorization", "requires_sponsorship", "willing_to_relocate" -> {
        String answer = applicant.getString(path);
        assertNotNull(answer, where);
        String chosen = e.value() != null ? e.value() : String.join("", e.options());
        assertTrue(chosen.toLowerCase().startsWith(answer), where);
      }
      default -> {
        if (path.startsWith("links.")) {
          assertEquals(applicant.getJsonObject("links").getString(path.substring(6)), e.value(), where);
        } else if (path.startsWith("basics.profiles[")) {
          int i = Integer.parseInt(path.substring("basics.profiles[".length(), path.length() - 1));
          assertEquals(basics.getJsonArray("profiles").getJsonObject(i).getString("url"), e.value(), where);
        } else if (path.startsWith("eeoc.")) {
          String value = applicant.getJsonObject("eeoc").getString(path.substring(5));
          assertNotNull(value, where);
          assertEquals(1, e.options().size(), where);
          String option = e.options().get(0).toLowerCase();
          if (value.equals("decline")) {
            assertTrue(Set.of("decline", "wish", "want", "prefer not").stream().anyMatch(option::contains), where);
          }
        } else {
          fail("unknown profile source: " + where);
        }
      }
    }
  }
}
