package io.applyflow.tracker;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.web.Inputs;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which applications a list shows: statuses (any of), a search over company, position, location and notes
 * (case-insensitive, the text taken literally), a sort key ({@code updated created company position status deadline
 * score}, {@code -} first for descending) and a page. Pure: parsed from the query's values, turned into an
 * {@code ORDER BY} from a fixed table (never from the text sent) and back into links.
 */
public record ApplicationQuery(List<String> statuses, String q, String sort, int page, int perPage) {
  public static final int PER_PAGE = 25;
  public static final int MAX_PER_PAGE = 100;
  public static final String DEFAULT_SORT = "-updated";
  private static final int MAX_PAGE = 100_000;

  /** The sort keys and their SQL expressions. */
  private static final Map<String, String> SORTS = Map.of(
      "updated", "a.updated_at",
      "created", "a.created_at",
      "company", "lower(a.company)",
      "position", "lower(a.position)",
      "status", "array_position(array['NEW','INTERESTED','RESUME_GENERATED','APPLIED','INTERVIEW','OFFER','REJECTED',"
          + "'DECLINED','WITHDRAWN']::text[], a.status)",
      "deadline", "a.deadline",
      "score", "a.score");

  public static final List<String> SORT_KEYS = List.of("updated", "created", "company", "position", "status",
      "deadline", "score");

  /** Everything, newest change first, first page. */
  public static ApplicationQuery all() {
    return new ApplicationQuery(List.of(), null, DEFAULT_SORT, 1, PER_PAGE);
  }

  /**
   * Parses the query's values; each of {@code status} may itself be a comma-separated list. BAD_INPUT names the
   * parameter that is wrong ({@code status}, {@code sort}, {@code page}, {@code per_page}).
   */
  public static ApplicationQuery parse(List<String> status, String q, String sort, String page, String perPage) {
    Set<String> statuses = new LinkedHashSet<>();
    for (String s : status == null ? List.<String>of() : status) {
      for (String part : s.split(",", -1)) {
        if (!part.isBlank()) {
          statuses.add(ApplicationStatus.parse("status", part).name());
        }
      }
    }
    String query = q == null || q.isBlank() ? null : Inputs.line("q", q.strip(), Inputs.SHORT_TEXT);
    String order = sort == null || sort.isBlank() ? DEFAULT_SORT : sort.strip().toLowerCase(Locale.ROOT);
    if (!SORTS.containsKey(order.startsWith("-") ? order.substring(1) : order)) {
      throw Failure.BAD_INPUT.with("sort must be one of " + String.join(", ", SORT_KEYS)
          + " (with - first for descending), got '" + Inputs.shown(order) + "'");
    }
    return new ApplicationQuery(List.copyOf(statuses), query, order, number("page", page, 1, MAX_PAGE),
        number("per_page", perPage, PER_PAGE, MAX_PER_PAGE));
  }

  private static int number(String name, String raw, int fallback, int max) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    String s = raw.strip();
    if (s.length() <= 9 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      int v = Integer.parseInt(s);
      if (v >= 1 && v <= max) {
        return v;
      }
    }
    throw Failure.BAD_INPUT.with(name + " must be a whole number from 1 to " + max + ", got '"
        + Inputs.shown(s.length() > 20 ? s.substring(0, 20) : s) + "'");
  }

  /** The sort key without its direction. */
  public String sortKey() {
    return sort.startsWith("-") ? sort.substring(1) : sort;
  }

  public boolean descending() {
    return sort.startsWith("-");
  }

  /** The {@code ORDER BY} expression (from the fixed table), empty values last, the newest id breaking ties. */
  public String orderBy() {
    return SORTS.get(sortKey()) + (descending() ? " desc" : " asc") + " nulls last, a.id desc";
  }

  /** The search as an {@code ILIKE} pattern matching it anywhere, its {@code % _ \} taken literally; or null. */
  public String likePattern() {
    if (q == null) {
      return null;
    }
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  public int offset() {
    return (page - 1) * perPage;
  }

  public ApplicationQuery withPage(int p) {
    return new ApplicationQuery(statuses, q, sort, p, perPage);
  }

  /** Sorting by {@code key}: ascending first, or the other direction when the list is already sorted by it. */
  public ApplicationQuery sortedBy(String key) {
    String next = key.equals(sortKey()) && !descending() ? "-" + key : key;
    if (key.equals("updated") || key.equals("created") || key.equals("score")) {
      next = key.equals(sortKey()) && descending() ? key : "-" + key; // newest and best first by default
    }
    return new ApplicationQuery(statuses, q, next, 1, perPage);
  }

  /** This query as a URL query string (without {@code ?}), leaving out defaults. */
  public String queryString() {
    List<String> parts = new ArrayList<>();
    for (String s : statuses) {
      parts.add("status=" + s);
    }
    if (q != null) {
      parts.add("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }
    if (!sort.equals(DEFAULT_SORT)) {
      parts.add("sort=" + sort);
    }
    if (page != 1) {
      parts.add("page=" + page);
    }
    if (perPage != PER_PAGE) {
      parts.add("per_page=" + perPage);
    }
    return parts.stream().collect(Collectors.joining("&"));
  }
}
