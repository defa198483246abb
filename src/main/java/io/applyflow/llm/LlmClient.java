package io.applyflow.llm;

import io.applyflow.platform.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks any OpenAI-compatible chat-completions server (Groq, Ollama, llama.cpp, vLLM) for one JSON object and
 * returns it only once it has the expected shape.
 *
 * <p>For each {@link #completeJson} call: a Postgres cache ({@code llm_cache}) is read first; a hit costs no HTTP
 * call and no tokens. Otherwise {@code POST {baseUrl}/chat/completions} with {@code response_format}
 * {@code json_schema} when a schema is given ({@code json_object} otherwise, and for the rest of this client's life
 * once the server answers 400 that the model does not support {@code json_schema}). The answer is parsed and checked
 * by {@link JsonShapeValidator}; an invalid answer gets exactly one repair request carrying the validation error.
 * 429, 498, 5xx and connection errors are retried per {@link RetryPolicy} (honouring {@code retry-after} and Groq's
 * {@code x-ratelimit-reset-*}); other 4xx fail at once with the server's message.
 *
 * <p>The token budget is per run key and lives in Postgres ({@code llm_token_use}), shared by every node and kept
 * across restarts. Before each chat request the client reserves an estimate of its cost
 * ({@value #COMPLETION_ALLOWANCE} tokens for the answer plus a third of the prompt's characters; at most the whole
 * budget) in one conditional statement: only when what is counted plus the estimate fits the budget, otherwise the
 * call fails without reaching the server. After the answer the reservation is replaced by the tokens the server
 * reports ({@code usage.total_tokens}; a failed request gives its reservation back). So two nodes cannot both spend
 * the last tokens; the budget is exceeded only by a call that costs more than its estimate. A node that dies
 * mid-call leaves its reservation counted as spent.
 *
 * <p>Failures are {@link Failure.Coded}: {@code UPSTREAM} for server errors, unreachable servers and answers still
 * invalid after the repair; {@code CONFLICT} (message starting with {@link #BUDGET_EXHAUSTED}) when the run's token
 * budget is spent; {@code BAD_INPUT} for missing arguments; {@code INTERNAL} when no server is configured.
 *
 * <p>Threading: fully asynchronous, never blocks; safe to share between verticles and event loops. Waits between retries are Vert.x timers. Config: {@link LlmConfig}, {@link RetryPolicy}, a token
 * budget per run (default {@value #DEFAULT_TOKEN_BUDGET}) and a request timeout (default 60 s). Neither the key nor
 * prompt or answer content is ever logged.
 */
public final class LlmClient {
  /** Tokens one run may spend unless told otherwise. */
  public static final long DEFAULT_TOKEN_BUDGET = 200_000;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  /** How the message of a budget failure starts. */
  public static final String BUDGET_EXHAUSTED = "token budget exhausted";
  /** Tokens reserved for the answer of one chat request, on top of the prompt's estimate. */
  public static final long COMPLETION_ALLOWANCE = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);
  private static final int MAX_ERROR_CHARS = 500;

  private final Vertx vertx;
  private final WebClient web;
  private final Pool pool;
  private final LlmConfig config;
  private final RetryPolicy retry;
  private final long tokenBudgetPerRun;
  private final long timeoutMs;
  private volatile boolean jsonSchemaUnsupported;

  /**
   * A client with the default retry policy, token budget and timeout. {@code pool} null disables the cache and the
   * budget (for tests of the HTTP side alone).
   */
  public LlmClient(Vertx vertx, WebClient web, Pool pool, LlmConfig config) {
    this(vertx, web, pool, config, RetryPolicy.DEFAULT, DEFAULT_TOKEN_BUDGET, DEFAULT_TIMEOUT);
  }

  public LlmClient(Vertx vertx, WebClient web, Pool pool, LlmConfig config, RetryPolicy retry,
      long tokenBudgetPerRun, Duration timeout) {
    this.vertx = vertx;
    this.web = web;
    this.pool = pool;
    this.config = config;
    this.retry = retry;
    this.tokenBudgetPerRun = tokenBudgetPerRun;
    this.timeoutMs = timeout.toMillis();
  }

  /**
   * One JSON object answering {@code user} under {@code system}, valid against {@code jsonSchemaOrNull} (any JSON
   * object when null). Tokens spent count against {@code runKey}'s budget.
   */
  public Future<JsonObject> completeJson(String system, String user, JsonObject jsonSchemaOrNull, String runKey) {
    if (!config.isConfigured()) {
      return Future.failedFuture(Failure.INTERNAL.with(
          "no LLM server configured: set LLM_API_KEY (Groq) or LLM_BASE_URL and LLM_MODEL"));
    }
    if (system == null || user == null || runKey == null) {
      return Future.failedFuture(Failure.BAD_INPUT.with("system prompt, user prompt and run key are required"));
    }
    String key = cacheKey(config.model(), system, user, jsonSchemaOrNull);
    return cached(key).compose(hit -> {
      if (hit != null) {
        LOG.debug("LLM cache hit for run {}", runKey);
        return Future.succeededFuture(hit);
      }
      return fresh(system, user, jsonSchemaOrNull, runKey).compose(answer -> store(key, answer).map(answer));
    }).recover(t -> t instanceof HttpError e
        ? Future.failedFuture(Failure.UPSTREAM.with(e.getMessage()))
        : Future.failedFuture(t));
  }

  /**
   * Tokens spent so far by {@code runKey} on any node (cache hits are free), including what calls in flight have
   * reserved.
   */
  public Future<Long> tokensUsed(String runKey) {
    if (pool == null) {
      return Future.succeededFuture(0L);
    }
    return pool.preparedQuery("select used from llm_token_use where run_key = $1").execute(Tuple.of(runKey))
        .map(rs -> rs.iterator().hasNext() ? rs.iterator().next().getLong("used") : 0L);
  }

  /** The cache key: SHA-256 hex of model, system prompt, user prompt and schema, NUL-separated. */
  public static String cacheKey(String model, String system, String user, JsonObject schema) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {model, system, user, schema == null ? "" : schema.encode()}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  // --- one question, at most one repair ---------------------------------------------------------------------

  private Future<JsonObject> fresh(String system, String user, JsonObject schema, String runKey) {
    JsonArray messages = new JsonArray().add(message("system", system)).add(message("user", user));
    Map<String, Object> plainSchema = schema == null ? null : asMap(schema);
    return chat(messages, schema, runKey).compose(content -> {
      Checked first = check(content, plainSchema);
      if (first.value != null) {
        return Future.succeededFuture(first.value);
      }
      LOG.info("LLM answer for run {} was invalid ({} problem(s)); asking once for a repair", runKey,
          first.problems.size());
      JsonArray repair = messages.copy()
          .add(message("assistant", content == null ? "" : content))
          .add(message("user", repairPrompt(first.problems, schema)));
      return chat(repair, schema, runKey).compose(again -> {
        Checked second = check(again, plainSchema);
        if (second.value != null) {
          return Future.succeededFuture(second.value);
        }
        LOG.warn("LLM answer for run {} still invalid after one repair", runKey);
        return Future.failedFuture(Failure.UPSTREAM.with("model " + config.model()
            + " answered invalid JSON twice (after one repair): " + String.join("; ", second.problems)));
      });
    });
  }

  private static String repairPrompt(List<String> problems, JsonObject schema) {
    return "Your previous answer is not valid JSON of the expected shape. Validation error: "
        + String.join("; ", problems)
        + ". Reply with the corrected JSON object only, no prose and no code fences."
        + (schema == null ? "" : " It must match this JSON schema: " + schema.encode());
  }

  private record Checked(JsonObject value, List<String> problems) {
  }

  private static Checked check(String content, Map<String, Object> schema) {
    if (content == null || content.isBlank()) {
      return new Checked(null, List.of("the answer was empty; expected a JSON object"));
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(stripFences(content));
    } catch (DecodeException e) {
      String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      return new Checked(null, List.of("the answer is not valid JSON: " + truncate(why, 200)));
    }
    if (!(decoded instanceof JsonObject object)) {
      return new Checked(null, List.of("the answer must be a single JSON object"));
    }
    List<String> problems = JsonShapeValidator.validate(schema, asMap(object));
    return problems.isEmpty() ? new Checked(object, List.of()) : new Checked(null, problems);
  }

  /** Models sometimes wrap JSON in a Markdown fence even when told not to; that much is forgiven. */
  private static String stripFences(String content) {
    String s = content.strip();
    if (s.startsWith("```")) {
      int firstLine = s.indexOf('\n');
      int end = s.lastIndexOf("```");
      if (firstLine > 0 && end > firstLine) {
        return s.substring(firstLine + 1, end).strip();
      }
    }
    return s;
  }

  // --- one chat completion: budget, response format, fallback -----------------------------------------------

  private Future<String> chat(JsonArray messages, JsonObject schema, String runKey) {
    return reserve(runKey, estimate(messages)).compose(reserved -> {
      boolean useSchema = schema != null && !jsonSchemaUnsupported;
      Future<JsonObject> answered = send(request(messages, schema, useSchema), 0).recover(err -> {
        if (err instanceof HttpError e && e.status == 400 && useSchema && saysNoJsonSchema(e.getMessage())) {
          jsonSchemaUnsupported = true;
          LOG.warn("model {} does not support json_schema; falling back to json_object", config.model());
          return send(request(messages, schema, false), 0);
        }
        return Future.failedFuture(err);
      });
      return answered.transform(ar -> settle(runKey, reserved, ar.succeeded() ? tokens(ar.result()) : 0)
          .compose(v -> ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.<JsonObject>failedFuture(ar.cause())));
    }).compose(
        this::content,
        err -> {
          if (err instanceof HttpError e && "json_validate_failed".equals(e.code)) {
            // Groq refused its own output; treat what it generated as the (invalid) answer so the repair sees it.
            return Future.succeededFuture(e.failedGeneration == null ? "" : e.failedGeneration);
          }
          return Future.failedFuture(err);
        });
  }

  // --- the run's token budget, in Postgres -------------------------------------------------------------------

  /** What one chat request may cost: the answer's allowance plus a third of the prompt's characters. */
  private static long estimate(JsonArray messages) {
    return COMPLETION_ALLOWANCE + messages.encode().length() / 3;
  }

  /**
   * Reserves {@code estimate} tokens of {@code runKey}'s budget (the whole budget when the estimate is larger) in one
   * statement, only if the reservations and the spending already counted leave room for it; fails with
   * {@link #BUDGET_EXHAUSTED} otherwise. Answers the tokens reserved.
   */
  private Future<Long> reserve(String runKey, long estimate) {
    if (pool == null) {
      return Future.succeededFuture(0L);
    }
    long reserving = Math.min(estimate, tokenBudgetPerRun);
    return pool.preparedQuery("""
            insert into llm_token_use as t (run_key, used) values ($1, $2)
            on conflict (run_key) do update set used = t.used + excluded.used, updated_at = now()
              where t.used + excluded.used <= $3
            returning used""")
        .execute(Tuple.of(runKey, reserving, tokenBudgetPerRun))
        .compose(rs -> rs.iterator().hasNext() ? Future.succeededFuture(reserving)
            : tokensUsed(runKey).compose(used -> {
              LOG.warn("LLM token budget of {} spent for run {}; not calling the server", tokenBudgetPerRun, runKey);
              return Future.failedFuture(Failure.CONFLICT.with(BUDGET_EXHAUSTED + " for run " + runKey + ": used "
                  + used + " of " + tokenBudgetPerRun + " tokens (counting calls in flight), and a call may cost "
                  + reserving));
            }));
  }

  /**
   * Replaces a reservation by the tokens the server reported. Never fails: a reservation that cannot be settled
   * stays counted as spent.
   */
  private Future<Void> settle(String runKey, long reserved, long spent) {
    if (pool == null) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("""
            update llm_token_use set used = greatest(0, used - $2 + $3), updated_at = now()
            where run_key = $1 returning used""")
        .execute(Tuple.of(runKey, reserved, spent))
        .<Void>map(rs -> {
          if (spent > 0 && rs.iterator().hasNext()) {
            LOG.debug("LLM call for run {} used {} tokens ({} of {})", runKey, spent,
                rs.iterator().next().getLong("used"), tokenBudgetPerRun);
          }
          return null;
        })
        .recover(t -> {
          LOG.warn("could not settle the LLM tokens of run {}; its reservation of {} stays counted: {}", runKey,
              reserved, t.getMessage());
          return Future.succeededFuture();
        });
  }

  /** The tokens an answer reports spending ({@code usage.total_tokens}), 0 when it does not say. */
  private static long tokens(JsonObject body) {
    JsonObject usage = body.getValue("usage") instanceof JsonObject u ? u : null;
    return usage != null && usage.getValue("total_tokens") instanceof Number n ? n.longValue() : 0;
  }

  private static boolean saysNoJsonSchema(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return m.contains("json_schema") && (m.contains("not support") || m.contains("unsupported"));
  }

  private JsonObject request(JsonArray messages, JsonObject schema, boolean useSchema) {
    JsonArray sent = messages.copy();
    JsonObject system = sent.getJsonObject(0);
    String instruction = "Answer with a single JSON object only, no prose and no code fences."
        + (schema != null && !useSchema ? " The JSON must match this JSON schema: " + schema.encode() : "");
    system.put("content", system.getString("content") + "\n\n" + instruction);
    JsonObject format = useSchema
        ? new JsonObject().put("type", "json_schema").put("json_schema", new JsonObject()
            .put("name", schemaName(schema)).put("strict", false).put("schema", schema))
        : new JsonObject().put("type", "json_object");
    return new JsonObject()
        .put("model", config.model())
        .put("messages", sent)
        .put("temperature", 0)
        .put("response_format", format);
  }

  private static String schemaName(JsonObject schema) {
    String title = schema.getValue("title") instanceof String s ? s.replaceAll("[^A-Za-z0-9_-]", "_") : "";
    return title.isEmpty() ? "response" : truncate(title, 64);
  }

  private Future<String> content(JsonObject body) {
    JsonArray choices = body.getValue("choices") instanceof JsonArray a ? a : null;
    if (choices == null || choices.isEmpty() || !(choices.getValue(0) instanceof JsonObject choice)) {
      return Future.failedFuture(Failure.UPSTREAM.with("LLM server answered without choices"));
    }
    JsonObject message = choice.getValue("message") instanceof JsonObject m ? m : new JsonObject();
    return Future.succeededFuture(message.getValue("content") instanceof String s ? s : null);
  }

  // --- HTTP with retries -------------------------------------------------------------------------------------

  private Future<JsonObject> send(JsonObject body, int attempt) {
    HttpRequest<Buffer> req = web.postAbs(config.chatCompletionsUrl())
        .timeout(timeoutMs)
        .putHeader("content-type", "application/json")
        .putHeader("accept", "application/json");
    if (config.apiKey() != null) {
      req.putHeader("authorization", "Bearer " + config.apiKey());
    }
    return req.sendJsonObject(body).compose(
        resp -> answered(resp, body, attempt),
        err -> {
          if (retry.canRetry(attempt)) {
            Duration wait = retry.delay(attempt, null, ThreadLocalRandom.current().nextDouble());
            LOG.warn("LLM server {} unreachable ({}); retry {} of {} in {} ms", config.baseUrl(), err.getMessage(),
                attempt + 1, retry.maxRetries(), wait.toMillis());
            return later(wait).compose(v -> send(body, attempt + 1));
          }
          return Future.failedFuture(Failure.UPSTREAM.with("could not reach LLM server " + config.baseUrl()
              + " after " + (attempt + 1) + " attempt(s): " + err.getMessage()));
        });
  }

  private Future<JsonObject> answered(HttpResponse<Buffer> resp, JsonObject body, int attempt) {
    int status = resp.statusCode();
    if (status / 100 == 2) {
      try {
        JsonObject json = resp.bodyAsJsonObject();
        return json == null
            ? Future.failedFuture(Failure.UPSTREAM.with("LLM server answered " + status + " with an empty body"))
            : Future.succeededFuture(json);
      } catch (DecodeException | ClassCastException e) {
        return Future.failedFuture(Failure.UPSTREAM.with("LLM server answered " + status + " without a JSON object"));
      }
    }
    HttpError error = HttpError.of(resp);
    if (retry.retryableStatus(status) && retry.canRetry(attempt)) {
      Duration hint = RetryPolicy.serverHint(resp::getHeader);
      Duration wait = retry.delay(attempt, hint, ThreadLocalRandom.current().nextDouble());
      LOG.warn("LLM server answered {} for model {}; retry {} of {} in {} ms", status, config.model(), attempt + 1,
          retry.maxRetries(), wait.toMillis());
      return later(wait).compose(v -> send(body, attempt + 1));
    }
    return Future.failedFuture(error);
  }

  private Future<Void> later(Duration wait) {
    return vertx.timer(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS).mapEmpty();
  }

  /** A non-2xx answer; becomes {@code UPSTREAM} at the edge of {@link #completeJson}. */
  private static final class HttpError extends RuntimeException {
    final int status;
    final String code;
    final String failedGeneration;

    private HttpError(int status, String message, String code, String failedGeneration) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.failedGeneration = failedGeneration;
    }

    static HttpError of(HttpResponse<Buffer> resp) {
      String text = resp.bodyAsString();
      String message = text == null ? "" : text;
      String code = null;
      String failedGeneration = null;
      try {
        Object decoded = text == null || text.isBlank() ? null : Json.decodeValue(text);
        if (decoded instanceof JsonObject json) {
          Object error = json.getValue("error");
          if (error instanceof JsonObject e) {
            message = e.getValue("message") instanceof String m ? m : e.encode();
            code = e.getValue("code") == null ? null : String.valueOf(e.getValue("code"));
            failedGeneration = e.getValue("failed_generation") instanceof String g ? g : null;
          } else if (error instanceof String s) {
            message = s;
          } else if (json.getValue("message") instanceof String m) {
            message = m;
          }
        }
      } catch (DecodeException e) {
        // not JSON: keep the raw text
      }
      return new HttpError(resp.statusCode(), "LLM server answered " + resp.statusCode() + ": "
          + truncate(message, MAX_ERROR_CHARS), code, failedGeneration);
    }
  }

  // --- cache -------------------------------------------------------------------------------------------------

  private Future<JsonObject> cached(String key) {
    if (pool == null) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery("""
        select response from llm_cache where key = $1
        """).execute(Tuple.of(key))
        .map(rows -> {
          for (Row row : rows) {
            return row.getJsonObject("response");
          }
          return (JsonObject) null;
        })
        .recover(t -> {
          LOG.warn("LLM cache read failed, asking the server instead: {}", t.getMessage());
          return Future.succeededFuture(null);
        });
  }

  private Future<Void> store(String key, JsonObject answer) {
    if (pool == null) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("""
        insert into llm_cache (key, model, response) values ($1, $2, $3)
        on conflict (key) do nothing
        """).execute(Tuple.of(key, config.model(), answer))
        .<Void>mapEmpty()
        .recover(t -> {
          LOG.warn("LLM cache write failed; the answer is returned uncached: {}", t.getMessage());
          return Future.succeededFuture();
        });
  }

  // --- helpers -----------------------------------------------------------------------------------------------

  private static JsonObject message(String role, String content) {
    return new JsonObject().put("role", role).put("content", content);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(JsonObject json) {
    return (Map<String, Object>) plain(json);
  }

  /** JsonObject/JsonArray (possibly nested inside plain maps) to plain maps and lists for the validator. */
  private static Object plain(Object value) {
    if (value instanceof JsonObject o) {
      return plain(o.getMap());
    }
    if (value instanceof JsonArray a) {
      return plain(a.getList());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(plain(v)));
      return out;
    }
    return value;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
