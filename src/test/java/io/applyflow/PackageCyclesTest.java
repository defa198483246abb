package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The layout shows the design: the compiled classes' package graph (read by the JDK's {@code jdeps}) has no cycle,
 * the job core imports no stage, and platform imports no feature.
 */
class PackageCyclesTest {
  private static final String ROOT = "io.applyflow.";

  private static Map<String, Set<String>> graph() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
    StringWriter out = new StringWriter();
    int rc = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package", "-filter:none",
        "target/classes");
    assertEquals(0, rc, "jdeps ran over target/classes");
    Map<String, Set<String>> g = new TreeMap<>();
    Matcher m = Pattern.compile("^\\s+(io\\.applyflow[\\w.]*)\\s+->\\s+(io\\.applyflow[\\w.]*)", Pattern.MULTILINE)
        .matcher(out.toString());
    while (m.find()) {
      String from = m.group(1).substring(ROOT.length() - 1).replaceFirst("^\\.", "");
      String to = m.group(2).substring(ROOT.length() - 1).replaceFirst("^\\.", "");
      g.computeIfAbsent(from, k -> new TreeSet<>());
      if (!from.equals(to)) {
        g.get(from).add(to);
      }
    }
    assertTrue(g.size() > 10, "jdeps saw the packages: " + g.keySet());
    return g;
  }

  @Test
  void noPackageCycle() {
    Map<String, Set<String>> g = graph();
    List<List<String>> cycles = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    int[] counter = {0};
    for (String v : g.keySet()) {
      if (!index.containsKey(v)) {
        strongConnect(v, g, index, low, stack, onStack, counter, cycles);
      }
    }
    assertEquals(List.of(), cycles, "package cycles (each a set of packages that import each other)");
  }

  @Test
  void theJobCoreImportsNoStageAndPlatformImportsNoFeature() {
    Map<String, Set<String>> g = graph();
    assertTrue(g.getOrDefault("job", Set.of()).stream().allMatch(p -> p.startsWith("platform")),
        "job imports only platform: " + g.get("job"));
    g.forEach((from, to) -> {
      if (from.startsWith("platform")) {
        assertTrue(to.stream().allMatch(p -> p.startsWith("platform")), from + " imports " + to);
      }
    });
  }

  private static void strongConnect(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                                    Map<String, Integer> low, Deque<String> stack, Set<String> onStack, int[] counter,
                                    List<List<String>> cycles) {
    index.put(v, counter[0]);
    low.put(v, counter[0]++);
    stack.push(v);
    onStack.add(v);
    for (String w : g.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        strongConnect(w, g, index, low, stack, onStack, counter, cycles);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        component.sort(null);
        cycles.add(component);
      }
    }
  }
}
