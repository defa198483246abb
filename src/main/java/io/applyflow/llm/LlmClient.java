package io.applyflow.llm;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.metrics.Metrics;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks any OpenAI-compatible chat-completions server (Groq, OpenAI, Ollama, llama.cpp, vLLM) for one JSON object,
 * paying as little as possible and never more than the budgets allow.
 *
 * <p>For each {@link #ask}:
 * <ol>
 *   <li>The Postgres cache ({@code llm_cache}) is read first: the same model, prompts and schema are answered from
 *       it at no cost, also when that answer was refused before (invalid JSON, or the fact gate's refusal, which the
 *       caller records with {@link #refused}): a refused answer is not asked for again.</li>
 *   <li>The request's cost is counted before it is sent ({@link TokenCount}: the prompt's tokens plus its
 *       {@code max_tokens}) and reserved against the provider account's budget for the day and the run's budget
 *       ({@link LlmSpend}); a request that would break either is refused without reaching the server.</li>
 *   <li>The {@link RateGate} lets it through once the provider's announced limits (and the known free-tier figures,
 *       {@link LlmLimits}) leave room for it, so a run waits instead of being answered 429.</li>
 *   <li>{@code POST {baseUrl}/chat/completions} with {@code max_tokens} and {@code response_format}
 *       {@code json_schema} when a schema is given ({@code json_object} otherwise, and for the rest of this client's
 *       life on a server that answers 400 that the model does not support {@code json_schema}). 429, 498, 5xx and
 *       connection errors are retried per {@link RetryPolicy}, each retry through the gate again; a 429 for a
 *       per-day limit is not retried. Other 4xx fail at once with the server's message.</li>
 *   <li>The reservation becomes what the server reports ({@code usage}); the answer is checked by
 *       {@link JsonShapeValidator}. No repair request is made (one request per question keeps a job within its two
 *       calls): an invalid answer is cached as invalid and fails.</li>
 * </ol>
 *
 * <p>Failures are {@link Failure.Coded}: {@code CONFLICT} whose message starts with {@link LlmSpend#DAY_SPENT} or
 * {@link LlmSpend#RUN_SPENT} for a budget (also the provider's own daily limit); {@code UPSTREAM} for server errors,
 * unreachable servers, a rate-limit wait longer than allowed and invalid answers; {@code BAD_INPUT} for missing
 * arguments; {@code INTERNAL} when no server is configured.
 *
 * <p>Asynchronous, never blocks; safe to share between verticles and event loops. Neither the key nor prompt or
 * answer content is ever logged.
 */
public final class LlmClient {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  /** How long one question may take in all: waiting for the rate limits, the requests and their retries. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(180);

  /** A rate-limit wait this long means a daily limit is reached: the day is treated as spent. */
  static final Duration DAY_LIKE_WAIT = Duration.ofMinutes(15);

  private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);
  private static final int MAX_ERROR_CHARS = 500;

  private final Vertx vertx;
  private final WebClient web;
  private final LlmSpend spend;
  private final Pool pool;
  private final RateGate gate;
  private final LlmLimits.Settings limits;
  private final RetryPolicy retry;
  private final long timeoutMs;
  private final long deadlineMs;
  /** Accounts whose server answered that the model does not support json_schema. */
  private final Set<String> noJsonSchema = ConcurrentHashMap.newKeySet();

  /** Who a question is for: its owner, and the run and job it is part of (null outside a run). */
  public record Asker(long userId, Long runId, Long jobId) {
  }

  /**
   * What the model answered: the JSON, whether it came from the cache (free), the tokens the request cost (0 from
   * the cache), and the cache key ({@link #refused} marks it).
   */
  public record Answer(JsonObject json, boolean cached, long tokens, String cacheKey) {
  }

  /** A client with the default retry policy, timeouts and budgets. {@code pool} is required. */
  public LlmClient(Vertx vertx, WebClient web, Pool pool) {
    this(vertx, web, pool, LlmLimits.Settings.DEFAULT, RetryPolicy.DEFAULT, DEFAULT_TIMEOUT, DEFAULT_DEADLINE);
  }

  public LlmClient(Vertx vertx, WebClient web, Pool pool, LlmLimits.Settings limits, RetryPolicy retry,
                   Duration timeout, Duration deadline) {
    this.vertx = vertx;
    this.web = web;
    this.pool = pool;
    this.spend = new LlmSpend(pool);
    this.gate = new RateGate(vertx);
    this.limits = limits;
    this.retry = retry;
    this.timeoutMs = timeout.toMillis();
    this.deadlineMs = deadline.toMillis();
  }

  /**
   * One JSON object answering {@code user} under {@code system}, valid against {@code schema} (any JSON object when
   * null), in at most {@code maxTokens} answer tokens, asked of {@code config}'s server for {@code who};
   * {@code purpose} names the question in the accounting (e.g. {@code reword}).
   */
  public Future<Answer> ask(LlmConfig config, Asker who, String purpose, String system, String user,
                            JsonObject schema, int maxTokens) {
    if (config == null || !config.isConfigured()) {
      return Future.failedFuture(Failure.INTERNAL.with(
          "no LLM server configured: set LLM_API_KEY (Groq) or LLM_BASE_URL and LLM_MODEL, or fill in Settings"));
    }
    if (system == null || user == null || who == null || purpose == null || maxTokens < 1) {
      return Future.failedFuture(Failure.BAD_INPUT.with(
          "system prompt, user prompt, asker, purpose and a positive max_tokens are required"));
    }
    LlmLimits known = limits.of(config);
    String account = account(config);
    LlmSpend.Charge charge = new LlmSpend.Charge(who.userId(), who.runId(), who.jobId(), account, config.model(),
        purpose, known.tokensPerDay(), known.tokensPerRun());
    String key = cacheKey(config.model(), system, user, schema);
    long deadline = System.currentTimeMillis() + deadlineMs;
    return cached(key).compose(hit -> {
      if (hit != null) {
        Metrics.llmCall("cached");
        return spend.cached(charge).compose(v -> hit.valid()
            ? Future.succeededFuture(new Answer(hit.response(), true, 0, key))
            : Future.failedFuture(Failure.UPSTREAM.with("model " + config.model() + " answered this question with "
                + "invalid JSON before (kept in the cache as refused, not asked again): " + hit.problems())));
      }
      return fresh(config, account, known, charge, system, user, schema, maxTokens, key, deadline)
          .onComplete(ar -> Metrics.llmCall(ar.succeeded() ? "ok" : LlmSpend.isBudget(ar.cause()) ? "budget"
              : "failed"));
    }).recover(t -> t instanceof HttpError e
        ? Future.failedFuture(Failure.UPSTREAM.with(e.getMessage()))
        : Future.failedFuture(t));
  }

  /**
   * Records that the caller refused the answer cached under {@code key} (e.g. the fact gate found invented facts in
   * it): it stays in the cache as refused and is not asked for again. Never fails.
   */
  public Future<Void> refused(String key) {
    return pool.preparedQuery("update llm_cache set verdict = 'refused' where key = $1 and verdict = 'ok'")
        .execute(Tuple.of(key)).<Void>mapEmpty().recover(t -> Future.succeededFuture());
  }

  /** The cache key: SHA-256 hex of model, system prompt, user prompt and schema, NUL-separated. */
  public static String cacheKey(String model, String system, String user, JsonObject schema) {
    return sha256(model, system, user, schema == null ? "" : schema.encode());
  }

  /**
   * The provider account a config's requests count against (its limits are per organisation, that is per key): the
   * first 16 hex digits of SHA-256 of base URL and key. Never the key itself.
   */
  public static String account(LlmConfig config) {
    return sha256(config.baseUrl(), config.apiKey() == null ? "" : config.apiKey()).substring(0, 16);
  }

  private static String sha256(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  // --- one question: count, reserve, wait for the limits, ask, settle, check, cache -------------------------

  private Future<Answer> fresh(LlmConfig config, String account, LlmLimits known, LlmSpend.Charge charge,
                               String system, String user, JsonObject schema, int maxTokens, String key,
                               long deadline) {
    JsonArray messages = new JsonArray().add(message("system", system)).add(message("user", user));
    boolean useSchema = schema != null && !noJsonSchema.contains(account);
    JsonObject body = request(config, messages, schema, useSchema, maxTokens);
    long counted = TokenCount.prompt(body.getJsonArray("messages")) + (long) maxTokens;
    Map<String, Object> plainSchema = schema == null ? null : asMap(schema);
    return spend.reserve(charge, counted).compose(id -> exchange(config, account, known, messages, schema, maxTokens,
            body, counted, 0, deadline)
        .transform(ar -> {
          if (ar.failed()) {
            return spend.giveBack(id).compose(v -> Future.<Answer>failedFuture(ar.cause()));
          }
          JsonObject response = ar.result();
          String content = content(response);
          JsonObject usage = response.getValue("usage") instanceof JsonObject u ? u : new JsonObject();
          long prompt = number(usage, "prompt_tokens", counted - maxTokens);
          long completion = number(usage, "completion_tokens", TokenCount.answer(content));
          Checked checked = check(content, plainSchema);
          Metrics.llmTokens(prompt, completion);
          return spend.settle(id, prompt, completion).compose(v -> {
            if (checked.value != null) {
              return store(key, config.model(), checked.value, "ok", null)
                  .map(x -> new Answer(checked.value, false, prompt + completion, key));
            }
            String why = String.join("; ", checked.problems);
            LOG.warn("LLM answer of model {} was invalid ({} problem(s)); cached as refused", config.model(),
                checked.problems.size());
            return store(key, config.model(), new JsonObject().put("content", content == null ? "" : content),
                "invalid", why).compose(x -> Future.<Answer>failedFuture(Failure.UPSTREAM.with("model "
                + config.model() + " answered invalid JSON: " + why)));
          });
        }));
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

  private static boolean saysNoJsonSchema(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return m.contains("json_schema") && (m.contains("not support") || m.contains("unsupported"));
  }

  /**
   * One request through the gate, with retries; answers the server's JSON body. {@code json_validate_failed} (Groq
   * refusing its own output) comes back as a body whose content is that output, so it is checked and cached as any
   * other invalid answer.
   */
  private Future<JsonObject> exchange(LlmConfig config, String account, LlmLimits known, JsonArray messages,
                                      JsonObject schema, int maxTokens, JsonObject body, long counted, int attempt,
                                      long deadline) {
    Duration maxWait = Duration.ofMillis(Math.max(0, deadline - System.currentTimeMillis()));
    return gate.acquire(account, known.gate(), counted, maxWait).transform(p -> {
      if (p.failed()) {
        RateGate.TooLong tooLong = p.cause() instanceof RateGate.TooLong t ? t : null;
        if (tooLong != null && tooLong.waitMillis >= DAY_LIKE_WAIT.toMillis()) {
          return Future.failedFuture(Failure.CONFLICT.with(LlmSpend.DAY_SPENT + " at the provider: "
              + tooLong.getMessage()));
        }
        return Future.failedFuture(Failure.UPSTREAM.with("not asking the LLM: " + (tooLong == null
            ? p.cause().getMessage() : tooLong.getMessage() + ", longer than this question may wait")));
      }
      RateGate.Permit permit = p.result();
      HttpRequest<Buffer> req = web.postAbs(config.chatCompletionsUrl())
          .timeout(Math.max(1, Math.min(timeoutMs, deadline - System.currentTimeMillis())))
          .putHeader("content-type", "application/json")
          .putHeader("accept", "application/json");
      if (config.apiKey() != null) {
        req.putHeader("authorization", "Bearer " + config.apiKey());
      }
      return req.sendJsonObject(body).transform(sent -> {
        if (sent.failed()) {
          gate.failed(permit);
          if (retry.canRetry(attempt) && System.currentTimeMillis() < deadline) {
            Duration wait = retry.delay(attempt, null, ThreadLocalRandom.current().nextDouble());
            LOG.warn("LLM server {} unreachable ({}); retry {} of {} in {} ms", config.baseUrl(),
                sent.cause().getMessage(), attempt + 1, retry.maxRetries(), wait.toMillis());
            return later(wait).compose(v -> exchange(config, account, known, messages, schema, maxTokens, body,
                counted, attempt + 1, deadline));
          }
          return Future.failedFuture(Failure.UPSTREAM.with("could not reach LLM server " + config.baseUrl()
              + " after " + (attempt + 1) + " attempt(s): " + sent.cause().getMessage()));
        }
        HttpResponse<Buffer> resp = sent.result();
        int status = resp.statusCode();
        gate.answered(permit, status, resp::getHeader);
        if (status / 100 == 2) {
          return decoded(resp);
        }
        HttpError error = HttpError.of(resp);
        if (status == 429 && error.perDay()) {
          LOG.warn("LLM provider {} refused for a daily limit; not retrying", config.baseUrl());
          return Future.failedFuture(Failure.CONFLICT.with(LlmSpend.DAY_SPENT + " at the provider: "
              + error.getMessage()));
        }
        if (retry.retryableStatus(status) && retry.canRetry(attempt) && System.currentTimeMillis() < deadline) {
          // a 429 paused the gate for this account as long as the server asked; other errors back off here
          Duration wait = status == 429 ? Duration.ZERO
              : retry.delay(attempt, RetryPolicy.serverHint(resp::getHeader), ThreadLocalRandom.current().nextDouble());
          LOG.warn("LLM server answered {} for model {}; retry {} of {} in {} ms", status, config.model(),
              attempt + 1, retry.maxRetries(), wait.toMillis());
          return later(wait).compose(v -> exchange(config, account, known, messages, schema, maxTokens, body,
              counted, attempt + 1, deadline));
        }
        boolean schemaSent = "json_schema".equals(body.getJsonObject("response_format").getString("type"));
        if (status == 400 && schemaSent && saysNoJsonSchema(error.getMessage())) {
          noJsonSchema.add(account);
          LOG.warn("model {} does not support json_schema; falling back to json_object", config.model());
          return exchange(config, account, known, messages, schema, maxTokens,
              request(config, messages, schema, false, maxTokens), counted, attempt, deadline);
        }
        if ("json_validate_failed".equals(error.code)) {
          return Future.succeededFuture(new JsonObject().put("choices", new JsonArray().add(new JsonObject()
              .put("message", new JsonObject().put("content", error.failedGeneration == null ? ""
                  : error.failedGeneration)))));
        }
        return Future.failedFuture(error);
      });
    });
  }

  private static Future<JsonObject> decoded(HttpResponse<Buffer> resp) {
    try {
      JsonObject json = resp.bodyAsJsonObject();
      return json == null
          ? Future.failedFuture(Failure.UPSTREAM.with("LLM server answered " + resp.statusCode() + " with an empty body"))
          : Future.succeededFuture(json);
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(Failure.UPSTREAM.with("LLM server answered " + resp.statusCode()
          + " without a JSON object"));
    }
  }

  private static long number(JsonObject json, String field, long fallback) {
    return json.getValue(field) instanceof Number n ? n.longValue() : fallback;
  }

  private JsonObject request(LlmConfig config, JsonArray messages, JsonObject schema, boolean useSchema,
                             int maxTokens) {
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
        .put("max_tokens", maxTokens)
        .put("response_format", format);
  }

  private static String schemaName(JsonObject schema) {
    String title = schema.getValue("title") instanceof String s ? s.replaceAll("[^A-Za-z0-9_-]", "_") : "";
    return title.isEmpty() ? "response" : truncate(title, 64);
  }

  /** The first choice's message content; null when there is none. */
  private static String content(JsonObject body) {
    JsonArray choices = body.getValue("choices") instanceof JsonArray a ? a : null;
    if (choices == null || choices.isEmpty() || !(choices.getValue(0) instanceof JsonObject choice)) {
      return null;
    }
    JsonObject message = choice.getValue("message") instanceof JsonObject m ? m : new JsonObject();
    return message.getValue("content") instanceof String s ? s : null;
  }

  private Future<Void> later(Duration wait) {
    if (wait.isZero()) {
      return Future.succeededFuture();
    }
    return vertx.timer(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS).mapEmpty();
  }

  /** A non-2xx answer; becomes {@code UPSTREAM} at the edge of {@link #completeJson}. */
  private static final class HttpError extends RuntimeException {
    final int status;
    final String code;
    final String failedGeneration;

    /** A 429 for a per-day limit (Groq: "tokens per day (TPD)", "requests per day (RPD)"): retrying today is useless. */
    boolean perDay() {
      String m = getMessage().toLowerCase(Locale.ROOT);
      return m.contains("per day") || m.contains("(tpd)") || m.contains("(rpd)");
    }

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

  private record Hit(JsonObject response, boolean valid, String problems) {
  }

  private Future<Hit> cached(String key) {
    return pool.preparedQuery("select response, verdict, problems from llm_cache where key = $1")
        .execute(Tuple.of(key))
        .map(rows -> {
          for (Row row : rows) {
            return new Hit(row.getJsonObject("response"), !"invalid".equals(row.getString("verdict")),
                row.getString("problems"));
          }
          return (Hit) null;
        })
        .recover(t -> {
          LOG.warn("LLM cache read failed, asking the server instead: {}", t.getMessage());
          return Future.succeededFuture(null);
        });
  }

  private Future<Void> store(String key, String model, JsonObject answer, String verdict, String problems) {
    return pool.preparedQuery("""
        insert into llm_cache (key, model, response, verdict, problems) values ($1, $2, $3, $4, $5)
        on conflict (key) do nothing
        """).execute(Tuple.of(key, model, answer, verdict, problems))
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
