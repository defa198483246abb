package io.applyflow.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address for the sandbox's anonymous POSTs: {@code perMinute} requests in a burst, then
 * one more every {@code 60 / perMinute} seconds. Keyed on the TCP peer address only (a forwarded-for header can be
 * forged by anyone); behind a reverse proxy every client shares the proxy's bucket. Idle buckets are dropped once
 * the map holds {@value #MAX_ADDRESSES} addresses. Thread-safe.
 */
final class PostThrottle {
  static final int MAX_ADDRESSES = 10_000;

  private final int perMinute;
  private final double nanosPerToken;
  private final LongSupplier clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  PostThrottle(int perMinute) {
    this(perMinute, System::nanoTime);
  }

  PostThrottle(int perMinute, LongSupplier clock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute must be at least 1, got " + perMinute);
    }
    this.perMinute = perMinute;
    this.nanosPerToken = 60e9 / perMinute;
    this.clock = clock;
  }

  int perMinute() {
    return perMinute;
  }

  /** Takes one token for {@code address}: 0 when the request may go ahead, else the whole seconds to wait (≥ 1). */
  long take(String address) {
    long now = clock.getAsLong();
    if (buckets.size() >= MAX_ADDRESSES) {
      buckets.entrySet().removeIf(e -> refill(e.getValue(), now) >= perMinute);
    }
    Bucket b = buckets.computeIfAbsent(address, a -> new Bucket(perMinute, now));
    synchronized (b) {
      double tokens = refill(b, now);
      if (tokens >= 1) {
        b.tokens = tokens - 1;
        b.at = now;
        return 0;
      }
      b.tokens = tokens;
      b.at = now;
      return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken / 1e9));
    }
  }

  private double refill(Bucket b, long now) {
    synchronized (b) {
      return Math.min(perMinute, b.tokens + (now - b.at) / nanosPerToken);
    }
  }
}
