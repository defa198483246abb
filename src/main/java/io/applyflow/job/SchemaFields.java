package io.applyflow.job;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Looks up a field in a job's stored Greenhouse form schema (questions, compliance, demographic questions). */
public final class SchemaFields {
  private SchemaFields() {
  }

  /**
   * The option labels of a select field, or null when the field is not a select, is not in the schema, or its
   * options are not known (a form read from the page whose control showed none).
   */
  public static List<String> options(JsonObject schema, String field) {
    if (schema == null) {
      return null;
    }
    List<JsonArray> questionLists = new ArrayList<>();
    questionLists.add(schema.getJsonArray("questions", new JsonArray()));
    JsonArray compliance = schema.getJsonArray("compliance");
    if (compliance != null) {
      compliance.forEach(b -> questionLists.add(((JsonObject) b).getJsonArray("questions", new JsonArray())));
    }
    for (JsonArray questions : questionLists) {
      for (Object q : questions) {
        for (Object f : ((JsonObject) q).getJsonArray("fields", new JsonArray())) {
          JsonObject fo = (JsonObject) f;
          if (field.equals(fo.getString("name")) && fo.getJsonArray("values") != null
              && !fo.getJsonArray("values").isEmpty()) {
            List<String> out = new ArrayList<>();
            fo.getJsonArray("values").forEach(v -> out.add(((JsonObject) v).getString("label")));
            return out;
          }
        }
      }
    }
    JsonObject demographic = schema.getJsonObject("demographic_questions");
    if (demographic != null) {
      for (Object q : demographic.getJsonArray("questions", new JsonArray())) {
        JsonObject qo = (JsonObject) q;
        if (field.equals(String.valueOf(qo.getValue("id")))) {
          List<String> out = new ArrayList<>();
          qo.getJsonArray("answer_options", new JsonArray()).forEach(o -> out.add(((JsonObject) o).getString("label")));
          return out;
        }
      }
    }
    return null;
  }
}
