package io.applyflow.tracker;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.web.Inputs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One action on many applications: {@code {"ids": [...], "status": "INTERVIEW"}} or {@code {"ids": [...],
 * "delete": true}} (the API), or the list page's form ({@code ids} repeated, {@code action} {@code status} or
 * {@code delete}, {@code status}). {@code status} is null for a delete.
 */
public record Bulk(List<Long> ids, ApplicationStatus status) {
  public boolean delete() {
    return status == null;
  }

  public static Bulk fromJson(JsonObject body) {
    for (String key : body.fieldNames()) {
      if (!Set.of("ids", "status", "delete").contains(key)) {
        throw Failure.BAD_INPUT.with("unknown field " + Inputs.shown(key) + "; send ids and either status or "
            + "\"delete\": true");
      }
    }
    if (!(body.getValue("ids") instanceof JsonArray raw)) {
      throw Failure.BAD_INPUT.with("ids must be an array of application ids");
    }
    List<String> ids = new ArrayList<>();
    for (Object o : raw) {
      if (!(o instanceof Integer || o instanceof Long)) {
        throw Failure.BAD_INPUT.with("ids must be an array of application ids (positive whole numbers)");
      }
      ids.add(String.valueOf(o));
    }
    Object del = body.getValue("delete");
    if (del != null && !(del instanceof Boolean)) {
      throw Failure.BAD_INPUT.with("delete must be true or false");
    }
    boolean delete = Boolean.TRUE.equals(del);
    Object status = body.getValue("status");
    if (delete == (status != null)) {
      throw Failure.BAD_INPUT.with("send either status (one of " + ApplicationStatus.allowed()
          + ") or \"delete\": true, not " + (delete ? "both" : "neither"));
    }
    if (status != null && !(status instanceof String)) {
      throw Failure.BAD_INPUT.with("status must be a string: one of " + ApplicationStatus.allowed());
    }
    return of(ids, delete ? "delete" : "status", (String) status);
  }

  /** From a form: {@code action} is {@code status} (with {@code status}) or {@code delete}. */
  public static Bulk of(List<String> rawIds, String action, String status) {
    Set<Long> ids = new LinkedHashSet<>();
    for (String s : rawIds == null ? List.<String>of() : rawIds) {
      long id;
      try {
        id = s.length() > 19 ? -1 : Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        id = -1;
      }
      if (id <= 0) {
        throw Failure.BAD_INPUT.with("ids must be application ids (positive whole numbers), got '"
            + Inputs.shown(s.length() > 20 ? s.substring(0, 20) : s) + "'");
      }
      ids.add(id);
    }
    if (ids.isEmpty()) {
      throw Failure.BAD_INPUT.with("ids is empty: select at least one application");
    }
    if (ids.size() > Applications.MAX_BULK) {
      throw Failure.BAD_INPUT.with("ids has " + ids.size() + " applications; at most " + Applications.MAX_BULK
          + " at once");
    }
    if ("delete".equals(action)) {
      return new Bulk(List.copyOf(ids), null);
    }
    if (!"status".equals(action)) {
      throw Failure.BAD_INPUT.with("action must be status or delete");
    }
    return new Bulk(List.copyOf(ids), ApplicationStatus.parse("status", status));
  }
}
