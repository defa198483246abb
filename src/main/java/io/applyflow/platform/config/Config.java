package io.applyflow.platform.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything Applyflow reads from the environment. Every variable is optional; {@link #fromEnv(Map)}
 * fails fast with a message that names the variable when a value cannot be used.
 */
public record Config(
    String host,
    int port,
    Path dataDir,
    String databaseUrl,
    String greenhouseApiUrl,
    String serperApiKey,
    String serperUrl,
    String llmBaseUrl,
    String llmApiKey,
    String llmModel,
    LlmBudgets llmBudgets,
    String chromiumPath,
    boolean sandbox,
    List<String> watchlist,
    int applyInstances,
    int leaseSeconds,
    int boardIntervalSeconds,
    int dailyCap,
    int autoSubmitMinScore,
    boolean headless,
    String publicUrl,
    boolean cluster,
    List<String> clusterMembers,
    String clusterHost,
    Set<String> roles,
    int trustedProxyHops,
    int signupsPerHour,
    int sandboxPort,
    String sandboxPublicUrl,
    int sandboxPostsPerMinute,
    int runsPerUser,
    int ssePerUser,
    List<String> applyAllowedOrigins,
    boolean chromiumNoSandbox,
    String leverApiUrl,
    String leverEuApiUrl,
    String ashbyApiUrl,
    int securityCodeWaitSeconds,
    List<String> fetchAllowedNetworks,
    int recommendEveryHours,
    int recommendCheckMinutes,
    String secretKey) {

  public static final String DEFAULT_GREENHOUSE_API = "https://boards-api.greenhouse.io/v1";
  public static final String DEFAULT_LEVER_API = "https://api.lever.co/v0/postings";
  public static final String DEFAULT_LEVER_EU_API = "https://api.eu.lever.co/v0/postings";
  public static final String DEFAULT_ASHBY_API = "https://api.ashbyhq.com/posting-api/job-board";
  /** The kinds of watch-list entry: {@code <kind>:<board>}; {@code lever-eu} is a Lever site on Lever's EU host. */
  public static final List<String> WATCH_KINDS = List.of("greenhouse", "lever", "lever-eu", "ashby");
  public static final String DEFAULT_SERPER_URL = "https://google.serper.dev";
  public static final Set<String> ALL_ROLES = Set.of("web", "scrape", "tailor", "render", "apply");
  /** Runs one user may have going at once: a few searches side by side; more would only queue behind each other. */
  public static final int DEFAULT_RUNS_PER_USER = 3;
  /** Live streams one user may hold open on a node: one per open tab (run, job, queue pages), a dozen tabs. */
  public static final int DEFAULT_SSE_PER_USER = 12;

  /** The values of {@code LOG_FORMAT}, read by logback itself ({@code logback.xml}); checked here to fail fast. */
  public static final List<String> LOG_FORMATS = List.of("text", "json");

  public static Config fromEnv(Map<String, String> env) {
    int port = intVar(env, "PORT", 8080, 0, 65535);
    String logFormat = env.get("LOG_FORMAT");
    if (logFormat != null && !LOG_FORMATS.contains(logFormat)) {
      throw new IllegalArgumentException("LOG_FORMAT must be one of " + LOG_FORMATS + ", got '" + logFormat + "'");
    }
    List<String> watchlist = list(env.get("WATCHLIST"));
    for (String entry : watchlist) {
      WatchEntry.parse(entry);
    }
    Set<String> roles = Set.copyOf(list(env.getOrDefault("ROLES", String.join(",", ALL_ROLES))));
    for (String role : roles) {
      if (!ALL_ROLES.contains(role)) {
        throw new IllegalArgumentException("ROLES has unknown role '" + role + "'; known: " + ALL_ROLES);
      }
    }
    return new Config(
        env.getOrDefault("HOST", "127.0.0.1").trim(),
        port,
        Path.of(env.getOrDefault("DATA_DIR", "./data")).toAbsolutePath().normalize(),
        blankToNull(env.get("DATABASE_URL")),
        trimSlash(env.getOrDefault("GREENHOUSE_API_URL", DEFAULT_GREENHOUSE_API)),
        blankToNull(env.get("SERPER_API_KEY")),
        trimSlash(env.getOrDefault("SERPER_URL", DEFAULT_SERPER_URL)),
        blankToNull(env.get("LLM_BASE_URL")),
        blankToNull(env.get("LLM_API_KEY")),
        blankToNull(env.get("LLM_MODEL")),
        llmBudgets(env),
        blankToNull(env.get("CHROMIUM_PATH")),
        boolVar(env, "SANDBOX", true),
        watchlist,
        intVar(env, "APPLY_INSTANCES", 1, 1, 16),
        intVar(env, "LEASE_SECONDS", 30, 3, 3_600),
        intVar(env, "APPLY_BOARD_INTERVAL_SECONDS", 20, 0, 86_400),
        intVar(env, "APPLY_DAILY_CAP", 50, 0, 10_000),
        intVar(env, "AUTO_SUBMIT_MIN_SCORE", 0, 0, 100),
        boolVar(env, "HEADLESS", true),
        blankToNull(env.get("PUBLIC_URL")),
        boolVar(env, "CLUSTER", false),
        list(env.get("CLUSTER_MEMBERS")),
        env.getOrDefault("CLUSTER_HOST", "127.0.0.1").trim(),
        roles,
        // how many reverse proxies in front append to X-Forwarded-For; 0: the connection's own address is the client
        intVar(env, "TRUSTED_PROXY_HOPS", 0, 0, 10),
        intVar(env, "SIGNUPS_PER_HOUR", 20, 1, 1_000_000),
        sandboxPort(env, port),
        origin(env, "SANDBOX_PUBLIC_URL"),
        intVar(env, "SANDBOX_POSTS_PER_MINUTE", 30, 1, 1_000_000),
        intVar(env, "RUNS_PER_USER", DEFAULT_RUNS_PER_USER, 1, 100),
        intVar(env, "SSE_PER_USER", DEFAULT_SSE_PER_USER, 1, 1_000),
        origins(env, "APPLY_ALLOWED_ORIGINS"),
        boolVar(env, "CHROMIUM_NO_SANDBOX", false),
        apiBase(env, "LEVER_API_URL", DEFAULT_LEVER_API),
        apiBase(env, "LEVER_EU_API_URL", DEFAULT_LEVER_EU_API),
        apiBase(env, "ASHBY_API_URL", DEFAULT_ASHBY_API),
        // how long the apply worker keeps a form open for an emailed security code (Greenhouse's lifetime is not
        // documented; 10 minutes assumed)
        intVar(env, "SECURITY_CODE_WAIT_SECONDS", 600, 1, 3_600),
        // networks the add-by-URL fetcher may reach although they are loopback or private (tests: 127.0.0.0/8)
        networks(env, "FETCH_ALLOWED_NETWORKS"),
        // recommendations: a user's default discovery interval, and how often the scrape role looks for users due
        intVar(env, "RECOMMEND_EVERY_HOURS", 24, 1, 24 * 30),
        intVar(env, "RECOMMEND_CHECK_MINUTES", 5, 1, 24 * 60),
        // the master key that seals saved API keys (base64 of 32 bytes); unset: DATA_DIR/secret.key. Never logged.
        secretKey(env));
  }

  /** {@code APPLYFLOW_SECRET_KEY} checked (base64 of 32 bytes; the message names the variable, never the value). */
  private static String secretKey(Map<String, String> env) {
    String raw = blankToNull(env.get(io.applyflow.platform.security.SecretBox.ENV));
    if (raw != null) {
      io.applyflow.platform.security.SecretBox.decodeKey(raw);
    }
    return raw;
  }

  /** Like every record's, but without the secrets' values. */
  @Override
  public String toString() {
    return "Config[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", roles=" + roles
        + ", serperApiKey=" + (serperApiKey == null ? "none" : "***") + ", llmApiKey="
        + (llmApiKey == null ? "none" : "***") + ", secretKey=" + (secretKey == null ? "none" : "***") + ", ...]";
  }

  /**
   * A comma list of CIDR blocks ({@code 127.0.0.0/8}, {@code 10.1.0.0/16}, {@code fd00::/8}): an IPv4 or IPv6 literal
   * (never a name, so nothing is looked up), a slash and a prefix length within the address's bits; fails naming the
   * variable and the bad entry.
   */
  private static List<String> networks(Map<String, String> env, String name) {
    return list(env.get(name)).stream().map(entry -> {
      int slash = entry.indexOf('/');
      String address = slash < 0 ? "" : entry.substring(0, slash);
      String prefix = slash < 0 ? "" : entry.substring(slash + 1);
      boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}")
          && Arrays.stream(address.split("\\.")).allMatch(part -> Integer.parseInt(part) <= 255);
      boolean v6 = !v4 && address.contains(":") && address.matches("[0-9A-Fa-f:.]{2,45}");
      if ((v4 || v6) && prefix.matches("\\d{1,3}") && Integer.parseInt(prefix) <= (v4 ? 32 : 128)) {
        try {
          java.net.InetAddress.getByName(address); // a literal: parsed, never resolved
          return address + "/" + Integer.parseInt(prefix);
        } catch (java.net.UnknownHostException e) {
          // reported below
        }
      }
      throw new IllegalArgumentException(name + " entry '" + entry + "' is not a network: write address/prefix-length "
          + "with an IPv4 or IPv6 address, e.g. 127.0.0.0/8 or fd00::/8");
    }).toList();
  }

  /**
   * One watch-list entry: {@code greenhouse:<board token>}, {@code lever:<site>}, {@code lever-eu:<site>} (a site on
   * Lever's EU host) or {@code ashby:<job board name>} (its letter case kept, as in {@code jobs.ashbyhq.com/<name>}).
   */
  public record WatchEntry(String kind, String board) {
    /** The entry {@code raw} names; fails naming it and the accepted forms when it names none. */
    public static WatchEntry parse(String raw) {
      int colon = raw.indexOf(':');
      String kind = colon < 0 ? "" : raw.substring(0, colon);
      String board = colon < 0 ? "" : raw.substring(colon + 1);
      if (!WATCH_KINDS.contains(kind) || !board.matches("[A-Za-z0-9_.-]{1,100}")) {
        throw new IllegalArgumentException("WATCHLIST entry '" + raw + "' is not one of greenhouse:<board token>, "
            + "lever:<site>, lever-eu:<site> (Lever's EU host) or ashby:<job board name> (letters, digits, '.', '_' "
            + "and '-' after the colon)");
      }
      return new WatchEntry(kind, board);
    }

    @Override
    public String toString() {
      return kind + ":" + board;
    }
  }

  /** The watch-list's entries, in order. */
  public List<WatchEntry> watchEntries() {
    return watchlist.stream().map(WatchEntry::parse).toList();
  }

  /**
   * An ATS API base URL from {@code name} (default {@code dflt}), without a trailing slash: an absolute http(s) URL
   * with a host and no user info, query or fragment; fails naming the variable otherwise.
   */
  private static String apiBase(Map<String, String> env, String name, String dflt) {
    String raw = blankToNull(env.get(name));
    String url = trimSlash(raw == null ? dflt : raw);
    java.net.URI uri = io.applyflow.platform.web.SafeUrls.parse(url);
    if (uri == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(name + " must be an http(s) URL with a host and no query, e.g. " + dflt
          + "; got '" + raw + "'");
    }
    return url;
  }

  /**
   * The LLM's budgets and known rate limits; 0 means "the provider's known figure" (per minute) or "the reference
   * free tier" (per day), see {@code io.applyflow.llm.LlmLimits}.
   *
   * @param tokensPerDay      {@code LLM_TOKENS_PER_DAY}: one provider account's tokens per UTC day
   * @param tokensPerRun      {@code LLM_TOKENS_PER_RUN} (formerly {@code LLM_TOKEN_BUDGET}): one run's tokens
   * @param tokensPerJob      {@code LLM_TOKENS_PER_JOB}: what one job's two requests may cost, prompts and answers
   * @param requestsPerMinute {@code LLM_REQUESTS_PER_MINUTE}
   * @param tokensPerMinute   {@code LLM_TOKENS_PER_MINUTE}
   */
  public record LlmBudgets(long tokensPerDay, long tokensPerRun, int tokensPerJob, int requestsPerMinute,
                           int tokensPerMinute) {
  }

  private static LlmBudgets llmBudgets(Map<String, String> env) {
    String perRun = env.containsKey("LLM_TOKENS_PER_RUN") || !env.containsKey("LLM_TOKEN_BUDGET")
        ? "LLM_TOKENS_PER_RUN" : "LLM_TOKEN_BUDGET";
    return new LlmBudgets(
        intVar(env, "LLM_TOKENS_PER_DAY", 0, 0, 1_000_000_000),
        intVar(env, perRun, 20_000, 1_000, 1_000_000_000),
        intVar(env, "LLM_TOKENS_PER_JOB", 2_000, 800, 100_000),
        intVar(env, "LLM_REQUESTS_PER_MINUTE", 0, 0, 1_000_000),
        intVar(env, "LLM_TOKENS_PER_MINUTE", 0, 0, 1_000_000_000));
  }

  /**
   * {@code SANDBOX_PORT}: the sandbox board's own listener, never the app's port. By default the port after the app's
   * ({@code PORT} + 1, 8081), so the sandbox's links stay valid across restarts (jobs waiting for approval keep their
   * posting URL); a free port only when {@code PORT} is 0.
   */
  private static int sandboxPort(Map<String, String> env, int appPort) {
    int fallback = appPort == 0 || appPort >= 65535 ? 0 : appPort + 1;
    int p = intVar(env, "SANDBOX_PORT", fallback, 0, 65535);
    if (p != 0 && p == appPort) {
      throw new IllegalArgumentException("SANDBOX_PORT must differ from PORT (" + p + "): the sandbox has an origin of its own");
    }
    return p;
  }

  /** {@code name}'s value as a bare http(s) origin ({@code scheme://host[:port]}, normalised), or null when unset. */
  private static String origin(Map<String, String> env, String name) {
    String raw = blankToNull(env.get(name));
    return raw == null ? null : bareOrigin(name, raw);
  }

  /** A comma list of bare http(s) origins ({@code scheme://host[:port]}), normalised; fails naming a bad entry. */
  private static List<String> origins(Map<String, String> env, String name) {
    return list(env.get(name)).stream().map(entry -> bareOrigin(name, entry)).toList();
  }

  private static String bareOrigin(String name, String entry) {
    String origin = io.applyflow.platform.web.SafeUrls.bareOrigin(entry);
    if (origin == null) {
      throw new IllegalArgumentException(name + " entry '" + entry + "' is not an origin: write scheme://host[:port] "
          + "with http or https and nothing after the port, e.g. https://jobs.example.com");
    }
    return origin;
  }
  /** Board tokens of the Greenhouse watch-list, without the {@code greenhouse:} prefix. */
  public List<String> greenhouseBoards() {
    return watchEntries().stream().filter(e -> e.kind().equals("greenhouse")).map(WatchEntry::board).toList();
  }

  /** With the sandbox on and neither a watch-list nor a search key, searches go to the sandbox's boards. */
  public boolean searchUsesSandbox() {
    return sandbox && watchlist.isEmpty() && serperApiKey == null;
  }

  /** Whether browsers reach Applyflow over https (PUBLIC_URL says so), so its cookies must be {@code Secure}. */
  public boolean publicHttps() {
    return publicUrl != null && publicUrl.regionMatches(true, 0, "https://", 0, 8);
  }

  public boolean runs(String role) {
    return roles.contains(role);
  }

  private static int intVar(Map<String, String> env, String name, int dflt, int min, int max) {
    String raw = blankToNull(env.get(name));
    if (raw == null) {
      return dflt;
    }
    try {
      int v = Integer.parseInt(raw.trim());
      if (v < min || v > max) {
        throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + raw);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'");
    }
  }

  private static boolean boolVar(Map<String, String> env, String name, boolean dflt) {
    String raw = blankToNull(env.get(name));
    if (raw == null) {
      return dflt;
    }
    return switch (raw.trim().toLowerCase()) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + raw + "'");
    };
  }

  private static List<String> list(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String trimSlash(String s) {
    String t = s.trim();
    return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
  }
}
