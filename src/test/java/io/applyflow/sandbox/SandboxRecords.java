package io.applyflow.sandbox;

import io.applyflow.platform.db.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

/**
 * Test support: what the sandbox board (the employer) received, read straight from the shared test database. No
 * route serves the employer's view any more (a user sees only their own, behind the login), so tests that check
 * what reached the employer read it here. Call from a test thread (it blocks).
 */
public final class SandboxRecords {
  private static Vertx vertx;
  /** One reader per test database, by its URL: an app that runs stages has a database of its own (TestApp). */
  private static final java.util.Map<String, SandboxSubmissions> readers = new java.util.LinkedHashMap<>();
  /** Which database each submission id was last listed from by {@link #ofEmail} (ids repeat across databases). */
  private static final java.util.Map<Long, SandboxSubmissions> listedFrom = new java.util.concurrent.ConcurrentHashMap<>();

  private SandboxRecords() {
  }

  private static synchronized java.util.List<SandboxSubmissions> readers() {
    if (vertx == null) {
      vertx = Vertx.vertx();
      Vertx v = vertx;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> v.close()));
    }
    for (io.applyflow.platform.db.Database db : TestDatabase.all()) {
      readers.computeIfAbsent(db.url(), u -> new SandboxSubmissions(db.pool(vertx, 2)));
    }
    return new java.util.ArrayList<>(readers.values());
  }

  private static SandboxSubmissions shared() {
    readers();
    synchronized (SandboxRecords.class) {
      return readers.get(TestDatabase.shared().url());
    }
  }

  /** Every submission the sandbox of the shared test database received, in id order (today's JSON shape). */
  public static JsonArray all() {
    return shared().all(null, null).await();
  }

  /** The submissions whose applicant email is {@code email}, in id order, from whichever test database holds them. */
  public static JsonArray ofEmail(String email) {
    JsonArray mine = new JsonArray();
    for (SandboxSubmissions reader : readers()) {
      reader.all(null, null).await().forEach(o -> {
        JsonObject s = (JsonObject) o;
        if (email.equals(s.getString("email"))) {
          mine.add(s);
          listedFrom.put(s.getLong("id"), reader);
        }
      });
    }
    return mine;
  }

  private static SandboxSubmissions holding(long submissionId) {
    return listedFrom.getOrDefault(submissionId, shared());
  }

  /** The bytes the sandbox stored for a submission's {@code field} ({@code resume}, {@code cover_letter}). */
  public static byte[] file(long submissionId, String field) {
    return holding(submissionId).employerFile(submissionId, field).await()
        .orElseThrow(() -> new IllegalStateException("submission " + submissionId + " has no file '" + field + "'"))
        .content().getBytes();
  }

  /** The content type the sandbox stored for a submission's {@code field}. */
  public static String contentType(long submissionId, String field) {
    return holding(submissionId).employerFile(submissionId, field).await()
        .orElseThrow(() -> new IllegalStateException("submission " + submissionId + " has no file '" + field + "'"))
        .contentType();
  }
}
