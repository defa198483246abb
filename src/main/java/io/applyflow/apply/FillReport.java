package io.applyflow.apply;

import java.util.List;

/**
 * What filling a form from a {@link FillPlan} did, read back from the page before anything is submitted. The required
 * check goes by identity ({@link FormEngine}): a page control is the plan's when a plan entry matches it by name, id
 * or accessible name, whatever element carries them.
 *
 * @param filled           the fields set, in plan order, each with its plan entry's provenance
 * @param requiredOnPage   every control the page shows and marks required ({@code required}, {@code aria-required},
 *                         a marker in its label), in page order, named by the plan field it matches
 *                         ({@code first_name}, {@code question_123}, multi-selects without {@code []}), else by the
 *                         page's own name for it (its name, id or label)
 * @param requiredUnfilled those of {@code requiredOnPage} still empty after filling that the plan has no value for:
 *                         controls no plan entry matches (the form's schema did not announce them) and those whose
 *                         entry is missing; submitting now would be refused. A control the plan did fill that reads
 *                         back empty is not listed: filling throws {@link ApplyTrouble} instead
 */
public record FillReport(List<FilledField> filled, List<String> requiredOnPage, List<String> requiredUnfilled) {
  public FillReport {
    filled = List.copyOf(filled);
    requiredOnPage = List.copyOf(requiredOnPage);
    requiredUnfilled = List.copyOf(requiredUnfilled);
  }

  /** True when the page marks nothing required that is still empty. */
  public boolean complete() {
    return requiredUnfilled.isEmpty();
  }
}
