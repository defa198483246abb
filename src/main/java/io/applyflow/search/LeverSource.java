package io.applyflow.search;

import io.applyflow.platform.bus.Failure;
import io.applyflow.job.Jobs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Entities;

/**
 * Lever's public postings API v0 as an {@link AtsSource} (EXTERNAL_APIS.md §3), on its global host or its EU host
 * ({@code api.eu.lever.co}): one instance per host. A site's postings come as bare JSON arrays, read page by page
 * ({@code skip}/{@code limit}) until a short page; one posting is {@code {base}/{site}/{id}}. The description is the
 * posting's opening and body, then each of its lists (the list's text as a heading over its {@code <li>}s), then its
 * closing ({@code additional}) — plain HTML, sanitised as it is. Lever publishes no form questions: the schema is
 * {@link #FORM_FROM_PAGE}.
 */
public final class LeverSource implements AtsSource {
  /** Postings per page; Lever's own examples page by 100. */
  static final int PAGE = 100;
  /** More pages than any real site has (5,000 postings): a server ignoring {@code skip} cannot keep us reading. */
  static final int MAX_PAGES = 50;

  private final AtsHttp http;
  private final String base;

  /** @param base the postings API, e.g. {@code https://api.lever.co/v0/postings} */
  public LeverSource(WebClient client, String base) {
    this.http = new AtsHttp(client, "lever");
    this.base = base;
  }

  @Override
  public String name() {
    return "lever";
  }

  public String base() {
    return base;
  }

  public String postingUrl(String site, String id) {
    return base + "/" + site + "/" + id;
  }

  @Override
  public Future<List<Listing>> list(String site) {
    return page(site, 0, new ArrayList<>(), new HashSet<>());
  }

  private Future<List<Listing>> page(String site, int pageNo, List<Listing> out, Set<String> seen) {
    String url = base + "/" + site + "?mode=json&skip=" + pageNo * PAGE + "&limit=" + PAGE;
    return http.array(url).compose(items -> {
      int fresh = 0;
      for (int i = 0; i < items.size(); i++) {
        if (items.getValue(i) instanceof JsonObject p && p.getValue("id") instanceof String id && seen.add(id)) {
          fresh++;
          Listing l = listing(site, p);
          if (l != null) {
            out.add(l);
          }
        }
      }
      if (items.size() < PAGE || fresh == 0 || pageNo + 1 >= MAX_PAGES) {
        return Future.succeededFuture(out);
      }
      return page(site, pageNo + 1, out, seen);
    });
  }

  @Override
  public Future<Listing> one(String site, String id) {
    return http.object(postingUrl(site, id)).compose(p -> {
      Listing l = id.equals(p.getValue("id")) ? listing(site, p) : null;
      return l == null ? Future.failedFuture(Failure.NOT_FOUND.with("Lever site " + site + " has no posting " + id))
          : Future.succeededFuture(l);
    });
  }

  private Listing listing(String site, JsonObject p) {
    String id = p.getValue("id") instanceof String s ? s : null;
    String title = p.getValue("text") instanceof String s ? s.strip() : "";
    if (id == null || title.isEmpty()) {
      return null;
    }
    JsonObject categories = p.getValue("categories") instanceof JsonObject c ? c : new JsonObject();
    String location = categories.getValue("location") instanceof String s ? s : null;
    String commitment = categories.getValue("commitment") instanceof String s ? s : null;
    return new Listing(new Jobs.Posting(name(), site, id, postingUrl(site, id),
        SearchVerticle.postingLink(p.getValue("hostedUrl")), title, site, location), commitment);
  }

  @Override
  public Future<Details> fetch(String site, String externalId, String apiUrl) {
    return http.object(apiUrl).compose(p -> externalId.equals(p.getValue("id"))
        ? Future.succeededFuture(new Details(Descriptions.sanitiseHtml(descriptionHtml(p)), FORM_FROM_PAGE.copy(), 0))
        : Future.failedFuture(Failure.UPSTREAM.with(apiUrl + " answered with another posting than " + externalId)));
  }

  /** Opening, body, lists (text as heading, content as items) and closing, as one HTML document (unsanitised). */
  static String descriptionHtml(JsonObject p) {
    StringBuilder html = new StringBuilder();
    String opening = string(p, "opening");
    String body = string(p, "descriptionBody");
    if (opening.isBlank() && body.isBlank()) {
      html.append(string(p, "description"));
    } else {
      html.append(opening).append(body);
    }
    if (p.getValue("lists") instanceof JsonArray lists) {
      for (Object o : lists) {
        if (o instanceof JsonObject list) {
          String heading = string(list, "text").strip();
          if (!heading.isEmpty()) {
            html.append("<h3>").append(Entities.escape(heading)).append("</h3>");
          }
          html.append("<ul>").append(string(list, "content")).append("</ul>");
        }
      }
    }
    html.append(string(p, "additional"));
    return html.toString();
  }

  private static String string(JsonObject o, String key) {
    return o.getValue(key) instanceof String s ? s : "";
  }
}
