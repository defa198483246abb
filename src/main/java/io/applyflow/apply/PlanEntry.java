package io.applyflow.apply;

import java.util.List;

/**
 * One field of an application form and what Applyflow will put in it, decided before a browser opens.
 *
 * @param field      the schema's field name: {@code first_name}, {@code resume}, {@code question_123},
 *                   {@code question_123[]}, {@code gender}, {@code location}, or a demographic question id
 * @param label      the question's label as the employer wrote it
 * @param type       {@code input_text}, {@code textarea}, {@code input_file}, {@code input_hidden},
 *                   {@code multi_value_single_select} or {@code multi_value_multi_select}
 * @param required   whether the schema marks the question required
 * @param value      the text to type, or null (for selects: null; see {@code options})
 * @param options    for selects: the labels of the chosen options (empty when nothing is chosen)
 * @param provenance where the value comes from: {@code profile:<field>}, {@code resume:<bullet id>},
 *                   {@code document:resume}, {@code document:cover_letter}, {@code answer:<saved answer id>},
 *                   {@code llm-draft} or {@code missing}
 * @param category   what the question is about when it is sensitive ({@link Sensitivity}), else {@code NONE}
 * @param reason     why a field Applyflow could fill is left empty on purpose, in words for the user (a cover letter
 *                   that auto mode does not send, or that has no checked PDF); null otherwise
 */
public record PlanEntry(String field, String label, String type, boolean required, String value,
                        List<String> options, String provenance, Sensitivity category, String reason) {
  public static final String MISSING = "missing";
  public static final String RESUME_DOCUMENT = "document:resume";
  public static final String COVER_LETTER_DOCUMENT = "document:cover_letter";

  public PlanEntry {
    options = options == null ? List.of() : List.copyOf(options);
  }

  /** An entry without a reason: filled, or missing because nothing trusted answers it. */
  public PlanEntry(String field, String label, String type, boolean required, String value, List<String> options,
                   String provenance, Sensitivity category) {
    this(field, label, type, required, value, options, provenance, category, null);
  }

  public boolean isMissing() {
    return MISSING.equals(provenance);
  }

  public boolean isSelect() {
    return type != null && type.startsWith("multi_value");
  }
}
