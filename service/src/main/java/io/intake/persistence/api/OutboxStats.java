package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * The outbox at a glance, for health and stats:
 * {@code {pending, dead, delivered, oldest_pending_age_seconds}}.
 *
 * @param oldestPendingAgeSeconds 0 when nothing is pending
 */
public record OutboxStats(long pending, long dead, long delivered, double oldestPendingAgeSeconds) {

  public static OutboxStats fromJson(JsonObject json) {
    return new OutboxStats(json.getLong("pending", 0L), json.getLong("dead", 0L), json.getLong("delivered", 0L),
        json.getDouble("oldest_pending_age_seconds", 0.0));
  }

  public JsonObject toJson() {
    return new JsonObject().put("pending", pending).put("dead", dead).put("delivered", delivered)
        .put("oldest_pending_age_seconds", oldestPendingAgeSeconds);
  }
}
