package io.applyflow.apply;

import java.util.List;

/** Every field of one job's form with its value and provenance, in form order. */
public record FillPlan(List<PlanEntry> entries) {
  public FillPlan {
    entries = List.copyOf(entries);
  }

  /** Required questions with no trusted answer: the job needs the user before it can be submitted. */
  public List<PlanEntry> missingRequired() {
    return entries.stream().filter(e -> e.required() && e.isMissing()).toList();
  }

  /** Fields that will be filled (everything that is not missing). */
  public List<PlanEntry> filled() {
    return entries.stream().filter(e -> !e.isMissing()).toList();
  }

  /**
   * Why this plan must not be submitted without the user looking at it, in words for the user, or null when it
   * may be: a required cover letter that the auto-mode policy leaves out (the user can read it and approve), or
   * required answers without a trusted source (missing, or an LLM draft).
   */
  public String unattendedBlocker() {
    boolean letterWithheld = entries.stream()
        .anyMatch(e -> e.required() && e.isMissing() && FillPlanner.LETTER_NOT_IN_AUTO.equals(e.reason()));
    if (letterWithheld) {
      return "the form requires a cover letter, and " + FillPlanner.LETTER_NOT_IN_AUTO
          + "; read the letter on the job's page and approve to send it with the application";
    }
    List<String> untrusted = entries.stream()
        .filter(e -> e.required() && ("llm-draft".equals(e.provenance()) || e.isMissing()))
        .map(PlanEntry::label).toList();
    return untrusted.isEmpty() ? null : "required answers without a trusted source: " + untrusted;
  }
}
