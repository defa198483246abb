package io.applyflow.bench;

import io.applyflow.Applyflow;
import io.applyflow.platform.config.Config;
import io.applyflow.support.Api;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The ReDoS input of issue 8 against a normal one: {@code POST /api/register} and {@code PUT /api/profile} with a
 * normal email and with a 20,000-character one built to make the old backtracking regex slow, each answered with a
 * 4xx (checked; no other assertion), and how long {@code /health} takes while the long emails keep coming. For
 * comparison, the time the old regex takes on the same input (in process). Prints medians.
 *
 * <pre>mvn -B -Pbench test-compile exec:java -Dbench.main=io.applyflow.bench.InputsBench -Dbench.args=50</pre>
 */
public final class InputsBench {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  /** The email check before issue 8 (account/Accounts.java). */
  private static final Pattern OLD_EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
  private static final String LONG_EMAIL = "a@" + "a.".repeat(10_000) + "@";

  private InputsBench() {
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("DATA_DIR", Files.createTempDirectory("applyflow-inputs-bench").toString());
    env.put("ROLES", "web");
    Applyflow app = Applyflow.start(Config.fromEnv(env));
    try {
      String base = "http://127.0.0.1:" + app.port();
      Api api = new Api(base);
      String token = api.register(Api.uniqueEmail("inputs-bench"), "Inputs Bench");
      System.out.printf("Applyflow inputs bench: %d requests each, %d cores, JDK %s; every answer checked to be 4xx%n",
          rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
      System.out.printf("%-44s %10s %10s%n", "request", "median", "p90");
      // a normal email passes the email check and is refused at the name (before any password hashing)
      time(base, "POST /api/register, normal email", "POST", "/api/register", null, new JsonObject()
          .put("email", "richard@piedpiper.com").put("password", "correct horse 1").encode(), rounds);
      time(base, "POST /api/register, 20,000-char email", "POST", "/api/register", null, new JsonObject()
          .put("email", LONG_EMAIL).put("password", "correct horse 1").put("name", "R").encode(), rounds);
      // the profile: a normal email passes and the applicant's unknown field is refused after it
      time(base, "PUT /api/profile, normal email", "PUT", "/api/profile", token, profile("richard@piedpiper.com"),
          rounds);
      time(base, "PUT /api/profile, 20,000-char email", "PUT", "/api/profile", token, profile(LONG_EMAIL), rounds);

      AtomicBoolean going = new AtomicBoolean(true);
      Thread flood = new Thread(() -> {
        String body = new JsonObject().put("email", LONG_EMAIL).put("password", "correct horse 1").put("name", "R")
            .encode();
        while (going.get()) {
          try {
            send(base, "POST", "/api/register", null, body);
          } catch (Exception e) {
            return;
          }
        }
      });
      flood.start();
      try {
        time(base, "GET /health while 20,000-char emails arrive", "GET", "/health", null, null, rounds);
      } finally {
        going.set(false);
        flood.join();
      }

      List<Long> us = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        OLD_EMAIL.matcher(LONG_EMAIL).matches();
        us.add((System.nanoTime() - t0) / 1000);
      }
      Collections.sort(us);
      System.out.printf("%-44s %7.1f ms %10s%n", "(the old regex on the 20,000-char email)", us.get(1) / 1000.0, "");
    } finally {
      app.close();
    }
    System.exit(0);
  }

  private static String profile(String email) {
    return new JsonObject().put("resume", new JsonObject().put("basics", new JsonObject().put("name", "Richard")
        .put("email", email))).put("applicant", new JsonObject().put("unknown", 1)).encode();
  }

  private static void time(String base, String name, String method, String path, String token, String body,
                           int rounds) throws Exception {
    List<Long> us = new ArrayList<>();
    for (int i = 0; i < rounds + 10; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> r = send(base, method, path, token, body);
      long t = (System.nanoTime() - t0) / 1000;
      boolean expected = body == null ? r.statusCode() == 200 : r.statusCode() >= 400 && r.statusCode() < 500;
      if (!expected) {
        throw new IllegalStateException(name + " answered " + r.statusCode() + ": " + r.body());
      }
      if (i >= 10) { // the first 10 warm up
        us.add(t);
      }
    }
    Collections.sort(us);
    System.out.printf("%-44s %7.2f ms %7.2f ms%n", name, us.get(us.size() / 2) / 1000.0,
        us.get(us.size() * 9 / 10) / 1000.0);
  }

  private static HttpResponse<String> send(String base, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("content-type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
