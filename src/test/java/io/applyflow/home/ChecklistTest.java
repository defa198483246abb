package io.applyflow.home;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecklistTest {
  @Test
  void theNextStepIsTheFirstNotDone() {
    assertEquals(1, Checklist.model("Ada", false, false, false).get("next"));
    assertEquals(2, Checklist.model("Ada", true, false, false).get("next"));
    assertEquals(3, Checklist.model("Ada", true, true, false).get("next"));
    Map<String, Object> done = Checklist.model("Ada", true, true, true);
    assertEquals(true, done.get("complete"));
    assertEquals(null, done.get("next"));
  }

  @Test
  void eachStepSaysWhereToGo() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) Checklist.model("", true, false, false).get("steps");
    assertEquals(List.of("/profile", "/runs/new", "/review"), steps.stream().map(s -> s.get("href")).toList());
    assertEquals(List.of(true, false, false), steps.stream().map(s -> s.get("done")).toList());
  }
}
