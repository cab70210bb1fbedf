package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** The answer of a log or metric batch: {@code {stored}} rows written. */
public record StoredCount(int stored) {

  public JsonObject toJson() {
    return new JsonObject().put("stored", stored);
  }

  public static StoredCount fromJson(JsonObject json) {
    return new StoredCount((int) WireFields.requiredLong(json, "stored"));
  }
}
