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
  private static SandboxSubmissions submissions;

  private SandboxRecords() {
  }

  private static synchronized SandboxSubmissions submissions() {
    if (submissions == null) {
      vertx = Vertx.vertx();
      Pool pool = TestDatabase.shared().pool(vertx, 2);
      submissions = new SandboxSubmissions(pool);
      Vertx v = vertx;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> v.close()));
    }
    return submissions;
  }

  /** Every submission the sandbox received, in id order (today's JSON shape). */
  public static JsonArray all() {
    return submissions().all(null, null).await();
  }

  /** The submissions whose applicant email is {@code email}, in id order. */
  public static JsonArray ofEmail(String email) {
    JsonArray mine = new JsonArray();
    all().forEach(o -> {
      if (email.equals(((JsonObject) o).getString("email"))) {
        mine.add(o);
      }
    });
    return mine;
  }

  /** The bytes the sandbox stored for a submission's {@code field} ({@code resume}, {@code cover_letter}). */
  public static byte[] file(long submissionId, String field) {
    return submissions().employerFile(submissionId, field).await()
        .orElseThrow(() -> new IllegalStateException("submission " + submissionId + " has no file '" + field + "'"))
        .content().getBytes();
  }

  /** The content type the sandbox stored for a submission's {@code field}. */
  public static String contentType(long submissionId, String field) {
    return submissions().employerFile(submissionId, field).await()
        .orElseThrow(() -> new IllegalStateException("submission " + submissionId + " has no file '" + field + "'"))
        .contentType();
  }
}
