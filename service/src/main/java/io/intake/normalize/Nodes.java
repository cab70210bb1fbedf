package io.intake.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

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

  /**
   * A sender's timestamp ({@link SenderTimestamps#parseIsoOrEpoch}: ISO 8601 / RFC 3339 in the
   * spellings senders use, or epoch seconds or milliseconds) as an ISO instant; null when missing
   * or unparseable (the schemas refuse unparseable values before a normalizer sees them).
   */
  static String timestamp(String value) {
    return SenderTimestamps.parseIsoOrEpoch(value)
        // Alertmanager's "no end yet" is year 1; it is not a time anything happened.
        .filter(instant -> !instant.isBefore(Instant.EPOCH))
        .map(Instant::toString)
        .orElse(null);
  }

  /** A JSON value as text for a log: strings as they are, anything else as compact JSON. */
  static String render(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
