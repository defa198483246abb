package io.applyflow.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void defaultsNeedNoVariables() {
    Config c = Config.fromEnv(Map.of());
    assertEquals(8080, c.port());
    assertEquals("127.0.0.1", c.host());
    assertTrue(c.dataDir().endsWith("data"));
    assertNull(c.databaseUrl());
    assertEquals(Config.DEFAULT_GREENHOUSE_API, c.greenhouseApiUrl());
    assertTrue(c.sandbox());
    assertTrue(c.searchUsesSandbox());
    assertEquals(1, c.applyInstances());
    assertEquals(Config.ALL_ROLES, c.roles());
  }

  @Test
  void watchlistTurnsOffTheSandboxAsSearchSource() {
    Config c = Config.fromEnv(Map.of("WATCHLIST", "greenhouse:vercel, greenhouse:algolia",
        "GREENHOUSE_API_URL", "http://127.0.0.1:9999/v1/"));
    assertEquals(List.of("vercel", "algolia"), c.greenhouseBoards());
    assertEquals("http://127.0.0.1:9999/v1", c.greenhouseApiUrl());
    assertFalse(c.searchUsesSandbox());
  }

  @Test
  void theWatchListTakesGreenhouseLeverLeverEuAndAshbyEntries() {
    Config c = Config.fromEnv(Map.of("WATCHLIST", "greenhouse:vercel, lever:metabase,lever-eu:spotify, ashby:Nango"));
    assertEquals(List.of(new Config.WatchEntry("greenhouse", "vercel"), new Config.WatchEntry("lever", "metabase"),
        new Config.WatchEntry("lever-eu", "spotify"), new Config.WatchEntry("ashby", "Nango")), c.watchEntries());
    assertEquals(List.of("vercel"), c.greenhouseBoards());
    assertFalse(c.searchUsesSandbox());
    for (String bad : List.of("lever", "lever:", "ashby:Some Board", "Lever:metabase", "lever-us:x", "greenhouse:a/b",
        "ashby:../x", "https://jobs.lever.co/metabase")) {
      var e = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("WATCHLIST", bad)), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
      assertTrue(e.getMessage().contains("lever:<site>, lever-eu:<site>"), e.getMessage());
      assertTrue(e.getMessage().contains("ashby:<job board name>"), e.getMessage());
    }
  }

  @Test
  void leverAndAshbyApiUrlsDefaultToTheRealHostsAndAreValidated() {
    Config d = Config.fromEnv(Map.of());
    assertEquals("https://api.lever.co/v0/postings", d.leverApiUrl());
    assertEquals("https://api.eu.lever.co/v0/postings", d.leverEuApiUrl());
    assertEquals("https://api.ashbyhq.com/posting-api/job-board", d.ashbyApiUrl());
    Config c = Config.fromEnv(Map.of("LEVER_API_URL", "http://127.0.0.1:9999/v0/postings/",
        "LEVER_EU_API_URL", "http://127.0.0.1:9998/v0/postings", "ASHBY_API_URL", "http://127.0.0.1:9997/posting-api/job-board"));
    assertEquals("http://127.0.0.1:9999/v0/postings", c.leverApiUrl());
    assertEquals("http://127.0.0.1:9998/v0/postings", c.leverEuApiUrl());
    assertEquals("http://127.0.0.1:9997/posting-api/job-board", c.ashbyApiUrl());
    for (String name : List.of("LEVER_API_URL", "LEVER_EU_API_URL", "ASHBY_API_URL")) {
      for (String bad : List.of("api.lever.co/v0/postings", "ftp://api.lever.co/v0", "https://u:p@api.lever.co/v0",
          "https://api.lever.co/v0?x=1")) {
        var e = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of(name, bad)), name + "=" + bad);
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
      }
    }
  }

  @Test
  void badValuesNameTheVariable() {
    var port = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("PORT", "eighty")));
    assertTrue(port.getMessage().contains("PORT"), port.getMessage());
    var sandbox = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("SANDBOX", "maybe")));
    assertTrue(sandbox.getMessage().contains("SANDBOX"), sandbox.getMessage());
    var watch = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("WATCHLIST", "workday:x")));
    assertTrue(watch.getMessage().contains("workday:x"), watch.getMessage());
    var roles = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("ROLES", "web,cook")));
    assertTrue(roles.getMessage().contains("cook"), roles.getMessage());
  }

  @Test
  void theSandboxHasItsOwnPortAndOptionalPublicOrigin() {
    Config d = Config.fromEnv(Map.of());
    assertEquals(8081, d.sandboxPort(), "the port after the app's by default, stable across restarts");
    assertEquals(0, Config.fromEnv(Map.of("PORT", "0")).sandboxPort(), "a free port when the app takes a free one");
    assertEquals(9001, Config.fromEnv(Map.of("PORT", "9000")).sandboxPort());
    assertEquals(30, d.sandboxPostsPerMinute());
    assertNull(d.sandboxPublicUrl());
    Config c = Config.fromEnv(Map.of("SANDBOX_PORT", "8082", "SANDBOX_PUBLIC_URL", "https://sandbox.example.com/"));
    assertEquals(8082, c.sandboxPort());
    assertEquals("https://sandbox.example.com", c.sandboxPublicUrl());
    var same = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("PORT", "8080", "SANDBOX_PORT", "8080")));
    assertTrue(same.getMessage().contains("SANDBOX_PORT"), same.getMessage());
    var path = assertThrows(IllegalArgumentException.class,
        () -> Config.fromEnv(Map.of("SANDBOX_PUBLIC_URL", "https://sandbox.example.com/boards")));
    assertTrue(path.getMessage().contains("SANDBOX_PUBLIC_URL"), path.getMessage());
    var scheme = assertThrows(IllegalArgumentException.class,
        () -> Config.fromEnv(Map.of("SANDBOX_PUBLIC_URL", "javascript:alert(1)")));
    assertTrue(scheme.getMessage().contains("SANDBOX_PUBLIC_URL"), scheme.getMessage());
  }

  @Test
  void fairShareCapsHaveDefaultsAndBounds() {
    Config c = Config.fromEnv(Map.of());
    assertEquals(3, c.runsPerUser());
    assertEquals(12, c.ssePerUser());
    Config set = Config.fromEnv(Map.of("RUNS_PER_USER", "5", "SSE_PER_USER", "2"));
    assertEquals(5, set.runsPerUser());
    assertEquals(2, set.ssePerUser());
    var runs = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("RUNS_PER_USER", "0")));
    assertTrue(runs.getMessage().contains("RUNS_PER_USER"), runs.getMessage());
    var sse = assertThrows(IllegalArgumentException.class, () -> Config.fromEnv(Map.of("SSE_PER_USER", "many")));
    assertTrue(sse.getMessage().contains("SSE_PER_USER"), sse.getMessage());
  }
}
