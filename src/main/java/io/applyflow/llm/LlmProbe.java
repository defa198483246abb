package io.applyflow.llm;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.util.ArrayList;
import java.util.List;

/**
 * "Test connection": {@code GET {base}/models} with the key (it costs no tokens), within {@link #TIMEOUT_MS}, and what
 * it says in words a person reads. Never fails: an unreachable server or an odd answer is an outcome too. Redirects
 * are not followed (the key would go along). Neither the key nor any part of it is in a {@link Result}: a server that
 * echoes it back in its error message has it blanked out. Non-blocking.
 */
public final class LlmProbe {
  /** How long the server may take to answer. */
  public static final long TIMEOUT_MS = 10_000;
  /** How many of the listed models a "not among" answer names. */
  static final int NAMED = 5;
  private static final int MESSAGE_MAX = 300;

  private final WebClient web;

  public LlmProbe(WebClient web) {
    this.web = web;
  }

  /**
   * The outcome of a test.
   *
   * @param outcome {@code listed} (reachable, and the model is listed or none is set), {@code missing} (reachable, the
   *                model is not listed), {@code error} (the server answered with an error status), {@code unexpected}
   *                (a 2xx that is not an OpenAI model list), {@code unreachable}, or {@code unset} (no server)
   * @param message the sentence shown
   * @param status  the HTTP status, null when there was none
   * @param models  how many models the server listed (0 when it did not list any)
   */
  public record Result(String outcome, String message, Integer status, int models) {
    public JsonObject toJson() {
      return new JsonObject().put("outcome", outcome).put("message", message).put("status", status).put("models", models);
    }
  }

  public Future<Result> test(LlmConfig config) {
    if (config.baseUrl() == null) {
      return Future.succeededFuture(new Result("unset", "No LLM server is set, neither by you nor by this installation:"
          + " tailoring is deterministic. Enter a base URL (and a key) above and save.", null, 0));
    }
    String url = config.baseUrl() + "/models";
    HttpRequest<Buffer> req;
    try {
      req = web.getAbs(url).timeout(TIMEOUT_MS).followRedirects(false).putHeader("accept", "application/json");
    } catch (RuntimeException e) {
      return Future.succeededFuture(new Result("unreachable", "Could not call " + url + ": "
          + clean(e.getMessage(), config.apiKey()), null, 0));
    }
    if (config.apiKey() != null) {
      req.putHeader("authorization", "Bearer " + config.apiKey());
    }
    return req.as(capped()).send().map(resp -> read(url, config, resp)).otherwise(t -> tooLarge(t)
        ? new Result("unexpected", "The server's answer to GET " + url + " is larger than " + MAX_BODY / 1024
            + " kB, which no model list is: is " + config.baseUrl() + " the base URL of an OpenAI-compatible API?", null, 0)
        : new Result("unreachable", "Could not reach " + url + ": " + clean(why(t), config.apiKey()), null, 0));
  }

  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super("the answer is too large", null, false, false);
    }
  }

  private static boolean tooLarge(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof TooLarge) {
        return true;
      }
    }
    return false;
  }

  /** The longest answer read: a model list is a few kB (Groq's: about 6 kB); a larger one is refused unread. */
  static final int MAX_BODY = 1024 * 1024;

  /** The body in memory, at most {@link #MAX_BODY} bytes: a server that sends more makes the test fail, not the node. */
  private static BodyCodec<Buffer> capped() {
    return () -> new BodyStream<>() {
      private final Buffer body = Buffer.buffer();
      private final Promise<Buffer> result = Promise.promise();

      @Override
      public Future<Buffer> result() {
        return result.future();
      }

      @Override
      public void handle(Throwable failure) {
        result.tryFail(failure);
      }

      @Override
      public Future<Void> write(Buffer data) {
        if (body.length() + data.length() > MAX_BODY) {
          TooLarge tooLarge = new TooLarge();
          result.tryFail(tooLarge);
          return Future.failedFuture(tooLarge);
        }
        body.appendBuffer(data);
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> end() {
        result.tryComplete(body);
        return Future.succeededFuture();
      }

      @Override
      public BodyStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
      }

      @Override
      public BodyStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
      }

      @Override
      public boolean writeQueueFull() {
        return false;
      }

      @Override
      public BodyStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
      }
    };
  }

  private static Result read(String url, LlmConfig config, HttpResponse<Buffer> resp) {
    int status = resp.statusCode();
    JsonObject body = json(resp.body());
    if (status >= 300 && status < 400) {
      String to = resp.getHeader("location");
      return new Result("error", "The server answered HTTP " + status + ", a redirect"
          + (to == null ? "" : " to " + clean(to, config.apiKey())) + ": use the URL it points to as the base URL.",
          status, 0);
    }
    if (status >= 400 || status < 200) {
      String detail = errorMessage(body);
      return new Result("error", "The server answered HTTP " + status
          + (detail == null ? "" : ": " + clean(detail, config.apiKey()))
          + (status == 401 || status == 403 ? " (check the key)" : status == 404 ? " (check the base URL: GET "
          + url + " does not exist)" : ""), status, 0);
    }
    JsonArray data = body == null ? null : body.getValue("data") instanceof JsonArray a ? a : null;
    if (data == null) {
      return new Result("unexpected", "The server answered HTTP " + status + ", but not with an OpenAI-style model list"
          + " ({\"data\":[{\"id\":...}]}): is " + config.baseUrl() + " the base URL of an OpenAI-compatible API?",
          status, 0);
    }
    List<String> ids = new ArrayList<>();
    for (Object o : data) {
      if (o instanceof JsonObject m && m.getValue("id") instanceof String id) {
        ids.add(id);
      }
    }
    String model = config.model();
    if (model == null) {
      return new Result("listed", "Reachable: the server lists " + ids.size() + " models. Choose one of them as the"
          + " model.", status, ids.size());
    }
    if (ids.contains(model)) {
      return new Result("listed", "Reachable, and the model " + model + " is among the " + ids.size()
          + " models it lists.", status, ids.size());
    }
    List<String> some = ids.stream().limit(NAMED).map(id -> clean(id, config.apiKey())).toList();
    return new Result("missing", "Reachable, but the model " + model + " is not among the " + ids.size()
        + " models it lists" + (some.isEmpty() ? "." : " (" + String.join(", ", some)
        + (ids.size() > some.size() ? ", ..." : "") + ")."), status, ids.size());
  }

  /** The {@code error.message} of an OpenAI-style error ({@code error} may also be a plain string), or null. */
  private static String errorMessage(JsonObject body) {
    if (body == null) {
      return null;
    }
    Object error = body.getValue("error");
    if (error instanceof JsonObject e && e.getValue("message") instanceof String m && !m.isBlank()) {
      return m;
    }
    if (error instanceof String s && !s.isBlank()) {
      return s;
    }
    return body.getValue("message") instanceof String m && !m.isBlank() ? m : null;
  }

  private static JsonObject json(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      return body.toJsonValue() instanceof JsonObject o ? o : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String why(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    return t == c || t.getMessage() == null ? m : t.getMessage();
  }

  /**
   * A server's words made safe to show: control characters dropped, at most {@value #MESSAGE_MAX} characters, and any
   * word holding the key, or starting like it (a server that masks it as {@code sk-abc***xyz}), blanked out.
   */
  static String clean(String text, String key) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length() && b.length() < MESSAGE_MAX; i++) {
      char c = text.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    String s = b.length() < text.length() ? b + "..." : b.toString();
    if (key == null || key.length() < 4) {
      return key == null || key.isEmpty() ? s : s.replace(key, "[key]");
    }
    String head = key.substring(0, 4);
    StringBuilder out = new StringBuilder();
    for (String word : s.split(" ", -1)) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(word.contains(key) || word.contains(head) ? "[key]" : word);
    }
    return out.toString();
  }
}
