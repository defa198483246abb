package io.applyflow.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveQuestionsTest {
  private static JsonObject resource(String path) throws IOException {
    try (InputStream in = SensitiveQuestionsTest.class.getResourceAsStream(path)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void classifiesEveryLabelOfTheGreenhouseToolsFixture() throws IOException {
    Map<String, Sensitivity> expected = new LinkedHashMap<>();
    expected.put("First Name", Sensitivity.NONE);
    expected.put("Last Name", Sensitivity.NONE);
    expected.put("Email", Sensitivity.NONE);
    expected.put("Phone", Sensitivity.NONE);
    expected.put("Resume", Sensitivity.NONE);
    expected.put("Cover Letter", Sensitivity.NONE);
    expected.put("LinkedIn Profile", Sensitivity.NONE);
    expected.put("How did you hear about this job?", Sensitivity.NONE);
    expected.put("Are you authorized to work in the United States?", Sensitivity.WORK_AUTHORIZATION);
    expected.put("Will you now or in the future require visa sponsorship?", Sensitivity.SPONSORSHIP);
    expected.put("Do you have the right to work in the UK?", Sensitivity.WORK_AUTHORIZATION);
    for (String file : new String[] {"gh-tools-php_single_job_response.json",
        "gh-tools-php_single_job_response_with_multiselect_required.json"}) {
      for (Object q : resource("/greenhouse/" + file).getJsonArray("questions")) {
        String label = ((JsonObject) q).getString("label");
        assertTrue(expected.containsKey(label), "unexpected label in fixture: " + label);
        assertEquals(expected.get(label), SensitiveQuestions.classify(label), label);
      }
    }
  }

  @Test
  void classifiesEveryLabelOfTheAcluForm() throws IOException {
    Map<String, Sensitivity> byPrefix = new LinkedHashMap<>();
    byPrefix.put("First Name", Sensitivity.NONE);
    byPrefix.put("Last Name", Sensitivity.NONE);
    byPrefix.put("Preferred First Name", Sensitivity.NONE);
    byPrefix.put("Email", Sensitivity.NONE);
    byPrefix.put("Phone", Sensitivity.NONE);
    byPrefix.put("Resume/CV", Sensitivity.NONE);
    byPrefix.put("Cover Letter", Sensitivity.NONE);
    byPrefix.put("Pronouns (optional)", Sensitivity.GENDER);
    byPrefix.put("First Name/Common Use First Name (optional)", Sensitivity.NONE);
    // An equal-opportunity statement listing protected traits errs on the side of sensitive (age is its first rule).
    byPrefix.put("The following demographic questions are optional.", Sensitivity.AGE);
    byPrefix.put("Race and/or Ethnicity:", Sensitivity.RACE);
    byPrefix.put("If you chose 'A race or ethnic group not listed,'", Sensitivity.RACE);
    byPrefix.put("Gender:", Sensitivity.GENDER);
    byPrefix.put("If you chose \"A gender not listed,\"", Sensitivity.GENDER);
    byPrefix.put("Disability Status:", Sensitivity.DISABILITY);
    byPrefix.put("Significant Disability Status", Sensitivity.DISABILITY);
    byPrefix.put("Veteran Status:", Sensitivity.VETERAN);
    byPrefix.put("Gender", Sensitivity.GENDER);
    byPrefix.put("Race", Sensitivity.RACE);
    byPrefix.put("Veteran Status", Sensitivity.VETERAN);
    byPrefix.put("Disability Status", Sensitivity.DISABILITY);
    JsonObject aclu = resource("/greenhouse/job-boards_aclu_8520829002_form-fields.json");
    int seen = 0;
    for (Object q : aclu.getJsonArray("questions")) {
      seen += check(byPrefix, ((JsonObject) q).getString("label"));
    }
    for (Object s : aclu.getJsonArray("eeoc_sections")) {
      for (Object q : ((JsonObject) s).getJsonArray("questions")) {
        seen += check(byPrefix, ((JsonObject) q).getString("label"));
      }
    }
    assertEquals(21, seen);
  }

  private static int check(Map<String, Sensitivity> byPrefix, String label) {
    String prefix = byPrefix.keySet().stream().filter(label::startsWith)
        .max((a, b) -> Integer.compare(a.length(), b.length())).orElseThrow(() -> new AssertionError(label));
    assertEquals(byPrefix.get(prefix), SensitiveQuestions.classify(label), label);
    return 1;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      Are you legally authorized to work in the United States?                   | WORK_AUTHORIZATION
      Are you authorised to work in the UK?*                                     | WORK_AUTHORIZATION
      Are you legally eligible to work in Canada?                                | WORK_AUTHORIZATION
      Do you have the right to work in the EU?                                   | WORK_AUTHORIZATION
      Are you a U.S. citizen or permanent resident?                              | WORK_AUTHORIZATION
      Do you hold a valid work permit for Germany?                               | WORK_AUTHORIZATION
      Will you now or in the future require sponsorship for employment visa status (e.g. H-1B)? | SPONSORSHIP
      Do you require visa sponsorship?                                            | SPONSORSHIP
      Are you authorized to work in the US without the need for sponsorship?     | SPONSORSHIP
      Would you need an H1B transfer?                                            | SPONSORSHIP
      Are you willing to relocate to New York?                                   | RELOCATION
      Would you consider relocation?                                             | RELOCATION
      What is your gender?                                                       | GENDER
      Gender identity                                                            | GENDER
      Sex                                                                        | GENDER
      Are you Hispanic/Latino?                                                   | HISPANIC_LATINO
      Hispanic or Latinx                                                         | HISPANIC_LATINO
      Please identify your race                                                  | RACE
      Ethnicity                                                                  | RACE
      Racial background                                                          | RACE
      VeteranStatus                                                              | VETERAN
      Are you a protected veteran?                                               | VETERAN
      Have you served in the military?                                           | VETERAN
      DisabilityStatus                                                           | DISABILITY
      Do you have a disability?                                                  | DISABILITY
      Do you need any accommodations for the interview process?                  | DISABILITY
      What are your salary expectations?                                         | SALARY
      Desired compensation                                                       | SALARY
      What are your pay expectations for this role?                              | SALARY
      Expected hourly rate (USD)                                                 | SALARY
      How many years of experience do you have with Kubernetes?                  | YEARS_OF_EXPERIENCE
      Years of professional experience with Java                                 | YEARS_OF_EXPERIENCE
      Do you have 5+ years of experience building distributed systems?           | YEARS_OF_EXPERIENCE
      Do you have an active security clearance?                                  | CLEARANCE
      Do you hold a TS/SCI clearance with polygraph?                             | CLEARANCE
      Do you currently hold a Secret clearance?                                  | CLEARANCE
      Have you ever been convicted of a felony?                                  | CRIMINAL_HISTORY
      Have you ever been convicted of a crime?                                   | CRIMINAL_HISTORY
      Do you consent to a background check?                                      | CRIMINAL_HISTORY
      Are you 18 years or older?                                                 | AGE
      Are you at least 18 years of age?                                          | AGE
      Date of birth                                                              | AGE
      How old are you?                                                           | AGE
      """)
  void classifiesTypicalLabels(String label, Sensitivity expected) {
    assertEquals(expected, SensitiveQuestions.classify(label), label);
  }

  @ParameterizedTest
  @ValueSource(strings = {"First Name", "Preferred name", "Email address", "Location", "Location (City)",
      "Current company", "Website", "GitHub URL", "Portfolio", "Why do you want to work here?", "Latitude",
      "Are you able to work in a fast-paced environment?", "Do you have experience with Kubernetes?",
      "What is your notice period?", "Languages spoken", "Tell us about a project you managed", ""})
  void leavesOrdinaryLabelsAlone(String label) {
    assertEquals(Sensitivity.NONE, SensitiveQuestions.classify(label), label);
  }

  @Test
  void ignoresCasePunctuationAndNull() {
    assertEquals(Sensitivity.WORK_AUTHORIZATION, SensitiveQuestions.classify("ARE YOU AUTHORIZED TO WORK IN THE U.S.?*"));
    assertEquals(Sensitivity.WORK_AUTHORIZATION, SensitiveQuestions.classify("are you authorized-to-work in the us"));
    assertEquals(Sensitivity.HISPANIC_LATINO, SensitiveQuestions.classify("HispanicLatino"));
    assertEquals(Sensitivity.NONE, SensitiveQuestions.classify(null));
  }

  @Test
  void findsNegationsThatCouldFlipAYesNoAnswer() {
    assertTrue(SensitiveQuestions.negated("Are you authorized to work without sponsorship?"));
    assertTrue(SensitiveQuestions.negated("Do you not require sponsorship?"));
    assertTrue(SensitiveQuestions.negated("Won't you need a visa?"));
    assertFalse(SensitiveQuestions.negated("Will you now or in the future require visa sponsorship?"));
    assertFalse(SensitiveQuestions.negated("Are you authorized to work in the United States?"));
  }
}
