package io.applyflow.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Test support: the shape of JSON documents, as every path ({@code categories.location}, {@code lists[].text}) with
 * the node types seen there. Comparing a sandbox answer's shape with a real payload's says, field by field, that the
 * sandbox has the same fields with the same types (and nothing the real API does not have).
 */
final class JsonShape {
  private final Map<String, Set<JsonNodeType>> paths = new TreeMap<>();

  /** The shape of every element of {@code items} merged (real payloads leave optional keys out of some items). */
  static JsonShape of(Iterable<JsonNode> items) {
    JsonShape s = new JsonShape();
    items.forEach(i -> s.add("", i));
    return s;
  }

  private void add(String path, JsonNode n) {
    if (!path.isEmpty()) {
      paths.computeIfAbsent(path, k -> EnumSet.noneOf(JsonNodeType.class)).add(n.getNodeType());
    }
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        add(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue());
      }
    } else if (n.isArray()) {
      n.forEach(e -> add(path + "[]", e));
    }
  }

  Set<String> paths() {
    return paths.keySet();
  }

  /**
   * Every path of {@code ours} is in this (real) shape with a type the real payload has there (a real null stands for
   * "any type or null"), except paths starting with one of {@code extras}; and every top-level key of the real shape
   * is in ours.
   */
  void assertCovers(JsonShape ours, Set<String> extras) {
    StringBuilder problems = new StringBuilder();
    for (Map.Entry<String, Set<JsonNodeType>> e : ours.paths.entrySet()) {
      String p = e.getKey();
      if (extras.stream().anyMatch(x -> p.equals(x) || p.startsWith(x + ".") || p.startsWith(x + "[]"))) {
        continue;
      }
      Set<JsonNodeType> real = paths.get(p);
      if (real == null) {
        problems.append("\n  ").append(p).append(": not in the real payload");
        continue;
      }
      for (JsonNodeType t : e.getValue()) {
        if (!real.contains(t) && !real.contains(JsonNodeType.NULL) && t != JsonNodeType.NULL) {
          problems.append("\n  ").append(p).append(": ").append(t).append(", real ").append(real);
        } else if (t == JsonNodeType.NULL && !real.contains(JsonNodeType.NULL)) {
          problems.append("\n  ").append(p).append(": null, real ").append(real);
        }
      }
    }
    for (String p : paths.keySet()) {
      if (!p.contains(".") && !p.contains("[]") && !ours.paths.containsKey(p)) {
        problems.append("\n  ").append(p).append(": missing");
      }
    }
    if (problems.length() > 0) {
      fail("the sandbox's JSON differs from the real payload's:" + problems);
    }
    assertTrue(ours.paths.size() >= 10, "a shape with this few paths compares nothing: " + ours.paths.keySet());
  }
}
