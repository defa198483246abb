package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.db.TestDatabase;
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

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = TestDatabase.shared().pool(vertx, 2);
    web = WebClient.create(vertx);
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

  private static LlmClient client(String key, long budget) {
    return new LlmClient(vertx, web, pool, new LlmConfig(baseUrl, key, MODEL),
        new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(3)), budget, Duration.ofSeconds(10));
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

    JsonObject result = client.completeJson("You summarise job postings.", unique("Summarise: Backend Engineer"),
        SCHEMA, "run-ok").await();

    assertEquals(new JsonObject(VALID), result);
    assertEquals(1, seen.size());
    JsonObject sent = seen.get(0).body();
    assertEquals(MODEL, sent.getString("model"));
    JsonObject format = sent.getJsonObject("response_format");
    assertEquals("json_schema", format.getString("type"));
    assertEquals(SCHEMA, format.getJsonObject("json_schema").getJsonObject("schema"));
    assertEquals("job_summary", format.getJsonObject("json_schema").getString("name"));
    assertTrue(sent.getJsonArray("messages").encode().toLowerCase().contains("json"), "messages must mention JSON");
    assertEquals(150, client.tokensUsed("run-ok").await());
  }

  @Test
  void sendsTheKeyAsBearerAndNoAuthorizationWithoutKey() {
    client().completeJson("sys", unique("with key"), null, "run-auth").await();
    assertEquals("Bearer " + KEY, seen.get(0).authorization());
    assertEquals("json_object", seen.get(0).body().getJsonObject("response_format").getString("type"));

    client(null, 100_000).completeJson("sys", unique("local server"), null, "run-auth").await();
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

    JsonObject result = client().completeJson("sys", unique("rate limited"), SCHEMA, "run-429").await();

    assertEquals(82, result.getInteger("score"));
    assertEquals(2, seen.size());
    long waitedMs = (seen.get(1).atNanos() - seen.get(0).atNanos()) / 1_000_000;
    assertTrue(waitedMs >= 950, "retried after " + waitedMs + " ms, before retry-after: 1");
  }

  @Test
  void retriesAServerError() {
    then(error(500, "{\"error\":{\"message\":\"Internal Server Error\",\"type\":\"internal_server_error\"}}"));
    then(answer(VALID));

    JsonObject result = client().completeJson("sys", unique("flaky"), SCHEMA, "run-500").await();

    assertEquals("Backend Engineer", result.getString("title"));
    assertEquals(2, seen.size());
  }

  @Test
  void givesUpAfterTheConfiguredRetries() {
    for (int i = 0; i < 5; i++) {
      then(error(503, "{\"error\":{\"message\":\"Service Unavailable\",\"type\":\"internal_server_error\"}}"));
    }
    Failure.Coded e = failure(() -> client().completeJson("sys", unique("down"), SCHEMA, "run-503").await());

    assertEquals(Failure.UPSTREAM, e.failure);
    assertTrue(e.getMessage().contains("503"), e.getMessage());
    assertEquals(4, seen.size(), "one attempt and three retries");
  }

  @Test
  void failsAtOnceWithTheServerMessageOnOtherClientErrors() {
    then(error(401, "{\"error\":{\"message\":\"Invalid API Key\",\"type\":\"invalid_request_error\","
        + "\"code\":\"invalid_api_key\"}}"));

    Failure.Coded e = failure(() -> client().completeJson("sys", unique("bad key"), SCHEMA, "run-401").await());

    assertEquals(Failure.UPSTREAM, e.failure);
    assertTrue(e.getMessage().contains("Invalid API Key"), e.getMessage());
    assertEquals(1, seen.size());
  }

  @Test
  void repairsMalformedJsonWithExactlyOneRequest() {
    String malformed = "{\"title\": \"Backend Engineer\", \"score\": 82, \"skills\": [\"java\"";
    then(answer(malformed));
    then(answer(VALID));

    JsonObject result = client().completeJson("sys", unique("malformed"), SCHEMA, "run-repair").await();

    assertEquals(new JsonObject(VALID), result);
    assertEquals(2, seen.size());
    JsonArray messages = seen.get(1).body().getJsonArray("messages");
    assertEquals(4, messages.size());
    assertEquals("assistant", messages.getJsonObject(2).getString("role"));
    assertEquals(malformed, messages.getJsonObject(2).getString("content"));
    String repairRequest = messages.getJsonObject(3).getString("content");
    assertTrue(repairRequest.contains("Validation error") && repairRequest.contains("not valid JSON"), repairRequest);
  }

  @Test
  void repairsAnAnswerMissingARequiredProperty() {
    then(answer("{\"title\":\"Backend Engineer\",\"skills\":[]}"));
    then(answer(VALID));

    client().completeJson("sys", unique("missing score"), SCHEMA, "run-repair-shape").await();

    assertEquals(2, seen.size());
    String repairRequest = seen.get(1).body().getJsonArray("messages").getJsonObject(3).getString("content");
    assertTrue(repairRequest.contains("missing required property 'score'"), repairRequest);
  }

  @Test
  void failsWithACodedErrorWhenTheRepairIsInvalidToo() {
    then(answer("{\"title\":\"Backend Engineer\",\"score\":\"high\",\"skills\":[]}"));
    then(answer("Sure! Here is the JSON: {\"title\""));
    LlmClient client = client();

    Failure.Coded e = failure(() -> client.completeJson("sys", unique("hopeless"), SCHEMA, "run-bad").await());

    assertEquals(Failure.UPSTREAM, e.failure);
    assertTrue(e.getMessage().contains("invalid JSON twice"), e.getMessage());
    assertEquals(2, seen.size(), "exactly one repair request");
    assertEquals(300, client.tokensUsed("run-bad").await());
  }

  @Test
  void treatsGroqJsonValidateFailedAsAnAnswerToRepair() {
    then(error(400, "{\"error\":{\"message\":\"Failed to generate JSON. Please adjust your prompt. See "
        + "'failed_generation' for more details.\",\"type\":\"invalid_request_error\","
        + "\"code\":\"json_validate_failed\",\"failed_generation\":\"{\\\"title\\\": \\\"Backend\"}}"));
    then(answer(VALID));

    JsonObject result = client().completeJson("sys", unique("groq refused"), SCHEMA, "run-groq-400").await();

    assertEquals(new JsonObject(VALID), result);
    assertEquals(2, seen.size());
    JsonArray messages = seen.get(1).body().getJsonArray("messages");
    assertEquals("{\"title\": \"Backend", messages.getJsonObject(2).getString("content"));
  }

  @Test
  void fallsBackToJsonObjectWhenTheModelLacksJsonSchema() {
    then(error(400, "{\"error\":{\"message\":\"This model does not support response format `json_schema`. See "
        + "supported models at https://console.groq.com/docs/structured-outputs#supported-models\","
        + "\"type\":\"invalid_request_error\"}}"));
    then(answer(VALID));
    then(answer(VALID));
    LlmClient client = client();

    JsonObject result = client.completeJson("sys", unique("old model"), SCHEMA, "run-fallback").await();

    assertEquals(new JsonObject(VALID), result);
    assertEquals(2, seen.size());
    assertEquals("json_schema", seen.get(0).body().getJsonObject("response_format").getString("type"));
    JsonObject fallback = seen.get(1).body();
    assertEquals("json_object", fallback.getJsonObject("response_format").getString("type"));
    String system = fallback.getJsonArray("messages").getJsonObject(0).getString("content");
    assertTrue(system.contains("\"required\":[\"title\",\"score\",\"skills\"]"), "the schema moves into the prompt");

    client.completeJson("sys", unique("old model again"), SCHEMA, "run-fallback").await();
    assertEquals(3, seen.size());
    assertEquals("json_object", seen.get(2).body().getJsonObject("response_format").getString("type"),
        "the client remembers the model cannot do json_schema");
  }

  @Test
  void aCacheHitMakesNoSecondCallAndCostsNoTokens() {
    String user = unique("cache me");
    LlmClient client = client();
    JsonObject first = client.completeJson("sys", user, SCHEMA, "run-cache").await();

    JsonObject second = client.completeJson("sys", user, SCHEMA, "run-cache").await();

    assertEquals(first, second);
    assertEquals(1, seen.size());
    assertEquals(150, client.tokensUsed("run-cache").await());
    JsonObject third = client().completeJson("sys", user, SCHEMA, "another-run").await();
    assertEquals(first, third, "the cache lives in Postgres, not in the client");
    assertEquals(1, seen.size());
  }

  @Test
  void anExhaustedBudgetFailsWithoutCallingTheServer() {
    LlmClient client = client(KEY, 100);
    client.completeJson("sys", unique("first"), SCHEMA, "run-budget").await();
    assertEquals(1, seen.size());

    Failure.Coded e = failure(() -> client.completeJson("sys", unique("second"), SCHEMA, "run-budget").await());

    assertEquals(Failure.CONFLICT, e.failure);
    assertTrue(e.getMessage().startsWith(LlmClient.BUDGET_EXHAUSTED), e.getMessage());
    assertEquals(1, seen.size());
    assertFalse(client.completeJson("sys", unique("other run"), SCHEMA, "run-other").await().isEmpty(),
        "budgets are per run");
  }
}
