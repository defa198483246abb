package io.applyflow.score;

import java.util.List;

/**
 * The outcome of scoring one job description against one resume.
 *
 * @param score       keyword overlap, 0–100
 * @param matching    the description's keywords that the resume also names, in description order
 * @param missing     the description's keywords that the resume does not name, in description order
 * @param explanation one or two plain sentences for the job page
 */
public record ScoreResult(int score, List<String> matching, List<String> missing, String explanation) {

  /** Copies the lists so the record stays immutable. */
  public ScoreResult {
    matching = List.copyOf(matching);
    missing = List.copyOf(missing);
  }
}
