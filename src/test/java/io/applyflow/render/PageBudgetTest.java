package io.applyflow.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.applyflow.tailor.Bullet;
import io.applyflow.tailor.Role;
import io.applyflow.tailor.Tailor;
import io.applyflow.tailor.TailoredResume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageBudgetTest {
  private static final ResumePdf PDF = new ResumePdf();
  private static final String[] TOPICS = {
      "Kafka consumer-group rebalancing", "Postgres logical replication", "gRPC service mesh retries",
      "Kubernetes operator upgrades", "on-call run-books and incident reviews", "tiered object storage",
      "Raft leader election", "schema-migration tooling", "multi-region failover drills",
      "JVM garbage-collection tuning"};

  /**
   * The senior-engineer fixture grown to two pages and more: every role gets ten highlights of its own and one
   * older role is added, then it is tailored with a budget large enough to keep them all.
   */
  static JsonNode longResume() throws IOException {
    ObjectNode resume = (ObjectNode) ResumePdfTest.resume("senior-engineer");
    ArrayNode work = (ArrayNode) resume.get("work");
    for (int extra = 0; extra < 1; extra++) {
      ObjectNode role = work.addObject();
      role.put("name", "Older Company " + (extra + 1));
      role.put("position", "Software Engineer");
      role.put("startDate", (2004 - 2 * extra) + "-01-01");
      role.put("endDate", (2006 - 2 * extra) + "-01-01");
      role.putArray("highlights");
    }
    for (int r = 0; r < work.size(); r++) {
      ArrayNode highlights = (ArrayNode) work.get(r).get("highlights");
      for (int i = highlights.size(); i < 10; i++) {
        String topic = TOPICS[(r * 3 + i) % TOPICS.length];
        highlights.add("Owned " + topic + " for team " + (r + 1) + "." + (i + 1)
            + ": designed, built, rolled out and measured it with the teams that depend on it");
      }
    }
    return resume;
  }

  static TailoredResume longTailored() throws IOException {
    return Tailor.tailor(longResume(), ResumePdfTest.description("staff-backend"), new Tailor.Budget(80, 10, 10));
  }

  static Map<String, Double> relevance() throws IOException {
    return Tailor.relevance(longResume(), ResumePdfTest.description("staff-backend"));
  }

  static int pages(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return doc.getNumberOfPages();
    }
  }

  @ParameterizedTest
  @CsvSource({"CLASSIC, LETTER", "CLASSIC, A4", "COMPACT, LETTER", "COMPACT, A4"})
  void aLongResumeFitsOnePageByDroppingItsLowestRankedBullets(RenderOptions.Template template,
                                                               RenderOptions.Paper paper) throws IOException {
    TailoredResume r = longTailored();
    RenderOptions options = new RenderOptions(template, paper, 1);
    assertTrue(pages(PDF.render(r, options)) >= 2, "the fixture must start over the budget");
    Map<String, Double> relevance = relevance();

    PageBudget.Result fitted = PageBudget.fit(r, options, relevance, PDF);

    assertTrue(fitted.fits(), fitted.pages() + " pages");
    assertEquals(1, pages(fitted.pdf()), "PDFBox counts one page");
    assertFalse(fitted.dropped().isEmpty());
    assertEquals(List.of(), ParseBackGate.check(fitted.pdf(), fitted.resume()), "the reduced resume passes the gate");
    String text = ParseBackGate.text(fitted.pdf());
    for (Bullet b : fitted.dropped()) {
      assertFalse(text.contains(b.text()), "dropped " + b.id() + " is not printed");
    }

    // No role vanishes: each keeps its best bullet; headings, contact line and summary stay.
    assertEquals(r.work().size(), fitted.resume().work().size());
    for (int i = 0; i < r.work().size(); i++) {
      Role before = r.work().get(i);
      Role after = fitted.resume().work().get(i);
      assertFalse(after.bullets().isEmpty(), before.organisation() + " kept a bullet");
      assertTrue(text.contains(before.organisation()), before.organisation() + " is on the page");
    }
    assertEquals(r.sectionHeadings(), fitted.resume().sectionHeadings());
    r.sectionHeadings().forEach(h -> assertTrue(text.contains(h), h));
    assertTrue(text.contains(r.name()) && text.contains(r.email()) && text.contains(r.phone()), text);
    assertEquals(r.summary(), fitted.resume().summary());

    // Lowest-ranked first: every dropped bullet scores no higher than any kept bullet that could have gone instead.
    Set<String> keptIds = new HashSet<>();
    fitted.resume().bullets().forEach(b -> keptIds.add(b.id()));
    double highestDropped = fitted.dropped().stream().mapToDouble(b -> relevance.get(b.id())).max().orElseThrow();
    for (Role role : fitted.resume().work()) {
      double best = role.bullets().stream().mapToDouble(b -> relevance.get(b.id())).max().orElseThrow();
      for (Bullet b : role.bullets()) {
        if (relevance.get(b.id()) < best) {
          assertTrue(relevance.get(b.id()) >= highestDropped,
              b.id() + " (" + relevance.get(b.id()) + ") was kept over a dropped bullet scoring " + highestDropped);
        }
      }
    }
    // The fewest drops: putting back the last one dropped goes over the page again.
    List<Bullet> oneFewer = fitted.dropped().subList(0, fitted.dropped().size() - 1);
    assertEquals(2, pages(PDF.render(PageBudget.without(r, oneFewer), options)), "one fewer drop would not fit");
    assertTrue(fitted.renders() <= 5, fitted.renders() + " renders: the line estimates should land within one or two");
  }

  @Test
  void aResumeWithinItsBudgetIsRenderedOnceAndKeepsEverything() throws IOException {
    TailoredResume r = ResumePdfTest.tailored("sample");
    AtomicInteger renders = new AtomicInteger();
    PageBudget.Result fitted = PageBudget.fit(r, 1, Map.of(), x -> {
      renders.incrementAndGet();
      return PDF.render(x, RenderOptions.DEFAULTS);
    });
    assertEquals(1, renders.get());
    assertEquals(1, fitted.renders());
    assertEquals(List.of(), fitted.dropped());
    assertEquals(r, fitted.resume());
    assertTrue(fitted.fits());
  }

  @Test
  void withoutScoresTheLastBulletOfTheLongestRoleGoesFirst() {
    Role a = role("A", 3);
    Role b = role("B", 5);
    Role c = role("C", 1);
    TailoredResume r = new TailoredResume("N", null, null, null, null, null, null, List.of(a, b), List.of(c),
        null, null, List.of(TailoredResume.EXPERIENCE, TailoredResume.PROJECTS), null);
    List<String> order = PageBudget.dropOrder(r, Map.of()).stream().map(Bullet::id).toList();
    // B 5→4→3, then A and B tie at 3: the later role (B) first, then A, and so on until each has one.
    assertEquals(List.of("B4", "B3", "B2", "A2", "B1", "A1"), order);
  }

  @Test
  void withScoresEachRoleKeepsItsBestBulletWhateverItsScore() {
    Role a = role("A", 3);
    Role b = role("B", 2);
    TailoredResume r = new TailoredResume("N", null, null, null, null, null, null, List.of(a, b), null, null, null,
        List.of(TailoredResume.EXPERIENCE), null);
    Map<String, Double> scores = new HashMap<>(Map.of("A0", 5.0, "A1", 4.0, "A2", 0.5, "B0", 0.1, "B1", 0.2));
    // B's bullets score below all of A's, but B1 is B's best: it stays, B0 goes first.
    assertEquals(List.of("B0", "A2", "A1"), PageBudget.dropOrder(r, scores).stream().map(Bullet::id).toList());
    scores.remove("A2");
    assertEquals(List.of("A2", "B1", "A1"), PageBudget.dropOrder(r, scores).stream().map(Bullet::id).toList(),
        "a bullet without a score: the whole order falls back to position");
  }

  @Test
  void whenEvenTheSmallestLegalResumeIsOverItIsKeptAndSaysSo() throws IOException {
    // One role whose best bullet alone is longer than a page: it cannot be dropped, so nothing legal fits.
    StringBuilder huge = new StringBuilder();
    for (int i = 0; i < 2500; i++) {
      huge.append("word").append(i).append(' ');
    }
    Role role = new Role("Engineer", "Acme", null, "2020-01", null,
        List.of(new Bullet("work[0].highlights[0]", huge.toString().trim()),
            new Bullet("work[0].highlights[1]", "Short")));
    TailoredResume r = new TailoredResume("N", null, "n@example.com", null, null, null, null, List.of(role), null, null,
        null, List.of(TailoredResume.EXPERIENCE), null);
    RenderOptions options = new RenderOptions(RenderOptions.Template.COMPACT, RenderOptions.Paper.A4, 1);
    PageBudget.Result fitted = PageBudget.fit(r, options, Map.of(), PDF);
    assertFalse(fitted.fits());
    assertTrue(fitted.pagesOver() >= 1);
    assertEquals(List.of("work[0].highlights[1]"), fitted.dropped().stream().map(Bullet::id).toList());
    assertEquals(1, fitted.resume().work().get(0).bullets().size(), "the role keeps its last bullet");
    String message = fitted.describe(options);
    assertTrue(message.contains(fitted.pagesOver() + " page") && message.contains("over the 1 page budget"), message);
  }

  @Test
  void theRenderEventNamesWhatWasDropped() throws IOException {
    TailoredResume r = longTailored();
    RenderOptions options = new RenderOptions(RenderOptions.Template.COMPACT, RenderOptions.Paper.A4, 1);
    PageBudget.Result fitted = PageBudget.fit(r, options, relevance(), PDF);
    int n = fitted.dropped().size();
    assertTrue(fitted.describe(options).endsWith("dropped " + n + " bullets to fit 1 page"),
        fitted.describe(options));
    var details = RenderVerticle.budgetDetails(fitted, options);
    assertEquals(n, details.getJsonArray("dropped").size());
    assertEquals(fitted.dropped().get(0).id(), details.getJsonArray("dropped").getJsonObject(0).getString("id"));
    assertEquals(fitted.dropped().get(0).text(), details.getJsonArray("dropped").getJsonObject(0).getString("text"));
    assertEquals(1, details.getInteger("pages"));
    assertEquals("compact", details.getString("template"));
    assertEquals("a4", details.getString("paper"));
  }

  private static Role role(String name, int bullets) {
    List<Bullet> list = new ArrayList<>();
    for (int i = 0; i < bullets; i++) {
      list.add(new Bullet(name + i, name + " bullet " + i));
    }
    return new Role(name, name + " Inc", null, null, null, list);
  }
}
