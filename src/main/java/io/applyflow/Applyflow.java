package io.applyflow;

import io.applyflow.job.JobBus;
import io.applyflow.pipeline.PipelineBus;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.applyflow.llm.LlmClient;
import io.applyflow.llm.LlmConfig;
import io.applyflow.llm.LlmLimits;
import io.applyflow.llm.LlmSettings;
import io.applyflow.platform.security.SecretBox;
import io.applyflow.llm.RetryPolicy;
import io.applyflow.apply.AnswerBank;
import io.applyflow.apply.AllowedOrigins;
import io.applyflow.apply.ApplyVerticle;
import io.applyflow.job.SubmitLedger;
import io.applyflow.describe.DescribeVerticle;
import io.applyflow.platform.bus.JsonCodec;
import io.applyflow.platform.db.Database;
import io.applyflow.platform.metrics.Metrics;
import io.applyflow.ops.Readiness;
import io.applyflow.profile.Profiles;
import io.applyflow.render.RenderVerticle;
import io.applyflow.render.ResumePdf;
import io.applyflow.job.Jobs;
import io.applyflow.apply.ApplyBus;
import io.applyflow.render.RenderBus;
import io.applyflow.tailor.TailorBus;
import io.applyflow.score.ScoreBus;
import io.applyflow.describe.DescribeBus;
import io.applyflow.job.StageWorker;
import io.applyflow.job.Leases;
import io.applyflow.job.Claims;
import io.applyflow.pipeline.PipelineVerticle;
import io.applyflow.job.Runs;
import io.applyflow.sandbox.SandboxBoards;
import io.applyflow.sandbox.SandboxRoutes;
import io.applyflow.sandbox.SandboxVerticle;
import io.applyflow.score.ScoreVerticle;
import io.applyflow.search.AshbySource;
import io.applyflow.search.AtsSources;
import io.applyflow.search.GreenhouseApi;
import io.applyflow.search.GreenhouseSource;
import io.applyflow.search.LeverSource;
import io.applyflow.search.SearchBus;
import io.applyflow.search.SearchVerticle;
import io.applyflow.search.Serper;
import io.applyflow.settings.SettingsStore;
import io.applyflow.tailor.LlmTailoring;
import io.applyflow.tailor.TailorVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Applyflow node: database (embedded or external) → Flyway → Vert.x (clustered or not) → message
 * codecs → the verticles of the configured roles. The web role (and with it the sandbox board's own listener) starts
 * first so the sandbox's origin is known.
 */
public final class Applyflow implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Applyflow.class);

  private final Vertx vertx;
  private final Database database;
  private final int port;
  private final String sandboxUrl;
  private final WebVerticle web;
  private final SandboxVerticle board;
  private final Leases leases;

  private Applyflow(Vertx vertx, Database database, int port, String sandboxUrl, WebVerticle web,
                    SandboxVerticle board, Leases leases) {
    this.leases = leases;
    this.vertx = vertx;
    this.database = database;
    this.port = port;
    this.sandboxUrl = sandboxUrl;
    this.web = web;
    this.board = board;
  }

  /** What {@link #deploy} started: the app's port and the sandbox board's origin (null when unknown or off). */
  private record Deployed(int port, String sandboxUrl) {
  }

  public static Applyflow start(io.applyflow.platform.config.Config config) {
    long started = System.nanoTime();
    if (config.cluster() && config.databaseUrl() == null) {
      throw new IllegalArgumentException("cluster mode needs an external Postgres: set DATABASE_URL");
    }
    Database database = config.databaseUrl() == null
        ? Database.embedded(config.dataDir())
        : Database.external(config.databaseUrl());
    try {
      database.migrate();
      Vertx vertx = config.cluster() ? clustered(config)
          : Vertx.builder().with(Metrics.vertxOptions(new VertxOptions())).withMetrics(Metrics.vertxFactory()).build();
      JsonCodec.register(vertx.eventBus(), PipelineBus.Start.class, JobBus.Progress.class, JobBus.JobCommand.class,
          JobBus.StageResult.class, SearchBus.Request.class, SearchBus.Found.class,
          io.applyflow.recommend.RecommendBus.Discover.class, io.applyflow.recommend.RecommendBus.Pass.class);
      Pool pool = database.pool(vertx, 8);
      WebVerticle[] web = new WebVerticle[1];
      SandboxVerticle[] board = new SandboxVerticle[1];
      Claims claims = new Claims(pool, Leases.newNodeId(), java.time.Duration.ofSeconds(config.leaseSeconds()));
      Leases leases = new Leases(pool, claims);
      // the pages that edit the users' LLM settings and the tailoring that reads them; no other role opens a key
      LlmSettings llmSettings = config.runs("web") || config.runs("tailor")
          ? new LlmSettings(pool, secretBox(config), llmConfig(config)) : null;
      Deployed deployed = deploy(vertx, config, pool, claims, leases, llmSettings, web, board).await();
      Readiness.deployed(vertx, config.roles());
      int port = deployed.port();
      long ms = (System.nanoTime() - started) / 1_000_000;
      LlmConfig llm = llmConfig(config);
      log.info("Applyflow ready in {} ms on {} | database: {} | search: {} | llm: {} | roles: {}{}", ms,
          config.runs("web") ? "http://" + ("0.0.0.0".equals(config.host()) ? "localhost" : config.host()) + ":" + port : "(no web role)", database.describe(),
          sources(config, deployed.sandboxUrl()), llm.isConfigured() ? llm.model() + " at " + llm.baseUrl() + " (output checked by the fact gate)"
              : "off (deterministic tailoring and templates)", String.join(",", config.roles().stream().sorted().toList()),
          config.cluster() ? " | cluster members: " + config.clusterMembers() : "");
      return new Applyflow(vertx, database, port, deployed.sandboxUrl(), web[0], board[0], leases);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * The master key that seals the LLM API keys users save ({@code APPLYFLOW_SECRET_KEY}, else
   * {@code DATA_DIR/secret.key}, created on first start): read once, here, before anything is deployed.
   */
  private static SecretBox secretBox(io.applyflow.platform.config.Config config) {
    if (config.cluster() && config.secretKey() == null) {
      log.warn("CLUSTER is on but {} is not set: this node seals saved API keys with its own {}/{}, which the other "
          + "nodes cannot open; give every node the same {}", SecretBox.ENV, config.dataDir(), SecretBox.FILE,
          SecretBox.ENV);
    }
    return SecretBox.load(config.secretKey(), config.dataDir());
  }

  private static Future<Deployed> deploy(Vertx vertx, io.applyflow.platform.config.Config config, Pool pool,
                                        Claims claims, Leases leases, LlmSettings llmSettings,
                                        WebVerticle[] deployedWeb, SandboxVerticle[] deployedBoard) {
    Future<Integer> web = Future.succeededFuture(config.port());
    Future<Integer> sandbox = Future.succeededFuture(config.sandboxPort() == 0 ? null : config.sandboxPort());
    if (config.runs("web")) {
      WebVerticle verticle = new WebVerticle(config.host(), config.port(), config.sandbox(), pool, config, llmSettings);
      deployedWeb[0] = verticle;
      web = vertx.deployVerticle(verticle).map(id -> verticle.actualPort());
      if (config.sandbox()) {
        SandboxVerticle board = new SandboxVerticle(config.host(), config.sandboxPort(), pool,
            new SandboxRoutes.Limits(SandboxRoutes.Limits.DEFAULT.bodyBytes(), config.sandboxPostsPerMinute()));
        deployedBoard[0] = board;
        sandbox = web.compose(p -> vertx.deployVerticle(board)).map(id -> board.actualPort());
      }
    }
    Future<Integer> sandboxPort = sandbox;
    return web.compose(port -> sandboxPort.map(sp -> new Deployed(port, sandboxOrigin(config, sp)))).compose(d -> {
      int port = d.port();
      // the sandbox's origin, e.g. "http://127.0.0.1:41234": the one the search reads and the apply worker opens
      String sandboxOrigin = d.sandboxUrl();
      Runs runs = new Runs(pool, vertx.eventBus());
      Jobs jobs = new Jobs(pool, vertx.eventBus());
      Profiles profiles = new Profiles(pool);
      WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent("Applyflow/0.1")
          .setFollowRedirects(true));
      List<Future<String>> all = new ArrayList<>();
      List<StageWorker.Stage> stages = new ArrayList<>();
      if (config.runs("scrape")) {
        AtsSources sources = atsSources(config, sandboxOrigin, client);
        SearchVerticle.Source searchSource = searchSource(config, sandboxOrigin, client, sources);
        all.add(vertx.deployVerticle(new SearchVerticle(searchSource, runs, jobs,
            new io.applyflow.job.RunEvents(pool, vertx.eventBus()))));
        all.add(vertx.deployVerticle(new io.applyflow.recommend.RecommendVerticle(
            new io.applyflow.recommend.Recommendations(pool), profiles, searchSource, config)));
        all.add(vertx.deployVerticle(new DescribeVerticle(jobs, sources)));
        all.add(vertx.deployVerticle(new ScoreVerticle(jobs, profiles, new SettingsStore(pool))));
        stages.add(DescribeBus.stage(DESCRIBE_CONCURRENCY));
        stages.add(ScoreBus.stage(SCORE_CONCURRENCY));
      }
      if (config.runs("tailor")) {
        LlmLimits.Settings limits = llmLimits(config);
        LlmTailoring tailoring = new LlmTailoring(new LlmClient(vertx, client, pool, limits, RetryPolicy.DEFAULT,
            LlmClient.DEFAULT_TIMEOUT, LlmClient.DEFAULT_DEADLINE), limits.tokensPerJob());
        // a user's own LLM settings, else the installation's
        all.add(vertx.deployVerticle(new TailorVerticle(jobs, profiles, tailoring, llmSettings::effective,
            new io.applyflow.job.RunEvents(pool, vertx.eventBus()), new SettingsStore(pool))));
        stages.add(TailorBus.stage(TAILOR_CONCURRENCY));
      }
      if (config.runs("render")) {
        ResumePdf pdf = new ResumePdf();
        SettingsStore layout = new SettingsStore(pool);
        all.add(vertx.deployVerticle(() -> new RenderVerticle(jobs, pdf, layout), new DeploymentOptions()
            .setThreadingModel(ThreadingModel.WORKER).setWorkerPoolName("render").setWorkerPoolSize(2)
            .setInstances(RENDER_CONCURRENCY)));
        stages.add(RenderBus.stage(RENDER_CONCURRENCY));
      }
      if (config.runs("apply")) {
        SubmitLedger ledger = new SubmitLedger(pool);
        AnswerBank answers = new AnswerBank(pool);
        SettingsStore settings = new SettingsStore(pool);
        AllowedOrigins allowed = applyOrigins(config, sandboxOrigin);
        // One single-thread pool per instance: Playwright must be called on the thread that created it, and a worker
        // context on a shared pool may run its tasks on any of the pool's threads (a held page for an emailed
        // security code was once driven from the other thread and hung).
        for (int i = 0; i < config.applyInstances(); i++) {
          all.add(vertx.deployVerticle(new ApplyVerticle(config, jobs, runs, profiles, ledger, answers, settings,
                  allowed),
              new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER).setWorkerPoolName("apply-" + i)
                  .setWorkerPoolSize(1)));
        }
        stages.add(ApplyBus.stage(config.applyInstances()));
      }
      // the stages' workers and the conductor go last: they claim work at once, which needs every stage listening
      return Future.all(all)
          .compose(v -> leases.start(vertx))
          .compose(v -> {
            List<Future<String>> workers = new ArrayList<>();
            stages.forEach(s -> workers.add(vertx.deployVerticle(new StageWorker(s, claims, jobs, leases))));
            if (config.runs("scrape")) {
              workers.add(vertx.deployVerticle(new PipelineVerticle(runs, leases)));
            }
            return Future.all(workers);
          })
          .map(v -> d);
    });
  }

  /**
   * Jobs one node works on at once per stage. Describe reads job boards: 4, polite. Score and tailor are local work
   * (tailor may call the LLM): 4 each. Render has two worker instances: 2. Apply: one per apply worker instance.
   */
  static final int DESCRIBE_CONCURRENCY = 4;
  static final int SCORE_CONCURRENCY = 4;
  static final int TAILOR_CONCURRENCY = 4;
  static final int RENDER_CONCURRENCY = 2;

  /**
   * The sandbox board's origin as the search and the apply worker reach it: {@code SANDBOX_PUBLIC_URL} when set, else
   * {@code http://<host>:<sandbox port>} on this machine (loopback when the app listens on every interface); null when
   * the sandbox is off or this node neither serves it nor was told where it is.
   */
  static String sandboxOrigin(io.applyflow.platform.config.Config config, Integer sandboxPort) {
    if (!config.sandbox()) {
      return null;
    }
    if (config.sandboxPublicUrl() != null) {
      return config.sandboxPublicUrl();
    }
    if (sandboxPort == null) {
      return null;
    }
    String host = config.host();
    if (host.isEmpty() || "0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host)) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + sandboxPort;
  }

  /**
   * Where the apply worker's browser may go besides Greenhouse's job boards: the origins of {@code APPLY_ALLOWED_ORIGINS}
   * and, with the sandbox on, the sandbox board's own origin (see {@link #sandboxOrigin}).
   */
  static AllowedOrigins applyOrigins(io.applyflow.platform.config.Config config, String sandboxOrigin) {
    List<String> extra = new ArrayList<>(config.applyAllowedOrigins());
    if (sandboxOrigin != null) {
      extra.add(sandboxOrigin);
    }
    return new AllowedOrigins(extra);
  }

  /** The sandbox's Lever site, served under {@code /sandbox/lever-api/v0/postings/}. */
  static final String SANDBOX_LEVER_SITE = "tidewater-energy";
  /** The sandbox's Ashby job board, served under {@code /sandbox/ashby-api/posting-api/job-board/}. */
  static final String SANDBOX_ASHBY_BOARD = "Meridian";

  /**
   * The ATS sources this node reads: with the sandbox as the only source, the sandbox's own Greenhouse-, Lever- and
   * Ashby-compatible APIs on its origin; otherwise the configured API base URLs.
   */
  static AtsSources atsSources(io.applyflow.platform.config.Config config, String sandboxOrigin, WebClient client) {
    if (config.searchUsesSandbox()) {
      if (sandboxOrigin == null) {
        throw new IllegalArgumentException("this node searches the sandbox board but does not serve it (no web role):"
            + " set SANDBOX_PUBLIC_URL, or a fixed SANDBOX_PORT on the web node and here");
      }
      LeverSource lever = new LeverSource(client, sandboxOrigin + "/sandbox/lever-api/v0/postings");
      return new AtsSources(new GreenhouseSource(new GreenhouseApi(client), sandboxOrigin + "/sandbox/boards-api/v1"),
          lever, lever,
          new AshbySource(client, sandboxOrigin + "/sandbox/ashby-api/posting-api/job-board"));
    }
    return AtsSources.configured(config, client);
  }

  /**
   * What the search lists: with the sandbox as the only source, its Greenhouse boards, its Lever site and its Ashby
   * board; otherwise the watch-list's boards, and Serper with a key.
   */
  static SearchVerticle.Source searchSource(io.applyflow.platform.config.Config config, String sandboxOrigin,
      WebClient client, AtsSources sources) {
    List<SearchVerticle.Board> boards = new ArrayList<>();
    if (config.searchUsesSandbox()) {
      SandboxBoards.get().boardTokens().forEach(t -> boards.add(new SearchVerticle.Board(sources.greenhouse(), t)));
      boards.add(new SearchVerticle.Board(sources.lever(), SANDBOX_LEVER_SITE));
      boards.add(new SearchVerticle.Board(sources.ashby(), SANDBOX_ASHBY_BOARD));
      return new SearchVerticle.Source(boards, null, sources);
    }
    for (io.applyflow.platform.config.Config.WatchEntry e : config.watchEntries()) {
      boards.add(new SearchVerticle.Board(sources.forWatchKind(e.kind()), e.board()));
    }
    Serper serper = config.serperApiKey() == null ? null : new Serper(client, config.serperUrl(), config.serperApiKey());
    return new SearchVerticle.Source(boards, serper, sources);
  }

  /** The LLM settings of {@code config}, with {@link LlmConfig#fromEnv}'s defaults (Groq when only a key is set). */
  /** The LLM budgets and per-minute limits the installation configures. */
  static LlmLimits.Settings llmLimits(io.applyflow.platform.config.Config config) {
    io.applyflow.platform.config.Config.LlmBudgets b = config.llmBudgets();
    return new LlmLimits.Settings(b.tokensPerDay(), b.tokensPerRun(), b.tokensPerJob(), b.requestsPerMinute(),
        b.tokensPerMinute());
  }

  static LlmConfig llmConfig(io.applyflow.platform.config.Config config) {
    Map<String, String> env = new java.util.HashMap<>();
    if (config.llmBaseUrl() != null) {
      env.put("LLM_BASE_URL", config.llmBaseUrl());
    }
    if (config.llmApiKey() != null) {
      env.put("LLM_API_KEY", config.llmApiKey());
    }
    if (config.llmModel() != null) {
      env.put("LLM_MODEL", config.llmModel());
    }
    return LlmConfig.fromEnv(env);
  }

  private static String sources(io.applyflow.platform.config.Config config, String sandboxUrl) {
    String where = sandboxUrl == null ? "" : " at " + sandboxUrl;
    if (config.searchUsesSandbox()) {
      return "sandbox board" + where + " (" + SandboxBoards.get().boardTokens().size() + " boards"
          + ", Lever site " + SANDBOX_LEVER_SITE + ", Ashby board " + SANDBOX_ASHBY_BOARD
          + ", its own origin, nothing leaves this machine)";
    }
    List<String> parts = new ArrayList<>();
    if (!config.watchlist().isEmpty()) {
      parts.add("watch-list " + config.watchEntries() + " via " + config.greenhouseApiUrl() + ", "
          + config.leverApiUrl() + " (EU " + config.leverEuApiUrl() + ") and " + config.ashbyApiUrl());
    }
    if (config.serperApiKey() != null) {
      parts.add("serper at " + config.serperUrl() + " (Greenhouse, Lever and Ashby postings read through their APIs)");
    }
    if (config.sandbox()) {
      parts.add("sandbox board" + where + " (its own origin)");
    }
    return String.join(", ", parts);
  }

  private static Vertx clustered(io.applyflow.platform.config.Config config) {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName("applyflow");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    NetworkConfig net = hz.getNetworkConfig();
    net.setPort(5701).setPortAutoIncrement(true).setPortCount(10);
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    List<String> members = config.clusterMembers().isEmpty() ? List.of("127.0.0.1") : config.clusterMembers();
    members.forEach(m -> join.getTcpIpConfig().addMember(m));
    String host = config.clusterHost();
    if ("127.0.0.1".equals(host)) {
      hz.setProperty("hazelcast.socket.bind.any", "false");
      hz.setProperty("hazelcast.local.localAddress", "127.0.0.1");
      net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    }
    return Vertx.builder()
        .with(Metrics.vertxOptions(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost(host).setPort(0)
            .setClusterPublicHost(host))))
        .withMetrics(Metrics.vertxFactory())
        .withClusterManager(new HazelcastClusterManager(hz))
        .buildClustered().await();
  }

  public int port() {
    return port;
  }

  /**
   * The sandbox board's origin, e.g. {@code "http://127.0.0.1:41234"} (scheme, host, port; no path): the origin of
   * every sandbox posting's URL, and the one the apply worker's navigation allow-list must admit. Null when the
   * sandbox is off (or this node does not serve it and was not told where it is).
   */
  public String sandboxUrl() {
    return sandboxUrl;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The web role's routes as {@code "METHOD /path"} (empty without the web role); see {@link WebVerticle#routes}. */
  public List<String> routes() {
    return web == null ? List.of() : web.routes();
  }

  /** The sandbox listener's routes (empty when this node does not serve it); see {@link SandboxVerticle#routes}. */
  public List<String> sandboxRoutes() {
    return board == null ? List.of() : board.routes();
  }

  public Database database() {
    return database;
  }

  /** How long a graceful shutdown waits for the work in flight before it releases this node's leases. */
  static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(10);

  /**
   * Stops this node gracefully: no new work is claimed, the work in flight gets {@link #SHUTDOWN_GRACE} to end, the
   * leases this node still holds are released (another node, or this one after a restart, takes the work up at
   * once), then Vert.x and the embedded database stop.
   */
  @Override
  public void close() {
    leases.close(SHUTDOWN_GRACE);
    try {
      vertx.close().await();
    } catch (RuntimeException e) {
      log.warn("Vert.x did not close cleanly: {}", e.getMessage());
    }
    database.close();
  }
}
