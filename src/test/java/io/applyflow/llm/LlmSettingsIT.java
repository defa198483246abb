package io.applyflow.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.platform.security.SecretBox;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-user LLM settings against the real Postgres: what is saved, shown and used, the key sealed in the table
 * (no plain text, bound to its user), a blank key field keeping it and "remove" deleting it; and the usage figures
 * of {@code llm_calls}, one user's only.
 */
class LlmSettingsIT {
  private static final String KEY = "gsk_live_" + "Zq9XwV8uT7sR6pO5nM4lK3jI2hG1fE0dC";
  private static final LlmConfig INSTALLATION = new LlmConfig("http://127.0.0.1:9/v1", "installation-key-123",
      "installation-model");

  private static Vertx vertx;
  private static Pool pool;
  private static LlmSettings settings;
  private static LlmSpend usage;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = TestDatabase.shared().pool(vertx, 4);
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    settings = new LlmSettings(pool, new SecretBox(master), INSTALLATION);
    usage = new LlmSpend(pool);
  }

  @AfterAll
  static void stop() {
    pool.close().await();
    vertx.close().await();
  }

  private static long user() {
    return pool.preparedQuery("insert into users (email, name, password_hash) values ($1, 'T', 'x') returning id")
        .execute(Tuple.of(UUID.randomUUID() + "@example.com")).await().iterator().next().getLong("id");
  }

  private static byte[] sealedOf(long userId) {
    Buffer b = pool.preparedQuery("select api_key_sealed from llm_settings where user_id = $1")
        .execute(Tuple.of(userId)).await().iterator().next().getBuffer("api_key_sealed");
    return b == null ? null : b.getBytes();
  }

  @Test
  void withoutOwnSettingsTheInstallationsDefaultIsUsedAndShownWithoutItsKey() {
    long u = user();
    assertEquals(INSTALLATION, settings.effective(u).await());
    LlmSettings.View v = settings.view(u).await();
    assertEquals("installation", v.source());
    assertEquals("http://127.0.0.1:9/v1", v.baseUrl());
    assertTrue(v.keySet());
    assertFalse(v.ownKeySet());
    assertFalse(v.toJson().encode().contains("installation-key"), v.toJson().encode());
  }

  @Test
  void savedSettingsAreUsedTheKeyIsSealedAndNeverShown() {
    long u = user();
    LlmSettings.View v = settings.save(u, " http://127.0.0.1:8000/v1/ ", "llama-3.3-70b-versatile", KEY + "\n", false)
        .await();
    assertEquals(new LlmSettings.View("user", "http://127.0.0.1:8000/v1", "llama-3.3-70b-versatile", true,
        "http://127.0.0.1:8000/v1", "llama-3.3-70b-versatile", true), v);
    assertFalse(v.toJson().encode().contains(KEY.substring(0, 8)), "no part of the key: " + v.toJson().encode());
    assertEquals(new LlmConfig("http://127.0.0.1:8000/v1", KEY, "llama-3.3-70b-versatile"), settings.effective(u).await());

    byte[] sealed = sealedOf(u);
    String raw = new String(sealed, StandardCharsets.ISO_8859_1);
    assertFalse(raw.contains(KEY) || raw.contains(KEY.substring(4, 14)), "the table holds no plain text of the key");
    String dumped = pool.preparedQuery("select encode(api_key_sealed, 'hex') as h, encode(api_key_sealed, 'escape') as e"
        + " from llm_settings where user_id = $1").execute(Tuple.of(u)).await().iterator().next().getString("e");
    assertFalse(dumped.contains(KEY.substring(4, 14)), "nor does a dump's text of the column");
  }

  @Test
  void aSealedKeyMovedToAnotherUsersRowDoesNotOpen() {
    long owner = user();
    long other = user();
    settings.save(owner, "http://127.0.0.1:8000/v1", "m", KEY, false).await();
    settings.save(other, "http://127.0.0.1:8000/v1", "m", "other-users-key", false).await();
    pool.preparedQuery("update llm_settings set api_key_sealed = $1 where user_id = $2")
        .execute(Tuple.of(Buffer.buffer(sealedOf(owner)), other)).await();
    Failure.Coded e = assertThrows(Failure.Coded.class, () -> settings.effective(other).await());
    assertEquals(Failure.CONFLICT, e.failure);
    assertTrue(e.getMessage().contains("enter the key again"), e.getMessage());
    assertFalse(e.getMessage().contains(KEY.substring(0, 8)));
    assertEquals(KEY, settings.effective(owner).await().apiKey(), "the owner's own row still opens");
  }

  @Test
  void aBlankKeyFieldKeepsTheKeyAndRemoveDeletesIt() {
    long u = user();
    settings.save(u, "http://127.0.0.1:8000/v1", "m1", KEY, false).await();
    byte[] first = sealedOf(u);
    LlmSettings.View kept = settings.save(u, "http://127.0.0.1:8001/v1", "m2", "  ", false).await();
    assertTrue(kept.ownKeySet());
    assertEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(sealedOf(u)), "the same sealed bytes");
    assertEquals(new LlmConfig("http://127.0.0.1:8001/v1", KEY, "m2"), settings.effective(u).await());

    settings.save(u, "http://127.0.0.1:8001/v1", "m2", null, true).await();
    assertNull(sealedOf(u));
    assertEquals(new LlmConfig("http://127.0.0.1:8001/v1", null, "m2"), settings.effective(u).await());
    assertFalse(settings.view(u).await().keySet());

    settings.save(u, "", "", "new-key-only", false).await();
    assertEquals(new LlmConfig(LlmConfig.GROQ_BASE_URL, "new-key-only", LlmConfig.GROQ_DEFAULT_MODEL),
        settings.effective(u).await(), "a key alone means Groq and its default model, as LLM_API_KEY alone");
    settings.save(u, "", "", null, true).await();
    assertEquals(INSTALLATION, settings.effective(u).await(), "nothing of their own: the installation's again");
  }

  @Test
  void badValuesAreRefusedNamingTheFieldAndNothingIsSaved() {
    long u = user();
    String[][] cases = {
        {"ftp://example.com/v1", "m", "k", "base_url"},
        {"https://user:pw@example.com/v1", "m", "k", "base_url"},
        {"https://example.com/v1#x", "m", "k", "base_url"},
        {"https://example.com/v1?x=1", "m", "k", "base_url"},
        {"/v1", "m", "k", "base_url"},
        {"http://127.0.0.1:8000/v1", "m".repeat(201), "k", "model"},
        {"http://127.0.0.1:8000/v1", "bad\u0007model", "k", "model"},
        {"http://127.0.0.1:8000/v1", "", "k", "model"},
        {"http://127.0.0.1:8000/v1", "m", "k".repeat(401), "api_key"},
        {"http://127.0.0.1:8000/v1", "m", "two words", "api_key"},
        {"http://127.0.0.1:8000/v1", "m", "tab\there", "api_key"},
        {"http://127.0.0.1:8000/v1", "m", "cl\u00e9-non-ascii", "api_key"},
    };
    for (String[] c : cases) {
      Failure.Coded e = assertThrows(Failure.Coded.class, () -> settings.save(u, c[0], c[1], c[2], false).await(),
          String.join(" | ", c));
      assertEquals(Failure.BAD_INPUT, e.failure);
      assertTrue(e.getMessage().startsWith(c[3] + " "), c[3] + ": " + e.getMessage());
      if (c[3].equals("api_key")) {
        assertFalse(e.getMessage().contains(c[2]), "the key is not repeated: " + e.getMessage());
      }
    }
    assertEquals("installation", settings.view(u).await().source(), "nothing was saved");
  }

  @Test
  void usageCountsTodayAndThisMonthOfThisUserOnly() {
    long u = user();
    long other = user();
    call(u, "answered", 1200, "today");
    call(u, "answered", 800, "today");
    call(u, "cached", 0, "today");
    call(u, "failed", 0, "today");
    call(u, "answered", 5000, "yesterday");
    call(u, "answered", 7000, "last month");
    call(other, "answered", 99_999, "today");
    LlmSpend.Usage today = usage.userToday(u).await();
    assertEquals(new LlmSpend.Usage(2000, 2, 1), today);
    LlmSpend.Usage month = usage.userMonth(u).await();
    boolean firstOfMonth = pool.query("select extract(day from now() at time zone 'utc') = 1 as f").execute().await()
        .iterator().next().getBoolean("f");
    // on the 1st, yesterday was last month
    assertEquals(firstOfMonth ? new LlmSpend.Usage(2000, 2, 1) : new LlmSpend.Usage(7000, 3, 1), month);
    assertEquals(new LlmSpend.Usage(0, 0, 0), usage.userToday(user()).await(), "a user without calls");
  }

  private static void call(long userId, String state, int tokens, String when) {
    String day = switch (when) {
      case "today" -> "(now() at time zone 'utc')::date";
      case "yesterday" -> "(now() at time zone 'utc')::date - 1";
      default -> "(date_trunc('month', now() at time zone 'utc') - interval '1 day')::date";
    };
    pool.preparedQuery("insert into llm_calls (user_id, account, model, purpose, state, counted_tokens, tokens, day)"
        + " values ($1, 'acct', 'm', 'test', $2, $3, $3, " + day + ")")
        .execute(Tuple.of(userId, state, tokens)).await();
  }
}
