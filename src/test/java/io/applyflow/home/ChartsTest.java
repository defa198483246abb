package io.applyflow.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartsTest {
  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> all(Document d, String tag) {
    NodeList nodes = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  private static List<Element> bars(Document d) {
    return all(d, "rect").stream().filter(r -> r.getAttribute("class").contains("bar")).toList();
  }

  @Test
  void theFunnelIsWellFormedAccessibleSvgWithBarsProportionalToTheValues() throws Exception {
    String svg = Charts.funnel("funnel-chart", "The funnel", List.of(new Charts.Bar("Discovered", 40),
        new Charts.Bar("Accepted", 20), new Charts.Bar("Submitted", 10), new Charts.Bar("Interview", 5),
        new Charts.Bar("Offer", 0)));
    Document d = parse(svg);
    Element root = d.getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals("img", root.getAttribute("role"));
    assertEquals("funnel-chart-title funnel-chart-desc", root.getAttribute("aria-labelledby"));
    assertEquals("The funnel", all(d, "title").get(0).getTextContent());
    assertEquals("Discovered: 40; Accepted: 20; Submitted: 10; Interview: 5; Offer: 0.",
        all(d, "desc").get(0).getTextContent());
    assertFalse(svg.contains("style="), "no style attribute: the CSP refuses them");

    List<Element> bars = bars(d);
    assertEquals(4, bars.size(), "a zero value draws no bar");
    int[] w = bars.stream().mapToInt(b -> Integer.parseInt(b.getAttribute("width"))).toArray();
    assertEquals(Charts.WIDTH - 84 - 40, w[0], "the largest value fills the room");
    assertEquals(w[0] / 2.0, w[1], 1.0);
    assertEquals(w[0] / 4.0, w[2], 1.0);
    assertEquals(w[0] / 8.0, w[3], 1.0);
    List<String> values = all(d, "text").stream().filter(t -> t.getAttribute("class").equals("value"))
        .map(Element::getTextContent).toList();
    assertEquals(List.of("40", "20", "10", "5", "0"), values, "every stage shows its number, 0 too");
  }

  @Test
  void labelsAndTitlesAreEscapedSoTheMarkupStillParses() throws Exception {
    String evil = "<script>alert(1)</script> & \"quoted\" 'single'";
    String svg = Charts.columns("w\"><script>", evil, List.of(new Charts.Bar(evil, 3), new Charts.Bar("ok\u0001", 1)));
    assertFalse(svg.contains("<script>"), svg);
    Document d = parse(svg);
    assertEquals(evil, all(d, "title").get(0).getTextContent(), "the title reads back as written");
    assertEquals("wscript", d.getDocumentElement().getAttribute("id"), "the id keeps only safe characters");
    assertTrue(all(d, "g").stream().anyMatch(g -> g.getAttribute("data-label").equals(evil)));
    assertTrue(all(d, "text").stream().anyMatch(t -> t.getTextContent().equals("ok")), "a control character is dropped");
  }

  @Test
  void columnsAreProportionalAndTheNewestWeekIsLabelled() throws Exception {
    List<Charts.Bar> weeks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      weeks.add(new Charts.Bar("w" + i, i == 11 ? 6 : i == 5 ? 3 : 0));
    }
    Document d = parse(Charts.columns("weeks-chart", "Per week", weeks));
    List<Element> bars = bars(d);
    assertEquals(2, bars.size());
    int h3 = Integer.parseInt(bars.get(0).getAttribute("height"));
    int h6 = Integer.parseInt(bars.get(1).getAttribute("height"));
    assertEquals(h6 / 2.0, h3, 1.0);
    int base0 = Integer.parseInt(bars.get(0).getAttribute("y")) + h3;
    int base1 = Integer.parseInt(bars.get(1).getAttribute("y")) + h6;
    assertEquals(base0, base1, "the columns stand on one baseline");
    List<String> labels = all(d, "text").stream().filter(t -> t.getAttribute("class").equals("label"))
        .map(Element::getTextContent).toList();
    assertTrue(labels.contains("w11"), labels.toString());
    assertEquals(6, labels.size(), "every other week is labelled: " + labels);
    assertEquals(12, all(d, "g").size(), "one group per week, zeros included");
  }

  @Test
  void noDataDrawsNoBarAndSaysSo() throws Exception {
    Document d = parse(Charts.funnel("f", "Empty", List.of(new Charts.Bar("Discovered", 0), new Charts.Bar("Offer", 0))));
    assertTrue(bars(d).isEmpty());
    assertEquals("No data yet: every value is 0.", all(d, "desc").get(0).getTextContent());
    Document none = parse(Charts.columns("c", "Nothing", List.of()));
    assertTrue(bars(none).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> new Charts.Bar("x", -1));
    assertEquals(0, Charts.scaled(0, 0, 100));
    assertEquals(1, Charts.scaled(1, 1000, 100), "a small value stays visible");
  }
}
