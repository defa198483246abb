package io.applyflow.apply;

/**
 * One answer from the user's answer bank: the question as an employer worded it, its normalised key
 * ({@link AnswerKeys#key}) and the user's answer. For a select the answer is the chosen option's label; several
 * options of a multi-select are separated by new lines or semicolons.
 *
 * @param id           the saved answer's row id, used in provenance ({@code answer:<id>})
 * @param questionKey  {@link AnswerKeys#key} of {@code questionText}
 * @param questionText the question as first seen
 * @param answer       the user's answer
 */
public record SavedAnswer(long id, String questionKey, String questionText, String answer) {
  /** A saved answer whose key is computed from the question text. */
  public static SavedAnswer of(long id, String questionText, String answer) {
    return new SavedAnswer(id, AnswerKeys.key(questionText), questionText, answer);
  }

  /** The provenance of a value taken from this answer. */
  public String provenance() {
    return "answer:" + id;
  }
}
