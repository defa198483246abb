package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** {@link TokenCount} against cl100k_base counts published with tiktoken, and the chat template around them. */
class TokenCountTest {
  @Test
  void countsTextAsCl100kBaseDoes() {
    assertEquals(0, TokenCount.text(""));
    assertEquals(0, TokenCount.text(null));
    assertEquals(2, TokenCount.text("hello world"));            // "hello", " world"
    // OpenAI cookbook, "How to count tokens with tiktoken": t|ik|token| is| great|! in cl100k_base
    assertEquals(6, TokenCount.text("tiktoken is great!"));
  }

  @Test
  void aPromptIsItsMessagesPlusTheTemplate() {
    JsonArray messages = new JsonArray()
        .add(new JsonObject().put("role", "system").put("content", "hello world"))
        .add(new JsonObject().put("role", "user").put("content", "hello world"));
    assertEquals(TokenCount.PRIMING + 2 * (TokenCount.PER_MESSAGE + 2), TokenCount.prompt(messages));
    assertEquals(3, TokenCount.answer("hello world"), "the answer's end-of-turn token counts");
  }

  @Test
  void specialTokenTextInAPromptIsCountedAsTextNotRefused() {
    assertTrue(TokenCount.text("<|endoftext|>") > 1, "a user's text is never read as a special token");
  }

  @Test
  void otherScriptsCostMoreTokensPerCharacterThanEnglish() {
    String english = "Led the migration of the billing system to a new database";
    String japanese = "請求システムの新しいデータベースへの移行を主導した";
    assertTrue((double) TokenCount.text(japanese) / japanese.length()
        > (double) TokenCount.text(english) / english.length(), "counted, not estimated from the length");
  }
}
