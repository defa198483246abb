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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.HexFormat;

/**
 * Opaque random tokens for API clients (bearer) and browser sessions (cookie). Only their SHA-256 is stored,
 * so a database leak does not leak usable tokens, and no list ever shows one again: a token is named by its id.
 *
 * <p>Lifetimes: an API token expires {@link #API_IDLE} after its last use and {@link #API_MAX} after it was issued,
 * whichever comes first (a forgotten token, say one left in a shell history or a CI log, dies within a week; a script
 * in use keeps working for a month, then logs in again). A browser session lasts {@link #WEB_TTL} from log-in, like
 * its cookie. Use is recorded at most once a minute per token. Expired rows are deleted by {@link #purgeExpired()}.
 */
public final class Tokens {
  public static final Duration API_IDLE = Duration.ofDays(7);
  public static final Duration API_MAX = Duration.ofDays(30);
  public static final Duration WEB_TTL = Duration.ofDays(7);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;

  public Tokens(Pool pool) {
    this.pool = pool;
  }

  /** Issues a token of {@code kind} ('api' or 'web') for a user and returns it; only this call sees it in clear. */
  public Future<String> issue(long userId, String kind) {
    String token = random();
    Duration ttl = "api".equals(kind) ? API_IDLE : WEB_TTL;
    return pool.preparedQuery("""
            insert into auth_tokens (token_hash, user_id, kind, expires_at) values ($1, $2, $3, $4)""")
        .execute(Tuple.of(hash(token), userId, kind, OffsetDateTime.now(ZoneOffset.UTC).plus(ttl)))
        .map(rs -> token);
  }

  /** Who a token belongs to: the user and the token's own id (so a list can say "this one"). */
  public record Caller(long userId, long tokenId) {
  }

  /** The user id behind a token, or null when it is unknown or expired. */
  public Future<Long> userOf(String token, String kind) {
    return callerOf(token, kind).map(c -> c == null ? null : c.userId());
  }

  /**
   * The caller behind a token, or null when it is unknown or expired; records its use (at most once a minute) and,
   * for an API token, moves its expiry to {@link #API_IDLE} from now, never past {@link #API_MAX} after issue.
   */
  public Future<Caller> callerOf(String token, String kind) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery("""
            with found as (
              select token_hash, user_id, id from auth_tokens
              where token_hash = $1 and kind = $2 and expires_at > now()
            ), used as (
              update auth_tokens t set last_used_at = now(),
                expires_at = case when t.kind = 'api'
                  then least(t.created_at + $3::int * interval '1 second', now() + $4::int * interval '1 second')
                  else t.expires_at end
              from found where t.token_hash = found.token_hash
                and (t.last_used_at is null or t.last_used_at < now() - interval '1 minute')
            )
            select user_id, id from found""")
        .execute(Tuple.of(hash(token), kind, (int) API_MAX.toSeconds(), (int) API_IDLE.toSeconds()))
        .map(rs -> {
          var it = rs.iterator();
          if (!it.hasNext()) {
            return null;
          }
          Row row = it.next();
          return new Caller(row.getLong("user_id"), row.getLong("id"));
        });
  }

  /** A token as its owner sees it in a list: never the token itself. */
  public record Listed(long id, String kind, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
                       OffsetDateTime expiresAt) {
  }

  /** The user's unexpired tokens, newest first. */
  public Future<List<Listed>> list(long userId) {
    return pool.preparedQuery("""
            select id, kind, created_at, last_used_at, expires_at from auth_tokens
            where user_id = $1 and expires_at > now() order by created_at desc, id desc""")
        .execute(Tuple.of(userId))
        .map(rs -> {
          List<Listed> out = new ArrayList<>();
          for (Row r : rs) {
            out.add(new Listed(r.getLong("id"), r.getString("kind"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("last_used_at"), r.getOffsetDateTime("expires_at")));
          }
          return out;
        });
  }

  /** Revokes the user's token {@code id}; false when the user has no such token (someone else's included). */
  public Future<Boolean> revoke(long userId, long id) {
    return pool.preparedQuery("delete from auth_tokens where id = $1 and user_id = $2")
        .execute(Tuple.of(id, userId)).map(rs -> rs.rowCount() == 1);
  }

  /** Deletes every expired token; returns how many. Safe on every node at once (at start-up and hourly). */
  public Future<Integer> purgeExpired() {
    return pool.query("delete from auth_tokens where expires_at <= now()").execute().map(rs -> rs.rowCount());
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
