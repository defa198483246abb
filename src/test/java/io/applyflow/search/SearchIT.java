package io.applyflow.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.bus.JsonCodec;
import io.applyflow.platform.db.TestDatabase;
import io.applyflow.run.Job;
import io.applyflow.run.Jobs;
import io.applyflow.run.RunBus;
import io.applyflow.run.Runs;
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
 * The search stage against local fakes speaking the real protocols: a Greenhouse Job Board API serving the real
 * captured board payloads, and a Serper server answering in Serper's response shape. Real Postgres, real bus.
 */
class SearchIT {
  private static final String KEY = "test-serper-key";
  private static Vertx vertx;
  private static Pool pool;
  private static String greenhouseBase;
  private static String serperBase;
  private static final AtomicReference<JsonObject> lastSerperBody = new AtomicReference<>();

  @BeforeAll
  static void start() throws IOException {
    vertx = Vertx.vertx();
    JsonCodec.register(vertx.eventBus(), SearchBus.Request.class, SearchBus.Found.class, RunBus.Progress.class);
    pool = TestDatabase.shared().pool(vertx, 4);
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
      JsonObject response = serperExample.copy();
      response.getJsonObject("searchParameters").put("q", body.getString("q")).put("num", body.getInteger("num"));
      response.put("organic", new JsonArray()
          .add(organic(1, "Account Executive, Majors - Vercel", "https://job-boards.greenhouse.io/vercel/jobs/5999792004"))
          .add(organic(2, "Google", "https://www.google.com/?gws_rd=ssl"))
          .add(organic(3, "Account Manager - Algolia", "https://boards.greenhouse.io/algolia/jobs/6141481004?gh_src=x")));
      ctx.response().putHeader("content-type", "application/json").end(response.encode());
    });
    HttpServer serperServer = vertx.createHttpServer().requestHandler(serper).listen(0, "127.0.0.1").await();
    serperBase = "http://127.0.0.1:" + serperServer.actualPort();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
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
        new Jobs(pool, vertx.eventBus()), new GreenhouseApi(WebClient.create(vertx)))).await();
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
    List<Job> jobs = search(new SearchVerticle.Source(greenhouseBase, List.of("vercel", "algolia"), null),
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
    List<Job> jobs = search(new SearchVerticle.Source(greenhouseBase, List.of(), serper), "Account Manager", "mid");
    assertEquals(1, jobs.size(), jobs.toString());
    assertEquals("Account Manager - Dutch speaking", jobs.get(0).title(), "trailing space trimmed");
    assertEquals("Algolia", jobs.get(0).company());
    assertEquals("6141481004", jobs.get(0).externalId());
    assertTrue(lastSerperBody.get().getString("q").contains("\"Account Manager\""), lastSerperBody.get().encode());
  }

  @Test
  void aPostingFoundOnItsBoardAndBySerperIsTakenOnce() {
    Serper serper = new Serper(WebClient.create(vertx), serperBase, KEY);
    List<Job> jobs = search(new SearchVerticle.Source(greenhouseBase, List.of("vercel"), serper), "Account Executive",
        "mid");
    assertEquals(2, jobs.size(), jobs.toString());
    assertEquals(2, jobs.stream().map(Job::externalId).distinct().count());
  }

  @Test
  void aRefusedSerperKeyFailsTheSearchWithTheReason() {
    Serper serper = new Serper(WebClient.create(vertx), serperBase, "wrong-key");
    Throwable t = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class,
        () -> search(new SearchVerticle.Source(greenhouseBase, List.of(), serper), "Account Manager", "mid"));
    ReplyException reply = (ReplyException) (t instanceof ReplyException ? t : t.getCause());
    assertEquals(Failure.UPSTREAM.code, reply.failureCode());
    assertTrue(reply.getMessage().contains("Serper refused the key (403)"), reply.getMessage());
  }

  @Test
  void unknownBoardsAreReportedAndTheOthersStillSearched() {
    List<Job> jobs = search(new SearchVerticle.Source(greenhouseBase, List.of("no-such-board", "vercel"), null),
        "Account Executive", "mid");
    assertEquals(2, jobs.size());
  }
}
