package io.intake.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading optional values out of source payloads without tripping over nulls and blanks. */
final class Nodes {

  private Nodes() {
  }

  /** The field's text (strings, numbers and booleans alike), stripped; null when missing, null or blank. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    String text = value.asText().strip();
    return text.isEmpty() ? null : text;
  }

  static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** RFC 3339 text as an ISO instant, or epoch seconds or milliseconds (Jira's {@code timestamp}, Datadog's {@code $DATE}); null otherwise. */
  static String timestamp(String value) {
    if (value == null) {
      return null;
    }
    try {
      if (value.matches("\\d{9,11}")) {
        return Instant.ofEpochSecond(Long.parseLong(value)).toString();
      }
      if (value.matches("\\d{12,16}")) {
        return Instant.ofEpochMilli(Long.parseLong(value)).toString();
      }
      Instant instant = OffsetDateTime.parse(value).toInstant();
      // Alertmanager's "no end yet" is year 1; it is not a time anything happened.
      return instant.isBefore(Instant.EPOCH) ? null : instant.toString();
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  /** A JSON value as text for a log: strings as they are, anything else as compact JSON. */
  static String render(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
