package io.applyflow.tailor;

/**
 * One line of resume text, copied verbatim from the master resume.
 *
 * @param id   where the text came from, as a path into the JSON Resume document:
 *             {@code basics.summary}, {@code work[0].highlights[2]}, {@code projects[1].highlights[0]},
 *             or {@code work[3].summary} / {@code projects[0].description} for an entry without highlights
 * @param text the source text, exactly as written
 */
public record Bullet(String id, String text) {
}
