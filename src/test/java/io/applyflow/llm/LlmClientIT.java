package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.JobRows;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LlmClient} against a fake OpenAI-compatible server on loopback that answers in Groq's shapes (success with
 * {@code x_groq} and rate-limit headers, the real 429 body with {@code retry-after}, 400/401/500 errors), with the
 * response cache in the real embedded Postgres.
 */
class LlmClientIT {
  private static final String KEY = "gsk_test_key";
  private static final String MODEL = "llama-3.3-70b-versatile";
  private static final JsonObject SCHEMA = new JsonObject()
      .put("title", "job_summary")
      .put("type", "object")
      .put("required", new JsonArray().add("title").add("score").add("skills"))
      .put("properties", new JsonObject()
          .put("title", new JsonObject().put("type", "string"))
          .put("score", new JsonObject().put("type", "integer"))
          .put("skills", new JsonObject().put("type", "array").put("items", new JsonObject().put("type", "string"))));
  private static final String VALID = "{\"title\":\"Backend Engineer\",\"score\":82,\"skills\":[\"java\",\"sql\"]}";
  private static final String GROQ_429 = """
      {"error":{"message":"Rate limit reached for model `llama-3.3-70b-versatile` in organization `org_01abc` \
      service tier on_demand on tokens per minute (TPM): Limit 15000, Used 11972, Requested 4351. Please try again \
      in 1s. Visit https://console.groq.com/docs/rate-limits for more information.","type":"tokens",\
      "code":"rate_limit_exceeded"}}""";

  private record Seen(JsonObject body, String authorization, long atNanos) {
  }

  private static Vertx vertx;
  private static Pool pool;
  private static WebClient web;
  private static String baseUrl;
  private static final Deque<Consumer<RoutingContext>> script = new ArrayDeque<>();
  private static final List<Seen> seen = new CopyOnWriteArrayList<>();
  private static long user;
  private static long run;
  private static String keyInUse = KEY;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = TestDatabase.shared().pool(vertx, 2);
    web = WebClient.create(vertx);
    user = JobRows.user(pool);
    Router router = Router.router(vertx);
    router.post("/openai/v1/chat/completions").handler(BodyHandler.create()).handler(ctx -> {
      seen.add(new Seen(ctx.body().asJsonObject(), ctx.request().getHeader("Authorization"), System.nanoTime()));
      Consumer<RoutingContext> next;
      synchronized (script) {
        next = script.poll();
      }
      (next == null ? answer(VALID) : next).accept(ctx);
    });
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    baseUrl = "http://127.0.0.1:" + server.actualPort() + "/openai/v1";
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @BeforeEach
  void reset() {
    run = JobRows.run(pool, user);
    synchronized (script) {
      script.clear();
    }
    seen.clear();
  }

  private static void then(Consumer<RoutingContext> response) {
    synchronized (script) {
      script.add(response);
    }
  }

  /** A real-shaped Groq chat completion whose message content is {@code content}. */
  private static Consumer<RoutingContext> answer(String content) {
    return ctx -> {
      JsonObject body = new JsonObject()
          .put("id", "chatcmpl-" + UUID.randomUUID())
          .put("object", "chat.completion")
          .put("created", 1_730_000_000)
          .put("model", MODEL)
          .put("choices", new JsonArray().add(new JsonObject()
              .put("index", 0)
              .put("message", new JsonObject().put("role", "assistant").put("content", content))
              .putNull("logprobs")
              .put("finish_reason", "stop")))
          .put("usage", new JsonObject()
              .put("queue_time", 0.021).put("prompt_tokens", 120).put("prompt_time", 0.01)
              .put("completion_tokens", 30).put("completion_time", 0.05)
              .put("total_tokens", 150).put("total_time", 0.06))
          .put("system_fingerprint", "fp_c4a72fb330")
          .put("x_groq", new JsonObject().put("id", "req_01jbd6g2qdfw2adyrt2az8hz4w"));
      ctx.response()
          .putHeader("content-type", "application/json")
          .putHeader("x-ratelimit-limit-requests", "14400")
          .putHeader("x-ratelimit-remaining-requests", "14370")
          .putHeader("x-ratelimit-reset-requests", "2m59.56s")
          .putHeader("x-ratelimit-limit-tokens", "18000")
          .putHeader("x-ratelimit-remaining-tokens", "17997")
          .putHeader("x-ratelimit-reset-tokens", "7.66s")
          .end(body.encode());
    };
  }

  private static Consumer<RoutingContext> error(int status, String body) {
    return ctx -> ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  private static LlmConfig config(String key) {
    return new LlmConfig(baseUrl, key, MODEL);
  }

  /** A client whose calls go to {@link #config} with {@code key} and whose runs may spend {@code runBudget}. */
  private static LlmClient client(String key, long runBudget) {
    keyInUse = key;
    return new LlmClient(vertx, web, pool, new LlmLimits.Settings(0, runBudget, 2_000, 0, 0),
        new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(3)), Duration.ofSeconds(10),
        Duration.ofSeconds(30));
  }

  private static LlmClient.Asker asker() {
    return new LlmClient.Asker(user, run, null);
  }

  /** The JSON {@code client} answers to {@code user} (system prompt "sys", this test's run, max_tokens 200). */
  private static Future<JsonObject> ask(LlmClient client, String prompt, JsonObject schema) {
    return client.ask(config(keyInUse), asker(), "test", "sys", prompt, schema, 200).map(LlmClient.Answer::json);
  }

  /** The tokens this test's run was charged. */
  private static long tokens() {
    return new LlmSpend(pool).run(run, user).await().tokens();
  }

  private static LlmClient client() {
    return client(KEY, 100_000);
  }

  private static String unique(String prompt) {
    return prompt + " " + UUID.randomUUID();
  }

  private static Failure.Coded failure(Runnable call) {
    Failure.Coded coded = assertThrows(Failure.Coded.class, call::run);
    return coded;
  }

  @Test
  void returnsTheValidatedAnswerAndIgnoresGroqExtras() {
    then(answer(VALID));
    LlmClient client = client();

    JsonObject result = client.ask(config(KEY), asker(), "test", "You summarise job postings.",
        unique("Summarise: Backend Engineer"), SCHEMA, 200).await().json();

    assertEquals(new JsonObject(VALID), result);
    assertEquals(1, seen.size());
    JsonObject sent = seen.get(0).body();
    assertEquals(MODEL, sent.getString("model"));
    JsonObject format = sent.getJsonObject("response_format");
    assertEquals("json_schema", format.getString("type"));
    assertEquals(SCHEMA, format.getJsonObject("json_schema").getJsonObject("schema"));
    assertEquals("job_summary", format.getJsonObject("json_schema").getString("name"));
    assertTrue(sent.getJsonArray("messages").encode().toLowerCase().contains("json"), "messages must mention JSON");
    assertEquals(200, sent.getInteger("max_tokens"));
    assertEquals(150, tokens(), "the run is charged what the server reported");
  }

  @Test
  void sendsTheKeyAsBearerAndNoAuthorizationWithoutKey() {
    ask(client(), unique("with key"), null).await();
    assertEquals("Bearer " + KEY, seen.get(0).authorization());
    assertEquals("json_object", seen.get(0).body().getJsonObject("response_format").getString("type"));

    ask(client(null, 100_000), unique("local server"), null).await();
    assertEquals(2, seen.size());
    assertNull(seen.get(1).authorization());
  }

  @Test
  void waitsForRetryAfterOn429ThenSucceeds() {
    then(ctx -> ctx.response().setStatusCode(429)
        .putHeader("content-type", "application/json")
        .putHeader("retry-after", "1")
        .putHeader("x-ratelimit-remaining-tokens", "0")
        .putHeader("x-ratelimit-reset-tokens", "7.66s")
        .end(GROQ_429));
    then(answer(VALID));

    JsonObject result = ask(client(), unique("rate limited"), SCHEMA).await();

    assertEquals(82, result.getInteger("score"));
    assertEquals(2, seen.size());
    long waitedMs = (seen.get(1).atNanos() - seen.get(0).atNanos()) / 1_000_000;
    assertTrue(waitedMs >= 950, "retried after " + waitedMs + " ms, before retry-after: 1");
  }

  @Test
  void retriesAServerError() {
    then(error(500, "{\"error\":{\"message\":\"Internal Server Error\",\"type\":\"internal_server_error\"}}"));
    then(answer(VALID));

    JsonObject result = ask(client(), unique("flaky"), SCHEMA).await();

    assertEquals("Backend Engineer", result.getString("title"));
    assertEquals(2, seen.size());
  }

  @Test
  void givesUpAfterTheConfiguredRetries() {
    for (int i = 0; i < 5; i++) {
      then(error(503, "{\"error\":{\"message\":\"Service Unavailable\",\"type\":\"internal_server_error\"}}"));
    }
    Failure.Coded e = failure(() -> ask(client(), unique("down"), SCHEMA).await());

    assertEquals(Failure.UPSTREAM, e.failure);
    assertTrue(e.getMessage().contains("503"), e.getMessage());
    assertEquals(4, seen.size(), "one attempt and three retries");
  }

  @Test
  void failsAtOnceWithTheServerMessageOnOtherClientErrors() {
    then(error(401, "{\"error\":{\"message\":\"Invalid API Key\",\"type\":\"invalid_request_error\","
        + "\"code\":\"invalid_api_key\"}}"));

    Failure.Coded e = failure(() -> ask(client(), unique("bad key"), SCHEMA).await());

    assertEquals(Failure.UPSTREAM, e.failure);
    assertTrue(e.getMessage().contains("Invalid API Key"), e.getMessage());
    assertEquals(1, seen.size());
  }

  @Test
  void anInvalidAnswerIsRefusedWithoutARepairRequestAndIsNotAskedForAgain() {
    String malformed = "{\"title\": \"Backend Engineer\", \"score\": 82, \"skills\": [\"java\"";
    then(answer(malformed));
    String user = unique("malformed");
    LlmClient client = client();

    Failure.Coded e = failure(() -> ask(client, user, SCHEMA).await());

    assertEquals(Failure.UPSTREAM, e.failure);
    assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
    assertEquals(1, seen.size(), "no repair request: a job's questions stay within their two requests");
    assertEquals(150, tokens());

    Failure.Coded again = failure(() -> ask(client(), user, SCHEMA).await());
    assertTrue(again.getMessage().contains("not asked again"), again.getMessage());
    assertEquals(1, seen.size(), "the refused answer is cached as refused");
    assertEquals(150, tokens(), "asking again cost nothing");
  }

  @Test
  void anAnswerMissingARequiredPropertyIsRefusedNamingIt() {
    then(answer("{\"title\":\"Backend Engineer\",\"skills\":[]}"));

    Failure.Coded e = failure(() -> ask(client(), unique("missing score"), SCHEMA).await());

    assertTrue(e.getMessage().contains("missing required property 'score'"), e.getMessage());
    assertEquals(1, seen.size());
  }

  @Test
  void treatsGroqJsonValidateFailedAsAnInvalidAnswerAndCachesIt() {
    then(error(400, "{\"error\":{\"message\":\"Failed to generate JSON. Please adjust your prompt. See "
        + "'failed_generation' for more details.\",\"type\":\"invalid_request_error\","
        + "\"code\":\"json_validate_failed\",\"failed_generation\":\"{\\\"title\\\": \\\"Backend\"}}"));
    String user = unique("groq refused");

    Failure.Coded e = failure(() -> ask(client(), user, SCHEMA).await());

    assertTrue(e.getMessage().contains("invalid JSON"), e.getMessage());
    failure(() -> ask(client(), user, SCHEMA).await());
    assertEquals(1, seen.size(), "Groq's refusal of its own output is cached as refused too");
  }

  @Test
  void fallsBackToJsonObjectWhenTheModelLacksJsonSchema() {
    then(error(400, "{\"error\":{\"message\":\"This model does not support response format `json_schema`. See "
        + "supported models at https://console.groq.com/docs/structured-outputs#supported-models\","
        + "\"type\":\"invalid_request_error\"}}"));
    then(answer(VALID));
    then(answer(VALID));
    LlmClient client = client();

    JsonObject result = ask(client, unique("old model"), SCHEMA).await();

    assertEquals(new JsonObject(VALID), result);
    assertEquals(2, seen.size());
    assertEquals("json_schema", seen.get(0).body().getJsonObject("response_format").getString("type"));
    JsonObject fallback = seen.get(1).body();
    assertEquals("json_object", fallback.getJsonObject("response_format").getString("type"));
    String system = fallback.getJsonArray("messages").getJsonObject(0).getString("content");
    assertTrue(system.contains("\"required\":[\"title\",\"score\",\"skills\"]"), "the schema moves into the prompt");

    ask(client, unique("old model again"), SCHEMA).await();
    assertEquals(3, seen.size());
    assertEquals("json_object", seen.get(2).body().getJsonObject("response_format").getString("type"),
        "the client remembers the model cannot do json_schema");
  }

  @Test
  void aCacheHitMakesNoSecondCallAndCostsNoTokens() {
    String user = unique("cache me");
    LlmClient client = client();
    JsonObject first = ask(client, user, SCHEMA).await();

    JsonObject second = ask(client, user, SCHEMA).await();

    assertEquals(first, second);
    assertEquals(1, seen.size());
    assertEquals(150, tokens());
    JsonObject third = ask(client(), user, SCHEMA).await();
    assertEquals(first, third, "the cache lives in Postgres, not in the client");
    assertEquals(1, seen.size());
  }

  @Test
  void aRequestThatWouldPassTheRunsBudgetIsRefusedWithoutReachingTheServer() {
    LlmClient client = client(KEY, 1_000);
    ask(client, unique("first"), SCHEMA).await();
    assertEquals(1, seen.size());

    Failure.Coded e = failure(() -> client.ask(config(KEY), asker(), "test", "sys", unique("second"), SCHEMA, 900)
        .await());

    assertEquals(Failure.CONFLICT, e.failure);
    assertTrue(e.getMessage().startsWith(LlmSpend.RUN_SPENT), e.getMessage());
    assertEquals(1, seen.size(), "refused before the server was asked");
    assertEquals(150, tokens(), "a refused request costs nothing");
    long otherRun = JobRows.run(pool, user);
    assertFalse(client.ask(config(KEY), new LlmClient.Asker(user, otherRun, null), "test", "sys", unique("other run"),
        SCHEMA, 900).await().json().isEmpty(), "budgets are per run");
  }

  @Test
  void theDaysBudgetIsPerProviderAccountAcrossRuns() {
    LlmClient client = new LlmClient(vertx, web, pool, new LlmLimits.Settings(600, 100_000, 2_000, 0, 0),
        new RetryPolicy(0, Duration.ofMillis(20), Duration.ofSeconds(3)), Duration.ofSeconds(10),
        Duration.ofSeconds(30));
    String key = "gsk_day_" + UUID.randomUUID();
    client.ask(config(key), asker(), "test", "sys", unique("today"), SCHEMA, 200).await();

    Failure.Coded e = failure(() -> client.ask(config(key), new LlmClient.Asker(user, JobRows.run(pool, user), null),
        "test", "sys", unique("today, another run"), SCHEMA, 400).await());

    assertTrue(e.getMessage().startsWith(LlmSpend.DAY_SPENT), e.getMessage());
    assertEquals(1, seen.size());
    assertFalse(client.ask(config("gsk_other_" + UUID.randomUUID()), new LlmClient.Asker(user, JobRows.run(pool, user),
        null), "test", "sys", unique("other key"),
        SCHEMA, 400).await().json().isEmpty(), "another key is another provider account with its own day");
  }

  @Test
  void aDailyLimitAt429IsNotRetriedAndSaysTheDayIsSpent() {
    then(ctx -> ctx.response().setStatusCode(429).putHeader("content-type", "application/json")
        .putHeader("retry-after", "7200")
        .end("{\"error\":{\"message\":\"Rate limit reached for model `llama-3.3-70b-versatile` in organization "
            + "`org_01abc` service tier on_demand on tokens per day (TPD): Limit 100000, Used 99812, Requested 1624. "
            + "Please try again in 26m43.2s.\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}"));

    Failure.Coded e = failure(() -> ask(client(), unique("late in the day"), SCHEMA).await());

    assertTrue(e.getMessage().startsWith(LlmSpend.DAY_SPENT), e.getMessage());
    assertTrue(e.getMessage().contains("tokens per day (TPD)"), e.getMessage());
    assertEquals(1, seen.size(), "not retried");
    assertEquals(0, tokens(), "the refused request gave its reservation back");
  }
}
