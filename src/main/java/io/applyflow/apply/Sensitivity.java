package io.applyflow.apply;

/**
 * Kinds of questions that are answered only from the profile or saved answers, never by a model or a default.
 */
public enum Sensitivity {
  NONE, WORK_AUTHORIZATION, SPONSORSHIP, RELOCATION, GENDER, HISPANIC_LATINO, RACE, VETERAN, DISABILITY, SALARY,
  YEARS_OF_EXPERIENCE, CLEARANCE, CRIMINAL_HISTORY, AGE;

  public boolean isSensitive() {
    return this != NONE;
  }
}
