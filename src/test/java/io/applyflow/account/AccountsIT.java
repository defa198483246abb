package io.applyflow.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.Applyflow;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.platform.security.Tokens;
import io.applyflow.support.Api;
import io.applyflow.support.TestApp;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accounts as an attacker would try them, over real HTTP against the real application and Postgres: throttled log-ins
 * (per account and per client address: each test speaks from its own loopback address, 127.0.8.x, so their counters
 * do not meet), long and old-format passwords, the CSRF token bound to the session, {@code Secure} cookies behind
 * https, the sign-up limit, and tokens listed, revoked and purged.
 */
class AccountsIT {
  private static final String PASSWORD = "correct horse 1";
  private static Vertx vertx;
  private static Pool pool;
  private static Api api;

  @BeforeAll
  static void start() {
    TestApp.shared();
    api = TestApp.api();
    vertx = Vertx.vertx();
    pool = TestDatabase.shared().pool(vertx, 2);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      pool.close().await();
      vertx.close().await();
    }
  }

  /** A browser-like HTTP client speaking from one loopback address, with a cookie jar; follows no redirects. */
  static final class Client {
    final WebClient http;
    final int port;
    final Map<String, String> cookies = new LinkedHashMap<>();

    Client(String localAddress, int port) {
      this.http = WebClient.create(vertx, new WebClientOptions().setLocalAddress(localAddress)
          .setFollowRedirects(false));
      this.port = port;
    }

    HttpResponse<Buffer> send(HttpMethod method, String path, Map<String, String> headers, Object body) {
      HttpRequest<Buffer> req = http.request(method, port, "127.0.0.1", path);
      headers.forEach(req::putHeader);
      if (!cookies.isEmpty()) {
        List<String> pairs = new ArrayList<>();
        cookies.forEach((k, v) -> pairs.add(k + "=" + v));
        req.putHeader("Cookie", String.join("; ", pairs));
      }
      HttpResponse<Buffer> r = (body instanceof JsonObject json ? req.sendJsonObject(json)
          : body instanceof MultiMap form ? req.sendForm(form) : req.send()).await();
      for (String set : r.cookies()) {
        String pair = set.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        if (value.isEmpty() || set.toLowerCase().contains("max-age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return r;
    }

    HttpResponse<Buffer> json(String path, JsonObject body) {
      return send(HttpMethod.POST, path, Map.of(), body);
    }

    /** Loads a page and returns its CSRF token (the one htmx sends, from {@code <meta name="csrf-token">}). */
    String csrfOf(String path) {
      HttpResponse<Buffer> r = send(HttpMethod.GET, path, Map.of(), null);
      assertEquals(200, r.statusCode(), path + ": " + r.bodyAsString());
      String token = Jsoup.parse(r.bodyAsString()).selectFirst("meta[name=csrf-token]").attr("content");
      assertFalse(token.isBlank(), path + " carries a CSRF token");
      return token;
    }

    HttpResponse<Buffer> form(String path, Map<String, String> headers, String... pairs) {
      MultiMap form = MultiMap.caseInsensitiveMultiMap();
      for (int i = 0; i < pairs.length; i += 2) {
        form.add(pairs[i], pairs[i + 1]);
      }
      return send(HttpMethod.POST, path, headers, form);
    }
  }

  private static Client from(String address) {
    return new Client(address, TestApp.shared().port());
  }

  private static JsonObject credentials(String email, String password) {
    return new JsonObject().put("email", email).put("password", password);
  }

  private static String registered(Client c, String email, String password) {
    HttpResponse<Buffer> r = c.json("/api/register", credentials(email, password).put("name", "Throttled Person"));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("token");
  }

  // --- 4: throttled log-ins ------------------------------------------------------------------------------------

  @Test
  void thirtyWrongPasswordsThenTheRightOneIsRefusedWithRetryAfterUntilTheLockEnds() throws Exception {
    Client c = from("127.0.8.1");
    String email = Api.uniqueEmail("throttled");
    registered(c, email, PASSWORD);
    List<Integer> statuses = new ArrayList<>();
    long refusedNanos = 0;
    long checkedNanos = 0;
    for (int i = 0; i < 30; i++) {
      long t0 = System.nanoTime();
      int status = c.json("/api/login", credentials(email, "wrong password " + i)).statusCode();
      long took = System.nanoTime() - t0;
      if (status == 429) {
        refusedNanos += took;
      } else {
        checkedNanos += took;
      }
      statuses.add(status);
    }
    assertEquals(List.of(401, 401, 401, 401, 401), statuses.subList(0, 5), "five failures are free: " + statuses);
    assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());
    long refused = statuses.stream().filter(s -> s == 429).count();
    assertTrue(refused >= 15, "most of the 30 were refused without a check: " + statuses);
    System.out.printf("30 wrong passwords: %d checked (mean %d ms), %d refused (mean %d ms)%n", 30 - refused,
        checkedNanos / 1_000_000 / (30 - refused), refused, refusedNanos / 1_000_000 / refused);

    HttpResponse<Buffer> right = c.json("/api/login", credentials(email, PASSWORD));
    assertEquals(429, right.statusCode(), "the right password during a lock is refused too: " + right.bodyAsString());
    long retryAfter = Long.parseLong(right.getHeader("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 900, "Retry-After in seconds: " + retryAfter);
    JsonObject body = right.bodyAsJsonObject();
    assertEquals("too_many_requests", body.getString("error"));
    assertTrue(body.getString("detail").contains("Try again in"), body.getString("detail"));
    assertNull(body.getString("token"));

    // waiting as long as Retry-After says lets the right password in; the success resets the account's counter
    HttpResponse<Buffer> after = right;
    for (int i = 0; i < 3 && after.statusCode() == 429; i++) {
      Thread.sleep(Long.parseLong(after.getHeader("Retry-After")) * 1000);
      after = c.json("/api/login", credentials(email, PASSWORD));
    }
    assertEquals(200, after.statusCode(), after.bodyAsString());
    assertEquals(401, c.json("/api/login", credentials(email, "wrong again")).statusCode(),
        "after a success the account starts again from zero");
  }

  @Test
  void failuresFromOneAddressAcrossManyAccountsLockThatAddressOnly() {
    String email = Api.uniqueEmail("victim");
    registered(from("127.0.8.3"), email, PASSWORD);
    Client attacker = from("127.0.8.2");
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 40 && !statuses.contains(429); i++) {
      statuses.add(attacker.json("/api/login", credentials(Api.uniqueEmail("sprayed" + i), "Summer2026!"))
          .statusCode());
    }
    assertEquals(20, statuses.subList(0, 20).stream().filter(s -> s == 401).count(),
        "twenty failures from one address are free, whatever the accounts: " + statuses);
    assertTrue(statuses.contains(429), "then the address is locked: " + statuses);
    HttpResponse<Buffer> real = attacker.json("/api/login", credentials(email, PASSWORD));
    assertEquals(429, real.statusCode(), "a locked address is refused for every account: " + real.bodyAsString());
    assertNotNull(real.getHeader("Retry-After"));
    assertEquals(200, from("127.0.8.4").json("/api/login", credentials(email, PASSWORD)).statusCode(),
        "the account itself is not locked: its owner logs in from elsewhere");
  }

  @Test
  void theLoginPageSaysWhenToTryAgainForAPlainFormAndForHtmx() {
    Client c = from("127.0.8.5");
    String email = Api.uniqueEmail("pageform");
    String csrf = c.csrfOf("/login");
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 30 && !statuses.contains(429); i++) {
      last = c.form("/login", Map.of(), "_csrf", csrf, "email", email, "password", "wrong password");
      statuses.add(last.statusCode());
    }
    assertEquals(List.of(400, 400, 400, 400, 400), statuses.subList(0, 5), statuses.toString());
    assertEquals(429, last.statusCode(), statuses.toString());
    assertNotNull(last.getHeader("Retry-After"));
    Document page = Jsoup.parse(last.bodyAsString());
    assertTrue(page.selectFirst("#login-error").text().contains("Try again in"), page.selectFirst("main").text());
    assertEquals(email, page.selectFirst("#email").attr("value"), "what was typed stays");

    HttpResponse<Buffer> htmx = c.form("/login", Map.of("HX-Request", "true"), "_csrf", csrf, "email", email,
        "password", PASSWORD);
    assertEquals(429, htmx.statusCode());
    assertEquals("#app-error", htmx.getHeader("HX-Retarget"));
    assertNotNull(htmx.getHeader("Retry-After"));
    assertTrue(Jsoup.parse(htmx.bodyAsString()).text().contains("Try again in"), htmx.bodyAsString());
  }

  @Test
  void signUpsFromOneAddressAreLimitedPerHour() {
    try (Applyflow limited = TestApp.start(Map.of("SIGNUPS_PER_HOUR", "3", "ROLES", "web"))) {
      Client c = new Client("127.0.8.6", limited.port());
      for (int i = 0; i < 3; i++) {
        assertEquals(201, c.json("/api/register", credentials(Api.uniqueEmail("burst" + i), PASSWORD)
            .put("name", "Burst")).statusCode());
      }
      HttpResponse<Buffer> fourth = c.json("/api/register", credentials(Api.uniqueEmail("burst4"), PASSWORD)
          .put("name", "Burst"));
      assertEquals(429, fourth.statusCode(), fourth.bodyAsString());
      long retryAfter = Long.parseLong(fourth.getHeader("Retry-After"));
      assertTrue(retryAfter >= 1 && retryAfter <= 3600, String.valueOf(retryAfter));
      assertTrue(fourth.bodyAsJsonObject().getString("detail").contains("at most 3 an hour"), fourth.bodyAsString());
      // the sign-up page says it too
      Client browser = new Client("127.0.8.6", limited.port());
      String csrf = browser.csrfOf("/signup");
      HttpResponse<Buffer> page = browser.form("/signup", Map.of(), "_csrf", csrf, "name", "Burst",
          "email", Api.uniqueEmail("burst5"), "password", PASSWORD);
      assertEquals(429, page.statusCode());
      assertTrue(Jsoup.parse(page.bodyAsString()).selectFirst("#signup-error").text().contains("Try again in"));
      // another address is not affected
      assertEquals(201, new Client("127.0.8.7", limited.port()).json("/api/register",
          credentials(Api.uniqueEmail("elsewhere"), PASSWORD).put("name", "Elsewhere")).statusCode());
    }
  }

  // --- 5: passwords in bytes -----------------------------------------------------------------------------------

  @Test
  void longAndAccentedPasswordsRegisterAndLogInAndTooLongOnesAreA400NamingTheLimit() {
    for (String password : new String[] {"é".repeat(40), "a".repeat(72) + "b", "😀 ".repeat(200)}) {
      String email = Api.uniqueEmail("longpw");
      Api.Response reg = api.post("/api/register", null, credentials(email, password).put("name", "Long"));
      assertEquals(201, reg.status(), reg.text());
      Api.Response login = api.post("/api/login", null, credentials(email, password));
      assertEquals(200, login.status(), login.text());
      assertEquals(401, api.post("/api/login", null, credentials(email, password + "x")).status());
    }
    // the same password typed decomposed (e + combining accent) logs in too
    String email = Api.uniqueEmail("nfc");
    assertEquals(201, api.post("/api/register", null, credentials(email, "é".repeat(40)).put("name", "N")).status());
    assertEquals(200, api.post("/api/login", null, credentials(email, "e\u0301".repeat(40))).status());

    Api.Response tooLong = api.post("/api/register", null, credentials(Api.uniqueEmail("toolong"), "é".repeat(600))
        .put("name", "Long"));
    assertEquals(400, tooLong.status(), tooLong.text());
    assertTrue(tooLong.json().getString("detail").contains("at most 1024 bytes"), tooLong.text());
    Api.Response hugeLogin = api.post("/api/login", null, credentials(email, "x".repeat(100_000)));
    assertEquals(400, hugeLogin.status(), hugeLogin.text());
    assertTrue(hugeLogin.json().getString("detail").contains("1024 bytes"), hugeLogin.text());

    // and through the sign-up page
    Client c = from("127.0.8.8");
    String csrf = c.csrfOf("/signup");
    HttpResponse<Buffer> page = c.form("/signup", Map.of(), "_csrf", csrf, "name", "Élodie",
        "email", Api.uniqueEmail("pagelong"), "password", "é".repeat(40));
    assertEquals(303, page.statusCode(), page.bodyAsString());
    assertEquals("/profile?welcome=1", page.getHeader("Location"));
  }

  @Test
  void aUserWhoseHashPredatesPreHashingStillLogsInAndTheHashIsUpgraded() {
    String email = Api.uniqueEmail("legacy");
    pool.preparedQuery("insert into users (email, name, password_hash) values ($1, 'Old User', $2)")
        .execute(Tuple.of(email, Passwords.legacyHash(PASSWORD))).await();
    Api.Response first = api.post("/api/login", null, credentials(email, PASSWORD));
    assertEquals(200, first.status(), first.text());
    String stored = pool.preparedQuery("select password_hash from users where email = $1").execute(Tuple.of(email))
        .await().iterator().next().getString("password_hash");
    assertTrue(stored.startsWith("af2$"), "upgraded on log-in: " + stored.substring(0, 8));
    assertEquals(200, api.post("/api/login", null, credentials(email, PASSWORD)).status());
    assertEquals(401, api.post("/api/login", null, credentials(email, "correct horse 2")).status());
  }

  // --- 6: next -------------------------------------------------------------------------------------------------

  @Test
  void afterLogInTheBrowserGoesOnlyToOneOfOurPaths() {
    String email = Api.uniqueEmail("next");
    api.register(email, "Next");
    Client c = from("127.0.8.9");
    HttpResponse<Buffer> wall = c.send(HttpMethod.GET, "/runs", Map.of(), null);
    assertEquals("/login?next=%2Fruns", wall.getHeader("Location"));
    Document login = Jsoup.parse(c.send(HttpMethod.GET, "/login?next=%2F%5Cevil.example", Map.of(), null)
        .bodyAsString());
    assertEquals("", login.selectFirst("input[name=next]").attr("value"), "a hostile next is not even echoed");
    for (String next : new String[] {"/\\evil.example", "/\tevil.example", "//evil.example", "https://evil.example",
        "/%2F%2Fevil.example", "javascript:alert(1)"}) {
      Client b = from("127.0.8.9");
      String csrf = b.csrfOf("/login");
      HttpResponse<Buffer> r = b.form("/login", Map.of(), "_csrf", csrf, "email", email, "password", PASSWORD,
          "next", next);
      assertEquals(303, r.statusCode(), r.bodyAsString());
      assertEquals("/", r.getHeader("Location"), next);
    }
    Client b = from("127.0.8.9");
    String csrf = b.csrfOf("/login");
    assertEquals("/runs", b.form("/login", Map.of(), "_csrf", csrf, "email", email, "password", PASSWORD,
        "next", "/runs").getHeader("Location"));
  }

  // --- 12: cookies, CSRF, tokens --------------------------------------------------------------------------------

  @Test
  void aCsrfCookieAndFieldAnAttackerChoseAreRefusedAndTheRealTokenWorks() {
    String email = Api.uniqueEmail("csrf");
    api.register(email, "Csrf");
    String forged = "attacker-chosen-value-0123456789abcdef";

    // anonymous: a planted cookie with the same value in the field
    Client planted = from("127.0.8.10");
    planted.cookies.put("af_csrf", forged);
    HttpResponse<Buffer> anon = planted.form("/login", Map.of(), "_csrf", forged, "email", email,
        "password", PASSWORD);
    assertEquals(403, anon.statusCode(), anon.bodyAsString());
    assertFalse(planted.cookies.containsKey("af_session"));
    // the JSON API with a session cookie checks it too
    // signed in with the real token
    Client c = from("127.0.8.10");
    String csrf = c.csrfOf("/login");
    HttpResponse<Buffer> in = c.form("/login", Map.of(), "_csrf", csrf, "email", email, "password", PASSWORD);
    assertEquals(303, in.statusCode(), in.bodyAsString());
    assertTrue(c.cookies.containsKey("af_session"));
    String anonToken = csrf;
    String sessionToken = c.csrfOf("/settings");
    assertFalse(sessionToken.equals(anonToken), "signed in, the token is the session's own");

    // forged pair next to the real session
    c.cookies.put("af_csrf", forged);
    HttpResponse<Buffer> forgedSave = c.form("/settings", Map.of(), "_csrf", forged, "accept_threshold", "1",
        "clarify_threshold", "0");
    assertEquals(403, forgedSave.statusCode());
    HttpResponse<Buffer> forgedHtmx = c.form("/settings", Map.of("HX-Request", "true", "X-CSRF-Token", forged),
        "accept_threshold", "1", "clarify_threshold", "0");
    assertEquals(403, forgedHtmx.statusCode());
    assertEquals("#app-error", forgedHtmx.getHeader("HX-Retarget"));
    // a valid token of an anonymous browser is not this session's
    assertEquals(403, c.form("/settings", Map.of(), "_csrf", anonToken, "accept_threshold", "1",
        "clarify_threshold", "0").statusCode());
    HttpResponse<Buffer> apiForged = c.send(HttpMethod.PUT, "/api/settings", Map.of("X-CSRF-Token", forged),
        new JsonObject().put("accept_threshold", 1));
    assertEquals(403, apiForged.statusCode());

    // the page's own token: a plain form and htmx both work
    HttpResponse<Buffer> saved = c.form("/settings", Map.of(), "_csrf", sessionToken, "accept_threshold", "61",
        "clarify_threshold", "40");
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    assertNotNull(Jsoup.parse(saved.bodyAsString()).selectFirst("#settings-notice"));
    HttpResponse<Buffer> htmxSaved = c.form("/settings", Map.of("HX-Request", "true", "X-CSRF-Token", sessionToken),
        "accept_threshold", "62", "clarify_threshold", "40");
    assertEquals(200, htmxSaved.statusCode(), htmxSaved.bodyAsString());
    assertEquals(62, api.get("/api/settings", loginToken(email)).json().getInteger("accept_threshold"));
  }

  @Test
  void logInRotatesTheSession() {
    String email = Api.uniqueEmail("rotate");
    api.register(email, "Rotate");
    Client c = from("127.0.8.11");
    c.form("/login", Map.of(), "_csrf", c.csrfOf("/login"), "email", email, "password", PASSWORD);
    String first = c.cookies.get("af_session");
    assertNotNull(first);
    c.form("/login", Map.of(), "_csrf", c.csrfOf("/login"), "email", email, "password", PASSWORD);
    String second = c.cookies.get("af_session");
    assertNotNull(second);
    assertFalse(first.equals(second), "a new session token at every log-in");
    Client old = from("127.0.8.11");
    old.cookies.put("af_session", first);
    assertEquals(303, old.send(HttpMethod.GET, "/settings", Map.of(), null).statusCode(),
        "the session held before logging in again is revoked");
  }

  @Test
  void cookiesAreSecureWhenThePublicUrlIsHttpsAndOnlyThen() {
    String email = Api.uniqueEmail("secure");
    api.register(email, "Secure");
    Client plain = from("127.0.8.12");
    plain.form("/login", Map.of(), "_csrf", plain.csrfOf("/login"), "email", email, "password", PASSWORD);
    try (Applyflow https = TestApp.start(Map.of("PUBLIC_URL", "https://applyflow.example", "ROLES", "web"))) {
      Client c = new Client("127.0.8.12", https.port());
      HttpResponse<Buffer> form = c.send(HttpMethod.GET, "/login", Map.of(), null);
      String csrfCookie = setCookie(form, "af_csrf");
      assertTrue(csrfCookie.contains("; Secure"), csrfCookie);
      assertTrue(csrfCookie.toLowerCase().contains("; httponly") && csrfCookie.contains("SameSite=Strict"), csrfCookie);
      String csrf = Jsoup.parse(form.bodyAsString()).selectFirst("meta[name=csrf-token]").attr("content");
      HttpResponse<Buffer> in = c.form("/login", Map.of(), "_csrf", csrf, "email", email, "password", PASSWORD);
      assertEquals(303, in.statusCode(), in.bodyAsString());
      String session = setCookie(in, "af_session");
      assertTrue(session.contains("; Secure") && session.toLowerCase().contains("; httponly")
          && session.contains("SameSite=Lax"), session);
    }
    // the plain-http test server does not mark them Secure (a browser would then drop them on http)
    Client c = from("127.0.8.12");
    HttpResponse<Buffer> form = c.send(HttpMethod.GET, "/login", Map.of(), null);
    assertFalse(setCookie(form, "af_csrf").contains("Secure"), setCookie(form, "af_csrf"));
  }

  private static String setCookie(HttpResponse<Buffer> r, String name) {
    return r.cookies().stream().filter(s -> s.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + r.cookies()));
  }

  private static String loginToken(String email) {
    Api.Response r = api.post("/api/login", null, credentials(email, PASSWORD));
    assertEquals(200, r.status(), r.text());
    return r.json().getString("token");
  }

  @Test
  void tokensAreListedWithoutTheirSecretsAndRevocableByTheirOwnerOnly() {
    String email = Api.uniqueEmail("tokens");
    String first = api.register(email, "Tokens");
    String second = loginToken(email);
    Api.Response listed = api.get("/api/tokens", second);
    assertEquals(200, listed.status(), listed.text());
    JsonArray tokens = listed.jsonArray();
    assertEquals(2, tokens.size(), listed.text());
    assertFalse(listed.text().contains(first) || listed.text().contains(second), "no token is ever shown again");
    JsonObject current = null;
    JsonObject other = null;
    for (Object o : tokens) {
      JsonObject t = (JsonObject) o;
      assertEquals("api", t.getString("kind"));
      assertNotNull(t.getString("created_at"));
      assertNotNull(t.getString("expires_at"));
      if (t.getBoolean("current")) {
        current = t;
      } else {
        other = t;
      }
    }
    assertNotNull(current, listed.text());
    assertNotNull(other, listed.text());
    assertNotNull(current.getString("last_used_at"), "this call used it");

    String stranger = api.register(Api.uniqueEmail("stranger"), "Stranger");
    Api.Response foreign = api.send("DELETE", "/api/tokens/" + other.getLong("id"), stranger, null);
    assertEquals(404, foreign.status(), "someone else's token is not found: " + foreign.text());
    assertEquals(200, api.get("/api/tokens", first).status(), "and it still works");

    assertEquals(204, api.send("DELETE", "/api/tokens/" + other.getLong("id"), second, null).status());
    Api.Response revoked = api.get("/api/tokens", first);
    assertEquals(401, revoked.status(), revoked.text());
    assertEquals(404, api.send("DELETE", "/api/tokens/" + other.getLong("id"), second, null).status());
    assertEquals(400, api.send("DELETE", "/api/tokens/abc", second, null).status());
    assertEquals(1, api.get("/api/tokens", second).jsonArray().size());
    assertEquals(401, api.get("/api/tokens", null).status());
  }

  @Test
  void anApiTokenExpiresAWeekAfterItsLastUseAndAMonthAfterIssueAtTheLatest() {
    String email = Api.uniqueEmail("ttl");
    String token = api.register(email, "Ttl");
    JsonObject t = api.get("/api/tokens", token).jsonArray().getJsonObject(0);
    java.time.Instant created = java.time.Instant.parse(t.getString("created_at"));
    java.time.Instant expires = java.time.Instant.parse(t.getString("expires_at"));
    assertTrue(java.time.Duration.between(created, expires).compareTo(Tokens.API_IDLE.plusMinutes(1)) <= 0,
        "not 30 days: " + t);
    // a token last used 8 days ago is expired, one issued 31 days ago too, however recently used
    pool.preparedQuery("update auth_tokens set created_at = now() - interval '31 days', last_used_at = null "
        + "where id = $1").execute(Tuple.of(t.getLong("id"))).await();
    Api.Response stillValid = api.get("/api/tokens", token);
    assertEquals(200, stillValid.status(), "its current expiry holds until the next use moves it");
    Api.Response again = api.get("/api/tokens", token);
    assertEquals(401, again.status(), "used again, the expiry is capped at 30 days after issue: " + again.text());
  }

  @Test
  void thePurgeDeletesExpiredTokensAndOldCountersOnly() {
    String email = Api.uniqueEmail("purge");
    String live = api.register(email, "Purge");
    long tokenId = api.get("/api/tokens", live).jsonArray().getJsonObject(0).getLong("id");
    long owner = pool.preparedQuery("select user_id from auth_tokens where id = $1").execute(Tuple.of(tokenId))
        .await().iterator().next().getLong("user_id");
    String expiredHash = "expired-" + java.util.UUID.randomUUID();
    pool.preparedQuery("insert into auth_tokens (token_hash, user_id, kind, expires_at) "
        + "values ($1, $2, 'api', now() - interval '1 minute')").execute(Tuple.of(expiredHash, owner)).await();
    String oldKey = "account:purge-" + java.util.UUID.randomUUID();
    String freshKey = "account:purge-" + java.util.UUID.randomUUID();
    pool.preparedQuery("insert into login_failures (key, failures, last_failure_at) values "
        + "($1, 3, now() - interval '25 hours'), ($2, 3, now())").execute(Tuple.of(oldKey, freshKey)).await();
    String oldAddress = "purge-" + java.util.UUID.randomUUID();
    pool.preparedQuery("insert into signup_counts (address, window_start, count) values "
        + "($1, now() - interval '2 hours', 5)").execute(Tuple.of(oldAddress)).await();

    int purged = new Tokens(pool).purgeExpired().await() + new Throttle(pool, 20).purge().await();
    assertTrue(purged >= 3, "purged " + purged);
    assertEquals(0, count("select count(*) from auth_tokens where token_hash = $1", expiredHash));
    assertEquals(0, count("select count(*) from login_failures where key = $1", oldKey));
    assertEquals(1, count("select count(*) from login_failures where key = $1", freshKey));
    assertEquals(0, count("select count(*) from signup_counts where address = $1", oldAddress));
    assertEquals(200, api.get("/api/tokens", live).status(), "a live token is kept");
  }

  private static long count(String sql, String param) {
    return pool.preparedQuery(sql).execute(Tuple.of(param)).await().iterator().next().getLong(0);
  }
}
