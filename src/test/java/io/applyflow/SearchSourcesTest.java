package io.applyflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.applyflow.platform.config.Config;
import io.applyflow.sandbox.SandboxBoards;
import io.applyflow.search.AtsSources;
import io.applyflow.search.SearchVerticle;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a node's search lists and where its ATS sources point, from its configuration. */
class SearchSourcesTest {
  private static final String SANDBOX = "http://127.0.0.1:41234";
  private static Vertx vertx;
  private static WebClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static List<String> boards(SearchVerticle.Source source) {
    return source.boards().stream().map(SearchVerticle.Board::toString).toList();
  }

  @Test
  void theSandboxSearchListsItsGreenhouseBoardsItsLeverSiteAndItsAshbyBoard() {
    Config config = Config.fromEnv(Map.of());
    AtsSources sources = Applyflow.atsSources(config, SANDBOX, client);
    assertEquals(SANDBOX + "/sandbox/boards-api/v1", sources.greenhouse().base());
    assertEquals(SANDBOX + "/sandbox/lever-api/v0/postings", sources.lever().base());
    assertEquals(SANDBOX + "/sandbox/ashby-api/posting-api/job-board", sources.ashby().base());
    List<String> greenhouse = SandboxBoards.get().boardTokens().stream().map(t -> "greenhouse:" + t).toList();

    SearchVerticle.Source source = Applyflow.searchSource(config, SANDBOX, client, sources);
    assertNull(source.serper());
    List<String> all = new ArrayList<>(greenhouse);
    all.add("lever:tidewater-energy");
    all.add("ashby:Meridian");
    assertEquals(all, boards(source));
  }

  @Test
  void aWatchListSearchListsEveryEntryOnItsSource() {
    Config config = Config.fromEnv(Map.of("WATCHLIST", "greenhouse:vercel,lever:metabase,lever-eu:spotify,ashby:Nango",
        "LEVER_EU_API_URL", "http://127.0.0.1:9/v0/postings", "SERPER_API_KEY", "k"));
    AtsSources sources = Applyflow.atsSources(config, SANDBOX, client);
    assertEquals(Config.DEFAULT_GREENHOUSE_API, sources.greenhouse().base());
    assertEquals(Config.DEFAULT_LEVER_API, sources.lever().base());
    assertEquals("http://127.0.0.1:9/v0/postings", sources.leverEu().base());
    assertEquals(Config.DEFAULT_ASHBY_API, sources.ashby().base());
    SearchVerticle.Source source = Applyflow.searchSource(config, SANDBOX, client, sources);
    assertEquals(List.of("greenhouse:vercel", "lever:metabase", "lever:spotify", "ashby:Nango"), boards(source));
    assertSame(sources.leverEu(), source.boards().get(2).source());
    assertSame(sources.lever(), source.boards().get(1).source());
    assertFalse(source.serper() == null);
  }
}
