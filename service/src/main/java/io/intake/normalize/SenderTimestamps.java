package io.intake.normalize;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of timestamps that senders put in payloads, used by every normalizer and, through
 * the schemas' {@code sender-date-time} and {@code sender-timestamp} formats, by request
 * validation, so a value the schema accepts is a value the normalizer can read.
 *
 * <p>Accepted, as real senders write them:
 * <ul>
 *   <li>ISO 8601 / RFC 3339 date and time, {@code T}, {@code t} or one space between them, seconds
 *   optional, a fraction of 0 to 9 digits after {@code .} or {@code ,}, and an offset written
 *   {@code Z}, {@code z}, {@code +00:00}, {@code +0000} (PagerDuty's and Jira's form) or {@code +00}.</li>
 *   <li>Without an offset only where the contract says the time is UTC ({@link #parseUtcDefault}):
 *   the log ingestion endpoints of seeds 002 and 004.</li>
 *   <li>Epoch time in digits where a vendor documents it ({@link #parseIsoOrEpoch}): seconds with
 *   9 to 11 digits, optionally with a fraction (Datadog's {@code $DATE_POSIX}), milliseconds with
 *   12 to 14 digits (Datadog's {@code $DATE} and {@code $LAST_UPDATED}, Jira's {@code timestamp}).</li>
 * </ul>
 * Everything else is unparseable: a calendar-impossible date (month 13, 30 February), a
 * missing time, a zone name, free text.
 */
public final class SenderTimestamps {

  private static final Pattern ISO = Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2})(:\\d{2})?(?:[.,](\\d{1,9}))?"
          + "(?:\\s?([Zz]|[+-]\\d{2}(?::?\\d{2})?))?");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{9,11}(?:\\.\\d{1,9})?");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{12,14}");

  private SenderTimestamps() {
  }

  /** ISO 8601 / RFC 3339 with an offset, in any of the accepted spellings. */
  public static Optional<Instant> parse(String text) {
    return iso(text, false);
  }

  /** As {@link #parse}, and a value without an offset is UTC. */
  public static Optional<Instant> parseUtcDefault(String text) {
    return iso(text, true);
  }

  /** As {@link #parse}, or epoch seconds or milliseconds in digits. */
  public static Optional<Instant> parseIsoOrEpoch(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    try {
      if (EPOCH_MILLIS.matcher(s).matches()) {
        return Optional.of(Instant.ofEpochMilli(Long.parseLong(s)));
      }
      if (EPOCH_SECONDS.matcher(s).matches()) {
        int dot = s.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
        long nanos = dot < 0 ? 0 : Long.parseLong((s.substring(dot + 1) + "00000000").substring(0, 9));
        return Optional.of(Instant.ofEpochSecond(seconds, nanos));
      }
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Optional.empty();
    }
    return parse(s);
  }

  private static Optional<Instant> iso(String text, boolean utcDefault) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = ISO.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    String offset = m.group(5);
    if (offset == null && !utcDefault) {
      return Optional.empty();
    }
    StringBuilder local = new StringBuilder(m.group(1)).append('T').append(m.group(2))
        .append(m.group(3) == null ? ":00" : m.group(3));
    if (m.group(4) != null) {
      local.append('.').append(m.group(4));
    }
    try {
      if (offset == null) {
        return Optional.of(LocalDateTime.parse(local).toInstant(ZoneOffset.UTC));
      }
      return Optional.of(OffsetDateTime.parse(local + normalizedOffset(offset)).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code Z}, {@code +HH:MM}: the two forms java.time reads; {@code +HHMM} and {@code +HH} are rewritten. */
  private static String normalizedOffset(String offset) {
    if (offset.equalsIgnoreCase("z")) {
      return "Z";
    }
    String digits = offset.substring(1).replace(":", "");
    return offset.charAt(0) + digits.substring(0, 2) + ":" + (digits.length() == 4 ? digits.substring(2) : "00");
  }
}
