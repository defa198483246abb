package io.applyflow.search;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;

/**
 * Turns a posting's description into safe HTML and plain text, cleaned with an allow-list (no scripts, styles, images,
 * event handlers or iframes). Greenhouse's {@code content} is HTML that is itself entity-escaped and is unescaped once
 * first ({@link #sanitise}); Lever's and Ashby's descriptions are plain HTML and are cleaned as they are
 * ({@link #sanitiseHtml}): unescaping them too would turn an escaped {@code &lt;script&gt;} in the text into markup.
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

  /** Safe HTML from HTML that is not entity-escaped (Lever, Ashby). */
  public static String sanitiseHtml(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
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
