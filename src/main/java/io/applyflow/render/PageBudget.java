package io.applyflow.render;

import io.applyflow.tailor.Bullet;
import io.applyflow.tailor.Role;
import io.applyflow.tailor.TailoredResume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Fits a resume into its page budget ({@link RenderOptions#maxPages()}) by dropping bullets, lowest-ranked first.
 *
 * <p>What may go: only the bullets of work and project roles, and never a role's last one, so no role disappears.
 * The summary, the headings, the contact line, skills and education always stay. The order of dropping is fixed
 * before the first render ({@link #dropOrder}): with the tailor's relevance scores, the lowest-scored bullet
 * first; without them, the last bullet of the role that has the most (the tailor lists each role's bullets most
 * relevant first, so its last is its weakest).
 *
 * <p>How many to drop is searched, not stepped one by one: the first render tells how many lines spill past the
 * budget, which gives a first guess; from the guess the search widens until one count fits and a smaller one does
 * not, then bisects between them. A typical overflow costs three to five renders of ~40 ms each. The result is the
 * fewest drops that fit; if even dropping every droppable bullet does not fit, that smallest legal version is kept
 * and {@link Result#fits()} is false.
 *
 * <p>Pure (no Vert.x); blocking and CPU-bound, so call it from a worker thread.
 */
public final class PageBudget {

  private PageBudget() {
  }

  /**
   * The fitted resume and what it cost.
   *
   * @param pdf      the rendered PDF of {@link #resume()}
   * @param resume   the resume as rendered, without the dropped bullets: what the parse-back gate must check
   * @param dropped  the bullets taken out, in the order they were dropped (lowest-ranked first)
   * @param pages    the page count of {@link #pdf()}
   * @param maxPages the budget
   * @param renders  how many renders the search took, the first included
   */
  public record Result(byte[] pdf, TailoredResume resume, List<Bullet> dropped, int pages, int maxPages,
                       int renders) {
    public Result {
      dropped = List.copyOf(dropped);
    }

    /** Whether the PDF is within the budget. */
    public boolean fits() {
      return pages <= maxPages;
    }

    /** Pages over the budget; 0 when it fits. */
    public int pagesOver() {
      return Math.max(0, pages - maxPages);
    }

    /**
     * The render event's account of the layout and the budget: "compact template on A4, 1 page; dropped 3 bullets
     * to fit 1 page", or "... 2 pages; 1 page over the 1 page budget even with 9 bullets dropped (each role keeps
     * at least one)".
     */
    public String describe(RenderOptions options) {
      String paper = options.paper() == RenderOptions.Paper.A4 ? "A4" : "Letter";
      String base = options.template().id() + " template on " + paper + ", " + count(pages, "page");
      String bullets = count(dropped.size(), "bullet");
      if (!fits()) {
        return base + "; " + count(pagesOver(), "page") + " over the " + count(maxPages, "page")
            + " budget even with " + bullets + " dropped (each role keeps at least one)";
      }
      return dropped.isEmpty() ? base : base + "; dropped " + bullets + " to fit " + count(maxPages, "page");
    }

    private static String count(int n, String what) {
      return n + " " + what + (n == 1 ? "" : "s");
    }
  }

  /** {@link #fit(TailoredResume, int, Map, Function)} with {@code pdf} rendering in {@code options}. */
  public static Result fit(TailoredResume r, RenderOptions options, Map<String, Double> relevance, ResumePdf pdf) {
    return fit(r, options.maxPages(), relevance, reduced -> pdf.render(reduced, options));
  }

  /**
   * Renders {@code r} and, while it is over {@code maxPages}, drops bullets in {@link #dropOrder} and renders again.
   *
   * @param relevance bullet id → the tailor's relevance score (a job's {@code tailor_diff}); null, empty or missing
   *                  a bullet means rank by position
   * @param renderer  the resume → PDF function, e.g. {@code r -> pdf.render(r, options)}
   */
  public static Result fit(TailoredResume r, int maxPages, Map<String, Double> relevance,
                           Function<TailoredResume, byte[]> renderer) {
    List<Bullet> order = dropOrder(r, relevance);
    Probe first = Probe.of(renderer.apply(r), 0, r, maxPages);
    int renders = 1;
    if (first.pages <= maxPages || order.isEmpty()) {
      return first.result(List.of(), maxPages, renders);
    }
    // Invariant of the search: bad < k for every k known to fit, and k = good fits (null until one does).
    int bad = 0;
    Probe good = null;
    int k = Math.max(1, Math.min(order.size(), guess(first, order, maxPages)));
    int step = 1;
    // Widen from the guess: up (doubling the step) until something fits or nothing is left to drop.
    while (good == null) {
      Probe p = probe(r, order, k, maxPages, renderer);
      renders++;
      if (p.pages <= maxPages) {
        good = p;
      } else if (k == order.size()) {
        // Even the smallest legal resume is over: keep it; the caller says how far over.
        return p.result(order, maxPages, renders);
      } else {
        bad = k;
        k = Math.min(order.size(), k + step);
        step *= 2;
      }
    }
    // Widen down from a first fit found on the guess itself, so the answer is the fewest drops, not the guess.
    step = 1;
    while (bad == 0 && good.dropped > 1) {
      int lower = Math.max(1, good.dropped - step);
      Probe p = probe(r, order, lower, maxPages, renderer);
      renders++;
      if (p.pages <= maxPages) {
        good = p;
        step *= 2;
      } else {
        bad = lower;
      }
    }
    // Bisect (bad, good.dropped).
    while (good.dropped - bad > 1) {
      int mid = (bad + good.dropped) >>> 1;
      Probe p = probe(r, order, mid, maxPages, renderer);
      renders++;
      if (p.pages <= maxPages) {
        good = p;
      } else {
        bad = mid;
      }
    }
    return good.result(order.subList(0, good.dropped), maxPages, renders);
  }

  /**
   * The bullets that may be dropped, first to drop first. Each role keeps its best bullet (highest score, else its
   * first); the summary, skills and education are not bullets of a role and never appear here.
   */
  static List<Bullet> dropOrder(TailoredResume r, Map<String, Double> relevance) {
    List<Role> roles = new ArrayList<>(r.work());
    roles.addAll(r.projects());
    boolean scored = relevance != null && !relevance.isEmpty() && roles.stream()
        .allMatch(role -> role.bullets().stream().allMatch(b -> relevance.get(b.id()) != null));
    return scored ? byScore(roles, relevance) : byPosition(roles);
  }

  /** Every bullet but each role's best, lowest score first; a tie drops the later one (older role, lower in it). */
  private static List<Bullet> byScore(List<Role> roles, Map<String, Double> relevance) {
    record Candidate(Bullet bullet, double score, int role, int index) {
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < roles.size(); i++) {
      List<Bullet> bullets = roles.get(i).bullets();
      int best = 0;
      for (int j = 1; j < bullets.size(); j++) {
        if (relevance.get(bullets.get(j).id()) > relevance.get(bullets.get(best).id())) {
          best = j;
        }
      }
      for (int j = 0; j < bullets.size(); j++) {
        if (j != best) {
          candidates.add(new Candidate(bullets.get(j), relevance.get(bullets.get(j).id()), i, j));
        }
      }
    }
    candidates.sort(Comparator.comparingDouble(Candidate::score)
        .thenComparing(Comparator.comparingInt(Candidate::role).reversed())
        .thenComparing(Comparator.comparingInt(Candidate::index).reversed()));
    return candidates.stream().map(Candidate::bullet).toList();
  }

  /**
   * Without scores: repeatedly the last remaining bullet of the role with the most remaining (the later role on a
   * tie), until every role is down to one.
   */
  private static List<Bullet> byPosition(List<Role> roles) {
    List<Integer> left = new ArrayList<>(roles.stream().map(role -> role.bullets().size()).toList());
    List<Bullet> out = new ArrayList<>();
    while (true) {
      int pick = -1;
      for (int i = 0; i < left.size(); i++) {
        if (left.get(i) > 1 && (pick < 0 || left.get(i) >= left.get(pick))) {
          pick = i;
        }
      }
      if (pick < 0) {
        return out;
      }
      int n = left.get(pick);
      out.add(roles.get(pick).bullets().get(n - 1));
      left.set(pick, n - 1);
    }
  }

  /** {@code r} without the given bullets; everything else as it was. */
  static TailoredResume without(TailoredResume r, List<Bullet> drop) {
    Set<String> ids = new HashSet<>();
    drop.forEach(b -> ids.add(b.id()));
    Function<List<Role>, List<Role>> keep = roles -> roles.stream().map(role -> new Role(role.title(),
        role.organisation(), role.location(), role.start(), role.end(),
        role.bullets().stream().filter(b -> !ids.contains(b.id())).toList())).toList();
    return new TailoredResume(r.name(), r.label(), r.email(), r.phone(), r.location(), r.links(), r.summary(),
        keep.apply(r.work()), keep.apply(r.projects()), r.education(), r.skills(), r.sectionHeadings());
  }

  /**
   * First guess at how many to drop: lines past the budget (counted in the first render's text) against the lines
   * the bullets in drop order take, with each bullet's line count estimated from its length and the longest line of
   * the first page. It only seeds the search, so being off costs a render or two, never a wrong answer.
   */
  private static int guess(Probe first, List<Bullet> order, int maxPages) {
    int lineChars = Math.max(40, first.longestLine);
    int need = first.overflowLines;
    int lines = 0;
    for (int k = 0; k < order.size(); k++) {
      lines += (order.get(k).text().length() + lineChars - 1) / lineChars;
      if (lines >= need) {
        return k + 1;
      }
    }
    return order.size();
  }

  private static Probe probe(TailoredResume r, List<Bullet> order, int k, int maxPages,
                             Function<TailoredResume, byte[]> renderer) {
    TailoredResume reduced = without(r, order.subList(0, k));
    return Probe.of(renderer.apply(reduced), k, reduced, maxPages);
  }

  /** One render: its bytes, page count, and for the first, how much spilled past the budget. */
  private record Probe(byte[] pdf, int pages, int dropped, TailoredResume resume, int overflowLines, int longestLine) {
    static Probe of(byte[] pdf, int dropped, TailoredResume resume, int maxPages) {
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        int pages = doc.getNumberOfPages();
        int overflow = 0;
        int longest = 0;
        if (dropped == 0 && pages > maxPages) {
          PDFTextStripper stripper = new PDFTextStripper();
          stripper.setStartPage(1);
          stripper.setEndPage(1);
          for (String line : stripper.getText(doc).split("\\R")) {
            longest = Math.max(longest, line.length());
          }
          stripper.setStartPage(maxPages + 1);
          stripper.setEndPage(pages);
          overflow = (int) stripper.getText(doc).lines().filter(l -> !l.isBlank()).count();
        }
        return new Probe(pdf, pages, dropped, resume, overflow, longest);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot count the pages of the rendered PDF", e);
      }
    }

    Result result(List<Bullet> dropped, int maxPages, int renders) {
      return new Result(pdf, resume, dropped, pages, maxPages, renders);
    }
  }
}
