package io.intake.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Bucket4j token bucket per caller (an API key's id, or a signed webhook source): it starts
 * full with {@code burst} tokens and refills {@code perSecond} tokens a second, greedily. Only
 * authenticated callers get a bucket, so the map is bounded by the configured keys and sources.
 * Thread-safe: the HTTP verticle instances of one process share one limiter.
 */
public final class RateLimiter {

  /** What one request may do. */
  public record Decision(boolean allowed, long remaining, long retryAfterSeconds) {
  }

  private final long perSecond;
  private final long burst;
  private final TimeMeter clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(long perSecond, long burst) {
    this(perSecond, burst, TimeMeter.SYSTEM_NANOTIME);
  }

  /** @param clock the buckets' time source (tests move it by hand) */
  public RateLimiter(long perSecond, long burst, TimeMeter clock) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("rate limit needs requests_per_second >= 1 and burst >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  public long perSecond() {
    return perSecond;
  }

  public long burst() {
    return burst;
  }

  public Decision tryAcquire(String caller) {
    ConsumptionProbe probe = buckets.computeIfAbsent(caller, k -> newBucket()).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return new Decision(true, probe.getRemainingTokens(), 0);
    }
    long nanos = probe.getNanosToWaitForRefill();
    // Whole seconds, rounded up, and never 0: Retry-After has no finer unit.
    long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    return new Decision(false, 0, seconds);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
        .withCustomTimePrecision(clock)
        .build();
  }
}
