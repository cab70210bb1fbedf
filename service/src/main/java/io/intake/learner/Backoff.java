package io.intake.learner;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * When to try an undelivered entry again: exponential in the number of attempts, capped, with
 * "equal jitter" (half fixed, half random) so a fleet of entries failing together does not retry
 * together; never earlier than the Learner's own {@code Retry-After}.
 */
public record Backoff(long baseMs, long maxMs) {

  /**
   * @param attempts     attempts made so far (1 after the first failure)
   * @param retryAfterMs the server's Retry-After, or 0
   * @param random       a number in [0, 1)
   */
  public long delayMs(int attempts, long retryAfterMs, double random) {
    int exponent = Math.max(0, Math.min(attempts - 1, 30));
    long exponential = Math.min(maxMs, baseMs * (1L << exponent));
    long jittered = exponential / 2 + (long) (random * (exponential / 2.0));
    return Math.max(jittered, retryAfterMs);
  }

  /** A {@code Retry-After} header (delay-seconds or an HTTP-date) in milliseconds from {@code now}. */
  public static OptionalLong retryAfterMs(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return OptionalLong.empty();
    }
    String value = header.strip();
    try {
      return OptionalLong.of(Math.max(0, Long.parseLong(value)) * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return OptionalLong.of(Math.max(0, Duration.between(now, at).toMillis()));
      } catch (DateTimeParseException notADate) {
        return OptionalLong.empty();
      }
    }
  }
}
