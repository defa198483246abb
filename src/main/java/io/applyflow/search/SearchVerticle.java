package io.applyflow.search;

import io.applyflow.platform.bus.Failure;
import io.applyflow.run.Jobs;
import io.applyflow.run.Runs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search stage (event loop). Consumes {@code search.run}: lists every board of the configured source through
 * the Greenhouse Job Board API, keeps postings whose title matches the run's position and level, takes them
 * round-robin across boards up to the run's limit, and stores each as a discovered job.
 */
public final class SearchVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SearchVerticle.class);

  /** Where to search: a Job Board API base URL and the board tokens behind it. */
  public record Source(String apiBase, List<String> boards) {
  }

  private final Source source;
  private final Runs runs;
  private final Jobs jobs;
  private final GreenhouseApi api;

  public SearchVerticle(Source source, Runs runs, Jobs jobs, GreenhouseApi api) {
    this.source = source;
    this.runs = runs;
    this.jobs = jobs;
    this.api = api;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<SearchBus.Request>consumer(SearchBus.RUN, this::handle).completion();
  }

  private void handle(Message<SearchBus.Request> msg) {
    SearchBus.Request req = msg.body();
    runs.get(req.runId(), req.userId())
        .compose(run -> find(run).compose(found -> store(req, found.postings)
            .map(ids -> new SearchBus.Found(ids, found.problems))))
        .onSuccess(msg::reply)
        .onFailure(t -> {
          log.warn("search failed for run {}: {}", req.runId(), t.getMessage());
          Failure.reply(msg, t);
        });
  }

  private record Candidates(List<Jobs.Posting> postings, List<String> problems) {
  }

  private Future<Candidates> find(Runs.Run run) {
    Level level = Level.parse(run.level());
    List<Future<List<Jobs.Posting>>> perBoard = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String board : source.boards()) {
      perBoard.add(api.listJobs(source.apiBase(), board)
          .map(body -> matching(board, body, run.position(), level))
          .recover(t -> {
            problems.add("board " + board + ": " + t.getMessage());
            return Future.succeededFuture(List.of());
          }));
    }
    return Future.all(perBoard).compose(all -> {
      if (problems.size() == source.boards().size() && !problems.isEmpty()) {
        return Future.failedFuture(Failure.UPSTREAM.with("no board could be read: " + String.join("; ", problems)));
      }
      List<List<Jobs.Posting>> lists = new ArrayList<>();
      for (int i = 0; i < perBoard.size(); i++) {
        lists.add(all.resultAt(i));
      }
      return Future.succeededFuture(new Candidates(roundRobin(lists, run.limit()), problems));
    });
  }

  private List<Jobs.Posting> matching(String board, JsonObject body, String position, Level level) {
    JsonArray list = body.getJsonArray("jobs", new JsonArray());
    List<Jobs.Posting> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject j = list.getJsonObject(i);
      String title = j.getString("title", "").trim();
      if (title.isEmpty() || !TitleMatch.matches(position, level, title)) {
        continue;
      }
      String id = String.valueOf(j.getValue("id"));
      JsonObject loc = j.getJsonObject("location");
      out.add(new Jobs.Posting("greenhouse", board, id, GreenhouseApi.jobUrl(source.apiBase(), board, id),
          j.getString("absolute_url", ""), title, j.getString("company_name", board),
          loc == null ? null : loc.getString("name")));
    }
    return out;
  }

  /** Takes one posting from each board in turn so a run spreads across companies. */
  static List<Jobs.Posting> roundRobin(List<List<Jobs.Posting>> lists, int limit) {
    List<Iterator<Jobs.Posting>> its = lists.stream().map(List::iterator).toList();
    List<Jobs.Posting> out = new ArrayList<>();
    boolean any = true;
    while (out.size() < limit && any) {
      any = false;
      for (Iterator<Jobs.Posting> it : its) {
        if (it.hasNext() && out.size() < limit) {
          out.add(it.next());
          any = true;
        }
      }
    }
    return out;
  }

  private Future<List<Long>> store(SearchBus.Request req, List<Jobs.Posting> postings) {
    Future<List<Long>> chain = Future.succeededFuture(new ArrayList<>());
    for (Jobs.Posting p : postings) {
      chain = chain.compose(ids -> jobs.insertDiscovered(req.runId(), req.userId(), p).map(id -> {
        if (id != null) {
          ids.add(id);
        }
        return ids;
      }));
    }
    return chain;
  }
}
