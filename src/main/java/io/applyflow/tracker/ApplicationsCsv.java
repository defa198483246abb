package io.applyflow.tracker;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The applications as a CSV file ({@link Csv}): a header row, then one row per application. */
public final class ApplicationsCsv {
  public static final List<String> HEADER = List.of("id", "status", "company", "position", "location", "url",
      "deadline", "follow_up", "salary", "score", "origin", "job_id", "applied_at", "created_at", "updated_at",
      "contacts", "notes");

  private ApplicationsCsv() {
  }

  public static String of(List<JsonObject> apps) {
    StringBuilder b = new StringBuilder(Csv.record(HEADER));
    for (JsonObject a : apps) {
      List<String> row = new ArrayList<>();
      for (String col : HEADER) {
        Object v = a.getValue(col);
        row.add(col.equals("contacts") ? contacts(a.getJsonArray("contacts"))
            : col.equals("status") ? ApplicationStatus.labelOf(a.getString("status"))
            : v == null ? "" : String.valueOf(v));
      }
      b.append(Csv.record(row));
    }
    return b.toString();
  }

  /** Contacts in one cell: {@code Name <email> (role) phone}, separated by {@code "; "}. */
  static String contacts(JsonArray list) {
    if (list == null) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject c = list.getJsonObject(i);
      StringBuilder s = new StringBuilder();
      append(s, c.getString("name"), "", "");
      append(s, c.getString("email"), "<", ">");
      append(s, c.getString("role"), "(", ")");
      append(s, c.getString("phone"), "", "");
      out.add(s.toString());
    }
    return String.join("; ", out);
  }

  private static void append(StringBuilder s, String v, String open, String close) {
    if (v != null && !v.isEmpty()) {
      if (!s.isEmpty()) {
        s.append(' ');
      }
      s.append(open).append(v).append(close);
    }
  }
}
