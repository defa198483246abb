package io.applyflow.platform.bus;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;

/**
 * Failure codes every consumer replies with; the HTTP edge maps them to statuses in one place.
 */
public enum Failure {
  BAD_INPUT(400, 400),
  NOT_FOUND(404, 404),
  CONFLICT(409, 409),
  /** A status change that lost: the job moved on, or the claim it was made under was taken over. */
  STALE(419, 409),
  UPSTREAM(502, 502),
  INTERNAL(500, 500);

  public final int code;
  public final int httpStatus;

  Failure(int code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** An exception that carries a code; thrown inside futures and turned into a reply or a response. */
  public static final class Coded extends RuntimeException {
    public final Failure failure;

    public Coded(Failure failure, String message) {
      super(message, null, false, false);
      this.failure = failure;
    }
  }

  public Coded with(String message) {
    return new Coded(this, message);
  }

  public static Failure of(Throwable t) {
    if (t instanceof Coded c) {
      return c.failure;
    }
    if (t instanceof ReplyException re) {
      for (Failure f : values()) {
        if (f.code == re.failureCode()) {
          return f;
        }
      }
      return re.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT ? UPSTREAM : INTERNAL;
    }
    return INTERNAL;
  }

  /** Fails a message with the code of {@code t} (INTERNAL when it carries none). */
  public static void reply(Message<?> message, Throwable t) {
    message.fail(of(t).code, t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
  }
}
