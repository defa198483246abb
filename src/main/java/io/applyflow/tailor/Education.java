package io.applyflow.tailor;

/**
 * One education entry, copied verbatim from the resume; any field may be null.
 *
 * @param institution school or university
 * @param studyType   degree, e.g. "Bachelor of Science"
 * @param area        field of study
 * @param start       start date as written
 * @param end         end date as written, or {@code "Present"} when a start date has no end date
 */
public record Education(String institution, String studyType, String area, String start, String end) {
}
