package io.applyflow.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.applyflow.search.Descriptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Entities;

/**
 * Postings for the scorer's tests, as the pipeline sees them: real ones from the fixtures in
 * {@code src/test/resources} (see the SOURCES.md files) and the sandbox's, whose HTML goes through the describe
 * stage's sanitiser first, as it does before scoring.
 *
 * @param title    the posting's title
 * @param html     its description HTML
 * @param employer its company name and board token (the sandbox's) or company name (real postings)
 * @param original the HTML before the sanitiser (the sandbox's); the same as {@code html} for real postings
 */
record PostingFixtures(String title, String html, List<String> employer, String original) {

  PostingFixtures(String title, String html, List<String> employer) {
    this(title, html, employer, html);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  ScoreDetail score(JsonNode resume, java.time.LocalDate today) {
    return Scorer.score(title, html, employer, resume, today);
  }

  /** The Ashby postings of xLabs (two). */
  static List<PostingFixtures> xlabs() {
    List<PostingFixtures> out = new ArrayList<>();
    for (JsonNode j : read("/ashby/posting-api_job-board_Xlabs.json").path("jobs")) {
      out.add(new PostingFixtures(j.path("title").asText(), j.path("descriptionHtml").asText(), List.of("xLabs")));
    }
    return out;
  }

  /**
   * The Lever postings in {@code /lever/<file>} (two each), laid out as Lever's hosted page shows them: the
   * description, each list under its heading, then the closing "additional" text, which has no heading of its own.
   */
  static List<PostingFixtures> lever(String file, String company) {
    List<PostingFixtures> out = new ArrayList<>();
    for (JsonNode j : read("/lever/" + file)) {
      StringBuilder html = new StringBuilder(j.path("description").asText());
      for (JsonNode list : j.path("lists")) {
        html.append("<h3>").append(list.path("text").asText()).append("</h3><ul>")
            .append(list.path("content").asText()).append("</ul>");
      }
      html.append(j.path("additional").asText());
      out.add(new PostingFixtures(j.path("text").asText(), html.toString(), List.of(company)));
    }
    return out;
  }

  static List<PostingFixtures> spotify() {
    return lever("hunt_postings_spotify_trimmed.json", "Spotify");
  }

  static List<PostingFixtures> metabase() {
    return lever("apply-engine_postings_metabase_trimmed.json", "Metabase");
  }

  /**
   * Every sandbox posting as the describe stage stores it: Greenhouse's escaped {@code content} unescaped and
   * sanitised, which drops the {@code content-intro} and {@code content-conclusion} wrappers' classes.
   */
  static List<PostingFixtures> sandboxAsStored() {
    List<PostingFixtures> out = new ArrayList<>();
    for (JsonNode b : read("/sandbox/boards.json").path("boards")) {
      for (JsonNode j : b.path("jobs")) {
        String content = j.path("content").asText();
        out.add(new PostingFixtures(j.path("title").asText(), Descriptions.sanitise(Entities.escape(content)),
            List.of(j.path("company_name").asText(), b.path("token").asText()), content));
      }
    }
    return out;
  }

  static PostingFixtures sandboxAsStored(String title) {
    return sandboxAsStored().stream().filter(p -> p.title().equals(title)).findFirst().orElseThrow();
  }

  private static JsonNode read(String resource) {
    try (InputStream in = PostingFixtures.class.getResourceAsStream(resource)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
