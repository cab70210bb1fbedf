package io.intake.persistence;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** The one timestamp format of the API: ISO 8601 in UTC with millisecond precision. */
final class Timestamps {

  private Timestamps() {
  }

  static String iso(OffsetDateTime time) {
    return time == null ? null : time.toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
