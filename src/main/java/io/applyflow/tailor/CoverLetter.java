package io.applyflow.tailor;

import io.applyflow.score.Keywords;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A cover letter as paragraphs: a greeting, two to four short body paragraphs and a sign-off.
 *
 * @param paragraphs the letter's paragraphs in order; the sign-off puts the name on its own line
 */
public record CoverLetter(List<String> paragraphs) {

  /** Most bullets quoted in the template letter. */
  public static final int MAX_HIGHLIGHTS = 3;
  /** Most skills named in the template letter. */
  public static final int MAX_SKILLS = 5;

  /** Copies the list so the record stays immutable; null becomes empty. */
  public CoverLetter {
    paragraphs = paragraphs == null ? List.of() : List.copyOf(paragraphs);
  }

  /** The letter as plain text, paragraphs separated by a blank line. */
  public String text() {
    return String.join("\n\n", paragraphs);
  }

  /**
   * The plain letter, used when no LLM is configured or the LLM's letter fails the {@link FactGate}. It
   * says nothing the profile does not: besides fixed wording (kept to lower-case words after each
   * sentence's first, so it cannot add a name), it copies the name, the most recent role's title and
   * employer and the earlier employers from {@code resume.work()}, up to {@value #MAX_HIGHLIGHTS} chosen
   * bullets quoted verbatim (the most relevant bullet of each role, most recent role first, then the
   * next bullet of each, projects after work), and up to {@value #MAX_SKILLS} skills of {@code
   * matchingSkills} that the resume itself has in {@link TailoredResume#skills()} (written as the resume
   * writes them) or in a chosen bullet (when none is, the resume's most relevant technologies are
   * listed without claiming a match).
   * The job's {@code company} and {@code jobTitle} are named as given. Without work the label and the
   * first education entry stand in; missing parts (no skills, no bullets, null name, company or title)
   * leave their sentence or paragraph out. Pure and thread-safe.
   *
   * @param resume         the tailored resume (the master resume's own facts)
   * @param company        the employer, as the posting names it; may be null
   * @param jobTitle       the posting's title; may be null
   * @param matchingSkills skills the scorer found in both the description and the resume; may be null
   */
  public static CoverLetter template(TailoredResume resume, String company, String jobTitle,
      List<String> matchingSkills) {
    String co = blank(company) ? null : company.strip();
    String title = blank(jobTitle) ? null : jobTitle.strip();
    List<String> out = new ArrayList<>();
    out.add(co == null ? "Dear hiring team," : "Dear " + co + " hiring team,");

    out.add(opening(resume, co, title));

    List<Bullet> highlights = highlights(resume, MAX_HIGHLIGHTS);
    if (!highlights.isEmpty()) {
      List<String> quoted = highlights.stream().map(b -> "“" + trimEnd(b.text()) + "”").toList();
      out.add("A few things from my experience that fit this role: " + list(quoted) + ".");
    }

    List<String> matching = ownSkills(resume, matchingSkills);
    if (!matching.isEmpty()) {
      out.add("My skills include " + list(matching) + (matching.size() == 1 ? ", which " : ", all of which ")
          + (title == null ? "this role" : "the " + title + " role") + " calls for.");
    } else if (!resume.skills().isEmpty()) {
      // Prefer named technologies ("SQL") over other skills ("Team training").
      List<String> named = resume.skills().stream().filter(s -> !Keywords.extract(s).isEmpty()).toList();
      List<String> shown = named.isEmpty() ? resume.skills() : named;
      out.add("My skills include " + list(shown.subList(0, Math.min(MAX_SKILLS, shown.size()))) + ".");
    }

    out.add("Thank you for your time and consideration. I would welcome the chance to talk about how I could "
        + "contribute to " + (co == null ? "your team" : co) + ".");
    out.add(blank(resume.name()) ? "Sincerely," : "Sincerely,\n" + resume.name().strip());
    return new CoverLetter(out);
  }

  /**
   * Up to {@code max} chosen bullets: each role's most relevant bullet (work in resume order, then
   * projects), then each role's second, and so on. The summary is never one of them.
   */
  static List<Bullet> highlights(TailoredResume resume, int max) {
    List<Role> roles = new ArrayList<>(resume.work());
    roles.addAll(resume.projects());
    List<Bullet> out = new ArrayList<>();
    for (int rank = 0; out.size() < max; rank++) {
      boolean any = false;
      for (Role r : roles) {
        if (rank < r.bullets().size()) {
          any = true;
          if (out.size() < max) {
            out.add(r.bullets().get(rank));
          }
        }
      }
      if (!any) {
        break;
      }
    }
    return out;
  }

  private static String opening(TailoredResume resume, String co, String title) {
    StringBuilder sb = new StringBuilder("I am applying for ")
        .append(title == null ? "this role" : "the " + title + " role");
    if (co != null) {
      sb.append(" at ").append(co);
    }
    sb.append('.');
    List<Role> work = resume.work().stream()
        .filter(r -> !blank(r.title()) || !blank(r.organisation())).toList();
    if (!work.isEmpty()) {
      Role latest = work.get(0);
      boolean current = "Present".equals(latest.end());
      sb.append(current ? " I currently work" : " Most recently I worked");
      if (!blank(latest.organisation())) {
        sb.append(" at ").append(latest.organisation().strip());
      }
      if (!blank(latest.title())) {
        sb.append(" as ").append(latest.title().strip());
      }
      sb.append('.');
      Set<String> earlier = new LinkedHashSet<>();
      for (Role r : work.subList(1, work.size())) {
        if (!blank(r.organisation()) && !r.organisation().strip().equals(latest.organisation())) {
          earlier.add(r.organisation().strip());
        }
      }
      if (!earlier.isEmpty()) {
        sb.append(" Before that I worked at ").append(list(List.copyOf(earlier).subList(0,
            Math.min(2, earlier.size())))).append('.');
      }
      return sb.toString();
    }
    if (!blank(resume.label())) {
      String label = resume.label().strip();
      sb.append(" I am ").append("aeiouAEIOU".indexOf(label.charAt(0)) >= 0 ? "an " : "a ").append(label)
          .append('.');
    }
    resume.education().stream().filter(e -> !blank(e.institution())).findFirst().ifPresent(e -> {
      sb.append(" I studied");
      if (!blank(e.area())) {
        sb.append(' ').append(e.area().strip());
      }
      sb.append(" at ").append(e.institution().strip()).append('.');
    });
    return sb.toString();
  }

  /**
   * The matching skills the resume has: a skill of {@link TailoredResume#skills()} equal to it or naming the
   * same {@link Keywords} term, written as the resume writes it; else the term itself when a chosen bullet
   * names it (a bullet's "mentored" gives "mentoring").
   */
  private static List<String> ownSkills(TailoredResume resume, List<String> matching) {
    Set<String> out = new LinkedHashSet<>();
    if (matching == null) {
      return List.of();
    }
    Set<String> inBullets = new LinkedHashSet<>();
    resume.bullets().forEach(b -> inBullets.addAll(Keywords.extract(b.text())));
    for (String m : matching) {
      if (blank(m) || out.size() == MAX_SKILLS) {
        continue;
      }
      String own = resume.skills().stream()
          .filter(s -> s.equalsIgnoreCase(m) || Keywords.extract(s).contains(m)).findFirst()
          .orElse(inBullets.contains(m) ? m : null);
      if (own != null && out.stream().noneMatch(own::equalsIgnoreCase)) {
        out.add(own);
      }
    }
    return List.copyOf(out);
  }

  /** "a", "a and b", "a, b and c". */
  static String list(List<String> items) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  private static String trimEnd(String text) {
    return text.strip().replaceAll("[.;,]+$", "");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
