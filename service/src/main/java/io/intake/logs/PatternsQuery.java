package io.intake.logs;

import static io.intake.persistence.api.WireFields.optionalInt;
import static io.intake.persistence.api.WireFields.optionalString;

import io.vertx.core.json.JsonObject;

/**
 * Which patterns to list ({@code intake.patterns.list}): of one service or all, only those that saw
 * a level (lower case) or all, the {@code limit} most frequent.
 */
public record PatternsQuery(String service, String level, int limit) {

  /** When a caller leaves the limit out. */
  public static final int DEFAULT_LIMIT = 100;

  public PatternsQuery {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("limit", limit);
    if (service != null) {
      json.put("service", service);
    }
    if (level != null) {
      json.put("level", level);
    }
    return json;
  }

  public static PatternsQuery fromJson(JsonObject json) {
    return new PatternsQuery(optionalString(json, "service"), optionalString(json, "level"),
        optionalInt(json, "limit", DEFAULT_LIMIT));
  }
}
