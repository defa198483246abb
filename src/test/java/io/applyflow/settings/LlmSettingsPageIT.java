package io.applyflow.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.support.Api;
import io.applyflow.support.Browsing;
import io.applyflow.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In real Chromium: the settings page's "Language model" section saves a base URL, a model and a key, never shows the
 * key again (no response body the browser or an API client gets holds it), tests the connection against a local
 * OpenAI-compatible {@code /v1/models} (listed, not listed, 401 with the server's message, unreachable), refuses a bad
 * base URL on the page, removes the key, and shows this user's tokens of today and this month.
 */
class LlmSettingsPageIT {
  private static final String GOOD_KEY = "gsk_goodKey" + "7Hq2Lm9Xv4Rt8Wp3Zs6Yc1";
  private static final String WRONG_KEY = "gsk_wrongKey" + "0Aa9Bb8Cc7Dd6Ee5Ff4";
  private static final List<String> MODELS = List.of("llama-3.3-70b-versatile", "llama-3.1-8b-instant",
      "whisper-large-v3");

  private static Browsing web;
  private static Vertx fakeVertx;
  private static String fakeBase;
  private static final List<String> bearers = new CopyOnWriteArrayList<>();

  /** A tiny OpenAI-compatible server on 127.0.0.1: {@code GET /v1/models} as Groq answers it. */
  @BeforeAll
  static void start() {
    web = Browsing.start();
    fakeVertx = Vertx.vertx();
    HttpServer server = fakeVertx.createHttpServer().requestHandler(req -> {
      String auth = req.getHeader("authorization");
      bearers.add(auth == null ? "" : auth);
      if (!req.path().equals("/v1/models")) {
        req.response().setStatusCode(404).putHeader("content-type", "application/json")
            .end("{\"error\":{\"message\":\"Unknown request URL\",\"type\":\"invalid_request_error\"}}");
      } else if (!("Bearer " + GOOD_KEY).equals(auth)) {
        req.response().setStatusCode(401).putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", new JsonObject().put("message", "Invalid API Key")
                .put("type", "invalid_request_error").put("code", "invalid_api_key")).encode());
      } else {
        JsonArray data = new JsonArray();
        MODELS.forEach(id -> data.add(new JsonObject().put("id", id).put("object", "model").put("created", 1693721698)
            .put("owned_by", "Meta").put("active", true).put("context_window", 131072)));
        req.response().putHeader("content-type", "application/json")
            .end(new JsonObject().put("object", "list").put("data", data).encode());
      }
    }).listen(0, "127.0.0.1").await();
    fakeBase = "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
    fakeVertx.close().await();
  }

  @Test
  void theLanguageModelSectionSavesTestsAndNeverShowsTheKey() {
    List<String> bodies = new CopyOnWriteArrayList<>();
    try (BrowserContext context = web.browser.newContext()) {
      // every answer of the app the browser gets, kept to look for the key in it
      context.route(web.base + "/**", route -> {
        if (!List.of("document", "xhr", "fetch").contains(route.request().resourceType())) {
          route.resume(); // scripts, styles and the live streams (which never end) go straight through
          return;
        }
        APIResponse r = route.fetch(new Route.FetchOptions().setMaxRedirects(0));
        bodies.add(r.text());
        route.fulfill(new Route.FulfillOptions().setResponse(r));
      });
      Page page = context.newPage();
      page.setDefaultTimeout(20_000);
      String email = web.signUp(page, "llm-page");
      page.navigate(web.base + "/settings");
      assertEquals("none", page.getAttribute("#llm-in-use", "data-source"), "the test app has no LLM of its own");
      assertEquals("false", page.getAttribute("#llm-key-state", "data-key-set"));
      assertEquals(0, page.locator("#llm-remove-key").count());
      assertEquals("0 tokens today in 0 requests, 0 answered from the cache · 0 this month",
          page.textContent("#llm-usage").strip());

      // a bad base URL is refused in the form, naming the field
      page.fill("#llm-base-url", "ftp://127.0.0.1/v1");
      page.fill("#llm-model", "llama-3.3-70b-versatile");
      page.fill("#llm-api-key", GOOD_KEY);
      page.click("#llm-save");
      page.waitForSelector("#llm-error");
      assertTrue(page.textContent("#llm-error").contains("base_url must be an absolute http or https URL"),
          page.textContent("#llm-error"));
      assertEquals("true", page.getAttribute("#llm-base-url", "aria-invalid"));
      assertEquals("", page.inputValue("#llm-api-key"), "the key typed is not sent back");

      // saved: the key field stays empty, the page says a key is saved
      page.fill("#llm-base-url", fakeBase);
      page.fill("#llm-model", "llama-3.3-70b-versatile");
      page.fill("#llm-api-key", GOOD_KEY);
      page.click("#llm-save");
      page.waitForSelector("#llm-notice");
      assertEquals("true", page.getAttribute("#llm-key-state", "data-key-set"));
      assertEquals("user", page.getAttribute("#llm-in-use", "data-source"));
      assertEquals("", page.inputValue("#llm-api-key"));
      assertEquals(fakeBase, page.inputValue("#llm-base-url"));

      // reachable and listed (the saved key is opened and sent: the fake saw it)
      test(page, "listed");
      assertTrue(page.textContent("#llm-test-message").contains("llama-3.3-70b-versatile is among the 3 models"),
          page.textContent("#llm-test-message"));
      assertTrue(bearers.contains("Bearer " + GOOD_KEY));

      // reachable, but a model the server does not list: a few of its models are named
      page.fill("#llm-model", "gpt-4o");
      test(page, "missing");
      String missing = page.textContent("#llm-test-message");
      assertTrue(missing.contains("gpt-4o is not among the 3 models") && missing.contains("llama-3.1-8b-instant"),
          missing);

      // the server's error: 401 and its message
      page.fill("#llm-model", "llama-3.3-70b-versatile");
      page.fill("#llm-api-key", WRONG_KEY);
      test(page, "error");
      String refused = page.textContent("#llm-test-message");
      assertTrue(refused.contains("401") && refused.contains("Invalid API Key"), refused);

      // unreachable: nothing listens on port 1
      page.fill("#llm-api-key", "");
      page.fill("#llm-base-url", "http://127.0.0.1:1/v1");
      test(page, "unreachable");
      assertTrue(page.textContent("#llm-test-message").contains("Could not reach http://127.0.0.1:1/v1/models"),
          page.textContent("#llm-test-message"));

      // a bad base URL in a test is refused where the answer goes, not with a 500
      page.fill("#llm-base-url", "javascript:alert(1)");
      test(page, "refused");
      assertTrue(page.textContent("#llm-test-message").contains("base_url"), page.textContent("#llm-test-message"));

      // a reload: the key is still saved and never shown; the tests changed nothing
      page.navigate(web.base + "/settings");
      assertEquals("", page.inputValue("#llm-api-key"));
      assertEquals("true", page.getAttribute("#llm-key-state", "data-key-set"));
      assertEquals(fakeBase, page.inputValue("#llm-base-url"));

      // the API shows the same, without the key
      String token = TestApp.api().post("/api/login", null, new JsonObject().put("email", email)
          .put("password", "correct horse 1")).json().getString("token");
      Api.Response got = TestApp.api().get("/api/settings/llm", token);
      bodies.add(got.text());
      assertEquals(200, got.status(), got.text());
      assertEquals(fakeBase, got.json().getString("base_url"));
      assertTrue(got.json().getBoolean("key_set"));
      Api.Response tested = TestApp.api().post("/api/settings/llm/test", token, null);
      bodies.add(tested.text());
      assertEquals("listed", tested.json().getString("outcome"), tested.text());

      // this user's tokens, not another user's, nor last month's
      long me = userId(email);
      long other = userId(Api.uniqueEmail("llm-other"), true);
      calls(me, other);
      page.navigate(web.base + "/settings");
      assertEquals("12,345 tokens today in 2 requests, 1 answered from the cache · 12,345 this month",
          page.textContent("#llm-usage").strip());

      // remove the key
      page.check("#llm-remove-key");
      page.click("#llm-save");
      page.waitForSelector("#llm-notice");
      assertEquals("false", page.getAttribute("#llm-key-state", "data-key-set"));
      JsonObject after = TestApp.api().get("/api/settings/llm", token).json();
      assertFalse(after.getJsonObject("own").getBoolean("key_set"), after.encode());
      assertEquals(12_345, after.getJsonObject("usage").getJsonObject("today").getLong("tokens"));
    }
    assertTrue(bodies.size() > 10, "the answers were seen: " + bodies.size());
    for (String body : bodies) {
      for (String secret : List.of(GOOD_KEY, WRONG_KEY, GOOD_KEY.substring(4, 16), WRONG_KEY.substring(4, 16))) {
        assertFalse(body.contains(secret), "an answer holds (part of) a key: "
            + body.substring(Math.max(0, body.indexOf(secret) - 200), Math.min(body.length(), body.indexOf(secret) + 50)));
      }
    }
  }

  @Test
  void theApiSavesWithTheSameRulesAndNeverReturnsTheKey() {
    Api api = TestApp.api();
    String token = api.register(Api.uniqueEmail("llm-api"), "Api User");
    Api.Response bad = api.put("/api/settings/llm", token, new JsonObject().put("base_url", "https://u:p@example.com/v1")
        .put("model", "m"));
    assertEquals(400, bad.status(), bad.text());
    assertTrue(bad.json().getString("detail").startsWith("base_url "), bad.text());
    Api.Response badKey = api.put("/api/settings/llm", token, new JsonObject().put("base_url", fakeBase)
        .put("model", "m").put("api_key", "has space " + GOOD_KEY));
    assertEquals(400, badKey.status(), badKey.text());
    assertFalse(badKey.text().contains(GOOD_KEY), badKey.text());

    Api.Response saved = api.put("/api/settings/llm", token, new JsonObject().put("base_url", fakeBase)
        .put("model", "llama-3.3-70b-versatile").put("api_key", GOOD_KEY));
    assertEquals(200, saved.status(), saved.text());
    assertFalse(saved.text().contains(GOOD_KEY.substring(4, 16)), saved.text());
    assertEquals("user", saved.json().getString("source"));
    // a PUT without the key keeps it; without the model keeps that too
    Api.Response kept = api.put("/api/settings/llm", token, new JsonObject().put("base_url", fakeBase + "/"));
    assertEquals(200, kept.status(), kept.text());
    assertTrue(kept.json().getJsonObject("own").getBoolean("key_set"));
    assertEquals("llama-3.3-70b-versatile", kept.json().getString("model"));
    Api.Response test = api.post("/api/settings/llm/test", token, null);
    assertEquals("listed", test.json().getString("outcome"), test.text());
    Api.Response wrong = api.post("/api/settings/llm/test", token, new JsonObject().put("api_key", WRONG_KEY));
    assertEquals("error", wrong.json().getString("outcome"), wrong.text());
    assertEquals(401, wrong.json().getInteger("status"));
    assertFalse(wrong.text().contains(WRONG_KEY.substring(4, 16)), wrong.text());
  }

  private static void test(Page page, String outcome) {
    page.click("#llm-test-button");
    page.waitForSelector("#llm-test[data-outcome=" + outcome + "]");
  }

  private static Pool pool() {
    return TestDatabase.shared().pool(TestApp.shared().vertx(), 1);
  }

  private static long userId(String email) {
    return userId(email, false);
  }

  private static long userId(String email, boolean create) {
    Pool pool = pool();
    try {
      String sql = create ? "insert into users (email, name, password_hash) values ($1, 'O', 'x') returning id"
          : "select id from users where email = $1";
      return pool.preparedQuery(sql).execute(Tuple.of(email)).await().iterator().next().getLong("id");
    } finally {
      pool.close().await();
    }
  }

  /** Today: 12,000 + 345 answered, one cache hit, one failure; last month 50,000; the other user 99,999 today. */
  private static void calls(long me, long other) {
    Pool pool = pool();
    try {
      String insert = "insert into llm_calls (user_id, account, model, purpose, state, counted_tokens, tokens, day)"
          + " values ($1, 'acct', 'm', 'test', $2, $3, $3, %s)";
      String today = "(now() at time zone 'utc')::date";
      String lastMonth = "(date_trunc('month', now() at time zone 'utc') - interval '1 day')::date";
      pool.preparedQuery(insert.formatted(today)).executeBatch(List.of(Tuple.of(me, "answered", 12_000),
          Tuple.of(me, "answered", 345), Tuple.of(me, "cached", 0), Tuple.of(me, "failed", 0),
          Tuple.of(other, "answered", 99_999))).await();
      pool.preparedQuery(insert.formatted(lastMonth)).execute(Tuple.of(me, "answered", 50_000)).await();
    } finally {
      pool.close().await();
    }
  }
}
