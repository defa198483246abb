package io.applyflow.llm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a decoded JSON value against the small subset of JSON Schema our prompts use: {@code type} (one name or a
 * list of names among object, array, string, number, integer, boolean, null), {@code properties}, {@code required},
 * {@code items} and {@code enum}. Other keywords are ignored, so a richer schema is checked only as far as this
 * subset goes. Values and schemas are plain Java ({@link Map}, {@link List}, {@link String}, {@link Number},
 * {@link Boolean}, {@code null}), as Jackson or {@code JsonObject.getMap()} decodes them. Stateless and thread-safe.
 */
public final class JsonShapeValidator {
  private static final int MAX_ERRORS = 20;

  private JsonShapeValidator() {
  }

  /**
   * Every mismatch between {@code value} and {@code schema}, each as {@code "$.path: problem"}; empty when valid.
   * A {@code null} schema accepts anything.
   */
  public static List<String> validate(Map<String, ?> schema, Object value) {
    List<String> errors = new ArrayList<>();
    if (schema != null) {
      check(schema, value, "$", errors);
    }
    return errors;
  }

  private static void check(Map<String, ?> schema, Object value, String path, List<String> errors) {
    if (errors.size() >= MAX_ERRORS) {
      return;
    }
    List<String> types = types(schema.get("type"));
    if (!types.isEmpty() && types.stream().noneMatch(t -> hasType(value, t))) {
      errors.add(path + ": expected " + String.join(" or ", types) + " but got " + describe(value));
      return;
    }
    if (schema.get("enum") instanceof List<?> allowed && !containsJson(allowed, value)) {
      errors.add(path + ": " + describe(value) + " is not one of " + allowed);
    }
    if (value instanceof Map<?, ?> object) {
      if (schema.get("required") instanceof List<?> required) {
        for (Object name : required) {
          if (!object.containsKey(String.valueOf(name))) {
            errors.add(path + ": missing required property '" + name + "'");
          }
        }
      }
      if (schema.get("properties") instanceof Map<?, ?> properties) {
        for (Map.Entry<?, ?> p : properties.entrySet()) {
          String name = String.valueOf(p.getKey());
          if (object.containsKey(name) && p.getValue() instanceof Map<?, ?> propertySchema) {
            check(cast(propertySchema), object.get(name), path + "." + name, errors);
          }
        }
      }
    } else if (value instanceof List<?> array && schema.get("items") instanceof Map<?, ?> itemSchema) {
      for (int i = 0; i < array.size(); i++) {
        check(cast(itemSchema), array.get(i), path + "[" + i + "]", errors);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> cast(Map<?, ?> map) {
    return (Map<String, ?>) map;
  }

  private static List<String> types(Object type) {
    if (type instanceof String s) {
      return List.of(s);
    }
    if (type instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  private static boolean hasType(Object value, String type) {
    return switch (type) {
      case "object" -> value instanceof Map;
      case "array" -> value instanceof List;
      case "string" -> value instanceof String;
      case "boolean" -> value instanceof Boolean;
      case "null" -> value == null;
      case "number" -> value instanceof Number;
      case "integer" -> isInteger(value);
      default -> true; // a type name outside the subset is not ours to reject
    };
  }

  private static boolean isInteger(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger) {
      return true;
    }
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().scale() <= 0;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) && d == Math.rint(d);
    }
    return false;
  }

  private static boolean containsJson(List<?> allowed, Object value) {
    for (Object a : allowed) {
      if (a instanceof Number x && value instanceof Number y) {
        if (new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0) {
          return true;
        }
      } else if (a == null ? value == null : a.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "object";
    }
    if (value instanceof List) {
      return "array";
    }
    if (value instanceof String s) {
      return "string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }
    if (value instanceof Boolean) {
      return "boolean " + value;
    }
    if (value instanceof Number) {
      return "number " + value;
    }
    return value.getClass().getSimpleName();
  }
}
