package io.applyflow.support;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake OpenAI-compatible server on 127.0.0.1 ({@code POST /v1/chat/completions}, {@code GET /v1/models}) that
 * answers the tailoring's two prompts ({@code reworded_bullets}, {@code letter_and_questions}) honestly, counts
 * tokens, and announces and enforces rate limits the way Groq does.
 *
 * <p><b>Real</b>: the wire protocol (request and response shapes of EXTERNAL_APIS.md §6.1, Groq's {@code x_groq}
 * field, its error bodies for 401, 404, 400, 413, 429 and 500); bearer-key checking; the {@code x-ratelimit-*}
 * headers on every 200/413/429 (GROQ style: {@code -requests} are per day, {@code -tokens} per minute; OPENAI
 * style: both per minute), {@code retry-after} (whole seconds, rounded up) on 429 only, Go-style reset
 * durations; enforcement of RPM, RPD, TPM and TPD; answers that are valid against the request's schema and
 * never longer than {@code max_tokens}; Groq's 400 when {@code json_object} is asked for without the word
 * "json" in the messages.
 *
 * <p><b>Simplified</b>:
 * <ul>
 *   <li>Tokens are counted with {@code cl100k_base} (jtokkit), not Llama 3's own tokenizer, plus a fixed
 *       Llama 3 style chat-template overhead: {@link #TOKENS_BEGIN} for {@code <|begin_of_text|>},
 *       {@link #TOKENS_PER_MESSAGE} per message ({@code <|start_header_id|>}, role, {@code <|end_header_id|>},
 *       {@code <|eot_id|>}), {@link #TOKENS_ASSISTANT_HEADER} for the header that primes the answer; the answer
 *       costs its content plus {@link #TOKENS_END_OF_ANSWER} ({@code <|eot_id|>}).</li>
 *   <li>Limits are sliding windows (a "minute" is {@link Builder#minute}, a day 1,440 of them unless set), not
 *       Groq's replenishing buckets. A request is charged {@code prompt_tokens + max_tokens} (1,024 when absent)
 *       against TPM and TPD when it is admitted, and the charge is not corrected once the answer is known: the
 *       strict reading, the one under which a 429 comes earliest. A {@code reset-*} header is the time until the
 *       window is empty again (OpenAI's "time until the limit resets to its initial state"), so a client that
 *       waits that long is certain to be admitted.</li>
 *   <li>The "model" writes by rule, from the user message's JSON only: rewordings swap the leading verb for one
 *       of {@link #VERBS}, move a clause ("by …", "to …", ", …") to the front, or leave the bullet alone (every
 *       third one); the letter is built from the job title and company, the candidate's roles, bullets, summary
 *       and skills; questions wrap the requirement and responsibility sentences. Other schemas get a generic
 *       walker that fills strings with the user message's words; no {@code response_format} gets plain text.
 *       An answer over {@code max_tokens} loses list items from its end (finish_reason {@code length}), never
 *       half a JSON document.</li>
 *   <li>Modes by model name prefix: {@code invent-*} appends an invented skill, employer and metric to every
 *       string; {@code broken-*} answers 500; {@code slow-*} adds {@link #SLOW} of latency; {@code sloppy-*}
 *       answers valid JSON that does not match the schema ({@code {"answer": …}}). Any other name is honest.</li>
 * </ul>
 * The server runs on its own Vert.x instance; the counters and the log may be read from any thread.
 */
public final class FakeOpenAi implements AutoCloseable {
  public static final String INVENTED_SKILL = "Kubernetes";
  public static final String INVENTED_METRIC = "300%";
  public static final String INVENTED_EMPLOYER = "Globex Corporation";
  /** The neutral leading verbs an honest rewording may put in place of a bullet's own. */
  public static final List<String> VERBS = List.of("Led", "Built", "Delivered", "Drove", "Improved");
  public static final int TOKENS_BEGIN = 1;
  public static final int TOKENS_PER_MESSAGE = 4;
  public static final int TOKENS_ASSISTANT_HEADER = 3;
  public static final int TOKENS_END_OF_ANSWER = 1;
  /** What a request without {@code max_tokens} is charged for its answer. */
  public static final int DEFAULT_MAX_TOKENS = 1024;
  public static final String ORGANIZATION = "org_fake";
  public static final Duration SLOW = Duration.ofMillis(1500);

  private static final String INVENTION = ", using " + INVENTED_SKILL + " at " + INVENTED_EMPLOYER
      + ", which increased revenue by " + INVENTED_METRIC;
  private static final Encoding CL100K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
  private static final Set<String> IRREGULAR_VERBS = Set.of("built", "led", "ran", "cut", "drove", "wrote", "grew",
      "made", "won", "set", "took", "brought", "taught", "held", "kept", "sold", "spent", "found", "began",
      "rebuilt", "rewrote", "oversaw", "spoke", "gave", "got", "own", "owned", "lead", "build", "drive", "design");
  /** Leading verbs an honest rewording may swap, each for the neutral verbs of its kind that keep the meaning. */
  private static final Map<String, List<String>> SWAPS = swaps(Map.of(
      List.of("Built", "Delivered"), List.of("designed", "built", "implemented", "created", "developed", "authored",
          "shipped", "launched", "wrote", "architected", "engineered", "delivered", "introduced", "established"),
      List.of("Led", "Drove"), List.of("led", "managed", "ran", "owned", "directed", "drove", "headed", "coordinated",
          "oversaw", "spearheaded", "championed", "organized", "organised"),
      List.of("Improved"), List.of("reduced", "cut", "improved", "optimized", "optimised", "increased",
          "accelerated", "streamlined", "lowered", "boosted", "grew", "sped")));
  /** Clauses that read well moved to the front: "by reworking …", ", reducing …", "to ship …". */
  private static final List<Pattern> CLAUSES = List.of(
      Pattern.compile("^(.+?) (by \\p{Ll}+ing\\b.*)$"),
      Pattern.compile("^(.+?), (\\p{Ll}+ing\\b.*)$"),
      Pattern.compile("^(.+?) (to (?:ship|build|support|reduce|improve|cut|enable|deliver|scale|migrate|launch"
          + "|automate|replace|serve|handle|lower|increase|track|make|help|run|keep|cover|meet|unify|speed)\\b.*)$"));
  private static final String RATE_LIMIT_DOCS = "Visit https://console.groq.com/docs/rate-limits for more information.";

  /** How the {@code x-ratelimit-*} headers are scoped. */
  public enum HeaderStyle {
    /** {@code -requests} headers describe the requests per DAY, {@code -tokens} the tokens per MINUTE (Groq). */
    GROQ,
    /** Both describe the per-MINUTE limits (OpenAI). */
    OPENAI
  }

  /**
   * One request as the fake saw it. {@code schema} is the task it recognised ({@code null} for plain text or a
   * request it could not read); {@code charged} is what admission charged against TPM/TPD (0 if not admitted);
   * {@code body} is the request body as sent.
   */
  public record Call(Instant at, String model, String schema, int status, int promptTokens, int completionTokens,
      int charged, String body) {
    /** Prompt plus completion tokens (0 for a request that was not answered). */
    public int tokens() {
      return status == 200 ? promptTokens + completionTokens : 0;
    }
  }

  private record Limit(String label, boolean tokens, int max, long window) {
  }

  private record Charge(long at, int tokens) {
  }

  private record Admission(int status, String message, String type, long retryNanos) {
  }

  private final Vertx vertx = Vertx.vertx();
  private final String baseUrl;
  private final String apiKey;
  private final Set<String> models;
  private final HeaderStyle style;
  private final LongSupplier clock;
  private final Limit rpm;
  private final Limit rpd;
  private final Limit tpm;
  private final Limit tpd;
  private final long longestWindow;
  private final ArrayDeque<Charge> charges = new ArrayDeque<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile Duration latency;
  private int failNext;
  private int requests;
  private int answered;
  private long promptTokens;
  private long completionTokens;
  private int rateLimited;

  private FakeOpenAi(Builder b) {
    apiKey = b.apiKey;
    models = new LinkedHashSet<>(b.models);
    style = b.style;
    clock = b.clock;
    latency = b.latency;
    long minute = b.minute.toNanos();
    long day = b.day != null ? b.day.toNanos() : minute * 1440;
    rpm = b.rpm > 0 ? new Limit("requests per minute (RPM)", false, b.rpm, minute) : null;
    rpd = b.rpd > 0 ? new Limit("requests per day (RPD)", false, b.rpd, day) : null;
    tpm = b.tpm > 0 ? new Limit("tokens per minute (TPM)", true, b.tpm, minute) : null;
    tpd = b.tpd > 0 ? new Limit("tokens per day (TPD)", true, b.tpd, day) : null;
    longestWindow = Math.max(minute, day);
    Router router = Router.router(vertx);
    router.post("/v1/chat/completions").handler(BodyHandler.create()).handler(this::chat);
    router.get("/v1/models").handler(this::models);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    baseUrl = "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  /** A fake with no key, no limits and no rate-limit headers (like a local llama.cpp or vLLM). */
  public static FakeOpenAi start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** What to put in {@code LLM_BASE_URL}: {@code http://127.0.0.1:<port>/v1}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Chat-completion requests received, whatever their answer. */
  public synchronized int requests() {
    return requests;
  }

  /** Requests answered 200. */
  public synchronized int answered() {
    return answered;
  }

  /** Prompt tokens of the requests answered 200. */
  public synchronized long promptTokens() {
    return promptTokens;
  }

  /** Completion tokens of the requests answered 200. */
  public synchronized long completionTokens() {
    return completionTokens;
  }

  public synchronized long totalTokens() {
    return promptTokens + completionTokens;
  }

  /** Requests answered 429. */
  public synchronized int rateLimited() {
    return rateLimited;
  }

  /** Every chat-completion request so far, oldest first. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Answers the next {@code n} chat-completion requests with 500 (before admission: they cost nothing). */
  public synchronized void failNext(int n) {
    failNext = n;
  }

  /** Delay before every answer from now on. */
  public void latency(Duration delay) {
    latency = delay;
  }

  /** Forgets the counters, the log, the windows and pending failures (the limits stay). */
  public synchronized void reset() {
    charges.clear();
    calls.clear();
    failNext = 0;
    requests = 0;
    answered = 0;
    promptTokens = 0;
    completionTokens = 0;
    rateLimited = 0;
  }

  /** {@code cl100k_base} tokens of {@code text} (special-token text counts as ordinary text). */
  public static int countTokens(String text) {
    return text == null || text.isEmpty() ? 0 : CL100K.countTokensOrdinary(text);
  }

  /** The prompt tokens of {@code messages}: every content's tokens plus the chat-template overhead. */
  public static int promptTokens(JsonArray messages) {
    int total = TOKENS_BEGIN + TOKENS_ASSISTANT_HEADER;
    for (int i = 0; i < messages.size(); i++) {
      total += TOKENS_PER_MESSAGE + countTokens(content(messages.getValue(i)));
    }
    return total;
  }

  @Override
  public void close() {
    vertx.close().await();
  }

  // --- HTTP ---------------------------------------------------------------------------------------------------

  private void models(RoutingContext ctx) {
    if (!authorized(ctx)) {
      send(ctx, 401, null, invalidKey());
      return;
    }
    JsonArray data = new JsonArray();
    Set<String> listed;
    synchronized (this) {
      listed = new LinkedHashSet<>(models);
      calls.forEach(c -> {
        if (models.isEmpty() && c.model() != null) {
          listed.add(c.model());
        }
      });
    }
    listed.forEach(id -> data.add(new JsonObject().put("id", id).put("object", "model").put("created", 1_733_447_754)
        .put("owned_by", "Meta").put("active", true).put("context_window", 131_072)));
    send(ctx, 200, null, new JsonObject().put("object", "list").put("data", data));
  }

  private void chat(RoutingContext ctx) {
    long now = clock.getAsLong();
    String raw = ctx.body().asString();
    synchronized (this) {
      requests++;
    }
    if (!authorized(ctx)) {
      reply(ctx, raw, null, null, 401, 0, 0, 0, null, invalidKey());
      return;
    }
    JsonObject req;
    try {
      req = new JsonObject(raw == null ? "" : raw);
    } catch (RuntimeException e) {
      reply(ctx, raw, null, null, 400, 0, 0, 0, null,
          error("We could not parse the JSON body of your request.", "invalid_request_error", null));
      return;
    }
    String model = req.getValue("model") instanceof String s ? s : null;
    JsonArray messages = req.getValue("messages") instanceof JsonArray a ? a : new JsonArray();
    if (model == null || messages.isEmpty()) {
      reply(ctx, raw, model, null, 400, 0, 0, 0, null, error(model == null
          ? "'model' : property 'model' is missing" : "'messages' : minimum number of items is 1",
          "invalid_request_error", null));
      return;
    }
    if (!models.isEmpty() && !models.contains(model)) {
      reply(ctx, raw, model, null, 404, 0, 0, 0, null, error("The model `" + model
          + "` does not exist or you do not have access to it.", "invalid_request_error", "model_not_found"));
      return;
    }
    JsonObject format = req.getValue("response_format") instanceof JsonObject f ? f : null;
    boolean jsonObject = format != null && "json_object".equals(format.getString("type"));
    int prompt = promptTokens(messages);
    if (jsonObject && messages.stream().noneMatch(m -> content(m).toLowerCase(Locale.ROOT).contains("json"))) {
      reply(ctx, raw, model, null, 400, prompt, 0, 0, null, error("'messages' must contain the word 'json' in "
          + "some form, to use 'response_format' of type 'json_object'.", "invalid_request_error", null));
      return;
    }
    JsonObject user = userJson(messages);
    String task = task(format, user, messages);
    boolean fail;
    synchronized (this) {
      fail = failNext > 0;
      if (fail) {
        failNext--;
      }
    }
    if (fail || model.startsWith("broken")) {
      reply(ctx, raw, model, task, 500, prompt, 0, 0, null,
          error("Internal Server Error", "internal_server_error", null));
      return;
    }
    int maxTokens = req.getValue("max_completion_tokens") instanceof Number n ? n.intValue()
        : req.getValue("max_tokens") instanceof Number n2 ? n2.intValue() : DEFAULT_MAX_TOKENS;
    int charge = prompt + maxTokens;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    Admission admission = admit(model, now, charge, headers);
    if (admission.status() != 200) {
      if (admission.status() == 429) {
        headers.set("retry-after", String.valueOf(Math.max(1, (admission.retryNanos() + 999_999_999) / 1_000_000_000)));
      }
      JsonObject body = error(admission.message(), admission.type(), "rate_limit_exceeded");
      reply(ctx, raw, model, task, admission.status(), prompt, 0, 0, headers, body);
      return;
    }
    String[] content = answer(task, format, user, messages, model, maxTokens);
    int completion = countTokens(content[0]) + TOKENS_END_OF_ANSWER;
    String id = UUID.randomUUID().toString().replace("-", "");
    JsonObject body = new JsonObject()
        .put("id", "chatcmpl-" + id).put("object", "chat.completion").put("created", Instant.now().getEpochSecond())
        .put("model", model)
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
            .put("message", new JsonObject().put("role", "assistant").put("content", content[0]))
            .putNull("logprobs").put("finish_reason", content[1])))
        .put("usage", new JsonObject().put("prompt_tokens", prompt).put("completion_tokens", completion)
            .put("total_tokens", prompt + completion))
        .put("system_fingerprint", "fp_fake")
        .put("x_groq", new JsonObject().put("id", "req_" + id.substring(0, 26)));
    reply(ctx, raw, model, task, 200, prompt, completion, charge, headers, body);
  }

  private void reply(RoutingContext ctx, String raw, String model, String task, int status, int prompt,
      int completion, int charged, MultiMap headers, JsonObject body) {
    synchronized (this) {
      if (status == 200) {
        answered++;
        promptTokens += prompt;
        completionTokens += completion;
      } else if (status == 429) {
        rateLimited++;
      }
      calls.add(new Call(Instant.now(), model, task, status, prompt, completion, charged, raw));
    }
    long delay = latency.toMillis() + (model != null && model.startsWith("slow") ? SLOW.toMillis() : 0);
    if (delay > 0) {
      vertx.setTimer(delay, t -> send(ctx, status, headers, body));
    } else {
      send(ctx, status, headers, body);
    }
  }

  private static void send(RoutingContext ctx, int status, MultiMap headers, JsonObject body) {
    if (headers != null) {
      ctx.response().headers().addAll(headers);
    }
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  private boolean authorized(RoutingContext ctx) {
    return apiKey == null || ("Bearer " + apiKey).equals(ctx.request().getHeader("Authorization"));
  }

  private static JsonObject invalidKey() {
    return error("Invalid API Key", "invalid_request_error", "invalid_api_key");
  }

  private static JsonObject error(String message, String type, String code) {
    JsonObject e = new JsonObject().put("message", message).put("type", type);
    if (code != null) {
      e.put("code", code);
    }
    return new JsonObject().put("error", e);
  }

  // --- Rate limits --------------------------------------------------------------------------------------------

  /** Checks every limit, charges the request if all pass, and fills the headers as they are afterwards. */
  private synchronized Admission admit(String model, long now, int charge, MultiMap headers) {
    while (!charges.isEmpty() && charges.peekFirst().at() <= now - longestWindow) {
      charges.removeFirst();
    }
    Admission result = new Admission(200, null, null, 0);
    for (Limit l : new Limit[] {tpm, tpd}) {
      if (l != null && charge > l.max()) {
        result = new Admission(413, "Request too large for model `" + model + "` in organization `" + ORGANIZATION
            + "` service tier on_demand on " + l.label() + ": Limit " + l.max() + ", Requested " + charge
            + ", please reduce your message size and try again. " + RATE_LIMIT_DOCS, "tokens", 0);
        break;
      }
    }
    if (result.status() == 200) {
      for (Limit l : new Limit[] {rpm, rpd, tpm, tpd}) {
        if (l == null) {
          continue;
        }
        int amount = l.tokens() ? charge : 1;
        long used = used(l, now);
        if (used + amount > l.max()) {
          long wait = waitFor(l, now, used, amount);
          result = new Admission(429, "Rate limit reached for model `" + model + "` in organization `" + ORGANIZATION
              + "` service tier on_demand on " + l.label() + ": Limit " + l.max() + ", Used " + used + ", Requested "
              + amount + ". Please try again in " + goDuration(wait, 3) + ". " + RATE_LIMIT_DOCS,
              l.tokens() ? "tokens" : "requests", wait);
          break;
        }
      }
    }
    if (result.status() == 200) {
      charges.addLast(new Charge(now, charge));
    }
    header(headers, "requests", style == HeaderStyle.GROQ ? rpd : rpm, now);
    header(headers, "tokens", tpm, now);
    return result;
  }

  private void header(MultiMap headers, String kind, Limit l, long now) {
    if (l == null) {
      return;
    }
    headers.set("x-ratelimit-limit-" + kind, String.valueOf(l.max()));
    headers.set("x-ratelimit-remaining-" + kind, String.valueOf(Math.max(0, l.max() - used(l, now))));
    long reset = 0;
    for (Charge c : charges) {
      if (c.at() > now - l.window()) {
        reset = c.at() + l.window() - now;
      }
    }
    headers.set("x-ratelimit-reset-" + kind, goDuration(reset, 2));
  }

  private long used(Limit l, long now) {
    long used = 0;
    for (Charge c : charges) {
      if (c.at() > now - l.window()) {
        used += l.tokens() ? c.tokens() : 1;
      }
    }
    return used;
  }

  /** Nanoseconds until enough of the window has expired for {@code amount} more to fit. */
  private long waitFor(Limit l, long now, long used, int amount) {
    long freed = 0;
    for (Charge c : charges) {
      if (c.at() > now - l.window()) {
        freed += l.tokens() ? c.tokens() : 1;
        if (used - freed + amount <= l.max()) {
          return c.at() + l.window() - now;
        }
      }
    }
    return l.window();
  }

  /** A Go {@code time.Duration} string with at most {@code decimals} fractional digits: 7.66s, 2m59.56s, 120ms. */
  static String goDuration(long nanos, int decimals) {
    if (nanos <= 0) {
      return "0s";
    }
    if (nanos < 1_000_000_000L) {
      BigDecimal ms = BigDecimal.valueOf(nanos).movePointLeft(6).setScale(decimals, RoundingMode.HALF_UP);
      if (ms.compareTo(BigDecimal.valueOf(1000)) < 0) {
        return ms.stripTrailingZeros().toPlainString() + "ms";
      }
    }
    BigDecimal total = BigDecimal.valueOf(nanos).movePointLeft(9).setScale(decimals, RoundingMode.HALF_UP);
    long whole = total.longValue();
    BigDecimal seconds = total.subtract(BigDecimal.valueOf(whole - whole % 60));
    long h = whole / 3600;
    long m = whole % 3600 / 60;
    StringBuilder out = new StringBuilder();
    if (h > 0) {
      out.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      out.append(m).append('m');
    }
    return out.append(seconds.stripTrailingZeros().toPlainString()).append('s').toString();
  }

  // --- The "model" --------------------------------------------------------------------------------------------

  /** The content and finish_reason of the answer. */
  private static String[] answer(String task, JsonObject format, JsonObject user, JsonArray messages, String model,
      int maxTokens) {
    if (format == null) {
      String text = words(user, messages).stream().limit(40).reduce((a, b) -> a + " " + b).orElse("OK");
      if (model.startsWith("invent")) {
        text += INVENTION;
      }
      StringBuilder fitted = new StringBuilder();
      for (String w : text.split(" ")) {
        String next = fitted.isEmpty() ? w : fitted + " " + w;
        if (countTokens(next) + TOKENS_END_OF_ANSWER > maxTokens) {
          return new String[] {fitted.toString(), "length"};
        }
        fitted.setLength(0);
        fitted.append(next);
      }
      return new String[] {fitted.toString(), "stop"};
    }
    JsonObject schema = schema(format, messages);
    JsonObject content;
    if ("reworded_bullets".equals(task) && user != null) {
      content = rewordings(user);
    } else if ("letter_and_questions".equals(task) && user != null) {
      content = letterAndQuestions(user);
    } else {
      Object filled = fill(schema == null ? new JsonObject() : schema, new Words(words(user, messages)), 0);
      content = filled instanceof JsonObject o && !o.isEmpty() ? o
          : new JsonObject().put("answer", filled instanceof JsonObject ? "OK" : filled);
    }
    if (model.startsWith("invent")) {
      content = (JsonObject) invent(content, null);
    }
    if (model.startsWith("sloppy")) {
      content = new JsonObject().put("answer", content);
    }
    boolean cut = false;
    while (countTokens(content.encode()) + TOKENS_END_OF_ANSWER > maxTokens) {
      cut = true;
      if (!dropLast(content)) {
        String empty = countTokens("{}") + TOKENS_END_OF_ANSWER <= maxTokens ? "{}" : "";
        return new String[] {empty, "length"};
      }
    }
    return new String[] {content.encode(), cut ? "length" : "stop"};
  }

  /** Removes the last item of the last non-empty list in {@code node}; false when there is none. */
  private static boolean dropLast(Object node) {
    if (node instanceof JsonObject o) {
      List<String> keys = new ArrayList<>(o.fieldNames());
      for (int i = keys.size() - 1; i >= 0; i--) {
        if (dropLast(o.getValue(keys.get(i)))) {
          return true;
        }
      }
    } else if (node instanceof JsonArray a && !a.isEmpty()) {
      if (!dropLast(a.getValue(a.size() - 1))) {
        a.remove(a.size() - 1);
      }
      return true;
    }
    return false;
  }

  private static Object invent(Object node, String key) {
    if (node instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      o.forEach(e -> out.put(e.getKey(), invent(e.getValue(), e.getKey())));
      return out;
    }
    if (node instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(invent(v, key)));
      return out;
    }
    if (node instanceof String s && !"id".equals(key)) {
      String t = s.strip();
      return t.endsWith("?") ? t.substring(0, t.length() - 1) + INVENTION + "?" : stripPeriod(t) + INVENTION + ".";
    }
    return node;
  }

  private static JsonObject rewordings(JsonObject user) {
    JsonArray out = new JsonArray();
    JsonArray bullets = user.getValue("bullets") instanceof JsonArray a ? a : new JsonArray();
    for (int i = 0; i < bullets.size(); i++) {
      if (bullets.getValue(i) instanceof JsonObject b && b.getValue("id") != null) {
        String text = b.getValue("text") instanceof String s ? s : "";
        out.add(new JsonObject().put("id", String.valueOf(b.getValue("id"))).put("text", reword(text, i)));
      }
    }
    return new JsonObject().put("bullets", out);
  }

  /**
   * The {@code i}th bullet reworded with its own words: every third one unchanged, the others with their leading
   * verb swapped for one of {@link #VERBS} or a trailing clause moved to the front (whichever applies, in turn).
   */
  static String reword(String text, int i) {
    String trimmed = text.strip();
    boolean period = trimmed.endsWith(".");
    String core = stripPeriod(trimmed);
    if (i % 3 == 2 || core.isEmpty()) {
      return text;
    }
    String first = swapVerb(core, i);
    String second = moveClause(core);
    String reworded = i % 3 == 0 ? (first != null ? first : second) : (second != null ? second : first);
    return reworded == null ? text : reworded + (period ? "." : "");
  }

  private static String swapVerb(String core, int i) {
    int space = core.indexOf(' ');
    if (space <= 0) {
      return null;
    }
    String verb = core.substring(0, space);
    List<String> options = SWAPS.getOrDefault(verb.toLowerCase(Locale.ROOT), List.of()).stream()
        .filter(v -> !v.equalsIgnoreCase(verb)).toList();
    return options.isEmpty() ? null : options.get(i % options.size()) + core.substring(space);
  }

  private static String moveClause(String core) {
    for (Pattern p : CLAUSES) {
      Matcher m = p.matcher(core);
      if (m.matches() && m.group(1).contains(" ")) {
        String main = m.group(1);
        int space = main.indexOf(' ');
        if (leadingVerb(main.substring(0, space))) {
          main = main.substring(0, space).toLowerCase(Locale.ROOT) + main.substring(space);
        }
        String clause = m.group(2);
        return Character.toUpperCase(clause.charAt(0)) + clause.substring(1) + ", " + main;
      }
    }
    return null;
  }

  private static Map<String, List<String>> swaps(Map<List<String>, List<String>> kinds) {
    Map<String, List<String>> out = new HashMap<>();
    kinds.forEach((neutral, verbs) -> verbs.forEach(v -> out.put(v, neutral)));
    return Map.copyOf(out);
  }

  private static boolean leadingVerb(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return Character.isUpperCase(word.charAt(0)) && (w.matches("\\p{L}{3,}ed") || IRREGULAR_VERBS.contains(w));
  }

  private static JsonObject letterAndQuestions(JsonObject user) {
    JsonObject job = user.getValue("job") instanceof JsonObject j ? j : new JsonObject();
    JsonObject candidate = user.getValue("candidate") instanceof JsonObject c ? c : new JsonObject();
    String title = text(job, "title");
    String company = text(job, "company");
    String role = (title == null ? "this role" : "the " + title + " role") + (company == null ? "" : " at " + company);
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add("Dear hiring team, I am writing to apply for " + role + ".");
    JsonArray roles = candidate.getValue("roles") instanceof JsonArray r ? r : new JsonArray();
    for (Object o : roles) {
      if (paragraphs.size() == 3) {
        break;
      }
      if (o instanceof JsonObject r && r.getValue("bullets") instanceof JsonArray bullets && !bullets.isEmpty()) {
        List<String> done = bullets.stream().filter(String.class::isInstance).map(b -> stripPeriod((String) b))
            .filter(b -> !b.isBlank()).limit(2).toList();
        if (done.isEmpty()) {
          continue;
        }
        String as = text(r, "title") == null ? "In a previous role" : "As " + text(r, "title")
            + (text(r, "company") == null ? "" : " at " + text(r, "company"));
        paragraphs.add(as + ": " + String.join("; ", done) + ".");
      }
    }
    String summary = text(candidate, "summary");
    if (paragraphs.size() < 3 && summary != null) {
      paragraphs.add(summary);
    }
    List<String> skills = candidate.getValue("skills") instanceof JsonArray s
        ? s.stream().filter(String.class::isInstance).map(String.class::cast).limit(8).toList() : List.of();
    if (!skills.isEmpty()) {
      paragraphs.add("My skills include " + String.join(", ", skills) + ".");
    }
    String name = text(candidate, "name");
    String closing = "Thank you for considering me for " + role + "." + (name == null ? "" : " Kind regards, " + name);
    if (paragraphs.size() < 3 || skills.isEmpty()) {
      paragraphs.add(closing);
    } else {
      paragraphs.set(paragraphs.size() - 1, paragraphs.get(paragraphs.size() - 1) + " " + closing);
    }
    while (paragraphs.size() < 3) {
      paragraphs.add(paragraphs.size() - 1, "I would welcome a conversation about " + role + ".");
    }
    return new JsonObject().put("paragraphs", new JsonArray(paragraphs)).put("questions",
        new JsonArray(questions(user, title, company)));
  }

  private static List<String> questions(JsonObject user, String title, String company) {
    List<String> requirements = sentences(user.getValue("requirements"));
    List<String> responsibilities = sentences(user.getValue("responsibilities"));
    List<String> mixed = new ArrayList<>();
    for (int i = 0; i < Math.max(requirements.size(), responsibilities.size()); i++) {
      if (i < requirements.size()) {
        mixed.add(requirements.get(i));
      }
      if (i < responsibilities.size()) {
        mixed.add(responsibilities.get(i));
      }
    }
    List<String> templates = List.of("Tell us about your experience with this: %s?",
        "How have you handled this in a past role: %s?", "Walk us through how you would approach this: %s?",
        "What would you do first on this: %s?");
    List<String> out = new ArrayList<>();
    for (String s : mixed) {
      if (out.size() == 8) {
        break;
      }
      out.add(templates.get(out.size() % templates.size()).formatted(s));
    }
    String as = (title == null ? "this role" : title) + (company == null ? "" : " at " + company);
    List<String> fallback = List.of("Why do you want to work as " + as + "?",
        "What would you want to learn in your first month as " + as + "?",
        "What does good work look like to you as " + as + "?",
        "How would your past roles help you as " + as + "?",
        "What questions do you have about " + as + "?");
    for (int i = 0; out.size() < 5; i++) {
      out.add(fallback.get(i));
    }
    return out;
  }

  /** A generic answer for {@code schema}: strings are runs of the user message's words. */
  private static Object fill(JsonObject schema, Words words, int depth) {
    if (schema.getValue("enum") instanceof JsonArray values && !values.isEmpty()) {
      return values.getValue(0);
    }
    Object t = schema.getValue("type");
    String type = t instanceof String s ? s : t instanceof JsonArray a
        ? a.stream().filter(x -> !"null".equals(x)).map(String::valueOf).findFirst().orElse("null")
        : schema.containsKey("properties") ? "object" : schema.containsKey("items") ? "array" : "string";
    switch (type) {
      case "object" -> {
        JsonObject out = new JsonObject();
        if (depth < 8 && schema.getValue("properties") instanceof JsonObject props) {
          props.forEach(e -> out.put(e.getKey(),
              fill(e.getValue() instanceof JsonObject p ? p : new JsonObject(), words, depth + 1)));
        }
        return out;
      }
      case "array" -> {
        int min = schema.getInteger("minItems", 0);
        int max = schema.getInteger("maxItems", Integer.MAX_VALUE);
        int n = Math.min(max, Math.max(min, 2));
        JsonArray out = new JsonArray();
        JsonObject items = schema.getValue("items") instanceof JsonObject i ? i
            : new JsonObject().put("type", "string");
        for (int i = 0; i < n && depth < 8; i++) {
          out.add(fill(items, words, depth + 1));
        }
        return out;
      }
      case "integer", "number" -> {
        return 0;
      }
      case "boolean" -> {
        return false;
      }
      case "null" -> {
        return null;
      }
      default -> {
        return words.next(6);
      }
    }
  }

  /** The user message's words, cycled. */
  private static final class Words {
    private final List<String> words;
    private int at;

    Words(List<String> words) {
      this.words = words.isEmpty() ? List.of("OK") : words;
    }

    String next(int n) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(words.get(at++ % words.size()));
      }
      return String.join(" ", out);
    }
  }

  // --- Reading the request ------------------------------------------------------------------------------------

  private static String task(JsonObject format, JsonObject user, JsonArray messages) {
    if (format == null) {
      return null;
    }
    if ("json_schema".equals(format.getString("type")) && format.getValue("json_schema") instanceof JsonObject js) {
      return js.getString("name", "");
    }
    if (user != null && user.getValue("bullets") instanceof JsonArray) {
      return "reworded_bullets";
    }
    if (user != null && user.getValue("candidate") instanceof JsonObject) {
      return "letter_and_questions";
    }
    String system = messages.isEmpty() ? "" : content(messages.getValue(0));
    return system.contains("\"paragraphs\"") ? "letter_and_questions"
        : system.contains("\"bullets\"") ? "reworded_bullets" : "json_object";
  }

  /** The request's schema: {@code json_schema.schema}, or for {@code json_object} one quoted in the system message. */
  private static JsonObject schema(JsonObject format, JsonArray messages) {
    if (format.getValue("json_schema") instanceof JsonObject js && js.getValue("schema") instanceof JsonObject s) {
      return s;
    }
    for (Object m : messages) {
      if (m instanceof JsonObject msg && "system".equals(msg.getString("role"))) {
        String text = content(msg);
        for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
          JsonObject found = balanced(text, start);
          if (found != null && (found.containsKey("type") || found.containsKey("properties"))) {
            return found;
          }
        }
      }
    }
    return null;
  }

  private static JsonObject balanced(String text, int start) {
    int depth = 0;
    boolean quoted = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' && text.charAt(i - 1) != '\\') {
        quoted = !quoted;
      } else if (!quoted && c == '{') {
        depth++;
      } else if (!quoted && c == '}' && --depth == 0) {
        try {
          return new JsonObject(text.substring(start, i + 1));
        } catch (RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** The last user message's content as a JSON object, or null when it is not one. */
  private static JsonObject userJson(JsonArray messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.getValue(i) instanceof JsonObject m && "user".equals(m.getString("role"))) {
        try {
          return new JsonObject(content(m).strip());
        } catch (RuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static List<String> words(JsonObject user, JsonArray messages) {
    List<String> strings = new ArrayList<>();
    if (user != null) {
      strings(user, strings);
    } else if (!messages.isEmpty()) {
      strings.add(content(messages.getValue(messages.size() - 1)));
    }
    List<String> out = new ArrayList<>();
    strings.forEach(s -> {
      for (String w : s.split("\\s+")) {
        if (!w.isBlank()) {
          out.add(w);
        }
      }
    });
    return out;
  }

  private static void strings(Object node, List<String> out) {
    if (node instanceof JsonObject o) {
      o.forEach(e -> {
        if (!"id".equals(e.getKey())) {
          strings(e.getValue(), out);
        }
      });
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> strings(v, out));
    } else if (node instanceof String s) {
      out.add(s);
    }
  }

  private static String content(Object message) {
    if (!(message instanceof JsonObject m)) {
      return "";
    }
    Object c = m.getValue("content");
    if (c instanceof String s) {
      return s;
    }
    if (c instanceof JsonArray parts) {
      StringBuilder out = new StringBuilder();
      parts.forEach(p -> {
        if (p instanceof JsonObject part && part.getValue("text") instanceof String t) {
          out.append(t);
        }
      });
      return out.toString();
    }
    return "";
  }

  private static List<String> sentences(Object value) {
    if (!(value instanceof JsonArray a)) {
      return List.of();
    }
    return a.stream().filter(String.class::isInstance).map(s -> stripPeriod(((String) s).strip()))
        .filter(s -> !s.isEmpty()).toList();
  }

  private static String text(JsonObject o, String key) {
    return o.getValue(key) instanceof String s && !s.isBlank() ? s.strip() : null;
  }

  private static String stripPeriod(String s) {
    String t = s.strip();
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }

  /** Configures a {@link FakeOpenAi}; every limit is off (0) unless set. */
  public static final class Builder {
    private String apiKey;
    private final List<String> models = new ArrayList<>();
    private int rpm;
    private int rpd;
    private int tpm;
    private int tpd;
    private HeaderStyle style = HeaderStyle.GROQ;
    private Duration minute = Duration.ofMinutes(1);
    private Duration day;
    private Duration latency = Duration.ZERO;
    private LongSupplier clock = System::nanoTime;

    private Builder() {
    }

    /** Requires {@code Authorization: Bearer <key>}; otherwise any (or no) key is accepted. */
    public Builder apiKey(String key) {
      apiKey = key;
      return this;
    }

    /** The models {@code /v1/models} lists; others get 404. Without any, every model is served and listed once used. */
    public Builder models(String... ids) {
      models.addAll(List.of(ids));
      return this;
    }

    public Builder requestsPerMinute(int n) {
      rpm = n;
      return this;
    }

    public Builder requestsPerDay(int n) {
      rpd = n;
      return this;
    }

    public Builder tokensPerMinute(int n) {
      tpm = n;
      return this;
    }

    public Builder tokensPerDay(int n) {
      tpd = n;
      return this;
    }

    /** Groq's free tier for {@code llama-3.3-70b-versatile}: 30 RPM, 1,000 RPD, 12,000 TPM, 100,000 TPD. */
    public Builder groqFreeTier() {
      return requestsPerMinute(30).requestsPerDay(1000).tokensPerMinute(12_000).tokensPerDay(100_000)
          .headers(HeaderStyle.GROQ);
    }

    /** Which limits the {@code x-ratelimit-*} headers describe (default GROQ). */
    public Builder headers(HeaderStyle headerStyle) {
      style = headerStyle;
      return this;
    }

    /** How long the fake's "minute" lasts (default 60 s); headers and retry-after tell this scaled time. */
    public Builder minute(Duration length) {
      minute = length;
      return this;
    }

    /** How long the fake's "day" lasts (default 1,440 of its minutes). */
    public Builder day(Duration length) {
      day = length;
      return this;
    }

    /** Delay before every answer. */
    public Builder latency(Duration delay) {
      latency = delay;
      return this;
    }

    /** The time source for the windows, in nanoseconds (default {@link System#nanoTime()}); tests may drive it. */
    public Builder clock(LongSupplier nanos) {
      clock = nanos;
      return this;
    }

    public FakeOpenAi start() {
      return new FakeOpenAi(this);
    }
  }
}
