package io.applyflow.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake OpenAI-compatible chat-completions server on 127.0.0.1 for the tailoring tests. It answers the three
 * prompts of {@code io.applyflow.tailor.LlmTailoring} (told apart by the {@code json_schema} name) in the shape Groq
 * answers, and how it answers depends on the model the client asks for:
 * <ul>
 *   <li>{@code invent-*}: adds an invented skill (Kubernetes), metric (increased revenue by 300%) and employer
 *       (Globex Corporation) to every bullet, to the letter and to the questions;</li>
 *   <li>{@code honest-*}: rewords without adding a fact (ends each bullet with "." or drops it), writes a letter
 *       only from the resume it was sent, and asks questions built from the posting's own words;</li>
 *   <li>{@code broken-*}: 500 to every request.</li>
 * </ul>
 */
public final class FakeLlm implements AutoCloseable {
  public static final String INVENTED_SKILL = "Kubernetes";
  public static final String INVENTED_METRIC = "300%";
  public static final String INVENTED_EMPLOYER = "Globex Corporation";
  private static final String INVENTION = ", using " + INVENTED_SKILL + " at " + INVENTED_EMPLOYER
      + ", which increased revenue by " + INVENTED_METRIC;
  private static final Pattern BULLETS = Pattern.compile("Bullets \\(JSON\\):\\n(.*?)\\n\\nAnswer", Pattern.DOTALL);
  private static final Pattern RESUME = Pattern.compile("Candidate resume \\(JSON\\):\\n(.*?)\\n\\nAnswer", Pattern.DOTALL);

  private final Vertx vertx = Vertx.vertx();
  private final String baseUrl;
  public final AtomicInteger requests = new AtomicInteger();
  /** Every request body received, as sent. */
  public final List<String> bodies = new CopyOnWriteArrayList<>();

  public FakeLlm() {
    Router router = Router.router(vertx);
    router.post("/v1/chat/completions").handler(BodyHandler.create()).handler(this::answer);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    baseUrl = "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  /** What to put in {@code LLM_BASE_URL}. */
  public String baseUrl() {
    return baseUrl;
  }

  private void answer(RoutingContext ctx) {
    requests.incrementAndGet();
    bodies.add(ctx.body().asString());
    JsonObject req = ctx.body().asJsonObject();
    String model = req.getString("model", "");
    if (model.startsWith("broken")) {
      ctx.response().setStatusCode(500).putHeader("content-type", "application/json")
          .end(new JsonObject().put("error", new JsonObject().put("message", "Internal Server Error")
              .put("type", "internal_server_error")).encode());
      return;
    }
    boolean invent = model.startsWith("invent");
    String task = req.getJsonObject("response_format", new JsonObject()).getJsonObject("json_schema", new JsonObject())
        .getString("name", "");
    String user = req.getJsonArray("messages").getJsonObject(1).getString("content");
    JsonObject content = switch (task) {
      case "reworded_bullets" -> bullets(user, invent);
      case "cover_letter" -> letter(user, invent);
      default -> questions(invent);
    };
    JsonObject body = new JsonObject()
        .put("id", "chatcmpl-" + UUID.randomUUID()).put("object", "chat.completion").put("created", 1_730_000_000)
        .put("model", model)
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
            .put("message", new JsonObject().put("role", "assistant").put("content", content.encode()))
            .put("finish_reason", "stop")))
        .put("usage", new JsonObject().put("prompt_tokens", 400).put("completion_tokens", 200).put("total_tokens", 600));
    ctx.response().putHeader("content-type", "application/json").end(body.encode());
  }

  private static JsonObject bullets(String user, boolean invent) {
    Matcher m = BULLETS.matcher(user);
    JsonArray out = new JsonArray();
    if (m.find()) {
      for (Object o : new JsonArray(m.group(1))) {
        JsonObject b = (JsonObject) o;
        String text = b.getString("text");
        String reworded = invent ? strip(text) + INVENTION
            : text.endsWith(".") ? text.substring(0, text.length() - 1) : text + ".";
        out.add(new JsonObject().put("id", b.getString("id")).put("text", reworded));
      }
    }
    return new JsonObject().put("bullets", out);
  }

  private static JsonObject letter(String user, boolean invent) {
    Matcher m = RESUME.matcher(user);
    JsonObject resume = m.find() ? new JsonObject(m.group(1)) : new JsonObject();
    String name = resume.getString("name", "the candidate");
    JsonArray paragraphs = new JsonArray().add("Dear hiring team,");
    if (invent) {
      paragraphs.add("At " + INVENTED_EMPLOYER + " I ran " + INVENTED_SKILL + " clusters and increased revenue by "
          + INVENTED_METRIC + ".");
    } else {
      JsonArray work = resume.getJsonArray("work", new JsonArray());
      if (!work.isEmpty()) {
        JsonObject role = work.getJsonObject(0);
        paragraphs.add("I worked as " + role.getString("title") + " at " + role.getString("organisation") + ".");
      }
    }
    paragraphs.add("Kind regards, " + name);
    return new JsonObject().put("paragraphs", paragraphs);
  }

  private static JsonObject questions(boolean invent) {
    JsonArray q = new JsonArray()
        .add("Tell us about a project you are proud of.")
        .add("How do you handle disagreement with a teammate?")
        .add("What does a good first month look like for you?")
        .add("What would you like to learn in this role?");
    if (invent) {
      q.add("How did you increase revenue by " + INVENTED_METRIC + " at " + INVENTED_EMPLOYER + "?");
    }
    return new JsonObject().put("questions", q);
  }

  private static String strip(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
