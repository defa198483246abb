package io.applyflow.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The page templates need nothing the CSP ({@link SecurityHeaders#PAGE_POLICY}) refuses: no inline script or style
 * element, no style attribute, no event-handler attribute, no {@code javascript:} URL, no htmx feature that evaluates
 * code ({@code hx-on}, {@code hx-vars}, {@code js:} values), no script from another host. This covers the fragments
 * and branches the browser test does not reach. {@code templates/render} (PDF sources, never served as pages) and
 * {@code templates/sandbox} (the sandbox board, served with its own policy) are not app pages.
 */
class TemplatesUnderTheCspTest {
  private static List<Path> pageTemplates() throws IOException {
    Path root = Paths.get("templates");
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".html"))
          .filter(p -> !p.startsWith(root.resolve("render")) && !p.startsWith(root.resolve("sandbox")))
          .sorted().toList();
    }
  }

  /** The problems of one element's markup under the CSP. */
  static List<String> problems(Element e) {
    List<String> found = new ArrayList<>();
    String tag = e.normalName();
    if (tag.equals("style")) {
      found.add("an inline <style> element");
    }
    if (tag.equals("script")) {
      String src = e.hasAttr("src") ? e.attr("src") : e.attr("th:src");
      if (src.isEmpty()) {
        found.add("an inline <script>");
      } else if (!src.startsWith("/") || src.startsWith("//")) {
        found.add("a script from another host: " + src);
      }
    }
    for (Attribute a : e.attributes()) {
      String name = a.getKey().toLowerCase(Locale.ROOT);
      String bare = name.startsWith("th:") ? name.substring(3) : name.startsWith("data-th-") ? name.substring(8) : name;
      String value = a.getValue();
      String lower = value.toLowerCase(Locale.ROOT).replaceAll("\\s", "");
      if (bare.equals("style") || bare.equals("styleappend")) {
        found.add("a style attribute: " + name + "=\"" + value + "\"");
      }
      if (bare.startsWith("on") || bare.startsWith("hx-on") || bare.startsWith("data-hx-on")) {
        found.add("an event-handler attribute: " + name);
      }
      if (bare.equals("hx-vars") || bare.equals("data-hx-vars") || lower.startsWith("js:") || lower.startsWith("javascript:")) {
        found.add("evaluated code: " + name + "=\"" + value + "\"");
      }
      if (bare.equals("attr") && (lower.contains("style=") || lower.matches("(^|.*,)on[a-z]+=.*")
          || lower.contains("javascript:") || lower.contains("hx-on"))) {
        found.add("evaluated code or style through th:attr: " + value);
      }
    }
    return found;
  }

  @Test
  void thePageTemplatesNeedNothingTheCspRefuses() throws IOException {
    List<Path> templates = pageTemplates();
    assertTrue(templates.size() >= 15, "the page templates were found: " + templates);
    List<String> problems = new ArrayList<>();
    for (Path template : templates) {
      // the XML parser keeps every element wherever it stands (the HTML one drops a fragment's <tr> or <col>)
      Document doc = Jsoup.parse(Files.readString(template, StandardCharsets.UTF_8), "", Parser.xmlParser());
      for (Element e : doc.getAllElements()) {
        for (String p : problems(e)) {
          problems.add(template + ": " + p);
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void theCheckFindsWhatTheCspWouldRefuse() {
    String html = """
        <script>alert(1)</script><script src="https://cdn.example/x.js"></script><style>p{}</style>
        <p style="margin:0">a</p><col th:style="'width:' + ${w}"><button onclick="go()">b</button>
        <div hx-on:click="go()"></div><a href="javascript:go()">c</a><div hx-vals="js:{a: go()}"></div>
        <span th:attr="style='x'"></span><script src="/static/js/app.js"></script>""";
    List<String> found = new ArrayList<>();
    Jsoup.parse(html, "", Parser.xmlParser()).getAllElements().forEach(e -> found.addAll(problems(e)));
    assertEquals(10, found.size(), String.join("\n", found));
  }
}
