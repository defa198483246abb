package io.applyflow.platform.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-sent events carrying HTML fragments: {@code event: <name>} then one {@code data:} line per line of
 * HTML, a heartbeat comment every 15 s, and a close hook for unregistering whatever feeds the stream.
 */
public final class Sse {
  private static final long HEARTBEAT_MS = 15_000;

  private final HttpServerResponse response;
  private boolean closed;

  private Sse(HttpServerResponse response) {
    this.response = response;
  }

  /**
   * Starts the stream; {@code onClose} runs once when the client goes away or the stream ends, or at once (and the
   * stream is born closed) when the client left before the stream was set up.
   */
  public static Sse open(Vertx vertx, HttpServerResponse response, Runnable onClose) {
    Sse sse = new Sse(response);
    if (response.closed()) {
      sse.closed = true;
      onClose.run();
      return sse;
    }
    response.setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .putHeader("x-accel-buffering", "no");
    response.write(": connected\n\n");
    long timer = vertx.setPeriodic(HEARTBEAT_MS, t -> sse.comment("heartbeat"));
    Runnable close = () -> {
      if (!sse.closed) {
        sse.closed = true;
        vertx.cancelTimer(timer);
        onClose.run();
      }
    };
    response.closeHandler(v -> close.run());
    response.endHandler(v -> close.run());
    return sse;
  }

  public boolean isClosed() {
    return closed;
  }

  public void send(String event, String html) {
    if (closed) {
      return;
    }
    response.write(frame(event, html));
  }

  public void comment(String text) {
    if (!closed) {
      response.write(": " + text + "\n\n");
    }
  }

  public void end() {
    if (!closed) {
      response.end();
    }
  }

  /** The SSE framing of one event; every line of the payload becomes its own {@code data:} line. */
  public static String frame(String event, String payload) {
    StringBuilder sb = new StringBuilder("event: ").append(event).append('\n');
    for (String line : payload.split("\r?\n", -1)) {
      sb.append("data: ").append(line).append('\n');
    }
    return sb.append('\n').toString();
  }

  /**
   * How many streams each user holds open on this node, capped: {@link #tryOpen} before opening one, and
   * {@link #closed} from its close hook, so a closed tab gives its place back.
   */
  public static final class PerUser {
    private final int max;
    private final Map<Long, Integer> open = new ConcurrentHashMap<>();

    public PerUser(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("max must be at least 1");
      }
      this.max = max;
    }

    /** Counts a new stream of {@code userId}; false (and nothing counted) when the user is at the cap. */
    public boolean tryOpen(long userId) {
      boolean[] counted = {false};
      open.compute(userId, (id, n) -> {
        int now = n == null ? 0 : n;
        if (now >= max) {
          return n;
        }
        counted[0] = true;
        return now + 1;
      });
      return counted[0];
    }

    /** A counted stream of {@code userId} closed. */
    public void closed(long userId) {
      open.computeIfPresent(userId, (id, n) -> n <= 1 ? null : n - 1);
    }

    /** Streams {@code userId} holds open now. */
    public int open(long userId) {
      return open.getOrDefault(userId, 0);
    }

    public int max() {
      return max;
    }

    /** Why one more stream is refused, in words a person can act on. */
    public String refusal() {
      return "You already have " + max + " live pages open (SSE_PER_USER is " + max + "); close a tab you no longer"
          + " need. This page will show its changes again once one of them is closed, or when you reload it.";
    }
  }
}
