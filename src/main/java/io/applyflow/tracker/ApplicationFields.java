package io.applyflow.tracker;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.web.Inputs;
import io.applyflow.platform.web.SafeUrls;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules for an application's fields, for adding one (by hand or from a URL) and for editing one: what a field
 * may hold, in one place, without Vert.x I/O. Text is NFC-normalised and stripped; single-line fields refuse every
 * control character, notes and descriptions allow TAB, LF and CR ({@link Inputs}); the URL must be a safe http(s)
 * link ({@link SafeUrls}); dates are ISO {@code YYYY-MM-DD}; contacts are an array of {@code {name, email, role,
 * phone}} objects. Every problem is reported by field name, and each message starts with that name, so the API
 * answers a 400 naming the field and a page shows the message next to it.
 */
public final class ApplicationFields {
  /** Company, position, location, salary, a contact's name and role. */
  public static final int TEXT = Inputs.SHORT_TEXT;
  /** The notes (multi-line). */
  public static final int NOTES = 10_000;
  /** A posting's description (multi-line; set when an application is made from a URL). */
  public static final int DESCRIPTION = 100_000;
  /** How many contacts one application may list. */
  public static final int CONTACTS = 20;

  /** The fields a client may send, in the order the pages show them. */
  public static final List<String> FIELDS = List.of("company", "position", "url", "location", "deadline", "salary",
      "follow_up", "contacts", "notes", "description", "score", "analysis", "status");
  private static final Set<String> SINGLE_LINE = Set.of("company", "position", "location", "salary");
  private static final Set<String> CONTACT_KEYS = Set.of("name", "email", "role", "phone");

  private ApplicationFields() {
  }

  /** The cleaned values (only the fields sent; null clears one) and the problems by field name. */
  public record Checked(JsonObject values, Map<String, String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }

    /** The values, or BAD_INPUT naming every problem. */
    public JsonObject orFail() {
      if (!ok()) {
        throw Failure.BAD_INPUT.with(String.join("; ", problems.values()));
      }
      return values;
    }
  }

  /**
   * Checks {@code in}. When {@code creating}, empty values count as not sent and, for {@code origin} {@code manual},
   * company and position are required ({@code url}: the URL is); when editing, a null or empty value clears the
   * field, except company and position, which stay required once set.
   */
  public static Checked check(JsonObject in, boolean creating, String origin) {
    Map<String, String> problems = new LinkedHashMap<>();
    JsonObject out = new JsonObject();
    List<String> unknown = new ArrayList<>();
    for (String key : in.fieldNames()) {
      if (!FIELDS.contains(key)) {
        unknown.add(Inputs.shown(key));
      }
    }
    if (!unknown.isEmpty()) {
      problems.put("fields", (unknown.size() == 1 ? "unknown field " : "unknown fields ") + String.join(", ", unknown)
          + "; an application has " + String.join(", ", FIELDS));
    }
    for (String field : FIELDS) {
      if (!in.containsKey(field)) {
        continue;
      }
      Object raw = in.getValue(field);
      boolean blank = raw == null || raw instanceof String s && s.isBlank();
      if (blank && creating) {
        continue;
      }
      try {
        out.put(field, blank ? cleared(field) : value(field, raw));
      } catch (Failure.Coded e) {
        problems.put(field, e.getMessage());
      }
    }
    if (creating) {
      List<String> required = "manual".equals(origin) ? List.of("company", "position")
          : "url".equals(origin) ? List.of("url") : List.of();
      for (String field : required) {
        if (out.getValue(field) == null && !problems.containsKey(field)) {
          problems.put(field, field + " is required");
        }
      }
    }
    return new Checked(out, problems);
  }

  private static Object cleared(String field) {
    if (field.equals("company") || field.equals("position") || field.equals("status")) {
      throw Failure.BAD_INPUT.with(field + " cannot be empty");
    }
    return field.equals("contacts") ? new JsonArray() : null;
  }

  private static Object value(String field, Object raw) {
    switch (field) {
      case "url" -> {
        String s = string(field, raw, SafeUrls.MAX_LENGTH);
        String why = SafeUrls.refusal(s);
        if (why != null) {
          throw Failure.BAD_INPUT.with("url must be a web address (http or https): " + why);
        }
        return s.strip();
      }
      case "deadline", "follow_up" -> {
        return date(field, string(field, raw, 40));
      }
      case "notes" -> {
        return nfc(Inputs.multiline(field, string(field, raw, NOTES), NOTES)).strip();
      }
      case "description" -> {
        return nfc(Inputs.multiline(field, string(field, raw, DESCRIPTION), DESCRIPTION)).strip();
      }
      case "score" -> {
        if (!(raw instanceof Integer || raw instanceof Long) || ((Number) raw).longValue() < 0
            || ((Number) raw).longValue() > 100) {
          throw Failure.BAD_INPUT.with("score must be a whole number from 0 to 100");
        }
        return ((Number) raw).intValue();
      }
      case "analysis" -> {
        if (!(raw instanceof JsonObject)) {
          throw Failure.BAD_INPUT.with("analysis must be a JSON object");
        }
        return raw;
      }
      case "status" -> {
        return ApplicationStatus.parse("status", string(field, raw, 40)).name();
      }
      case "contacts" -> {
        return contacts(raw);
      }
      default -> {
        if (!SINGLE_LINE.contains(field)) {
          throw new IllegalArgumentException(field);
        }
        return text(field, raw, TEXT);
      }
    }
  }

  private static String string(String field, Object raw, int max) {
    if (!(raw instanceof String s)) {
      throw Failure.BAD_INPUT.with(field + " must be a string");
    }
    if (s.length() > max) {
      throw Failure.BAD_INPUT.with(field + " is too long: at most " + max + " characters, got " + s.length());
    }
    return s;
  }

  private static String text(String field, Object raw, int max) {
    return nfc(Inputs.line(field, string(field, raw, max), max)).strip();
  }

  private static String nfc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  /** An ISO date {@code YYYY-MM-DD} (a real day, year 1900 to 2999), or BAD_INPUT naming {@code field}. */
  public static String date(String field, String raw) {
    String s = raw.strip();
    boolean shape = s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-';
    for (int i = 0; shape && i < 10; i++) {
      shape = i == 4 || i == 7 || (s.charAt(i) >= '0' && s.charAt(i) <= '9');
    }
    if (shape) {
      try {
        LocalDate d = LocalDate.parse(s);
        if (d.getYear() >= 1900 && d.getYear() <= 2999) {
          return d.toString();
        }
      } catch (DateTimeParseException ignored) {
        // reported below
      }
    }
    throw Failure.BAD_INPUT.with(field + " must be a date as YYYY-MM-DD (e.g. 2026-03-31), got '"
        + Inputs.shown(s.length() > 40 ? s.substring(0, 40) : s) + "'");
  }

  private static JsonArray contacts(Object raw) {
    if (!(raw instanceof JsonArray list)) {
      throw Failure.BAD_INPUT.with("contacts must be an array of {name, email, role, phone} objects");
    }
    if (list.size() > CONTACTS) {
      throw Failure.BAD_INPUT.with("contacts has " + list.size() + " entries; at most " + CONTACTS);
    }
    JsonArray out = new JsonArray();
    for (int i = 0; i < list.size(); i++) {
      String at = "contacts[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject c)) {
        throw Failure.BAD_INPUT.with(at + " must be an object {name, email, role, phone}");
      }
      JsonObject clean = new JsonObject();
      for (String key : c.fieldNames()) {
        if (!CONTACT_KEYS.contains(key)) {
          throw Failure.BAD_INPUT.with(at + "." + Inputs.shown(key) + " is not a contact field; a contact has name, "
              + "email, role, phone");
        }
      }
      for (String key : List.of("name", "email", "role", "phone")) {
        Object v = c.getValue(key);
        if (v == null || v instanceof String s && s.isBlank()) {
          continue;
        }
        int max = key.equals("email") ? Inputs.EMAIL : key.equals("phone") ? Inputs.PHONE : TEXT;
        String s = text(at + "." + key, v, max);
        if (key.equals("email")) {
          Inputs.email(at + ".email", s);
        }
        clean.put(key, s);
      }
      if (clean.getString("name") == null && clean.getString("email") == null) {
        throw Failure.BAD_INPUT.with(at + " needs a name or an email");
      }
      out.add(clean);
    }
    return out;
  }
}
