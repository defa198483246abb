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
}
