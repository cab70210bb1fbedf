package io.intake.learner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(500, 60_000);

  @Test
  void grows_exponentially_with_equal_jitter_and_a_cap() {
    assertThat(backoff.delayMs(1, 0, 0.0)).isEqualTo(250);
    assertThat(backoff.delayMs(1, 0, 0.999)).isBetween(499L, 500L);
    assertThat(backoff.delayMs(2, 0, 0.0)).isEqualTo(500);
    assertThat(backoff.delayMs(5, 0, 0.0)).isEqualTo(4000);
    assertThat(backoff.delayMs(30, 0, 0.0)).isEqualTo(30_000);
    assertThat(backoff.delayMs(30, 0, 0.999)).isBetween(59_900L, 60_000L);
    assertThat(backoff.delayMs(10_000, 0, 0.5)).isBetween(30_000L, 60_000L);
  }

  @Test
  void never_retries_before_retry_after() {
    assertThat(backoff.delayMs(1, 7_000, 0.5)).isEqualTo(7_000);
    assertThat(backoff.delayMs(20, 1_000, 0.0)).isEqualTo(30_000);
  }

  @Test
  void reads_retry_after_as_seconds_or_http_date() {
    Instant now = Instant.parse("2026-11-22T20:00:00Z");
    assertThat(Backoff.retryAfterMs("3", now)).hasValue(3000);
    assertThat(Backoff.retryAfterMs(" 0 ", now)).hasValue(0);
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(90).atOffset(ZoneOffset.UTC));
    assertThat(Backoff.retryAfterMs(date, now)).hasValue(90_000);
    assertThat(Backoff.retryAfterMs("soon", now)).isEmpty();
    assertThat(Backoff.retryAfterMs(null, now)).isEmpty();
  }

  @Test
  void classifies_learner_answers() {
    assertThat(LearnerForwarderVerticle.retryable(503)).isTrue();
    assertThat(LearnerForwarderVerticle.retryable(500)).isTrue();
    assertThat(LearnerForwarderVerticle.retryable(429)).isTrue();
    assertThat(LearnerForwarderVerticle.retryable(408)).isTrue();
    assertThat(LearnerForwarderVerticle.retryable(400)).isFalse();
    assertThat(LearnerForwarderVerticle.retryable(409)).isFalse();
    assertThat(LearnerForwarderVerticle.retryable(201)).isFalse();
  }
}
