package io.applyflow.tailor;

/**
 * What tailoring did with one bullet of the master resume; one row of the job page's "tailored against
 * your master resume" table. Serialises with Jackson as a plain record (camelCase keys).
 *
 * @param id            the master bullet's id ({@code work[0].highlights[2]}, {@code basics.summary[1]})
 * @param role          "title · organisation" of its job or project, or "Summary"
 * @param text          the master text, as written
 * @param relevance     its BM25 relevance to the job (see {@link Tailor#relevance}); 0 for no overlap
 * @param change        {@link #KEPT} (same position within its role as in the master), {@link #MOVED}
 *                      (kept at another position) or {@link #DROPPED}
 * @param masterIndex   position within its role in the master resume, from 0
 * @param tailoredIndex position within its role in the tailored resume, from 0; -1 when dropped
 */
public record BulletChange(String id, String role, String text, double relevance, String change, int masterIndex,
    int tailoredIndex) {

  /** Kept at its master position. */
  public static final String KEPT = "kept";
  /** Kept, at another position. */
  public static final String MOVED = "moved";
  /** Not in the tailored resume. */
  public static final String DROPPED = "dropped";
}
