package io.applyflow.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionRowsTest {
  private static JsonObject doc(long id, String kind, String sha) {
    return new JsonObject().put("id", id).put("kind", kind).put("filename", "f").put("bytes", 33_000)
        .put("sha256", sha).put("created_at", "2026-12-02T12:0" + id + ":00Z");
  }

  private static JsonObject job() {
    return new JsonObject().put("job_id", 7L).put("title", "Backend Engineer").put("company", "Acme")
        .put("documents", new JsonArray()
            .add(doc(1, "resume_pdf", "aaaa1111bbbb2222cccc"))
            .add(doc(2, "cover_letter_pdf", "dddd"))
            .add(doc(3, "resume_png", "eeee"))
            .add(doc(4, "screenshot", "ffff"))
            .add(doc(5, "resume_pdf", "9999888877776666")))
        .put("events", new JsonArray()
            .add(new JsonObject().put("stage", "tailor").put("data", new JsonObject().put("dropped", 1)))
            .add(new JsonObject().put("stage", "render").put("data", new JsonObject().put("sha256", "aaaa1111bbbb2222cccc")
                .put("pages", 2)))
            .add(new JsonObject().put("stage", "apply").put("data", (Object) null)));
  }

  @Test
  void aJobsVersionsAreItsResumeAndLetterPdfsNewestFirstWithTheRecordedPageCount() {
    List<Version> versions = VersionRows.ofJob(job());
    assertEquals(List.of(5L, 2L, 1L), versions.stream().map(Version::id).toList(), "PDFs only, newest first");
    Version newest = versions.get(0);
    assertTrue(newest.current());
    assertNull(newest.pages(), "no render event names this PDF");
    Version first = versions.get(2);
    assertFalse(first.current(), "an earlier resume of the job");
    assertEquals(2, first.pages());
    assertEquals("aaaa1111bbbb", first.shortSha());
    assertEquals("/jobs/7/documents/1", first.href());
    assertTrue(versions.get(1).current(), "the only letter");
    assertEquals("Cover letter", versions.get(1).view().get("what"));
    assertEquals("32 KB, 2 pages", first.view().get("fileSize"));
  }

  @Test
  void theListSaysWhenThereIsMoreThanItShows() {
    List<Version> versions = VersionRows.ofJob(job());
    Map<String, Object> some = VersionRows.list(versions, 31, "/versions", "none", true);
    assertEquals("/versions", some.get("more"));
    assertEquals(3, ((List<?>) some.get("items")).size());
    Map<String, Object> all = VersionRows.list(versions, 3, "/versions", "none", true);
    assertNull(all.get("more"));
  }

  @Test
  void theApiViewLinksTheDownloadAndTheDiff() {
    JsonObject json = VersionRows.ofJob(job()).get(0).json();
    assertEquals("/jobs/7/documents/5", json.getJsonObject("links").getString("download"));
    assertEquals("/api/versions/5", json.getJsonObject("links").getString("self"));
    assertEquals("resume_pdf", json.getString("kind"));
    assertEquals(7L, json.getLong("job_id"));
  }
}
