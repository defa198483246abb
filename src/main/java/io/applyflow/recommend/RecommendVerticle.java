package io.applyflow.recommend;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.config.Config;
import io.applyflow.profile.Profiles;
import io.applyflow.job.Jobs;
import io.applyflow.score.Resumes;
import io.applyflow.score.ScoreDetail;
import io.applyflow.score.Scorer;
import io.applyflow.search.AtsSource;
import io.applyflow.search.SearchVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recommendations role (event loop, deployed with the scrape role). Every {@code RECOMMEND_CHECK_MINUTES} it claims the
 * users whose discovery is due ({@link Recommendations#claimDue}: an UPDATE ... RETURNING, so two nodes never run one
 * user twice) and runs a pass for each, one after another; {@code recommend.discover} runs a pass for one user now
 * (the "Refresh now" button, rate-limited by the web role). A pass lists the user's own watch-list boards (else the
 * search stage's default boards: {@code WATCHLIST} or the sandbox) through the search stage's {@link AtsSource}s,
 * keeps postings new to the user's feed ({@link Discovery#pick}), reads each one's description through the describe
 * stage's {@link AtsSource#fetch} and scores it with {@link Scorer} (about a millisecond) against the user's resume,
 * and inserts it into the feed once. It creates no job, run or application: nothing is applied without the user.
 */
public final class RecommendVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(RecommendVerticle.class);
  /** Postings scored per user and pass at most (each is one request to its ATS); the rest wait for the next pass. */
  static final int PER_PASS = 60;
  /** Users claimed per check; the rest are due at the next check. */
  static final int USERS_PER_CHECK = 20;

  private final Recommendations recs;
  private final Profiles profiles;
  private final SearchVerticle.Source defaults;
  private final int defaultHours;
  private final long checkMillis;
  private boolean checking;
  private long timer = -1;

  /**
   * @param defaults the search stage's source: its boards are the default ones, its {@link
   *                 io.applyflow.search.AtsSources} read the user's own entries and every description
   */
  public RecommendVerticle(Recommendations recs, Profiles profiles, SearchVerticle.Source defaults, Config config) {
    this.recs = recs;
    this.profiles = profiles;
    this.defaults = defaults;
    this.defaultHours = config.recommendEveryHours();
    this.checkMillis = config.recommendCheckMinutes() * 60_000L;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(checkMillis, id -> check());
    return vertx.eventBus().<RecommendBus.Discover>consumer(RecommendBus.DISCOVER, this::handle).completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void handle(Message<RecommendBus.Discover> msg) {
    long userId = msg.body().userId();
    discover(userId)
        .onSuccess(msg::reply)
        .onFailure(t -> {
          log.warn("discovery failed for user {}: {}", userId, t.getMessage());
          Failure.reply(msg, t);
        });
  }

  /** One scheduled check: claim the due users and run their passes one after another (never two checks at once). */
  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    recs.claimDue(defaultHours, USERS_PER_CHECK)
        .compose(users -> {
          Future<Void> chain = Future.succeededFuture();
          for (long userId : users) {
            chain = chain.compose(v -> discover(userId)
                .onSuccess(p -> log.info("discovery for user {}: {} listed, {} new{}", userId, p.listed(), p.added(),
                    p.problems().isEmpty() ? "" : " (" + String.join("; ", p.problems()) + ")"))
                .<Void>mapEmpty()
                .otherwise(t -> {
                  log.warn("discovery failed for user {}: {}", userId, t.getMessage());
                  return null;
                }));
          }
          return chain;
        })
        .onComplete(ar -> {
          checking = false;
          if (ar.failed()) {
            log.warn("the recommendations check failed: {}", ar.cause().getMessage());
          }
        });
  }

  /** A board to list and whether it is on the user's own watch-list (every posting kept). */
  private record Target(AtsSource source, String board, boolean watched) {
  }

  /** One discovery pass for {@code userId}. */
  Future<RecommendBus.Pass> discover(long userId) {
    return recs.setup(userId).compose(setup -> profiles.find(userId).compose(profile -> {
      if (profile == null) {
        return Future.failedFuture(Failure.BAD_INPUT.with("no profile yet: recommendations are scored against your"
            + " resume; save your profile first"));
      }
      List<Target> targets = new ArrayList<>();
      if (!setup.watchlist().isEmpty()) {
        for (Config.WatchEntry e : WatchList.parse(setup.watchlist(), "entry")) {
          targets.add(new Target(defaults.sources().forWatchKind(e.kind()), e.board(), true));
        }
      } else if (!setup.searches().isEmpty()) {
        defaults.boards().forEach(b -> targets.add(new Target(b.source(), b.board(), false)));
      }
      if (targets.isEmpty()) {
        return Future.succeededFuture(new RecommendBus.Pass(0, 0,
            List.of("nothing to discover from: add a watch-list entry or a saved search")));
      }
      List<String> problems = new ArrayList<>();
      List<Future<Discovery.BoardListings>> lists = new ArrayList<>();
      for (Target t : targets) {
        lists.add(t.source().list(t.board())
            .map(l -> new Discovery.BoardListings(l, t.watched()))
            .recover(e -> {
              problems.add("board " + t.source().name() + ":" + t.board() + ": " + e.getMessage());
              return Future.succeededFuture(new Discovery.BoardListings(List.of(), t.watched()));
            }));
      }
      return Future.all(lists).compose(all -> recs.knownKeys(userId).compose(known -> {
        List<Discovery.BoardListings> boards = new ArrayList<>();
        int listed = 0;
        for (int i = 0; i < lists.size(); i++) {
          Discovery.BoardListings b = all.resultAt(i);
          boards.add(b);
          listed += b.listings().size();
        }
        List<Jobs.Posting> fresh = Discovery.pick(boards, setup.searches(), known, PER_PASS);
        int total = listed;
        return scoreAndStore(userId, profile.getJsonObject("resume"), fresh, problems)
            .map(added -> new RecommendBus.Pass(total, added, List.copyOf(problems)));
      }));
    }));
  }

  /** Scores each posting in turn (its description read from its ATS) and inserts it; answers how many were new. */
  private Future<Integer> scoreAndStore(long userId, JsonObject resume, List<Jobs.Posting> postings,
                                       List<String> problems) {
    OffsetDateTime found = OffsetDateTime.now(ZoneOffset.UTC);
    var tree = Resumes.tree(resume);
    Future<Integer> chain = Future.succeededFuture(0);
    for (Jobs.Posting p : postings) {
      AtsSource source = defaults.sources().forJob(p.source());
      chain = chain.compose(n -> source.fetch(p.board(), p.externalId(), p.apiUrl())
          .compose(details -> {
            ScoreDetail d = Scorer.score(p.title(), details.html(), Arrays.asList(p.company(), p.board()), tree,
                LocalDate.now());
            return recs.insert(userId, p, d.total(), new JsonObject(d.toMap()), found);
          })
          .map(inserted -> n + (inserted ? 1 : 0))
          .otherwise(t -> {
            // not stored, so the next pass tries it again
            problems.add("posting " + Discovery.key(p) + ": " + t.getMessage());
            return n;
          }));
    }
    return chain;
  }
}
