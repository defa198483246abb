package io.applyflow.search;

import io.applyflow.job.Jobs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An applicant tracking system's public postings API, one implementation per ATS ({@link GreenhouseSource},
 * {@link LeverSource}, {@link AshbySource}): list a board's postings for the search stage, read one posting a search
 * result named, and fetch a posting's description and form schema for the describe stage. Nothing here needs a key.
 * Failures are {@link io.applyflow.platform.bus.Failure}s (NOT_FOUND for a board or posting the ATS does not have,
 * UPSTREAM when it cannot be read).
 */
public interface AtsSource {
  /** What {@link #fetch} stores as the form schema when the ATS's API has none: the apply stage reads the page. */
  JsonObject FORM_FROM_PAGE = new JsonObject().put("form_source", "page");

  /** The {@code jobs.source} value of this ATS: "greenhouse", "lever" or "ashby". */
  String name();

  /** Every listed posting of {@code board}, in the board's order. */
  Future<List<Listing>> list(String board);

  /** One posting of {@code board} (a search result named it); NOT_FOUND when the board does not list it. */
  Future<Listing> one(String board, String id);

  /**
   * A posting's description and form schema.
   *
   * @param apiUrl the posting's {@code jobs.api_url}, as {@link #list} or {@link #one} stored it
   */
  Future<Details> fetch(String board, String externalId, String apiUrl);

  /**
   * A posting as the search stage stores it, with what the level filter reads besides its title.
   *
   * @param employmentType the ATS's employment type or commitment ("Intern", "Full-time"), or null
   */
  record Listing(Jobs.Posting posting, String employmentType) {
  }

  /**
   * What the describe stage stores.
   *
   * @param html          the sanitised description ({@link io.applyflow.search.Descriptions})
   * @param schema        the form schema: Greenhouse's questions ({@code "form_source": "api"}), or
   *                      {@link #FORM_FROM_PAGE} when the ATS publishes none (Lever, Ashby)
   * @param questionCount the questions the schema holds (0 when the form is read from the page)
   */
  record Details(String html, JsonObject schema, int questionCount) {
  }
}
