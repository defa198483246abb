package io.applyflow.search;

import io.applyflow.job.JobBus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.bus.JsonCodec;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.job.Job;
import io.applyflow.job.Jobs;
import io.applyflow.job.Runs;
import io.applyflow.support.FakeAshby;
import io.applyflow.support.FakeLever;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search stage against local fakes speaking the real protocols: a Greenhouse Job Board API, a Lever postings API
 * and an Ashby job-board API serving the real captured payloads, and a Serper server answering in Serper's response
 * shape. Real Postgres, real bus.
 */
class SearchIT {
  private static final String KEY = "test-serper-key";
  private static Vertx vertx;
  private static Pool pool;
  private static String greenhouseBase;
  private static String serperBase;
  private static final AtomicReference<JsonObject> lastSerperBody = new AtomicReference<>();
  private static final List<String> serperQueries = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static FakeLever lever;
  private static FakeAshby ashby;
  private static AtsSources sources;

  @BeforeAll
  static void start() throws IOException {
    vertx = Vertx.vertx();
    lever = new FakeLever(false);
    ashby = new FakeAshby(false);
    JsonCodec.register(vertx.eventBus(), SearchBus.Request.class, SearchBus.Found.class, JobBus.Progress.class);
    // a database of its own: the runs written here are searched by this test's search stage only (on the shared
    // database, the shared app's conductor would take them and search its own boards)
    pool = TestDatabase.fresh("search").pool(vertx, 4);
    JsonObject vercel = resource("/greenhouse/hunt_boards-api_jobs_vercel_trimmed.json");
    JsonObject algolia = resource("/greenhouse/apply-engine_boards-api_jobs_algolia_trimmed.json");
    JsonObject serperExample = resource("/serper/api-evangelist_serper-web-search-example.json")
        .getJsonObject("response").getJsonObject("body");

    Router gh = Router.router(vertx);
    gh.get("/v1/boards/:board/jobs").handler(ctx -> {
      JsonObject board = switch (ctx.pathParam("board")) {
        case "vercel" -> vercel;
        case "algolia" -> algolia;
        default -> null;
      };
      if (board == null) {
        ctx.response().setStatusCode(404).end(new JsonObject().put("error", "Could not find a job board with token '"
            + ctx.pathParam("board") + "'").encode());
      } else {
        ctx.response().putHeader("content-type", "application/json").end(board.encode());
      }
    });
    gh.get("/v1/boards/:board/jobs/:id").handler(ctx -> {
      for (JsonObject board : List.of(vercel, algolia)) {
        for (Object o : board.getJsonArray("jobs")) {
          JsonObject job = (JsonObject) o;
          if (String.valueOf(job.getValue("id")).equals(ctx.pathParam("id"))) {
            ctx.response().putHeader("content-type", "application/json").end(job.encode());
            return;
          }
        }
      }
      ctx.response().setStatusCode(404).end("{\"error\":\"Could not find a job\"}");
    });
    HttpServer ghServer = vertx.createHttpServer().requestHandler(gh).listen(0, "127.0.0.1").await();
    greenhouseBase = "http://127.0.0.1:" + ghServer.actualPort() + "/v1";

    Router serper = Router.router(vertx);
    serper.post("/search").handler(io.vertx.ext.web.handler.BodyHandler.create()).handler(ctx -> {
      if (!KEY.equals(ctx.request().getHeader("X-API-KEY"))) {
        ctx.response().setStatusCode(403).putHeader("content-type", "application/json")
            .end("{\"message\":\"Unauthorized.\"}");
        return;
      }
      JsonObject body = ctx.body().asJsonObject();
      lastSerperBody.set(body);
      serperQueries.add(body.getString("q"));
      JsonObject response = serperExample.copy();
      response.getJsonObject("searchParameters").put("q", body.getString("q")).put("num", body.getInteger("num"));
      response.put("organic", new JsonArray()
          .add(organic(1, "Account Executive, Majors - Vercel", "https://job-boards.greenhouse.io/vercel/jobs/5999792004"))
          .add(organic(2, "Google", "https://www.google.com/?gws_rd=ssl"))
          .add(organic(3, "Account Manager - Algolia", "https://boards.greenhouse.io/algolia/jobs/6141481004?gh_src=x"))
          .add(organic(4, "Metabase - CI Engineer",
              "https://jobs.lever.co/metabase/ee8203b5-2cf7-4eae-afd6-3f9724761ad9/apply?lever-source=google"))
          .add(organic(5, "Evil", "https://jobs.lever.co@127.0.0.1/metabase/5eca795c-48dd-496a-be23-2181068a5450"))
          .add(organic(6, "Nango - Staff Backend Engineer (Remote, UK)",
              "https://jobs.ashbyhq.com/Nango/4f0ab5c4-4bfe-4f3c-aa58-bca8fdd8c3ca?utm_source=x"))
          .add(organic(7, "Nango - Senior Backend Engineer (Remote, UK)",
              "https://jobs.ashbyhq.com/Nango/93bf67d4-be66-4307-801f-79b905130f70/application")));
      ctx.response().putHeader("content-type", "application/json").end(response.encode());
    });
    HttpServer serperServer = vertx.createHttpServer().requestHandler(serper).listen(0, "127.0.0.1").await();
    serperBase = "http://127.0.0.1:" + serperServer.actualPort();
    WebClient client = WebClient.create(vertx);
    sources = new AtsSources(new GreenhouseSource(new GreenhouseApi(client), greenhouseBase),
        new LeverSource(client, lever.apiBase()), new LeverSource(client, lever.apiBase()),
        new AshbySource(client, ashby.apiBase()));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    lever.close();
    ashby.close();
  }

  /** The Greenhouse boards {@code tokens} of the fake Job Board API. */
  private static List<SearchVerticle.Board> greenhouse(String... tokens) {
    return java.util.Arrays.stream(tokens).map(t -> new SearchVerticle.Board(sources.greenhouse(), t)).toList();
  }

  private static SearchVerticle.Source source(List<SearchVerticle.Board> boards, Serper serper) {
    return new SearchVerticle.Source(boards, serper, sources);
  }

  private static JsonObject organic(int position, String title, String link) {
    return new JsonObject().put("title", title).put("link", link).put("snippet", "…").put("position", position);
  }

  private static JsonObject resource(String path) throws IOException {
    try (InputStream in = SearchIT.class.getResourceAsStream(path)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Deploys a search stage with {@code source}, creates a run, and searches. */
  private static List<Job> search(SearchVerticle.Source source, String position, String level) {
    String id = vertx.deployVerticle(new SearchVerticle(source, new Runs(pool, vertx.eventBus()),
        new Jobs(pool, vertx.eventBus()), new io.applyflow.job.RunEvents(pool, vertx.eventBus()))).await();
    try {
      long userId = pool.preparedQuery("insert into users (email, name, password_hash) values ($1, 'S', 'x') returning id")
          .execute(Tuple.of(UUID.randomUUID() + "@example.com")).await().iterator().next().getLong("id");
      Runs runs = new Runs(pool, vertx.eventBus());
      long runId = runs.create(userId, position, level, null, 5, "review", 1).await();
      try {
        SearchBus.search(vertx.eventBus(), new SearchBus.Request(runId, userId)).await();
        return new Jobs(pool, vertx.eventBus()).ofRun(runId, userId).await();
      } finally {
        // no conductor drives these runs: finish them so no later start-up tries to resume them
        runs.finish(runId, userId, "done", null).await();
      }
    } finally {
      vertx.undeploy(id).await();
    }
  }

  @Test
  void watchlistBoardsAreListedAndFilteredByTitleAndLevel() {
    List<Job> jobs = search(source(greenhouse("vercel", "algolia"), null),
        "Account Executive", "mid");
    assertEquals(List.of("Account Executive, Commercial", "Account Executive, Majors"),
        jobs.stream().map(Job::title).toList());
    Job first = jobs.get(0);
    assertEquals("Vercel", first.company());
    assertEquals("vercel", first.board());
    assertEquals("6136160004", first.externalId());
    assertEquals("https://job-boards.greenhouse.io/vercel/jobs/6136160004", first.url());
    assertEquals(greenhouseBase + "/boards/vercel/jobs/6136160004", first.apiUrl());
    assertEquals("Hybrid - London", first.location());
  }

  @Test
  void serperResultsOnBothGreenhouseHostsBecomePostingsReadThroughTheBoardApi() {
    Serper serper = new Serper(WebClient.create(vertx), serperBase, KEY);
    List<Job> jobs = search(source(List.of(), serper), "Account Manager", "mid");
    assertEquals(1, jobs.size(), jobs.toString());
    assertEquals("Account Manager - Dutch speaking", jobs.get(0).title(), "trailing space trimmed");
    assertEquals("Algolia", jobs.get(0).company());
    assertEquals("6141481004", jobs.get(0).externalId());
    assertTrue(lastSerperBody.get().getString("q").contains("\"Account Manager\""), lastSerperBody.get().encode());
  }

  @Test
  void aPostingFoundOnItsBoardAndBySerperIsTakenOnce() {
    Serper serper = new Serper(WebClient.create(vertx), serperBase, KEY);
    List<Job> jobs = search(source(greenhouse("vercel"), serper), "Account Executive",
        "mid");
    assertEquals(2, jobs.size(), jobs.toString());
    assertEquals(2, jobs.stream().map(Job::externalId).distinct().count());
  }

  @Test
  void aRefusedSerperKeyFailsTheSearchWithTheReason() {
    Serper serper = new Serper(WebClient.create(vertx), serperBase, "wrong-key");
    Throwable t = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class,
        () -> search(source(List.of(), serper), "Account Manager", "mid"));
    ReplyException reply = (ReplyException) (t instanceof ReplyException ? t : t.getCause());
    assertEquals(Failure.UPSTREAM.code, reply.failureCode());
    assertTrue(reply.getMessage().contains("Serper refused the key (403)"), reply.getMessage());
  }

  @Test
  void unknownBoardsAreReportedAndTheOthersStillSearched() {
    List<Job> jobs = search(source(greenhouse("no-such-board", "vercel"), null),
        "Account Executive", "mid");
    assertEquals(2, jobs.size());
  }

  @Test
  void serperQueriesEveryAtsHostAndItsLeverAndAshbyLinksAreReadThroughTheirApis() {
    Serper serper = new Serper(WebClient.create(vertx), serperBase, KEY);
    serperQueries.clear();
    List<Job> ci = search(source(List.of(), serper), "CI Engineer", "mid");
    assertEquals(List.of("site:job-boards.greenhouse.io", "site:boards.greenhouse.io", "site:jobs.lever.co",
            "site:jobs.ashbyhq.com"),
        serperQueries.stream().map(q -> q.substring(0, q.indexOf(' '))).sorted(java.util.Comparator.comparing(
            q -> Serper.SITES.indexOf(q.substring("site:".length())))).toList());
    assertEquals(1, ci.size(), ci.toString());
    Job job = ci.get(0);
    assertEquals("lever", job.source());
    assertEquals("metabase", job.board());
    assertEquals("ee8203b5-2cf7-4eae-afd6-3f9724761ad9", job.externalId());
    assertEquals("https://jobs.lever.co/metabase/ee8203b5-2cf7-4eae-afd6-3f9724761ad9", job.url());
    assertEquals(lever.apiBase() + "/metabase/ee8203b5-2cf7-4eae-afd6-3f9724761ad9", job.apiUrl());
    assertTrue(lever.requests().contains("GET /v0/postings/metabase/ee8203b5-2cf7-4eae-afd6-3f9724761ad9"),
        lever.requests().toString());
    assertTrue(lever.requests().stream().noneMatch(r -> r.contains("5eca795c")),
        "the userinfo link is not read: " + lever.requests());

    List<Job> backend = search(source(List.of(), serper), "Backend Engineer", "senior");
    assertEquals(List.of("Staff Backend Engineer (Remote, UK)", "Senior Backend Engineer (Remote, UK)"),
        backend.stream().map(Job::title).toList());
    assertTrue(backend.stream().allMatch(j -> j.source().equals("ashby") && j.board().equals("Nango")
        && j.apiUrl().equals(ashby.apiBase() + "/Nango?includeCompensation=true")));
    assertEquals("https://jobs.ashbyhq.com/Nango/4f0ab5c4-4bfe-4f3c-aa58-bca8fdd8c3ca", backend.get(0).url());
  }

  @Test
  void watchListBoardsOfEveryAtsAreTakenRoundRobin() {
    List<Job> jobs = search(source(List.of(new SearchVerticle.Board(sources.lever(), "metabase"),
        new SearchVerticle.Board(sources.ashby(), "Nango"), new SearchVerticle.Board(sources.ashby(), "Xlabs")),
        null), "Engineer", "senior");
    assertEquals(List.of("ashby/Nango/Staff Backend Engineer (Remote, UK)",
            "ashby/Xlabs/Senior / Staff Site Reliability Engineer (Infra)",
            "ashby/Nango/Staff Backend Engineer (Remote, Brazil)"),
        jobs.stream().limit(3).map(j -> j.source() + "/" + j.board() + "/" + j.title()).toList());
    assertEquals(5, jobs.size(), "the run's limit");
  }
}
