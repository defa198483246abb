package io.applyflow.platform.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

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

  public static Sse open(Vertx vertx, HttpServerResponse response, Runnable onClose) {
    Sse sse = new Sse(response);
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
}
