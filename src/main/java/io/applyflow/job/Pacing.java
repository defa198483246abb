package io.applyflow.job;

import java.time.Duration;
import java.time.Instant;

/**
 * How fast Applyflow may submit: a minimum interval between two submissions to one board, and a cap on
 * submissions in any 24 hours. Pure: {@link SubmitLedger#attempt} feeds it the ledger's figures inside the
 * transaction that records the attempt, so the decision and the ledger row are one step.
 */
public final class Pacing {
  /** No interval and no cap: only the ledger's one-row-per-posting rule applies. */
  public static final Pacing NONE = new Pacing(Duration.ZERO, 0);

  private final Duration boardInterval;
  private final int dailyCap;

  public Pacing(Duration boardInterval, int dailyCap) {
    this.boardInterval = boardInterval;
    this.dailyCap = dailyCap;
  }

  /** Wait this long before submitting, or do not submit at all when the daily cap is reached. */
  public record Decision(long waitMillis, boolean capReached) {
  }

  /**
   * @param lastOnBoard    the newest submit attempt to the same board, or null
   * @param attemptsLast24h submit attempts in the last 24 hours
   */
  public Decision decide(Instant now, Instant lastOnBoard, long attemptsLast24h) {
    if (dailyCap > 0 && attemptsLast24h >= dailyCap) {
      return new Decision(0, true);
    }
    if (lastOnBoard == null || boardInterval.isZero()) {
      return new Decision(0, false);
    }
    long wait = Duration.between(now, lastOnBoard.plus(boardInterval)).toMillis();
    return new Decision(Math.max(0, wait), false);
  }

  public int dailyCap() {
    return dailyCap;
  }
}
