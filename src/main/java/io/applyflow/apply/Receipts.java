package io.applyflow.apply;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The ATS's own id for an accepted application, for {@link SubmitLedger#confirm}: from the JSON answer to the form's
 * POST ({@code submission_id}, {@code application_id} or {@code id}), else from the confirmation URL's query
 * ({@code application_id} or {@code submission_id}). Only short plain tokens are kept; anything else is no receipt.
 * Pure.
 */
public final class Receipts {
  private static final List<String> BODY_KEYS = List.of("submission_id", "application_id", "id");
  private static final List<String> QUERY_KEYS = List.of("application_id", "submission_id");
  private static final String TOKEN = "[A-Za-z0-9_.:-]{1,64}";

  private Receipts() {
  }

  /** The receipt from the POST's answer, else from the confirmation URL; null when neither names one. */
  public static String of(String postBody, String confirmationUrl) {
    String r = fromJson(postBody);
    return r != null ? r : fromUrl(confirmationUrl);
  }

  static String fromJson(String body) {
    if (body == null || body.isBlank() || body.length() > 100_000) {
      return null;
    }
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (RuntimeException e) {
      return null;
    }
    for (String key : BODY_KEYS) {
      Object v = json.getValue(key);
      if (v instanceof Number || v instanceof String) {
        String s = String.valueOf(v).strip();
        if (s.matches(TOKEN)) {
          return s;
        }
      }
    }
    return null;
  }

  static String fromUrl(String url) {
    if (url == null) {
      return null;
    }
    String query;
    try {
      query = URI.create(url.strip()).getRawQuery();
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (query == null) {
      return null;
    }
    for (String key : QUERY_KEYS) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && key.equals(pair.substring(0, eq))) {
          String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
          if (v.matches(TOKEN)) {
            return v;
          }
        }
      }
    }
    return null;
  }
}
