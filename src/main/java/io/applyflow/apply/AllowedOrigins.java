package io.applyflow.apply;

import io.applyflow.platform.web.SafeUrls;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the apply worker's browser may go: the hosts of the application forms its adapters know (Greenhouse's hosted
 * renderer {@code job-boards.greenhouse.io} and classic boards {@code boards.greenhouse.io}, and their {@code .eu.}
 * twins; Lever's {@code jobs.lever.co} and {@code jobs.eu.lever.co}; Ashby's {@code jobs.ashbyhq.com}; over https) plus extra origins given by the deployment (the sandbox board, {@code APPLY_ALLOWED_ORIGINS}).
 * A URL is allowed when {@link SafeUrls} accepts it (http(s), well-formed, no user info) and its origin (scheme, host
 * and port, exactly) is one of these. Sub-frames may also load the reCAPTCHA frames a Greenhouse form runs on submit.
 * Immutable.
 */
public final class AllowedOrigins {
  /** The Greenhouse hosts whose pages this adapter fills (EXTERNAL_APIS.md §2.1). */
  public static final List<String> GREENHOUSE = List.of("https://job-boards.greenhouse.io",
      "https://boards.greenhouse.io", "https://job-boards.eu.greenhouse.io", "https://boards.eu.greenhouse.io");
  /** Lever's hosted postings and application forms, global and EU (EXTERNAL_APIS.md §3). */
  public static final List<String> LEVER = List.of("https://jobs.lever.co", "https://jobs.eu.lever.co");
  /** Ashby's hosted job boards and application forms (EXTERNAL_APIS.md §4). */
  public static final List<String> ASHBY = List.of("https://jobs.ashbyhq.com");
  /** Frames (not pages) a Greenhouse form loads: its invisible reCAPTCHA Enterprise. Origin plus path prefix. */
  static final List<String> CAPTCHA_FRAMES = List.of("https://www.recaptcha.net/recaptcha/",
      "https://www.google.com/recaptcha/");

  private final Set<String> origins;
  private final List<String> extra;

  /**
   * @param extraOrigins origins like {@code http://127.0.0.1:41234}, matched exactly (scheme, host, port)
   * @throws IllegalArgumentException naming an entry that is not a bare http(s) origin
   */
  public AllowedOrigins(Collection<String> extraOrigins) {
    Set<String> all = new LinkedHashSet<>(GREENHOUSE);
    all.addAll(LEVER);
    all.addAll(ASHBY);
    List<String> ex = new ArrayList<>();
    for (String o : extraOrigins) {
      String origin = SafeUrls.bareOrigin(o);
      if (origin == null) {
        throw new IllegalArgumentException("'" + o + "' is not an origin (scheme://host[:port], http or https, "
            + "nothing after the port)");
      }
      if (all.add(origin)) {
        ex.add(origin);
      }
    }
    this.origins = Set.copyOf(all);
    this.extra = List.copyOf(ex);
  }

  /** The ATSs' own hosts only (Greenhouse's, and since Lever and Ashby joined, theirs; the name is its callers'). */
  public static AllowedOrigins greenhouseOnly() {
    return new AllowedOrigins(List.of());
  }

  /** The origins given on top of the ATSs' own, normalised. */
  public List<String> extraOrigins() {
    return extra;
  }

  public boolean allows(String url) {
    return refusal(url) == null;
  }

  /** Why the browser must not open {@code url} as a page, or null when it may. */
  public String refusal(String url) {
    String unsafe = SafeUrls.refusal(url);
    if (unsafe != null) {
      return unsafe;
    }
    String origin = SafeUrls.origin(url);
    if (origins.contains(origin)) {
      return null;
    }
    return origin + " is not an application-form host Applyflow knows (Greenhouse's, Lever's and Ashby's job boards"
        + (extra.isEmpty() ? "" : " or " + String.join(", ", extra)) + "; more can be allowed with APPLY_ALLOWED_ORIGINS)";
  }

  /** Why a sub-frame must not load {@code url}, or null when it may: allowed pages plus the captcha frames. */
  public String frameRefusal(String url) {
    String why = refusal(url);
    if (why == null || SafeUrls.parse(url) == null) {
      return why;
    }
    URI uri = SafeUrls.parse(url);
    String originAndPath = SafeUrls.origin(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath());
    for (String prefix : CAPTCHA_FRAMES) {
      if (originAndPath.startsWith(prefix)) {
        return null;
      }
    }
    return why;
  }
}
