package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** Outbox entries of one status, oldest first ({@code intake.outbox.list}). */
public record OutboxListQuery(String status, int limit) {

  public static final String DEFAULT_STATUS = "dead";
  public static final int DEFAULT_LIMIT = 50;

  public static OutboxListQuery fromJson(JsonObject json) {
    String status = WireFields.optionalString(json, "status");
    return new OutboxListQuery(status == null ? DEFAULT_STATUS : status, WireFields.optionalInt(json, "limit", DEFAULT_LIMIT));
  }

  public JsonObject toJson() {
    return new JsonObject().put("status", status).put("limit", limit);
  }
}
