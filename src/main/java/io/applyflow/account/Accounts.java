package io.applyflow.account;

import io.applyflow.platform.bus.Failure;
import io.applyflow.platform.security.Tokens;
import io.applyflow.platform.web.Inputs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Locale;

/**
 * Registration and login: validation, throttling ({@link Throttle}: before any hashing), password hashing on a worker
 * thread ({@link Passwords}), and token issue.
 */
public final class Accounts {

  private final Vertx vertx;
  private final Pool pool;
  private final Tokens tokens;
  private final Throttle throttle;

  public Accounts(Vertx vertx, Pool pool, Tokens tokens, Throttle throttle) {
    this.vertx = vertx;
    this.pool = pool;
    this.tokens = tokens;
    this.throttle = throttle;
  }

  public record Registered(long userId, String token) {
  }

  /**
   * Creates a user and returns a token of {@code kind}; BAD_INPUT names the bad field, CONFLICT a taken email,
   * {@link Throttle.Refused} too many sign-ups from {@code address}.
   */
  public Future<Registered> register(String email, String password, String name, String kind, String address) {
    String e = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    String n = name == null ? "" : name.trim();
    // the length first, then one linear scan (Inputs.isEmail): no regular expression on what the user typed
    if (e.length() > Inputs.EMAIL) {
      return Future.failedFuture(Failure.BAD_INPUT.with("email is too long: at most " + Inputs.EMAIL + " characters"));
    }
    if (!Inputs.isEmail(e)) {
      return Future.failedFuture(Failure.BAD_INPUT.with("email is not a valid address"));
    }
    String passwordProblem = Passwords.problem(password);
    if (passwordProblem != null) {
      return Future.failedFuture(Failure.BAD_INPUT.with(passwordProblem));
    }
    if (n.isEmpty() || n.length() > 200) {
      return Future.failedFuture(Failure.BAD_INPUT.with("name is required (at most 200 characters)"));
    }
    return throttle.signup(address)
        .compose(v -> vertx.executeBlocking(() -> Passwords.hash(password), false))
        .compose(hash -> pool.preparedQuery("""
                insert into users (email, name, password_hash) values ($1, $2, $3) returning id""")
            .execute(Tuple.of(e, n, hash)))
        .recover(t -> t instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(Failure.CONFLICT.with("an account with this email already exists; log in instead"))
            : Future.failedFuture(t))
        .compose(rs -> {
          long id = rs.iterator().next().getLong("id");
          return tokens.issue(id, kind).map(token -> new Registered(id, token));
        });
  }

  /**
   * Checks the credentials and returns a fresh token; a wrong email and a wrong password look the same. Fails with
   * {@link Throttle.Refused} while the account or {@code address} is locked, without hashing anything.
   */
  public Future<Registered> login(String email, String password, String kind, String address) {
    if (email == null || password == null || email.isBlank() || password.isEmpty()) {
      return Future.failedFuture(Failure.BAD_INPUT.with("email and password are required"));
    }
    if (email.length() > 320) {
      return Future.failedFuture(Failure.BAD_INPUT.with("email is too long (at most 320 characters)"));
    }
    String tooLong = Passwords.tooLong(password);
    if (tooLong != null) {
      return Future.failedFuture(Failure.BAD_INPUT.with(tooLong));
    }
    String e = email.trim().toLowerCase(Locale.ROOT);
    return throttle.attempt(e, address)
        .compose(v -> pool.preparedQuery("select id, password_hash from users where email = $1").execute(Tuple.of(e)))
        .compose(rs -> {
          Row row = rs.iterator().hasNext() ? rs.iterator().next() : null;
          String hash = row == null ? null : row.getString("password_hash");
          return vertx.executeBlocking(() -> Passwords.verify(password, hash), false)
              .compose(check -> {
                if (!check.ok() || row == null) {
                  return Future.failedFuture(new Unauthorized());
                }
                long id = row.getLong("id");
                Future<Void> upgraded = check.needsRehash() ? rehash(id, password) : Future.succeededFuture();
                return upgraded.compose(v -> throttle.succeeded(e, address))
                    .compose(v -> tokens.issue(id, kind))
                    .map(t -> new Registered(id, t));
              });
        });
  }

  /** Replaces a hash from before pre-hashing by one in the current format (the password was just verified). */
  private Future<Void> rehash(long userId, String password) {
    return vertx.executeBlocking(() -> Passwords.hash(password), false)
        .compose(hash -> pool.preparedQuery("update users set password_hash = $2 where id = $1")
            .execute(Tuple.of(userId, hash)))
        .mapEmpty();
  }

  /** Wrong credentials: the edge answers 401. */
  public static final class Unauthorized extends RuntimeException {
    Unauthorized() {
      super("email or password is wrong", null, false, false);
    }
  }
}
