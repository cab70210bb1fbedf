package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * Split decisions with an id above {@code after}, oldest first, at most {@code limit}
 * ({@code intake.workitems.splits}).
 */
public record SplitsQuery(long after, int limit) {

  public static final int DEFAULT_LIMIT = 100;

  public static SplitsQuery fromJson(JsonObject json) {
    return new SplitsQuery(WireFields.optionalLong(json, "after", 0L),
        WireFields.optionalInt(json, "limit", DEFAULT_LIMIT));
  }

  public JsonObject toJson() {
    return new JsonObject().put("after", after).put("limit", limit);
  }
}
