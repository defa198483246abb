package io.applyflow.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * Login throttling and the sign-up limit, kept in Postgres so they hold across restarts and every node of a cluster.
 *
 * <p>Log-in: each attempt is counted against two keys, the account (the email, stored as a SHA-256) and the client
 * address. A key gets {@link Rule#free} failures free; after that, each further failure locks the key for an
 * exponentially growing time: 1 s, 2 s, 4 s ... capped at 15 min. An attempt while either key is locked is refused
 * with the time to wait, before any password is hashed. The attempt is counted <em>before</em> the password is
 * checked (in a transaction that locks both rows), so a burst of parallel guesses cannot all slip through before the
 * first failure is written; a success then takes its count back: the account's counter is reset, the address's is
 * lowered by one. A key with no failure for {@link Rule#forgetAfter} starts again from zero (accounts after 24 h,
 * addresses after 1 h: a shared address should not stay locked by others' typos).
 *
 * <p>Sign-up: at most {@code signupsPerHour} per client address in a fixed one-hour window (SIGNUPS_PER_HOUR).
 */
public final class Throttle {
  public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  public static final Duration MAX_DELAY = Duration.ofMinutes(15);

  /** How many failures are free and when a quiet key is forgotten. */
  public record Rule(String prefix, int free, Duration forgetAfter) {
  }

  public static final Rule ACCOUNT = new Rule("account:", 5, Duration.ofHours(24));
  public static final Rule ADDRESS = new Rule("address:", 20, Duration.ofHours(1));
  public static final Duration SIGNUP_WINDOW = Duration.ofHours(1);

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'");

  private final Pool pool;
  private final int signupsPerHour;

  public Throttle(Pool pool, int signupsPerHour) {
    this.pool = pool;
    this.signupsPerHour = signupsPerHour;
  }

  /** Refused for now: the edge answers 429 with {@code Retry-After: retryAfterSeconds}. */
  public static final class Refused extends RuntimeException {
    public final long retryAfterSeconds;

    Refused(String message, long retryAfterSeconds) {
      super(message, null, false, false);
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  /** How long a key with {@code failures} failures, the last at {@code last}, is locked at {@code now} (may be 0). */
  static Duration lockedFor(Rule rule, int failures, OffsetDateTime last, OffsetDateTime now) {
    if (last.plus(rule.forgetAfter()).isBefore(now)) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, last.plus(delay(rule, failures)));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The lock after the {@code failures}-th failure: none while free, then 1 s doubling, at most 15 min. */
  static Duration delay(Rule rule, int failures) {
    int over = failures - rule.free();
    if (over <= 0) {
      return Duration.ZERO;
    }
    long seconds = over > 20 ? MAX_DELAY.toSeconds() : FIRST_DELAY.toSeconds() << (over - 1);
    return Duration.ofSeconds(Math.min(seconds, MAX_DELAY.toSeconds()));
  }

  /**
   * Counts a log-in attempt for {@code email} from {@code address}, or fails with {@link Refused} when either is
   * locked (and then counts nothing). Call {@link #succeeded} when the password was right.
   */
  public Future<Void> attempt(String email, String address) {
    List<String> keys = new ArrayList<>(new TreeSet<>(List.of(accountKey(email), addressKey(address))));
    // sorted keys, so two attempts sharing one key lock rows in the same order (no deadlock)
    return pool.withTransaction(conn -> conn.preparedQuery("""
                insert into login_failures (key, failures, last_failure_at)
                select k, 0, now() from unnest($1::text[]) as k order by k
                on conflict (key) do nothing""").execute(Tuple.of(keys.toArray(String[]::new)))
        .compose(v -> conn.preparedQuery("""
                select key, failures, last_failure_at, now() as now from login_failures
                where key = any($1) order by key for update""").execute(Tuple.of(keys.toArray(String[]::new))))
        .compose(rows -> {
          Duration wait = Duration.ZERO;
          OffsetDateTime now = null;
          List<Tuple> counted = new ArrayList<>();
          for (Row row : rows) {
            Rule rule = row.getString("key").startsWith(ACCOUNT.prefix()) ? ACCOUNT : ADDRESS;
            now = row.getOffsetDateTime("now");
            OffsetDateTime last = row.getOffsetDateTime("last_failure_at");
            int failures = last.plus(rule.forgetAfter()).isBefore(now) ? 0 : row.getInteger("failures");
            Duration locked = lockedFor(rule, failures, last, now);
            if (locked.compareTo(wait) > 0) {
              wait = locked;
            }
            counted.add(Tuple.of(row.getString("key"), failures + 1));
          }
          if (!wait.isZero()) {
            return Future.failedFuture(refused("Too many failed log-ins for this account or from your address.",
                wait, now));
          }
          return count(conn, counted);
        }));
  }

  private static Future<Void> count(SqlConnection conn, List<Tuple> counted) {
    return conn.preparedQuery("update login_failures set failures = $2, last_failure_at = now() where key = $1")
        .executeBatch(counted).mapEmpty();
  }

  /** The password was right: the account starts again from zero, and the address's count of this attempt is undone. */
  public Future<Void> succeeded(String email, String address) {
    return pool.preparedQuery("delete from login_failures where key = $1").execute(Tuple.of(accountKey(email)))
        .compose(v -> pool.preparedQuery("""
                update login_failures set failures = greatest(failures - 1, 0) where key = $1""")
            .execute(Tuple.of(addressKey(address))))
        .mapEmpty();
  }

  /** Counts a sign-up from {@code address}, or fails with {@link Refused} past the hourly limit. */
  public Future<Void> signup(String address) {
    return pool.preparedQuery("""
            insert into signup_counts as s (address, window_start, count) values ($1, now(), 1)
            on conflict (address) do update set
              window_start = case when s.window_start <= now() - $2::int * interval '1 second' then now() else s.window_start end,
              count = case when s.window_start <= now() - $2::int * interval '1 second' then 1 else s.count + 1 end
            returning count, window_start, now() as now""")
        .execute(Tuple.of(address, (int) SIGNUP_WINDOW.toSeconds()))
        .compose(rs -> {
          Row row = rs.iterator().next();
          if (row.getInteger("count") <= signupsPerHour) {
            return Future.succeededFuture();
          }
          OffsetDateTime now = row.getOffsetDateTime("now");
          Duration wait = Duration.between(now, row.getOffsetDateTime("window_start").plus(SIGNUP_WINDOW));
          return Future.failedFuture(refused("Too many sign-ups from your address (at most " + signupsPerHour
              + " an hour).", wait, now));
        });
  }

  /** Deletes counters nobody needs any more; returns how many rows went. Safe to run on every node at once. */
  public Future<Integer> purge() {
    return pool.preparedQuery("""
            delete from login_failures
            where (key like 'account:%' and last_failure_at < now() - $1::int * interval '1 second')
               or (key like 'address:%' and last_failure_at < now() - $2::int * interval '1 second')
               or failures = 0 and last_failure_at < now() - interval '1 minute'""")
        .execute(Tuple.of((int) ACCOUNT.forgetAfter().toSeconds(), (int) ADDRESS.forgetAfter().toSeconds()))
        .compose(a -> pool.preparedQuery("""
                delete from signup_counts where window_start < now() - $1::int * interval '1 second'""")
            .execute(Tuple.of((int) SIGNUP_WINDOW.toSeconds()))
            .map(b -> a.rowCount() + b.rowCount()));
  }

  private static Refused refused(String why, Duration wait, OffsetDateTime now) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    OffsetDateTime at = now.plusSeconds(seconds).withOffsetSameInstant(ZoneOffset.UTC);
    return new Refused(why + " Try again in " + spoken(seconds) + " (at " + CLOCK.format(at) + ").", seconds);
  }

  private static String spoken(long seconds) {
    if (seconds < 60) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = (seconds + 59) / 60;
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }

  static String accountKey(String email) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
      return ACCOUNT.prefix() + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String addressKey(String address) {
    return ADDRESS.prefix() + address;
  }
}
