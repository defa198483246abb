package io.applyflow.search;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.web.SafeUrls;
import io.applyflow.job.Jobs;
import io.applyflow.job.RunEvents;
import io.applyflow.job.Runs;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search stage (event loop). Consumes {@code search.run}: lists every board of the watch-list (or the sandbox) through
 * its ATS's public API ({@link AtsSource}: Greenhouse, Lever, Ashby) and, with a Serper key, reads the postings Google
 * finds on those ATSs; keeps postings whose title matches the run's position and level, takes them round-robin across
 * boards until the run's limit of postings new to the user is reached, and stores each as a discovered job. Postings
 * the user already has (waiting, sent, discarded: {@link Jobs#knownPostings}) met on the way are stored as duplicates
 * pointing at the job that stands for them, and do not count towards the limit.
 */
public final class SearchVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SearchVerticle.class);

  /** One board to list: its ATS and its name there (Greenhouse board token, Lever site, Ashby board name). */
  public record Board(AtsSource source, String board) {
    @Override
    public String toString() {
      return source.name() + ":" + board;
    }
  }

  /** Where to search: the boards to list, Serper when a key is set (else null), and the sources its hits are read by. */
  public record Source(List<Board> boards, Serper serper, AtsSources sources) {
  }

  private final Source source;
  private final Runs runs;
  private final Jobs jobs;
  private final RunEvents events;

  public SearchVerticle(Source source, Runs runs, Jobs jobs, RunEvents events) {
    this.source = source;
    this.runs = runs;
    this.jobs = jobs;
    this.events = events;
  }

  /** A source the search could not read: {@code source} names it ({@code greenhouse:acme}, {@code serper}). */
  record Problem(String source, String message) {
    @Override
    public String toString() {
      return source + ": " + message;
    }
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<SearchBus.Request>consumer(SearchBus.RUN, this::handle).completion();
  }

  private void handle(Message<SearchBus.Request> msg) {
    SearchBus.Request req = msg.body();
    List<Problem> problems = new ArrayList<>();
    runs.get(req.runId(), req.userId())
        .compose(run -> jobs.knownPostings(req.userId(), req.runId()).compose(known -> find(run, known, problems))
            .compose(found -> store(req, found.postings)
            .map(ids -> new SearchBus.Found(ids, problems.stream().map(Problem::toString).toList()))))
        .transform(ar -> record(req, problems).transform(v -> ar.succeeded() ? Future.succeededFuture(ar.result())
            : Future.failedFuture(ar.cause())))
        .onSuccess(msg::reply)
        .onFailure(t -> {
          log.warn("search failed for run {}: {}", req.runId(), t.getMessage());
          Failure.reply(msg, t);
        });
  }

  /**
   * Stores each problem as an event of the run ({@link RunEvents}), so the run page and the API show which source
   * could not be read and why; a failure to store one is logged, never fails the search.
   */
  private Future<Void> record(SearchBus.Request req, List<Problem> problems) {
    Future<Void> chain = Future.succeededFuture();
    for (Problem p : List.copyOf(problems)) {
      log.info("run {}: could not read {}", req.runId(), p);
      chain = chain.compose(v -> events.problem(req.runId(), req.userId(), p.source(), p.message(), null)
          .recover(t -> {
            log.warn("run {}: could not store the problem of {}: {}", req.runId(), p.source(), t.getMessage());
            return Future.succeededFuture();
          }));
    }
    return chain;
  }

  private record Candidates(List<Jobs.Posting> postings) {
  }

  private Future<Candidates> find(Runs.Run run, java.util.Set<String> known, List<Problem> problems) {
    Level level = Level.parse(run.level());
    List<Future<List<Jobs.Posting>>> perBoard = new ArrayList<>();
    for (Board board : source.boards()) {
      perBoard.add(board.source().list(board.board())
          .map(listings -> matching(listings, run.position(), level))
          .recover(t -> {
            problems.add(new Problem(board.toString(), Failure.of(t) == Failure.NOT_FOUND
                ? "no such board there (" + reason(t) + ")" : reason(t)));
            return Future.succeededFuture(List.of());
          }));
    }
    if (source.serper() != null) {
      perBoard.add(fromSerper(run, level).recover(t -> {
        problems.add(new Problem("serper", reason(t)));
        return Future.succeededFuture(List.of());
      }));
    }
    return Future.all(perBoard).compose(all -> {
      if (problems.size() == perBoard.size() && !problems.isEmpty()) {
        return Future.failedFuture(Failure.UPSTREAM.with("no source could be read: "
            + String.join("; ", problems.stream().map(Problem::toString).toList())));
      }
      List<List<Jobs.Posting>> lists = new ArrayList<>();
      for (int i = 0; i < perBoard.size(); i++) {
        lists.add(all.resultAt(i));
      }
      return Future.succeededFuture(new Candidates(roundRobin(lists, run.limit(),
          p -> known.contains(Jobs.postingKey(p.source(), p.board(), p.externalId()))
              || known.contains(Jobs.titleKey(p.company(), p.title())))));
    });
  }

  /** Why a source could not be read, in one line. */
  static String reason(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
  }

  /**
   * Postings Serper found, each read through its ATS's API (title, company, URL) and filtered like a board. An Ashby
   * board is read once however many of its postings were found (its API has no single-posting endpoint).
   */
  private Future<List<Jobs.Posting>> fromSerper(Runs.Run run, Level level) {
    return source.serper().search(run.position(), level, run.limit()).compose(hits -> {
      List<Future<List<Jobs.Posting>>> reads = new ArrayList<>();
      java.util.Map<String, Future<List<AtsSource.Listing>>> ashbyBoards = new java.util.HashMap<>();
      for (AtsLinks.AtsLink hit : hits) {
        AtsSource ats = source.sources().forLink(hit);
        if (ats == null) {
          continue;
        }
        Future<AtsSource.Listing> one = ats instanceof AshbySource
            ? ashbyBoards.computeIfAbsent(hit.board(), b -> ats.list(b)).compose(all -> all.stream()
                .filter(l -> l.posting().externalId().equals(hit.id())).findFirst()
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture("Ashby board " + hit.board() + " lists no posting " + hit.id())))
            : ats.one(hit.board(), hit.id());
        reads.add(one.map(l -> matching(List.of(l), run.position(), level))
            .otherwise(t -> {
              log.info("skipping {} from Serper: {}", hit, t.getMessage());
              return List.of();
            }));
      }
      return Future.all(reads).map(all -> {
        List<Jobs.Posting> out = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
          out.addAll(all.<List<Jobs.Posting>>resultAt(i));
        }
        return out;
      });
    });
  }

  /** The listings whose title (and employment type, for the level) match the run's position and level. */
  static List<Jobs.Posting> matching(List<AtsSource.Listing> listings, String position, Level level) {
    List<Jobs.Posting> out = new ArrayList<>();
    for (AtsSource.Listing l : listings) {
      if (TitleMatch.matches(position, level, l.posting().title(), l.employmentType())) {
        out.add(l.posting());
      }
    }
    return out;
  }

  /**
   * A posting's {@code absolute_url} as its link when it is a safe http(s) URL ({@link SafeUrls}), else "" (no
   * link): board data is untrusted, and a {@code javascript:} or {@code data:} link is never stored.
   */
  static String postingLink(Object absoluteUrl) {
    String url = absoluteUrl instanceof String s ? SafeUrls.webUrl(s) : null;
    if (url == null && absoluteUrl != null && !"".equals(absoluteUrl)) {
      log.info("a posting's absolute_url is not a safe http(s) URL ({}); it keeps no link",
          SafeUrls.refusal(String.valueOf(absoluteUrl)));
    }
    return url == null ? "" : url;
  }

  /**
   * Takes one posting from each source in turn so a run spreads across companies, until {@code limit} postings that
   * are not {@code known} are taken; known ones met on the way are taken too (they become duplicates) but do not
   * count. A posting found twice (on its board and by Serper) counts once.
   */
  static List<Jobs.Posting> roundRobin(List<List<Jobs.Posting>> lists, int limit,
                                       java.util.function.Predicate<Jobs.Posting> known) {
    List<Iterator<Jobs.Posting>> its = lists.stream().map(List::iterator).toList();
    List<Jobs.Posting> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    int fresh = 0;
    boolean any = true;
    while (fresh < limit && any) {
      any = false;
      for (Iterator<Jobs.Posting> it : its) {
        if (it.hasNext() && fresh < limit) {
          Jobs.Posting p = it.next();
          if (seen.add(Jobs.postingKey(p.source(), p.board(), p.externalId()))) {
            out.add(p);
            fresh += known.test(p) ? 0 : 1;
          }
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
