package io.applyflow.apply;

import java.util.List;

/**
 * What filling a form from a {@link FillPlan} did, read back from the page before anything is submitted.
 *
 * @param filled           the fields set, in plan order, each with its plan entry's provenance
 * @param requiredOnPage   the fields the page itself marks required (asterisk, {@code aria-required},
 *                         {@code required}), in page order, named as the API names them: {@code first_name},
 *                         {@code country}, {@code location}, {@code resume}, {@code question_123} (multi-selects
 *                         without {@code []}), {@code gender}, or a demographic question's numeric id
 * @param requiredUnfilled those of {@code requiredOnPage} still empty after filling; submitting now would be refused
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
