package io.applyflow.tailor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jsoup.Jsoup;

/** Sandbox postings from {@code sandbox/boards.json}, for the template tests. */
record Postings(long id, String company, String title, String html) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Postings of every sandbox board: software, data, design, product and solutions roles. */
  static final List<Long> SAMPLE = List.of(4012008L, 4012029L, 4012050L, 4012064L, 4012085L, 5023029L,
      5023043L, 5023071L, 6034022L, 6034057L, 6034078L);

  static List<Postings> all() {
    try (InputStream in = Postings.class.getResourceAsStream("/sandbox/boards.json")) {
      JsonNode root = JSON.readTree(in);
      List<Postings> out = new ArrayList<>();
      for (JsonNode board : root.path("boards")) {
        for (JsonNode job : board.path("jobs")) {
          out.add(new Postings(job.path("id").asLong(), job.path("company_name").asText(board.path("name").asText()),
              job.path("title").asText(), job.path("content").asText()));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Postings byId(long id) {
    return all().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
  }

  static List<Postings> sample() {
    return SAMPLE.stream().map(Postings::byId).toList();
  }

  /** The description as text, one line per block. */
  String text() {
    var doc = Jsoup.parse(html);
    doc.select("p, li, h1, h2, h3, h4, h5, h6, div").after("\n");
    return doc.wholeText().replaceAll("[ \\t]+", " ").replaceAll("\\n\\s*\\n+", "\n").trim();
  }

  /** The description's sentences: one per line, lines split after . ! or ?. */
  List<String> sentences() {
    return Arrays.stream(text().split("\\n|(?<=[.!?])\\s+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
