package io.applyflow.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.applyflow.sandbox.SandboxRecords;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** A small blocking HTTP client for tests, speaking the JSON API as any client would. */
public final class Api {
  public final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Api(String base) {
    this.base = base;
  }

  public record Response(int status, byte[] body, String contentType) {
    public JsonObject json() {
      return new JsonObject(text());
    }

    public JsonArray jsonArray() {
      return new JsonArray(text());
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public Response send(String method, String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("content-type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    }
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null);
  }

  public Response post(String path, String token, JsonObject body) {
    return send("POST", path, token, body == null ? null : body.encode());
  }

  public Response put(String path, String token, JsonObject body) {
    return send("PUT", path, token, body == null ? null : body.encode());
  }

  /** Sets the user's score bands (PUT /api/settings); {@code bands(token, 0, 0)} lets every job through. */
  public void bands(String token, int accept, int clarify) {
    Response r = put("/api/settings", token, new JsonObject().put("accept_threshold", accept)
        .put("clarify_threshold", clarify));
    assertEquals(200, r.status(), r.text());
  }

  /** Registers a fresh user and returns its bearer token. */
  public String register(String email, String name) {
    Response r = post("/api/register", null, new JsonObject().put("email", email).put("password", "correct horse 1")
        .put("name", name));
    assertEquals(201, r.status(), r.text());
    return r.json().getString("token");
  }

  public static String uniqueEmail(String who) {
    return who + "+" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  /** The JSON Resume sample (shared/fixtures/jsonresume/sample.resume.json) with its email replaced. */
  public static JsonObject sampleResume(String email) {
    try (InputStream in = Api.class.getResourceAsStream("/jsonresume/sample.resume.json")) {
      JsonObject resume = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      resume.getJsonObject("basics").put("email", email);
      return resume;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A user with the sample profile stored who accepts every job (both thresholds 0), so a test about another stage
   * does not depend on how the sample resume scores; returns the token.
   */
  public String userWithProfile(String email) {
    String token = newUserWithProfile(email);
    bands(token, 0, 0);
    return token;
  }

  /** A user with the sample profile stored and the default settings, as a new user has them; returns the token. */
  public String newUserWithProfile(String email) {
    String token = register(email, "Richard Hendriks");
    Response r = send("PUT", "/api/profile", token, new JsonObject().put("resume", sampleResume(email))
        .put("applicant", new JsonObject().put("phone", "+1 912 555 4321")).encode());
    assertEquals(200, r.status(), r.text());
    return token;
  }

  /** Polls a run until it is no longer running. */
  public JsonObject awaitRun(long runId, String token, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject run = get("/api/search/" + runId, token).json();
      if (!"running".equals(run.getString("status"))) {
        return run;
      }
      sleep(500);
    }
    fail("run " + runId + " still running after " + max + ": " + get("/api/search/" + runId, token).text());
    return null;
  }

  /** Polls a job until its status is {@code status}. */
  public JsonObject awaitJob(long jobId, String token, String status, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    JsonObject job = null;
    while (System.nanoTime() < deadline) {
      job = get("/api/job/" + jobId, token).json();
      if (status.equals(job.getString("status"))) {
        return job;
      }
      sleep(300);
    }
    fail("job " + jobId + " is " + (job == null ? "?" : job.getString("status")) + ", not " + status);
    return null;
  }

  /** What the sandbox board (the employer) received with applicant email {@code email}, read from the test database. */
  public JsonArray submissionsOf(String email) {
    return SandboxRecords.ofEmail(email);
  }

  /** The bytes the sandbox board received as a submission's {@code field} ({@code resume}, {@code cover_letter}). */
  public byte[] receivedFile(long submissionId, String field) {
    return SandboxRecords.file(submissionId, field);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
