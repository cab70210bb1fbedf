package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** One round trip to the database ({@code intake.database.ping}). */
public record DatabasePing(double latencyMs) {

  public static DatabasePing fromJson(JsonObject json) {
    return new DatabasePing(WireFields.optionalDouble(json, "latency_ms", 0));
  }

  public JsonObject toJson() {
    return new JsonObject().put("latency_ms", latencyMs);
  }
}
