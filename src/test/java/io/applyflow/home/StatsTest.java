package io.applyflow.home;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void twelveIsoWeeksStartingMondayTheCurrentOneLastZeroFilled() {
    // Wednesday 2 December 2026: its week starts on Monday 30 November
    JsonArray weeks = Stats.weeksOf(LocalDate.of(2026, 12, 2), Map.of("2026-11-30", 3L, "2026-09-14", 1L));
    assertEquals(12, weeks.size());
    assertEquals(new JsonObject().put("week", "2026-11-30").put("applications", 3L), weeks.getJsonObject(11));
    assertEquals("2026-09-14", weeks.getJsonObject(0).getString("week"));
    assertEquals(1L, weeks.getJsonObject(0).getLong("applications"));
    long total = weeks.stream().mapToLong(w -> ((JsonObject) w).getLong("applications")).sum();
    assertEquals(4, total);
    for (int i = 0; i < 12; i++) {
      assertEquals(java.time.DayOfWeek.MONDAY,
          LocalDate.parse(weeks.getJsonObject(i).getString("week")).getDayOfWeek());
    }
    assertEquals(LocalDate.of(2026, 11, 30), Stats.monday(LocalDate.of(2026, 11, 30)), "a Monday is its own week");
    assertEquals(LocalDate.of(2026, 11, 30), Stats.monday(LocalDate.of(2026, 12, 6)), "Sunday ends the week");
  }

  @Test
  void theFunnelNamesItsFiveStagesInOrder() {
    JsonArray f = Stats.funnelOf(9, 5, 3, 2, 1);
    assertEquals(5, f.size());
    assertEquals(new JsonObject().put("stage", "discovered").put("count", 9L), f.getJsonObject(0));
    assertEquals(new JsonObject().put("stage", "offer").put("count", 1L), f.getJsonObject(4));
  }

  @Test
  void thePageViewHasEveryStatusWithItsLinkAndBothCharts() {
    JsonObject s = new JsonObject()
        .put("statuses", new JsonObject().put("NEW", 2L).put("INTERVIEW", 1L))
        .put("funnel", Stats.funnelOf(4, 3, 1, 1, 0))
        .put("weeks", Stats.weeksOf(LocalDate.of(2026, 12, 2), Map.of("2026-11-30", 1L)))
        .put("waiting", new JsonObject().put("total", 0L));
    Map<String, Object> m = HomeRoutes.view(s);
    @SuppressWarnings("unchecked")
    var statuses = (java.util.List<Map<String, Object>>) m.get("statuses");
    assertEquals(9, statuses.size());
    assertEquals("/applications?status=INTERVIEW", statuses.get(4).get("href"));
    assertEquals(3L, m.get("applications"));
    assertEquals(1L, m.get("weeks_sent"));
    assertEquals(true, ((String) m.get("funnel_svg")).startsWith("<svg"));
  }
}
