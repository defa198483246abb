package io.applyflow.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.applyflow.search.Descriptions;
import io.applyflow.platform.bus.Failure;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads a job posting out of a fetched page. First its schema.org {@code JobPosting} in JSON-LD (what job boards
 * publish for search engines): every {@code <script type="application/ld+json">}, each a node, a list or an
 * {@code @graph}, nested lists included; a script that is not valid JSON is skipped. From the first JobPosting with a
 * title or a description: {@code title}, {@code hiringOrganization.name} (an organisation given inline, as a name, or
 * by {@code @id} elsewhere in the page), {@code jobLocation[].address} (locality, region, country; "Remote" for
 * {@code jobLocationType: TELECOMMUTE}), {@code description} (HTML, entity-escaped or not, sanitised),
 * {@code datePosted}, {@code validThrough} and {@code baseSalary}. Without one, the page's readable text: its
 * {@code main} (or {@code article}, or {@code [role=main]}, or body) without navigation, header, footer, aside,
 * forms, scripts and styles; the title from {@code og:title}, else the first {@code h1}, else {@code <title>}; the
 * company from {@code og:site_name}. A JSON document is read as JSON-LD, plain text as the description. Pure.
 */
public final class PostingPage {
  /** Less readable text than this is not a job description (a login wall, an app shell that needs JavaScript). */
  static final int MIN_TEXT = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOTHING = "no job posting could be read there (no schema.org JobPosting and too little"
      + " text: it may need JavaScript or a log-in); paste the title and description instead";

  private PostingPage() {
  }

  /** The posting in {@code body} of media type {@code mediaType}, fetched from {@code url}; BAD_INPUT when none. */
  public static UrlPosting read(String body, String mediaType, String url) {
    String type = mediaType == null ? "text/html" : mediaType;
    if (type.equals("application/json") || type.equals("application/ld+json")) {
      UrlPosting p = fromJsonLd(List.of(body), Map.of(), url);
      if (p == null) {
        throw Failure.BAD_INPUT.with("url: " + url + " is JSON without a schema.org JobPosting in it");
      }
      return p;
    }
    if (type.equals("text/plain")) {
      return plain(body, url);
    }
    Document doc = Jsoup.parse(body, url);
    List<String> scripts = new ArrayList<>();
    for (Element s : doc.select("script[type]")) {
      if (s.attr("type").toLowerCase(Locale.ROOT).startsWith("application/ld+json")) {
        scripts.add(s.data());
      }
    }
    Map<String, String> meta = new HashMap<>();
    for (Element m : doc.select("meta[property], meta[name]")) {
      String key = (m.hasAttr("property") ? m.attr("property") : m.attr("name")).toLowerCase(Locale.ROOT);
      meta.putIfAbsent(key, m.attr("content").strip());
    }
    UrlPosting fromLd = fromJsonLd(scripts, meta, url);
    return fromLd != null ? fromLd : readable(doc, meta, url);
  }

  // --- JSON-LD -------------------------------------------------------------------------------------------

  private static UrlPosting fromJsonLd(List<String> scripts, Map<String, String> meta, String url) {
    List<JsonNode> nodes = new ArrayList<>();
    for (String script : scripts) {
      try {
        collect(JSON.readTree(script.strip()), nodes, 0);
      } catch (Exception e) {
        // a broken script says nothing; another may hold the posting
      }
    }
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode n : nodes) {
      if (n.path("@id").isTextual()) {
        byId.putIfAbsent(n.path("@id").asText(), n);
      }
    }
    for (JsonNode n : nodes) {
      if (isType(n, "JobPosting") && (text(n.path("title")) != null || text(n.path("description")) != null)) {
        return posting(n, byId, meta, url);
      }
    }
    return null;
  }

  /** Every object in {@code n}: itself, list items, {@code @graph} members, recursively (bounded depth). */
  private static void collect(JsonNode n, List<JsonNode> into, int depth) {
    if (n == null || depth > 6) {
      return;
    }
    if (n.isArray()) {
      n.forEach(item -> collect(item, into, depth + 1));
    } else if (n.isObject()) {
      into.add(n);
      collect(n.get("@graph"), into, depth + 1);
      collect(n.get("mainEntity"), into, depth + 1);
    }
  }

  private static boolean isType(JsonNode n, String type) {
    JsonNode t = n.path("@type");
    if (t.isArray()) {
      for (JsonNode x : t) {
        if (typeIs(x.asText(""), type)) {
          return true;
        }
      }
      return false;
    }
    return typeIs(t.asText(""), type);
  }

  private static boolean typeIs(String value, String type) {
    return value.equals(type) || value.endsWith("/" + type) || value.endsWith(":" + type);
  }

  private static UrlPosting posting(JsonNode n, Map<String, JsonNode> byId, Map<String, String> meta, String url) {
    String title = text(n.path("title"));
    if (title == null) {
      title = text(n.path("name"));
    }
    String description = text(n.path("description"));
    String html = "";
    if (description != null) {
      boolean escaped = !description.contains("<") && description.contains("&lt;");
      html = escaped ? Descriptions.sanitise(description) : Descriptions.sanitiseHtml(description);
      if (html.isBlank() || !description.contains("<") && !escaped) {
        html = paragraphs(Parser.unescapeEntities(description, false));
      }
    }
    String company = organisation(n.path("hiringOrganization"), byId);
    if (company == null) {
      company = meta.get("og:site_name");
    }
    return new UrlPosting(title == null ? meta.getOrDefault("og:title", "") : title, company, location(n, byId), html,
        url, "json-ld", text(n.path("datePosted")), text(n.path("validThrough")), salary(n.path("baseSalary")));
  }

  private static String organisation(JsonNode org, Map<String, JsonNode> byId) {
    if (org.isArray()) {
      org = org.path(0);
    }
    if (org.isTextual()) {
      return text(org);
    }
    String name = text(org.path("name"));
    if (name == null && org.path("@id").isTextual() && byId.containsKey(org.path("@id").asText())) {
      name = text(byId.get(org.path("@id").asText()).path("name"));
    }
    return name;
  }

  private static String location(JsonNode n, Map<String, JsonNode> byId) {
    Set<String> places = new LinkedHashSet<>();
    JsonNode locations = n.path("jobLocation");
    List<JsonNode> list = new ArrayList<>();
    if (locations.isArray()) {
      locations.forEach(list::add);
    } else if (!locations.isMissingNode() && !locations.isNull()) {
      list.add(locations);
    }
    for (JsonNode loc : list) {
      if (loc.path("@id").isTextual() && loc.size() == 1 && byId.containsKey(loc.path("@id").asText())) {
        loc = byId.get(loc.path("@id").asText());
      }
      JsonNode address = loc.path("address");
      String place;
      if (address.isTextual()) {
        place = text(address);
      } else if (address.isObject()) {
        List<String> parts = new ArrayList<>();
        for (String key : new String[] {"addressLocality", "addressRegion", "addressCountry"}) {
          JsonNode v = address.path(key);
          String s = v.isObject() ? text(v.path("name")) : text(v);
          if (s != null && !parts.contains(s)) {
            parts.add(s);
          }
        }
        place = parts.isEmpty() ? null : String.join(", ", parts);
      } else {
        place = loc.isTextual() ? text(loc) : text(loc.path("name"));
      }
      if (place != null) {
        places.add(place);
      }
    }
    if ("TELECOMMUTE".equalsIgnoreCase(n.path("jobLocationType").asText(""))) {
      places.add("Remote");
    }
    return places.isEmpty() ? null : String.join("; ", places);
  }

  /** {@code baseSalary} as "USD 120,000–150,000 per year", or null. */
  static String salary(JsonNode s) {
    if (!s.isObject()) {
      return null;
    }
    String currency = text(s.path("currency"));
    JsonNode v = s.path("value");
    String amount;
    String unit = text(v.path("unitText"));
    if (v.isNumber() || v.isTextual()) {
      amount = money(v);
    } else if (v.has("minValue") || v.has("maxValue")) {
      String lo = money(v.path("minValue"));
      String hi = money(v.path("maxValue"));
      amount = lo != null && hi != null && !lo.equals(hi) ? lo + "–" + hi : lo != null ? lo : hi;
    } else {
      amount = money(v.path("value"));
    }
    if (amount == null) {
      return null;
    }
    return (currency == null ? "" : currency + " ") + amount
        + (unit == null ? "" : " per " + unit.toLowerCase(Locale.ROOT));
  }

  private static String money(JsonNode n) {
    if (n.isNumber()) {
      return NumberFormat.getIntegerInstance(Locale.US).format(Math.round(n.asDouble()));
    }
    String t = text(n);
    return t != null && t.matches("[0-9.,]{1,20}") ? t : null;
  }

  // --- readable text -------------------------------------------------------------------------------------

  private static UrlPosting readable(Document doc, Map<String, String> meta, String url) {
    doc.select("script, style, noscript, template, svg, iframe, nav, header, footer, aside, form, dialog, button,"
        + " [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], [hidden]").remove();
    Element root = doc.selectFirst("main");
    if (root == null) {
      root = doc.selectFirst("article");
    }
    if (root == null) {
      root = doc.selectFirst("[role=main]");
    }
    if (root == null) {
      root = doc.body();
    }
    // the element's own text, not Descriptions.text: that one inserts a line break after every block, which is
    // quadratic in a page's thousands of siblings (14 s for a 2 MB page)
    String text = root == null ? "" : root.text();
    if (text.strip().length() < MIN_TEXT) {
      throw Failure.BAD_INPUT.with("url: " + url + ": " + NOTHING);
    }
    String html = Descriptions.sanitiseHtml(root.html());
    String title = meta.get("og:title");
    if (title == null || title.isBlank()) {
      Element h1 = root.selectFirst("h1");
      title = h1 != null ? h1.text().strip() : doc.title().strip();
    }
    String company = meta.get("og:site_name");
    return new UrlPosting(title, company == null || company.isBlank() ? null : company, null, html, url, "page", null,
        null, null);
  }

  private static UrlPosting plain(String body, String url) {
    String text = body == null ? "" : body.strip();
    if (text.length() < MIN_TEXT) {
      throw Failure.BAD_INPUT.with("url: " + url + ": " + NOTHING);
    }
    String first = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    String title = first.length() <= 120 ? first : "";
    return new UrlPosting(title, null, null, paragraphs(text), url, "page", null, null, null);
  }

  /** Plain text as escaped paragraphs (a blank line apart), single line breaks kept. */
  static String paragraphs(String text) {
    StringBuilder out = new StringBuilder();
    for (String para : text.split("\\n\\s*\\n")) {
      if (!para.isBlank()) {
        out.append("<p>").append(org.jsoup.nodes.Entities.escape(para.strip()).replace("\n", "<br>")).append("</p>");
      }
    }
    return out.toString();
  }

  private static String text(JsonNode n) {
    if (n == null || !(n.isTextual() || n.isNumber())) {
      return null;
    }
    String s = n.asText().strip();
    return s.isEmpty() ? null : s;
  }
}
