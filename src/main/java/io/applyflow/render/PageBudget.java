package io.applyflow.render;

import io.applyflow.tailor.Bullet;
import io.applyflow.tailor.Role;
import io.applyflow.tailor.TailoredResume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Fits a resume into its page budget ({@link RenderOptions#maxPages()}) by dropping bullets, lowest-ranked first.
 *
 * <p>What may go: only the bullets of work and project roles, and never a role's last one, so no role disappears.
 * The summary, the headings, the contact line, skills and education always stay. The order of dropping is fixed
 * before the first render ({@link #dropOrder}): with the tailor's relevance scores, the lowest-scored bullet
 * first; without them, the last bullet of the role that has the most (the tailor lists each role's bullets most
 * relevant first, so its last is its weakest).
 *
 * <p>How many to drop is searched, not stepped one by one ({@link Search}): each render says how many lines are
 * over the budget or free on the last page, and each bullet's lines are estimated from its length, so the next
 * probe is usually right or one off; the search stops when it knows k drops fit and k - 1 do not. A typical
 * overflow costs three or four renders. The result is the fewest drops that fit; if even dropping every droppable
 * bullet does not fit, that smallest legal version is kept and {@link Result#fits()} is false.
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
    byte[] whole = renderer.apply(r);
    Measure first = Measure.of(whole, maxPages, null);
    if (first.pages() <= maxPages || order.isEmpty()) {
      return new Result(whole, r, List.of(), first.pages(), maxPages, 1);
    }
    Search search = new Search(r, order, maxPages, renderer, first);
    return search.run();
  }

  /**
   * The search for the fewest drops that fit. Known: {@code bad} drops do not fit (0 at the start), {@code good}
   * drops fit (none yet at the start). Each probe lies strictly between them, so the bracket narrows every time; the
   * answer is {@code good} once {@code good - bad == 1}. Where to probe comes from the last render: over the budget
   * by L lines → drop the next bullets until their estimated lines add up to L; fitting with F free lines on the
   * last page → put back the last-dropped bullets whose lines add up to at most F. After three probes in a row on one
   * side it moves at least 2, then 4, 8... from the bound instead, so a poor estimate costs a few renders, never a walk
   * through every bullet.
   */
  private static final class Search {
    private final TailoredResume r;
    private final List<Bullet> order;
    private final int maxPages;
    private final Function<TailoredResume, byte[]> renderer;
    private final Measure first;
    private final int[] lines;
    private int renders = 1;

    Search(TailoredResume r, List<Bullet> order, int maxPages, Function<TailoredResume, byte[]> renderer,
           Measure first) {
      this.r = r;
      this.order = order;
      this.maxPages = maxPages;
      this.renderer = renderer;
      this.first = first;
      int lineChars = Math.max(30, first.longestLine());
      this.lines = order.stream().mapToInt(b -> Math.max(1, (b.text().length() + lineChars - 1) / lineChars)).toArray();
    }

    Result run() {
      int n = order.size();
      int bad = 0;
      int good = n + 1; // n + 1: nothing known to fit yet
      Result fit = null;
      Boolean lastFit = null; // the side of the last probe: true when it fitted
      int sameSide = 0;
      int k = further(0, first.overflowLines());
      while (good - bad > 1) {
        int hi = Math.min(n, good - 1);
        if (sameSide >= 2) {
          // A third time on the same side: the estimate is timid, so move at least 2, 4, 8... from the bound.
          int jump = 1 << (sameSide - 1);
          k = lastFit ? Math.min(k, good - jump) : Math.max(k, bad + jump);
        }
        k = Math.max(bad + 1, Math.min(hi, k));
        TailoredResume reduced = without(r, order.subList(0, k));
        byte[] pdf = renderer.apply(reduced);
        renders++;
        Measure m = Measure.of(pdf, maxPages, first);
        boolean fits = m.pages() <= maxPages;
        sameSide = lastFit != null && lastFit == fits ? sameSide + 1 : 0;
        lastFit = fits;
        if (fits) {
          good = k;
          fit = new Result(pdf, reduced, order.subList(0, k), m.pages(), maxPages, renders);
          k = back(k, m.freeLines());
        } else if (k == n) {
          // Even the smallest legal resume is over: keep it; the caller says how far over.
          return new Result(pdf, reduced, order, m.pages(), maxPages, renders);
        } else {
          bad = k;
          k = further(k, m.overflowLines());
        }
      }
      return new Result(fit.pdf(), fit.resume(), fit.dropped(), fit.pages(), maxPages, renders);
    }

    /** From {@code k} drops, how many drops take out at least {@code overflow} more lines. */
    private int further(int k, int overflow) {
      int j = k;
      int saved = 0;
      while (j < lines.length && (saved < overflow || j == k)) {
        saved += lines[j++];
      }
      return j;
    }

    /** From {@code k} drops that fit with {@code free} lines to spare, how few drops would still fit. */
    private int back(int k, int free) {
      int j = k;
      int added = 0;
      while (j > 0 && added + lines[j - 1] <= free) {
        added += lines[--j];
      }
      return j == k ? k - 1 : j;
    }
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
        keep.apply(r.work()), keep.apply(r.projects()), r.education(), r.skills(), r.sectionHeadings(),
        r.skillGroups());
  }

  /**
   * What one render tells the search, from PDFBox's text positions: the page count; for a render over the budget,
   * how many text lines fall past the budget's last page; for one within it, how many more lines would fit below
   * the last one (down to the lowest line the first render's page allows). The first render also gives the line
   * height and the widest line in characters, which turn a bullet's length into an estimate of its lines.
   */
  record Measure(int pages, int overflowLines, int freeLines, int longestLine, float lineHeight, float fullBottom) {

    /** Measures {@code pdf}; {@code first} null means this is the first render (over the budget). */
    static Measure of(byte[] pdf, int maxPages, Measure first) {
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        int pages = doc.getNumberOfPages();
        if (first == null && pages <= maxPages) {
          return new Measure(pages, 0, 0, 0, 0, 0);
        }
        Baselines b = new Baselines();
        b.getText(doc);
        int overflow = 0;
        for (int p = maxPages + 1; p <= pages; p++) {
          overflow += b.lines(p).size();
        }
        if (first == null) {
          // The lowest a line can sit: the budget page's last line, or, when a kept-together item left a gap
          // there, the first line's distance from the top mirrored at the bottom (the templates' top and bottom
          // margins are equal).
          float lineHeight = b.lineHeight(1);
          float last = b.lines(maxPages).isEmpty() ? 0 : b.lines(maxPages).lastKey();
          float top = b.lines(1).isEmpty() ? 0 : b.lines(1).firstKey();
          float mirrored = doc.getPage(0).getMediaBox().getHeight() - top + lineHeight;
          return new Measure(pages, overflow, 0, b.longestLine(1), lineHeight, Math.max(last, mirrored));
        }
        int free = 0;
        if (pages <= maxPages && first.lineHeight() > 0) {
          float last = b.lines(pages).isEmpty() ? 0 : b.lines(pages).lastKey();
          int perPage = (int) (first.fullBottom() / first.lineHeight());
          free = (int) Math.floor((first.fullBottom() - last) / first.lineHeight()) + (maxPages - pages) * perPage;
        }
        return new Measure(pages, overflow, Math.max(0, free), 0, first.lineHeight(), first.fullBottom());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot count the pages of the rendered PDF", e);
      }
    }
  }

  /** Collects, per page, each text line's baseline (points from the top) and its character count. */
  private static final class Baselines extends PDFTextStripper {
    private final Map<Integer, TreeMap<Float, Integer>> pages = new HashMap<>();

    @Override
    protected void writeString(String text, List<TextPosition> positions) throws IOException {
      TreeMap<Float, Integer> page = pages.computeIfAbsent(getCurrentPageNo(), p -> new TreeMap<>());
      for (TextPosition t : positions) {
        // Half-point buckets: the glyphs of one line share a baseline up to rounding.
        page.merge(Math.round(t.getYDirAdj() * 2) / 2f, t.getUnicode() == null ? 0 : t.getUnicode().length(),
            Integer::sum);
      }
    }

    TreeMap<Float, Integer> lines(int page) {
      return pages.getOrDefault(page, new TreeMap<>());
    }

    int longestLine(int page) {
      return lines(page).values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** The most common gap between consecutive baselines: the body text's line height. */
    float lineHeight(int page) {
      List<Float> gaps = new ArrayList<>();
      Float previous = null;
      for (Float y : lines(page).keySet()) {
        if (previous != null) {
          gaps.add(y - previous);
        }
        previous = y;
      }
      if (gaps.isEmpty()) {
        return 0;
      }
      gaps.sort(null);
      return gaps.get(gaps.size() / 2);
    }
  }
}
