package io.applyflow.platform.security;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque random tokens for API clients (bearer) and browser sessions (cookie). Only their SHA-256 is stored,
 * so a database leak does not leak usable tokens.
 */
public final class Tokens {
  public static final Duration API_TTL = Duration.ofDays(30);
  public static final Duration WEB_TTL = Duration.ofDays(7);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;

  public Tokens(Pool pool) {
    this.pool = pool;
  }

  /** Issues a token of {@code kind} ('api' or 'web') for a user and returns it; only this call sees it in clear. */
  public Future<String> issue(long userId, String kind) {
    String token = random();
    Duration ttl = "api".equals(kind) ? API_TTL : WEB_TTL;
    return pool.preparedQuery("""
            insert into auth_tokens (token_hash, user_id, kind, expires_at) values ($1, $2, $3, $4)""")
        .execute(Tuple.of(hash(token), userId, kind, OffsetDateTime.now(ZoneOffset.UTC).plus(ttl)))
        .map(rs -> token);
  }

  /** The user id behind a token, or null when it is unknown or expired. */
  public Future<Long> userOf(String token, String kind) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery("""
            select user_id from auth_tokens where token_hash = $1 and kind = $2 and expires_at > now()""")
        .execute(Tuple.of(hash(token), kind))
        .map(rs -> {
          var it = rs.iterator();
          if (!it.hasNext()) {
            return null;
          }
          Row row = it.next();
          return row.getLong("user_id");
        });
  }

  public Future<Void> revoke(String token) {
    return pool.preparedQuery("delete from auth_tokens where token_hash = $1")
        .execute(Tuple.of(hash(token))).mapEmpty();
  }

  public static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
