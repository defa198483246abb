package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;

class LlmProbeTest {
  @Test
  void aServerThatEchoesTheKeyHasItBlankedOut() {
    String key = "sk-proj-abcdef0123456789";
    assertEquals("Incorrect API key provided: [key] You can find your key at [key]",
        LlmProbe.clean("Incorrect API key provided: " + key + " You can find your key at " + key, key));
    String masked = LlmProbe.clean("Incorrect API key provided: sk-proj-****6789.", key);
    assertFalse(masked.contains("sk-p"), masked);
    assertEquals("Invalid API Key", LlmProbe.clean("Invalid API Key", key));
  }

  @Test
  void controlCharactersAreDroppedAndLongMessagesCut() {
    assertEquals("a b", LlmProbe.clean("a\nb", null));
    String cut = LlmProbe.clean("x".repeat(5000), null);
    assertEquals(303, cut.length());
  }

  /** A local server on 127.0.0.1 that answers /v1/models with 3 MB, a redirect, or HTML. */
  @Test
  void anOversizedARedirectedOrANonJsonAnswerIsAnOutcomeNotAFailure() {
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer server = vertx.createHttpServer().requestHandler(req -> {
        switch (req.path()) {
          case "/big/models" -> req.response().putHeader("content-type", "application/json")
              .end(Buffer.buffer("{\"object\":\"list\",\"data\":[" + "{\"id\":\"m\"},".repeat(300_000) + "{}]}"));
          case "/moved/models" -> req.response().setStatusCode(301).putHeader("location", "https://example.com/v1/models")
              .end();
          default -> req.response().putHeader("content-type", "text/html").end("<html>hello</html>");
        }
      }).listen(0, "127.0.0.1").await();
      String base = "http://127.0.0.1:" + server.actualPort();
      LlmProbe probe = new LlmProbe(WebClient.create(vertx));
      LlmProbe.Result big = probe.test(new LlmConfig(base + "/big", "k", "m")).await();
      assertEquals("unexpected", big.outcome(), big.message());
      assertTrue(big.message().contains("larger than 1024 kB"), big.message());
      LlmProbe.Result moved = probe.test(new LlmConfig(base + "/moved", "k", "m")).await();
      assertEquals("error", moved.outcome(), moved.message());
      assertEquals(301, moved.status());
      assertTrue(moved.message().contains("redirect to https://example.com/v1/models"), moved.message());
      LlmProbe.Result html = probe.test(new LlmConfig(base + "/html", null, "m")).await();
      assertEquals("unexpected", html.outcome(), html.message());
    } finally {
      vertx.close().await();
    }
  }
}
