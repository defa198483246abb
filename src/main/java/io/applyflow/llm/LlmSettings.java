package io.applyflow.llm;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.SecretBox;
import io.applyflow.platform.web.SafeUrls;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;

/**
 * A user's own LLM server, model and key (table {@code llm_settings}), and the {@link LlmConfig} a user's LLM calls
 * use: their own when they set a base URL or a key, else the installation's ({@code LLM_BASE_URL}, {@code LLM_API_KEY},
 * {@code LLM_MODEL}). The key is write-only: it is stored sealed ({@link SecretBox}, bound to the user's id), opened
 * only by {@link #effective} and {@link #candidate}, and never part of a {@link View}. Every query is keyed by the
 * user's id. Non-blocking (the pool); sealing and opening a key is microseconds of work on the caller's thread.
 */
public final class LlmSettings {
  /** The longest model name accepted. */
  public static final int MAX_MODEL = 200;
  /** The longest key accepted (Groq's are 56 characters, OpenAI's project keys about 160). */
  public static final int MAX_KEY = 400;

  private final Pool pool;
  private final SecretBox box;
  private final LlmConfig installation;

  /**
   * @param installation the installation's default, from {@code LLM_BASE_URL}, {@code LLM_API_KEY} and
   *                     {@code LLM_MODEL} ({@link LlmConfig#fromEnv}); never shown with its key
   */
  public LlmSettings(Pool pool, SecretBox box, LlmConfig installation) {
    this.pool = pool;
    this.box = box;
    this.installation = installation;
  }

  /**
   * What a page or the API may show of a user's LLM settings; never the key nor any part of it.
   *
   * @param source     where the settings in use come from: {@code user}, {@code installation}, or {@code none} when
   *                   neither sets a server (tailoring is then deterministic)
   * @param baseUrl    the base URL in use, null when none
   * @param model      the model in use, null when none
   * @param keySet     whether a key is sent with the settings in use
   * @param ownBaseUrl the user's own saved base URL, null when none
   * @param ownModel   the user's own saved model, null when none
   * @param ownKeySet  whether the user saved a key
   */
  public record View(String source, String baseUrl, String model, boolean keySet, String ownBaseUrl, String ownModel,
                     boolean ownKeySet) {
    public JsonObject toJson() {
      return new JsonObject().put("source", source).put("base_url", baseUrl).put("model", model).put("key_set", keySet)
          .put("own", new JsonObject().put("base_url", ownBaseUrl).put("model", ownModel).put("key_set", ownKeySet));
    }
  }

  /** A user's row: what they saved (each part may be null); the key sealed. */
  private record Own(String baseUrl, String model, byte[] sealed) {
    static final Own NONE = new Own(null, null, null);

    /** A user's own settings apply once they name a server or give a key. */
    boolean applies() {
      return baseUrl != null || sealed != null;
    }
  }

  /**
   * Checked values of a form or a JSON body: blank means none; the key is the new one typed (null keeps the saved
   * one unless {@code removeKey}).
   */
  public record Input(String baseUrl, String model, String newKey, boolean removeKey) {
    /** Checks and normalises the values; BAD_INPUT naming the field (and never repeating a key). */
    public static Input of(String baseUrl, String model, String newKey, boolean removeKey) {
      String base = checkedBaseUrl(baseUrl);
      String m = checkedModel(model);
      String key = checkedKey(newKey);
      if (base != null && m == null && !LlmConfig.GROQ_BASE_URL.equals(base)) {
        throw Failure.BAD_INPUT.with("model is needed with a base URL other than Groq's: name the model the server at "
            + base + " should use (its GET /models lists them)");
      }
      return new Input(base, m, key, removeKey && key == null);
    }
  }

  /** The configuration the user's LLM calls use now: their own settings, else the installation's default. */
  public Future<LlmConfig> effective(long userId) {
    return own(userId).map(own -> {
      if (!own.applies()) {
        return installation;
      }
      return LlmConfig.resolve(own.baseUrl(), own.sealed() == null ? null : open(own.sealed(), userId), own.model());
    });
  }

  /**
   * The configuration {@link #save} would make effective with {@code in}, without saving it (for "Test connection"):
   * a blank key field means the saved key, unless it is to be removed.
   */
  public Future<LlmConfig> candidate(long userId, Input in) {
    return own(userId).map(own -> {
      String key = in.newKey() != null ? in.newKey()
          : in.removeKey() || own.sealed() == null ? null : open(own.sealed(), userId);
      return in.baseUrl() == null && key == null ? installation : LlmConfig.resolve(in.baseUrl(), key, in.model());
    });
  }

  /** What the user's settings page and {@code GET /api/settings/llm} show. */
  public Future<View> view(long userId) {
    return own(userId).map(own -> {
      if (own.applies()) {
        LlmConfig c = LlmConfig.resolve(own.baseUrl(), own.sealed() == null ? null : "set", own.model());
        return new View("user", c.baseUrl(), c.model(), own.sealed() != null, own.baseUrl(), own.model(),
            own.sealed() != null);
      }
      return new View(installation.baseUrl() == null ? "none" : "installation", installation.baseUrl(),
          installation.model(), installation.apiKey() != null, own.baseUrl(), own.model(), false);
    });
  }

  /**
   * Saves a user's settings. A blank base URL or model clears it; a null or blank {@code newKey} keeps the saved key
   * (the field is write-only), {@code removeKey} deletes it; a new key replaces the saved one. BAD_INPUT naming the
   * field: a base URL that is not an absolute http(s) URL (RFC 3986) with a host and without user info, query or
   * fragment; a model that is not 1 to {@value #MAX_MODEL} printable characters; a key over {@value #MAX_KEY}
   * characters or holding anything but printable ASCII (a space, a control character, a letter outside ASCII).
   */
  public Future<View> save(long userId, String baseUrl, String model, String newKey, boolean removeKey) {
    Input in;
    try {
      in = Input.of(baseUrl, model, newKey, removeKey);
    } catch (Failure.Coded e) {
      return Future.failedFuture(e);
    }
    return save(userId, in);
  }

  /** {@link #save(long, String, String, String, boolean)} with values already checked. */
  public Future<View> save(long userId, Input in) {
    byte[] sealed = in.newKey() == null ? null : box.seal(in.newKey(), userId);
    boolean replaceKey = in.newKey() != null || in.removeKey();
    return pool.preparedQuery("""
            insert into llm_settings (user_id, base_url, model, api_key_sealed, updated_at)
            values ($1, $2, $3, $4, now())
            on conflict (user_id) do update set base_url = excluded.base_url, model = excluded.model,
              api_key_sealed = case when $5 then excluded.api_key_sealed else llm_settings.api_key_sealed end,
              updated_at = now()""")
        .execute(Tuple.of(userId, in.baseUrl(), in.model(), sealed == null ? null : Buffer.buffer(sealed), replaceKey))
        .compose(rs -> view(userId));
  }

  private Future<Own> own(long userId) {
    return pool.preparedQuery("select base_url, model, api_key_sealed from llm_settings where user_id = $1")
        .execute(Tuple.of(userId))
        .map(rs -> {
          RowIterator<Row> it = rs.iterator();
          if (!it.hasNext()) {
            return Own.NONE;
          }
          Row r = it.next();
          Buffer sealed = r.getBuffer("api_key_sealed");
          return new Own(r.getString("base_url"), r.getString("model"), sealed == null ? null : sealed.getBytes());
        });
  }

  private String open(byte[] sealed, long userId) {
    try {
      return box.open(sealed, userId);
    } catch (SecretBox.Unopenable e) {
      throw Failure.CONFLICT.with("your saved LLM API key cannot be opened with this installation's master key ("
          + SecretBox.ENV + " or DATA_DIR/" + SecretBox.FILE + " changed, or a node of the cluster has another one);"
          + " enter the key again on the settings page");
    }
  }

  // --- validation (linear scans; nothing is parsed before its length is checked) ---------------------------------

  private static String checkedBaseUrl(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String s = raw.strip();
    java.net.URI uri = SafeUrls.parse(s);
    String why = uri == null ? SafeUrls.refusal(s)
        : uri.getRawFragment() != null ? "it has a fragment (#...)"
        : uri.getRawQuery() != null ? "it has a query (?...); /chat/completions is appended to it"
        : null;
    if (why != null) {
      throw Failure.BAD_INPUT.with("base_url must be an absolute http or https URL with a host and without user info,"
          + " query or fragment, e.g. " + LlmConfig.GROQ_BASE_URL + " or http://localhost:11434/v1: " + why);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static String checkedModel(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String s = raw.strip();
    if (s.length() > MAX_MODEL) {
      throw Failure.BAD_INPUT.with("model is too long: at most " + MAX_MODEL + " characters, got " + s.length());
    }
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!printable(cp)) {
        throw Failure.BAD_INPUT.with("model must be printable characters only: it has " + String.format("U+%04X", cp)
            + " at position " + i);
      }
      i += Character.charCount(cp);
    }
    return s;
  }

  private static String checkedKey(String raw) {
    if (raw == null) {
      return null;
    }
    // a pasted key often brings a line break or a space at either end; only those are dropped
    String s = raw.strip();
    if (s.isEmpty()) {
      return null;
    }
    if (s.length() > MAX_KEY) {
      throw Failure.BAD_INPUT.with("api_key is too long: at most " + MAX_KEY + " characters, got " + s.length());
    }
    // it travels in an HTTP header: printable ASCII only (every provider's keys are)
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw Failure.BAD_INPUT.with("api_key must be printable ASCII without a space or a control character: position "
            + i + " is not (the key itself is not shown)");
      }
    }
    return s;
  }

  private static boolean printable(int cp) {
    int type = Character.getType(cp);
    return !Character.isISOControl(cp) && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.SURROGATE && type != Character.PRIVATE_USE && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR;
  }
}
