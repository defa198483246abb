package io.applyflow.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Counts the tokens of a chat request before it is sent, so that a call that would break a budget is refused
 * instead of paid for.
 *
 * <p>Text is counted with {@code cl100k_base} (jtokkit). Llama 3, the reference model family (Groq's
 * {@code llama-3.3-70b-versatile}), tokenises with the same pre-split rule and a 128k vocabulary whose first 100k
 * tokens are cl100k_base's, so its count of a text is at most this one in practice (equal for most English, lower
 * for other scripts, where its extra tokens merge more). GPT-4-class OpenAI models use cl100k_base itself.
 *
 * <p>A chat request adds its template: Llama 3 wraps every message as
 * {@code <|start_header_id|>role<|end_header_id|>\n\n…<|eot_id|>} ({@value #PER_MESSAGE} tokens with the role),
 * after one {@code <|begin_of_text|>}, and the answer starts after an assistant header ({@value #PRIMING} tokens in
 * all). An answer costs its content's tokens plus its end-of-turn token.
 *
 * <p>Thread-safe and stateless; the encoding is loaded once.
 */
public final class TokenCount {
  /** Template tokens around every message. */
  public static final int PER_MESSAGE = 5;
  /** {@code <|begin_of_text|>} plus the assistant header that the answer follows. */
  public static final int PRIMING = 4;

  private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

  private TokenCount() {
  }

  /** The tokens of {@code text} alone (0 for null). */
  public static int text(String text) {
    return text == null || text.isEmpty() ? 0 : CL100K.countTokensOrdinary(text);
  }

  /** The prompt tokens of a chat request's {@code messages} ({@code [{role, content}]}), template included. */
  public static int prompt(JsonArray messages) {
    int total = PRIMING;
    for (Object m : messages) {
      if (m instanceof JsonObject message) {
        total += PER_MESSAGE + text(message.getString("content"));
      }
    }
    return total;
  }

  /** The tokens an answer whose content is {@code content} costs: the content and its end-of-turn token. */
  public static int answer(String content) {
    return text(content) + 1;
  }
}
