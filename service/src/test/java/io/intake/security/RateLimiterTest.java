package io.intake.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves: exact, no sleeping. */
class RateLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final TimeMeter clock = new TimeMeter() {
    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  };

  private void advance(long millis) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void seed_defaults_allow_a_burst_of_1000_then_100_per_second() {
    RateLimiter limiter = new RateLimiter(100, 1000, clock);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.tryAcquire("key:a").allowed()).as("request %d of the burst", i + 1).isTrue();
    }
    RateLimiter.Decision refused = limiter.tryAcquire("key:a");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);

    advance(10);
    assertThat(limiter.tryAcquire("key:a").allowed()).as("one token after 10 ms at 100/s").isTrue();
    assertThat(limiter.tryAcquire("key:a").allowed()).isFalse();

    advance(1000);
    int allowed = 0;
    while (limiter.tryAcquire("key:a").allowed()) {
      allowed++;
    }
    assertThat(allowed).as("a second refills 100").isEqualTo(100);
  }

  @Test
  void buckets_are_per_caller() {
    RateLimiter limiter = new RateLimiter(1, 2, clock);
    assertThat(limiter.tryAcquire("key:a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("key:a").allowed()).isTrue();
    assertThat(limiter.tryAcquire("key:a").allowed()).isFalse();
    assertThat(limiter.tryAcquire("key:b").allowed()).as("another key has its own bucket").isTrue();
  }

  @Test
  void retry_after_rounds_up_to_whole_seconds() {
    RateLimiter limiter = new RateLimiter(1, 1, clock);
    limiter.tryAcquire("k");
    assertThat(limiter.tryAcquire("k").retryAfterSeconds()).isEqualTo(1);
    RateLimiter slow = new RateLimiter(1, 3, clock);
    for (int i = 0; i < 3; i++) {
      slow.tryAcquire("k");
    }
    advance(200);
    assertThat(slow.tryAcquire("k").retryAfterSeconds()).as("800 ms left").isEqualTo(1);
  }

  @Test
  void rejects_nonsense_limits() {
    assertThatThrownBy(() -> new RateLimiter(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(10, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
