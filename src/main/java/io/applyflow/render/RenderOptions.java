package io.applyflow.render;

/**
 * How a user's documents are laid out: which resume template, which paper, and how many pages the resume may fill.
 *
 * @param template the resume template
 * @param paper    the paper size of the resume and the cover letter
 * @param maxPages 1 or 2: the page budget of the resume; bullets are dropped, lowest-ranked first, until it fits
 */
public record RenderOptions(Template template, Paper paper, int maxPages) {
  public static final RenderOptions DEFAULTS = new RenderOptions(Template.CLASSIC, Paper.LETTER, 2);

  /** The resume templates, each a file {@code templates/render/resume-<id>.html}. */
  public enum Template {
    /** Single column, generous spacing. */
    CLASSIC("classic"),
    /** Single column, tighter type and spacing: more on a page. */
    COMPACT("compact");

    private final String id;

    Template(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /** Paper sizes, as CSS {@code @page size} names. */
  public enum Paper {
    LETTER("letter"),
    A4("A4");

    private final String css;

    Paper(String css) {
      this.css = css;
    }

    public String css() {
      return css;
    }
  }
}
