package io.applyflow.search;

/**
 * The ATS sources a node reads, one per API host: Greenhouse's Job Board API, Lever's postings API (global and EU
 * hosts) and Ashby's job-board API. The describe stage picks one by {@code jobs.source}, the search stage by watch-list
 * entry or by a search result's link.
 */
public record AtsSources(GreenhouseSource greenhouse, LeverSource lever, LeverSource leverEu, AshbySource ashby) {

  /**
   * The sources of the configured API base URLs ({@code GREENHOUSE_API_URL}, {@code LEVER_API_URL},
   * {@code LEVER_EU_API_URL}, {@code ASHBY_API_URL}): what reads real ATS postings.
   */
  public static AtsSources configured(io.applyflow.platform.config.Config config,
                                      io.vertx.ext.web.client.WebClient client) {
    return new AtsSources(new GreenhouseSource(new GreenhouseApi(client), config.greenhouseApiUrl()),
        new LeverSource(client, config.leverApiUrl()), new LeverSource(client, config.leverEuApiUrl()),
        new AshbySource(client, config.ashbyApiUrl()));
  }

  /** The source that reads jobs of {@code source} ("greenhouse", "lever", "ashby"), or null for another value. */
  public AtsSource forJob(String source) {
    return switch (source == null ? "" : source) {
      case "greenhouse" -> greenhouse;
      case "lever" -> lever; // a Lever posting's api_url names its host (global or EU): either instance reads it
      case "ashby" -> ashby;
      default -> null;
    };
  }

  /** The source that reads the posting a link names (an EU Lever link from the EU host). */
  public AtsSource forLink(AtsLinks.AtsLink link) {
    return "lever".equals(link.source()) && link.eu() ? leverEu : forJob(link.source());
  }

  /** The source of a watch-list entry's kind: greenhouse, lever, lever-eu or ashby; null for another. */
  public AtsSource forWatchKind(String kind) {
    return "lever-eu".equals(kind) ? leverEu : forJob(kind);
  }
}
