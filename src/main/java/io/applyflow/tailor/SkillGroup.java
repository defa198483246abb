package io.applyflow.tailor;

import java.util.List;

/**
 * One line of the skills section: a JSON Resume {@code skills[]} entry's name as the label and its keywords, or,
 * with no label, the entries that name a skill on their own ({@code {"name": "Java"}}). The label is a heading,
 * never a skill: "Programming Languages" is not something the applicant claims to know.
 *
 * @param name     the group's name as written; null (or blank) for a line without a label
 * @param keywords the skills of the line, most relevant first, as written
 */
public record SkillGroup(String name, List<String> keywords) {

  /** Copies the list so the record stays immutable; null becomes empty. */
  public SkillGroup {
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
  }

  /** "Name: a, b, c", or "a, b, c" when the group has no name. */
  public String line() {
    String items = String.join(", ", keywords);
    return name == null || name.isBlank() ? items : name + ": " + items;
  }
}
