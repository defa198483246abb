package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's API example, run as a reader would run it (bash, curl, jq) against the test server: it must work as
 * written, and a second time without registering again.
 */
class ReadmeIT {
  /** The fenced block after the {@code api-example} marker. */
  private static String example() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int marker = readme.indexOf("<!-- api-example");
    assertTrue(marker >= 0, "the README marks its API example");
    int start = readme.indexOf("```\n", marker) + 4;
    return readme.substring(start, readme.indexOf("```", start));
  }

  private static String run(String script, String email, Path resume) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true);
    pb.environment().put("PORT", String.valueOf(TestApp.shared().port()));
    pb.environment().put("EMAIL", email);
    pb.environment().put("RESUME", resume.toString());
    Process p = pb.start();
    boolean ended = p.waitFor(300, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(ended, "the example ended: " + out);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  /** The run the example prints last. */
  private static JsonObject result(String out) {
    int at = out.lastIndexOf("{\n  \"run_id\"");
    assertTrue(at >= 0, out);
    return new JsonObject(out.substring(at));
  }

  @Test
  void theApiExampleWorksAsWrittenAndASecondTimeLogsIn() throws Exception {
    String script = example();
    String email = Api.uniqueEmail("readme");
    Path resume = Files.createTempFile("readme-resume", ".json");
    Files.writeString(resume, Api.sampleResume(email).encodePrettily());

    JsonObject first = result(run(script, email, resume));
    assertEquals("done", first.getString("status"), first.encodePrettily());
    JsonArray jobs = first.getJsonArray("jobs");
    assertEquals(5, jobs.size(), first.encodePrettily());
    // as the README says: the three Greenhouse companies' postings are sent, the Lever and Ashby ones are not a match
    Set<Long> submitted = new HashSet<>();
    jobs.forEach(j -> {
      JsonObject job = (JsonObject) j;
      boolean greenhouse = !Set.of("tidewater-energy", "Meridian").contains(job.getString("company"));
      assertEquals(greenhouse ? "submitted" : "rejected", job.getString("status"), first.encodePrettily());
      if (greenhouse) {
        submitted.add(job.getLong("job_id"));
      }
    });
    assertEquals(3, submitted.size(), first.encodePrettily());
    assertEquals(3, TestApp.api().submissionsOf(email).size());

    JsonObject second = result(run(script, email, resume));
    assertEquals("done", second.getString("status"), second.encodePrettily());
    long duplicates = second.getJsonArray("jobs").stream()
        .filter(j -> "duplicate".equals(((JsonObject) j).getString("status"))).count();
    assertEquals(3, duplicates, "the three postings already sent come back as duplicates: " + second.encodePrettily());
    long sentAgain = second.getJsonArray("jobs").stream()
        .filter(j -> "submitted".equals(((JsonObject) j).getString("status"))).count();
    assertEquals(3 + sentAgain, TestApp.api().submissionsOf(email).size(), "nothing was sent twice");
  }
}
