package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.FakeLlm;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LLM token budget of a run is one budget for every node and survives a restart: two {@link LlmClient}s, each
 * on its own Vert.x instance with its own pool (two "nodes"), share the real Postgres; the fake OpenAI-compatible
 * server reports 600 tokens per answer.
 *
 * <p>Checked against the old per-node counter with the same scenarios: 19 of the 20 calls reached the server (11,400
 * tokens of a 3,000 budget), and a restarted client counted 0 tokens and called the server again.
 */
class LlmBudgetIT {
  private static final long PER_CALL = 600;
  private static FakeLlm server;

  @BeforeAll
  static void start() {
    server = new FakeLlm();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** One node: its own Vert.x, web client, pool and LlmClient. */
  private record Node(Vertx vertx, LlmClient client) implements AutoCloseable {
    static Node start(long budget) {
      Vertx vertx = Vertx.vertx();
      Pool pool = TestDatabase.shared().pool(vertx, 4);
      return new Node(vertx, new LlmClient(vertx, WebClient.create(vertx), pool,
          new LlmConfig(server.baseUrl(), null, "honest-budget"),
          new RetryPolicy(0, Duration.ofMillis(10), Duration.ofMillis(10)), budget, Duration.ofSeconds(20)));
    }

    Future<JsonObject> ask(String runKey) {
      return client.completeJson("You list interview questions.", "Questions " + UUID.randomUUID(), null, runKey);
    }

    @Override
    public void close() {
      vertx.close().await();
    }
  }

  @Test
  void twoNodesAskingAtOnceDoNotSpendMoreThanTheBudgetTogether() {
    long budget = 3_000;
    String run = "run-shared-" + UUID.randomUUID();
    int before = server.requests.get();
    try (Node a = Node.start(budget); Node b = Node.start(budget)) {
      List<Future<JsonObject>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add((i % 2 == 0 ? a : b).ask(run));
      }
      Future.join(calls).otherwiseEmpty().await();

      long answered = calls.stream().filter(Future::succeeded).count();
      long refused = calls.stream().filter(f -> f.failed() && f.cause() instanceof Failure.Coded c
          && c.failure == Failure.CONFLICT && c.getMessage().startsWith(LlmClient.BUDGET_EXHAUSTED)).count();
      long spent = (server.requests.get() - before) * PER_CALL;
      assertTrue(spent <= budget, "the server was asked " + (server.requests.get() - before) + " times: " + spent
          + " tokens of a " + budget + " budget");
      assertTrue(answered >= 1, "someone got an answer");
      assertEquals(20, answered + refused, "every call is answered or refused for the budget");
      assertEquals(spent, a.client().tokensUsed(run).await(), "the settled count is what the server reported");
      assertEquals(spent, b.client().tokensUsed(run).await(), "both nodes read the same count");
    }
  }

  @Test
  void aRestartedNodeSeesTheTokensAlreadySpent() {
    String run = "run-restart-" + UUID.randomUUID();
    try (Node first = Node.start(PER_CALL)) {
      assertFalse(first.ask(run).await().isEmpty());
      assertEquals(PER_CALL, first.client().tokensUsed(run).await());
    }
    int before = server.requests.get();
    try (Node restarted = Node.start(PER_CALL)) {
      assertEquals(PER_CALL, restarted.client().tokensUsed(run).await());
      Future<JsonObject> call = restarted.ask(run);
      Future.join(List.of(call)).otherwiseEmpty().await();
      assertTrue(call.failed() && call.cause().getMessage().startsWith(LlmClient.BUDGET_EXHAUSTED),
          "the spent budget holds after a restart: " + call.cause());
      assertEquals(before, server.requests.get(), "no request reached the server");
      assertFalse(restarted.ask("run-other-" + UUID.randomUUID()).await().isEmpty(), "budgets are per run");
    }
  }
}
