package io.applyflow.llm;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Lets a request reach an LLM provider only when it fits the provider's rate limits, so that the client waits
 * instead of being answered 429. One queue per provider account (base URL and key), first come first served.
 *
 * <p>What it knows about the limits, for each account:
 * <ul>
 *   <li><b>What the provider said last</b>: every answer's {@code x-ratelimit-limit-*}, {@code -remaining-*} and
 *       {@code -reset-*} for requests and tokens (Groq: requests per day, tokens per minute; OpenAI: both per
 *       minute). The gate needs no window length: a limit read as "{@code remaining} until {@code reset}, then
 *       {@code limit}" is safe for the sliding windows and the refilling buckets providers use alike (capacity
 *       only ever comes back sooner than that). Requests still in flight are subtracted from what is left, since
 *       the provider may already have counted them or may be about to.</li>
 *   <li><b>Known figures</b> ({@link Limits}: e.g. Groq's free tier, 30 requests and 12,000 tokens per minute, or
 *       what the installation configures): the gate also keeps its own sliding minute of what it sent, which covers
 *       the first requests before any header and limits a provider does not announce (Groq announces no RPM).</li>
 *   <li><b>A 429 anyway</b> (another client on the same key, a limit nobody announced): everything for that account
 *       waits out the answer's {@code retry-after} or reset hint.</li>
 *   <li>Knowing nothing (no figures, no answer yet): one request at a time until the first answer has headers.</li>
 * </ul>
 * A request whose wait would pass its caller's {@code maxWait} is refused at once with {@link TooLong} (saying which
 * limit and for how long), never left to hang: the caller goes on without the model.
 *
 * <p>The request's cost in tokens is what the provider counts at admission: the prompt's tokens plus the answer's
 * {@code max_tokens}.
 *
 * <p>Thread-safe: state is guarded by this object; promises are completed outside the lock, waits are Vert.x timers.
 * One gate per node: two nodes on one key see each other only through the provider's headers.
 */
public final class RateGate {
  /** What is known of an account's limits before any answer; 0 means not known. */
  public record Limits(int requestsPerMinute, int tokensPerMinute) {
    public static final Limits UNKNOWN = new Limits(0, 0);
  }

  /** A request let through; give it back with {@link #answered} or {@link #failed}. */
  public static final class Permit {
    final String account;
    final long tokens;

    private Permit(String account, long tokens) {
      this.account = account;
      this.tokens = tokens;
    }
  }

  /** The wait a request would need passes what its caller allows. */
  public static final class TooLong extends RuntimeException {
    public final long waitMillis;
    public final String limit;

    TooLong(long waitMillis, String limit) {
      super("the provider's " + limit + " would make this request wait " + Math.round(waitMillis / 1000.0) + " s",
          null, false, false);
      this.waitMillis = waitMillis;
      this.limit = limit;
    }
  }

  private static final long MINUTE = 60_000;
  /** Added to every reset the provider names, for the clocks' difference and the answer's travel time. */
  private static final long MARGIN = 250;

  private final Vertx vertx;
  private final LongSupplier clock;
  private final Map<String, Account> accounts = new HashMap<>();

  public RateGate(Vertx vertx) {
    this(vertx, System::currentTimeMillis);
  }

  RateGate(Vertx vertx, LongSupplier clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  /**
   * A permit for a request of {@code tokens} on {@code account}, once it fits; fails with {@link TooLong} when it
   * would have to wait longer than {@code maxWait}.
   */
  public Future<Permit> acquire(String account, Limits known, long tokens, Duration maxWait) {
    Promise<Permit> promise = Promise.promise();
    synchronized (this) {
      Account a = accounts.computeIfAbsent(account, k -> new Account());
      a.known = known == null ? Limits.UNKNOWN : known;
      a.queue.add(new Waiter(account, tokens, clock.getAsLong() + maxWait.toMillis(), promise));
    }
    pump(account);
    return promise.future();
  }

  /** Gives back a permit whose request was answered, learning the limits from the answer's headers. */
  public void answered(Permit permit, int status, Function<String, String> header) {
    synchronized (this) {
      Account a = accounts.get(permit.account);
      long now = clock.getAsLong();
      a.release(permit);
      a.observe(header, now);
      if (status == 429) {
        // the server's own word on when a request fits again: retry-after, else the exhausted limit's reset
        Duration hint = RetryPolicy.serverHint(header);
        long until = now + (hint == null ? 1_000 : hint.toMillis()) + MARGIN;
        a.pausedUntil = Math.max(a.pausedUntil, until);
        a.capResets(until);
      }
    }
    pump(permit.account);
  }

  /** Gives back a permit whose request got no answer (unreachable, timed out). */
  public void failed(Permit permit) {
    synchronized (this) {
      accounts.get(permit.account).release(permit);
    }
    pump(permit.account);
  }

  /** Lets through every waiter at the head of the queue that fits now, refuses those that cannot wait long enough. */
  private void pump(String account) {
    List<Runnable> complete = new ArrayList<>();
    synchronized (this) {
      Account a = accounts.get(account);
      long now = clock.getAsLong();
      while (!a.queue.isEmpty()) {
        Waiter w = a.queue.peek();
        Decision d = a.decide(w.tokens, now);
        if (d.millis == 0) {
          a.queue.poll();
          Permit p = a.grant(w, now);
          complete.add(() -> w.promise.complete(p));
          continue;
        }
        if (d.millis == Decision.NEVER || now >= w.deadline || (d.millis > 0 && now + d.millis > w.deadline)) {
          a.queue.poll();
          TooLong refused = new TooLong(d.millis > 0 ? d.millis : w.deadline - now, d.limit);
          complete.add(() -> w.promise.fail(refused));
          continue;
        }
        // a timed wait, or one for an answer (re-pumped on every answer) that gives up at the waiter's deadline
        a.wakeAt(vertx, this, account, d.millis > 0 ? now + d.millis : w.deadline);
        break;
      }
    }
    complete.forEach(Runnable::run);
  }

  record Waiter(String account, long tokens, long deadline, Promise<Permit> promise) {
  }

  /**
   * Whether a request may go now ({@code millis} 0), after {@code millis} ms, after an answer of a request in flight
   * ({@link #ANSWER}) or never ({@link #NEVER}: larger than the limit itself); {@code limit} names what holds it.
   */
  record Decision(long millis, String limit) {
    static final long NEVER = -1;
    static final long ANSWER = Long.MIN_VALUE;
    static final Decision GO = new Decision(0, null);

    /** The more restrictive of two decisions. */
    static Decision later(Decision a, Decision b) {
      for (long kind : new long[] {NEVER, ANSWER}) {
        if (a.millis == kind) {
          return a;
        }
        if (b.millis == kind) {
          return b;
        }
      }
      return a.millis >= b.millis ? a : b;
    }
  }

  /** One provider account's view of its limits. Not thread-safe: guarded by the gate. */
  static final class Account {
    Limits known = Limits.UNKNOWN;
    final Deque<Waiter> queue = new ArrayDeque<>();
    /** What this node sent in the last minute: {time, tokens}. */
    final Deque<long[]> sent = new ArrayDeque<>();
    Window requests;
    Window tokens;
    int inFlight;
    long inFlightTokens;
    boolean answeredOnce;
    long pausedUntil;
    private long timerAt = Long.MAX_VALUE;
    private long timerId = -1;

    Decision decide(long cost, long now) {
      while (!sent.isEmpty() && sent.peekFirst()[0] <= now - MINUTE) {
        sent.pollFirst();
      }
      Decision d = Decision.GO;
      if (pausedUntil > now) {
        d = Decision.later(d, new Decision(pausedUntil - now, "answer 429 (rate limited)"));
      }
      if (known.requestsPerMinute() > 0 && sent.size() >= known.requestsPerMinute()) {
        long[] oldest = sent.toArray(new long[0][])[sent.size() - known.requestsPerMinute()];
        d = Decision.later(d, new Decision(oldest[0] + MINUTE - now + 1, "requests per minute ("
            + known.requestsPerMinute() + ")"));
      }
      if (known.tokensPerMinute() > 0) {
        if (cost > known.tokensPerMinute()) {
          return new Decision(Decision.NEVER, "tokens per minute (" + known.tokensPerMinute() + ", less than this request's "
              + cost + ")");
        }
        long used = 0;
        for (long[] s : sent) {
          used += s[1];
        }
        long free = known.tokensPerMinute() - used;
        long at = now;
        for (long[] s : sent) {
          if (free >= cost) {
            break;
          }
          free += s[1];
          at = s[0] + MINUTE + 1;
        }
        if (at > now) {
          d = Decision.later(d, new Decision(at - now, "tokens per minute (" + known.tokensPerMinute() + ")"));
        }
      }
      if (requests != null) {
        d = Decision.later(d, requests.decide(1, inFlight, now, "request limit"));
      }
      if (tokens != null) {
        d = Decision.later(d, tokens.decide(cost, inFlightTokens, now, "token limit"));
      }
      if (!answeredOnce && inFlight > 0 && known.requestsPerMinute() == 0 && known.tokensPerMinute() == 0) {
        d = Decision.later(d, new Decision(Decision.ANSWER, "first answer"));
      }
      return d;
    }

    Permit grant(Waiter w, long now) {
      inFlight++;
      inFlightTokens += w.tokens;
      sent.addLast(new long[] {now, w.tokens});
      return new Permit(w.account, w.tokens);
    }

    void release(Permit p) {
      inFlight = Math.max(0, inFlight - 1);
      inFlightTokens = Math.max(0, inFlightTokens - p.tokens);
    }

    void observe(Function<String, String> header, long now) {
      answeredOnce = true;
      Window r = Window.of(header, "requests", now);
      Window t = Window.of(header, "tokens", now);
      if (r != null) {
        requests = r;
      }
      if (t != null) {
        tokens = t;
      }
    }

    /** After a 429 that says when to come back, the announced windows are not waited out longer than that. */
    void capResets(long until) {
      if (requests != null && requests.resetAt() > until) {
        requests = new Window(requests.limit(), requests.remaining(), until);
      }
      if (tokens != null && tokens.resetAt() > until) {
        tokens = new Window(tokens.limit(), tokens.remaining(), until);
      }
    }

    void wakeAt(Vertx vertx, RateGate gate, String account, long at) {
      if (timerId >= 0 && timerAt <= at) {
        return;
      }
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
      }
      timerAt = at;
      timerId = vertx.setTimer(Math.max(1, at - gate.clock.getAsLong()), id -> {
        synchronized (gate) {
          if (timerId == id) {
            timerId = -1;
            timerAt = Long.MAX_VALUE;
          }
        }
        gate.pump(account);
      });
    }
  }

  /** One announced limit as the last answer left it: {@code remaining} until {@code resetAt}, then {@code limit}. */
  record Window(long limit, long remaining, long resetAt) {
    static Window of(Function<String, String> header, String what, long now) {
      Long limit = number(header.apply("x-ratelimit-limit-" + what));
      Long remaining = number(header.apply("x-ratelimit-remaining-" + what));
      if (limit == null || remaining == null) {
        return null;
      }
      Duration reset = reset(header.apply("x-ratelimit-reset-" + what));
      return new Window(limit, Math.min(remaining, limit), now + (reset == null ? MINUTE : reset.toMillis()) + MARGIN);
    }

    Decision decide(long cost, long inFlight, long now, String name) {
      if (cost > limit) {
        return new Decision(Decision.NEVER, name + " (" + limit + ", less than this request's " + cost + ")");
      }
      long left = (now >= resetAt ? limit : remaining) - inFlight;
      if (left >= cost) {
        return Decision.GO;
      }
      if (now < resetAt) {
        return new Decision(resetAt - now, name + " (" + remaining + " of " + limit + " left)");
      }
      return new Decision(Decision.ANSWER, name + " (requests in flight)");
    }

    private static Long number(String s) {
      if (s == null || s.isBlank()) {
        return null;
      }
      try {
        return Math.max(0, Long.parseLong(s.trim()));
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private static Duration reset(String s) {
      if (s == null || s.isBlank()) {
        return null;
      }
      try {
        Duration d = Durations.parseGo(s.trim());
        return d.isNegative() ? null : d;
      } catch (IllegalArgumentException e) {
        return Durations.parseSeconds(s);
      }
    }
  }
}
