package io.applyflow.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real postings of the ATS fixtures in {@code src/test/resources} (Greenhouse, Lever and Ashby payloads, see each
 * folder's SOURCES.md), as the describe stage stores them: title, company and sanitised description HTML. For tests
 * and benchmarks that must run on postings nobody on the project wrote.
 */
public final class RealPostings {
  /** One posting as a job row carries it. */
  public record Real(String source, String title, String company, String descriptionHtml) {
    public String text() {
      return Descriptions.text(descriptionHtml);
    }
  }

  private RealPostings() {
  }

  /** Every posting with a description, from every fixture file. */
  public static List<Real> all() {
    List<Real> out = new ArrayList<>();
    for (String f : List.of("apply-engine_boards-api_jobs_algolia_trimmed.json", "hunt_boards-api_jobs_vercel_trimmed.json",
        "gh-tools-php_single_job_response.json", "gh-tools-php_single_job_response_with_multiselect_required.json")) {
      for (JsonObject j : jobs(read("/greenhouse/" + f))) {
        String content = j.getString("content", "");
        if (!content.isBlank()) {
          out.add(new Real("greenhouse", j.getString("title"), j.getString("company_name", company(f)),
              Descriptions.sanitise(content)));
        }
      }
    }
    for (String f : List.of("apply-engine_postings_metabase_trimmed.json", "hunt_postings_spotify_trimmed.json")) {
      for (JsonObject j : jobs(read("/lever/" + f))) {
        out.add(new Real("lever", j.getString("text"), company(f), Descriptions.sanitiseHtml(LeverSource.descriptionHtml(j))));
      }
    }
    for (String f : List.of("posting-api_job-board_Nango.json", "posting-api_job-board_Xlabs.json")) {
      for (JsonObject j : jobs(read("/ashby/" + f))) {
        String html = AshbySource.descriptionHtml(j);
        if (html != null && !html.isBlank()) {
          out.add(new Real("ashby", j.getString("title"), company(f), Descriptions.sanitiseHtml(html)));
        }
      }
    }
    return out;
  }

  private static String company(String file) {
    String[] parts = file.replace(".json", "").split("_");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].equals("trimmed") && !parts[i].isBlank()) {
        return parts[i].substring(0, 1).toUpperCase() + parts[i].substring(1);
      }
    }
    return "Company";
  }

  private static List<JsonObject> jobs(Object payload) {
    List<JsonObject> out = new ArrayList<>();
    JsonArray array = payload instanceof JsonArray a ? a
        : payload instanceof JsonObject o && o.getValue("jobs") instanceof JsonArray a2 ? a2
        : new JsonArray().add(payload);
    array.forEach(o -> {
      if (o instanceof JsonObject j) {
        out.add(j);
      }
    });
    return out;
  }

  private static Object read(String resource) {
    try (InputStream in = RealPostings.class.getResourceAsStream(resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return text.startsWith("[") ? new JsonArray(text) : new JsonObject(text);
    } catch (IOException e) {
      throw new IllegalStateException(resource, e);
    }
  }
}
