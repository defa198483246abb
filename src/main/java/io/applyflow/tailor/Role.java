package io.applyflow.tailor;

import java.util.List;

/**
 * A job or a project with its chosen bullets. Every field is copied verbatim from the resume.
 *
 * @param title        position (work) or project name; may be null
 * @param organisation employer (work) or entity (project); may be null
 * @param location     where the role was held; may be null
 * @param start        start date as written in the resume; may be null
 * @param end          end date as written, {@code "Present"} when a start date has no end date, or null
 * @param bullets      the chosen bullets, most relevant first
 */
public record Role(String title, String organisation, String location, String start, String end,
    List<Bullet> bullets) {

  /** Copies the list so the record stays immutable; null becomes empty. */
  public Role {
    bullets = bullets == null ? List.of() : List.copyOf(bullets);
  }
}
