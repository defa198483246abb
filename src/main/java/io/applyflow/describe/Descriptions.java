package io.applyflow.describe;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;

/**
 * Turns Greenhouse's {@code content} (HTML that is itself entity-escaped) into safe HTML and plain text:
 * unescape once, then clean with an allow-list (no scripts, styles, images, event handlers or iframes).
 */
public final class Descriptions {
  private static final Safelist ALLOWED = Safelist.relaxed()
      .removeTags("img")
      .addAttributes("a", "rel")
      .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
      .addProtocols("a", "href", "http", "https", "mailto");

  private Descriptions() {
  }

  /** Safe HTML from the API's escaped content. */
  public static String sanitise(String escapedContent) {
    if (escapedContent == null || escapedContent.isBlank()) {
      return "";
    }
    String html = Parser.unescapeEntities(escapedContent, false);
    return Jsoup.clean(html, "", ALLOWED, new Document.OutputSettings().prettyPrint(false));
  }

  /** Plain text of sanitised HTML, one line per block element. */
  public static String text(String safeHtml) {
    Document doc = Jsoup.parse(safeHtml);
    doc.select("br").after("\n");
    doc.select("p, li, h1, h2, h3, h4, h5, h6, div, tr").after("\n");
    return doc.wholeText().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll("\\n\\s*\\n+", "\n").trim();
  }
}
