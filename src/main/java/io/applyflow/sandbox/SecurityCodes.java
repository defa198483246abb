package io.applyflow.sandbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The email security codes of the sandbox's {@code security-code} scenario, in {@code sandbox_security_codes}.
 * Greenhouse's renderer asks some applicants, after Submit, for "the 8-character code" it sent to the email address
 * on the application ({@code email_verification} in its i18n strings; EXTERNAL_APIS.md §2.4); the sandbox has no
 * mail server, so "sending" a code is storing it, and the app shows it only to a signed-in user whose own address it
 * went to ({@link #mailFor}).
 *
 * <p>Assumed, not measured: codes are 8 characters of upper-case letters and digits (the i18n string says only
 * "8-character"), compared without regard to case, valid for {@code SANDBOX_SECURITY_CODE_TTL_SECONDS} (default 10
 * minutes; Greenhouse's real lifetime is not documented), one use each, and only the newest code sent for an
 * (email, posting) counts.
 *
 * <p>Threading: every method is non-blocking and returns a Vert.x {@link Future}.
 */
public final class SecurityCodes {
  private static final Logger log = LoggerFactory.getLogger(SecurityCodes.class);
  /** System property, else environment variable: how long a code stays valid, in seconds. */
  public static final String TTL = "SANDBOX_SECURITY_CODE_TTL_SECONDS";
  static final long DEFAULT_TTL_SECONDS = 600;
  /** No 0/O or 1/I: a person copies these from an email. */
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a code sent with an application turned out to be. */
  enum Check { ACCEPTED, WRONG, EXPIRED }

  private final Pool pool;

  SecurityCodes(Pool pool) {
    this.pool = pool;
  }

  /** The code lifetime: {@value #TTL} as a system property, else the environment, else 600 s; 1 s to 1 day. */
  static long ttlSeconds() {
    String raw = System.getProperty(TTL);
    if (raw == null || raw.isBlank()) {
      raw = System.getenv(TTL);
    }
    if (raw == null || raw.isBlank()) {
      return DEFAULT_TTL_SECONDS;
    }
    try {
      return Math.max(1, Math.min(86_400, Long.parseLong(raw.strip())));
    } catch (NumberFormatException e) {
      log.warn("{}='{}' is not a number of seconds; using {}", TTL, raw, DEFAULT_TTL_SECONDS);
      return DEFAULT_TTL_SECONDS;
    }
  }

  static String newCode() {
    StringBuilder b = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /** "Emails" a new code to {@code email} for this posting; completes with the code. */
  Future<String> send(String board, long jobId, String email) {
    String code = newCode();
    return pool.preparedQuery("""
            insert into sandbox_security_codes (board, job_id, email, code, expires_at)
            values ($1, $2, $3, $4, now() + make_interval(secs => $5))""")
        .execute(Tuple.of(board, jobId, email, code, (double) ttlSeconds()))
        .map(rs -> {
          log.info("sandbox sent a security code for {}/{} to {}", board, jobId, email);
          return code;
        });
  }

  /**
   * Checks {@code given} against the newest code sent to {@code email} for this posting and, when it is right and
   * still valid, uses it up (a code is taken once).
   */
  Future<Check> use(String board, long jobId, String email, String given) {
    String wanted = given == null ? "" : given.strip().toUpperCase(Locale.ROOT);
    return pool.preparedQuery("""
            select id, code, expires_at <= now() as expired from sandbox_security_codes
            where board = $1 and job_id = $2 and lower(email) = lower($3) and used_at is null
            order by id desc limit 1""")
        .execute(Tuple.of(board, jobId, email))
        .compose(rs -> {
          if (!rs.iterator().hasNext()) {
            return Future.succeededFuture(Check.WRONG);
          }
          Row r = rs.iterator().next();
          if (!r.getString("code").equals(wanted)) {
            return Future.succeededFuture(Check.WRONG);
          }
          if (r.getBoolean("expired")) {
            return Future.succeededFuture(Check.EXPIRED);
          }
          return pool.preparedQuery("""
                  update sandbox_security_codes set used_at = now() where id = $1 and used_at is null returning id""")
              .execute(Tuple.of(r.getLong("id")))
              .map(u -> u.iterator().hasNext() ? Check.ACCEPTED : Check.WRONG);
        });
  }

  /**
   * The codes the sandbox sent to the user's own addresses, newest first (at most 50): the account's email and the
   * profile's ({@code applicant.email}, {@code resume.basics.email}), compared without case. Each as
   * {@code {id, to, from, subject, body, code, board, job_id, sent_at, expires_at, used}}.
   */
  Future<List<JsonObject>> mailFor(long userId) {
    return pool.preparedQuery("""
            select c.id, c.board, c.job_id, c.email, c.code, c.sent_at, c.expires_at, c.used_at is not null as used
            from sandbox_security_codes c
            where lower(c.email) in (
              select lower(u.email) from users u where u.id = $1
              union select lower(p.applicant->>'email') from profiles p where p.user_id = $1
              union select lower(p.resume->'basics'->>'email') from profiles p where p.user_id = $1)
            order by c.id desc limit 50""")
        .execute(Tuple.of(userId))
        .map(rs -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row r : rs) {
            String board = r.getString("board");
            String company = SandboxBoards.get().board(board).map(SandboxBoards.Board::name).orElse(board);
            String title = SandboxBoards.get().posting(board, r.getLong("job_id")).map(SandboxBoards.Posting::title)
                .orElse("a job");
            String code = r.getString("code");
            out.add(new JsonObject().put("id", r.getLong("id"))
                .put("to", r.getString("email"))
                .put("from", company + " (Applyflow sandbox) <no-reply@sandbox.invalid>")
                .put("subject", "Security code for your application to " + company)
                .put("body", "Copy and paste this code into the security code field on your application for " + title
                    + ": " + code + ". It expires " + ttlWords() + " after it was sent.")
                .put("code", code)
                .put("board", board).put("job_id", r.getLong("job_id")).put("posting_title", title)
                .put("sent_at", r.getOffsetDateTime("sent_at").toString())
                .put("expires_at", r.getOffsetDateTime("expires_at").toString())
                .put("expired", r.getOffsetDateTime("expires_at").isBefore(OffsetDateTime.now()))
                .put("used", r.getBoolean("used")));
          }
          return out;
        });
  }

  private static String ttlWords() {
    long s = ttlSeconds();
    return s % 60 == 0 ? s / 60 + " minute" + (s == 60 ? "" : "s") : s + " seconds";
  }
}
