package io.applyflow.tailor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A resume tailored to one job: the master resume's own facts and bullets, selected and ordered for
 * the job. Nothing here is written by us: every bullet carries the id of its source text.
 * Serialises with Jackson as a plain record (the derived {@link #bullets()} is not a component, so it
 * is not written).
 *
 * <p>The contact fields are the profile's {@link io.applyflow.profile.Contact}: the applicant's own values over the
 * resume's {@code basics}, the same ones the application form is given.
 *
 * @param name            the contact name ({@code basics.name}, or the applicant's first and last name)
 * @param label           {@code basics.label}; may be null
 * @param email           may be null
 * @param phone           the applicant's phone, else {@code basics.phone}; may be null
 * @param location        the contact location ("city, region" from {@code basics.location}); may be null
 * @param links           {@code basics.url} then {@code basics.profiles}, with the applicant's links applied
 * @param summary         {@code basics.summary} as a bullet; null when the resume has none
 * @param work            jobs in resume order, each with its chosen bullets
 * @param projects        projects in resume order, each with its chosen bullets
 * @param education       education entries in resume order
 * @param skills          the resume's skills, most relevant first: every keyword, and the name of every entry that
 *                        has no keywords (a name with keywords labels a group and is not a skill)
 * @param sectionHeadings headings the PDF shows, in order, only for non-empty sections
 * @param skillGroups     the same skills as the lines of the skills section, see {@link #skillLines()}; when null or
 *                        empty (JSON stored before groups existed) the flat {@code skills} become one unlabelled line
 */
public record TailoredResume(String name, String label, String email, String phone, String location,
    List<Link> links, Bullet summary, List<Role> work, List<Role> projects, List<Education> education,
    List<String> skills, List<String> sectionHeadings, List<SkillGroup> skillGroups) {

  /** Heading of the summary section. */
  public static final String SUMMARY = "Summary";
  /** Heading of the work section. */
  public static final String EXPERIENCE = "Experience";
  /** Heading of the projects section. */
  public static final String PROJECTS = "Projects";
  /** Heading of the skills section. */
  public static final String SKILLS = "Skills";
  /** Heading of the education section. */
  public static final String EDUCATION = "Education";

  /** Copies the lists so the record stays immutable; null lists become empty. */
  public TailoredResume {
    links = copy(links);
    work = copy(work);
    projects = copy(projects);
    education = copy(education);
    skills = copy(skills);
    sectionHeadings = copy(sectionHeadings);
    skillGroups = copy(skillGroups);
    if (skillGroups.isEmpty() && !skills.isEmpty()) {
      // Stored before issue 10: the groups are unknown (and the flat list may still hold group names, which only
      // the master resume could tell apart), so the list is printed as it was, on one line.
      skillGroups = List.of(new SkillGroup(null, skills));
    }
  }

  /**
   * Every chosen bullet in document order: sections in {@link #sectionHeadings()} order (the summary,
   * work and project bullets), then the bullets of any section the headings leave out, which the PDF
   * therefore does not show.
   */
  public List<Bullet> bullets() {
    List<Bullet> all = new ArrayList<>();
    List<String> order = new ArrayList<>(sectionHeadings);
    for (String s : List.of(SUMMARY, EXPERIENCE, PROJECTS)) {
      if (!order.contains(s)) {
        order.add(s);
      }
    }
    for (String heading : order) {
      all.addAll(bulletsUnder(heading));
    }
    return all;
  }

  /**
   * The lines of the skills section, one per {@link #skillGroups() group} in order: "Group: a, b, c", or just
   * "a, b, c" for the skills that stand alone and for a group without a name. Groups come by their most relevant
   * skill, skills within a group most relevant first (see {@link Tailor}).
   */
  public List<String> skillLines() {
    return skillGroups.stream().filter(g -> !g.keywords().isEmpty()).map(SkillGroup::line).toList();
  }

  /** The bullets shown under one section heading, in order; empty for sections without bullets. */
  public List<Bullet> bulletsUnder(String heading) {
    List<Bullet> out = new ArrayList<>();
    switch (heading) {
      case SUMMARY -> {
        if (summary != null) {
          out.add(summary);
        }
      }
      case EXPERIENCE -> work.forEach(r -> out.addAll(r.bullets()));
      case PROJECTS -> projects.forEach(r -> out.addAll(r.bullets()));
      default -> {
      }
    }
    return out;
  }

  /**
   * This resume with the text of some bullets replaced, by bullet id (an accepted rewording); ids, order and
   * everything else unchanged.
   */
  public TailoredResume withTexts(Map<String, String> byId) {
    UnaryOperator<Bullet> swap = b -> b == null || !byId.containsKey(b.id()) ? b : new Bullet(b.id(), byId.get(b.id()));
    return new TailoredResume(name, label, email, phone, location, links, swap.apply(summary), swapped(work, swap),
        swapped(projects, swap), education, skills, sectionHeadings, skillGroups);
  }

  private static List<Role> swapped(List<Role> roles, UnaryOperator<Bullet> swap) {
    return roles.stream().map(r -> new Role(r.title(), r.organisation(), r.location(), r.start(), r.end(),
        r.bullets().stream().map(swap).toList())).toList();
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
