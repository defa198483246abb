package io.applyflow.analyze;

import io.applyflow.search.AtsLinks;
import io.applyflow.search.AtsSource;
import io.applyflow.search.AtsSources;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * Reads the posting a URL names. A Greenhouse, Lever or Ashby posting link ({@link AtsLinks}) is read through that
 * ATS's public API with the search stage's own sources (the configured GREENHOUSE_API_URL, LEVER_API_URL,
 * LEVER_EU_API_URL and ASHBY_API_URL), never by fetching the link itself; any other http(s) page is fetched by
 * {@link SafeFetch} and read by {@link PostingPage} (on a worker: a page may be 2 MB of HTML). Failures are
 * {@link io.applyflow.platform.bus.Failure}s naming the URL's problem.
 */
public final class UrlPostings {
  private final Vertx vertx;
  private final AtsSources sources;
  private final SafeFetch fetch;

  public UrlPostings(Vertx vertx, AtsSources sources, SafeFetch fetch) {
    this.vertx = vertx;
    this.sources = sources;
    this.fetch = fetch;
  }

  /** The posting at {@code url}. */
  public Future<UrlPosting> read(String url) {
    String u = url == null ? "" : url.strip();
    Optional<AtsLinks.AtsLink> link = AtsLinks.parse(u);
    if (link.isPresent()) {
      return fromAts(u, link.get());
    }
    return fetch.get(u).compose(page -> vertx.executeBlocking(() -> PostingPage.read(page.text(), page.mediaType(),
        u), false));
  }

  private Future<UrlPosting> fromAts(String url, AtsLinks.AtsLink link) {
    AtsSource source = sources.forLink(link);
    return source.one(link.board(), link.id()).compose(listing -> source.fetch(link.board(), link.id(),
            listing.posting().apiUrl())
        .map(details -> new UrlPosting(listing.posting().title(), listing.posting().company(),
            listing.posting().location(), details.html(), url, source.name(), null, null, null)));
  }
}
