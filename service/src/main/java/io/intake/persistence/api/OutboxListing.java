package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One page of outbox entries for an operator: {@code {entries: [Entry…]}}. */
public record OutboxListing(List<Entry> entries) {

  /**
   * One outbox row as the admin API shows it; the instants are ISO text, null when not reached.
   *
   * @param payload the body the Learner receives
   */
  public record Entry(long id, String outcomeId, String eventId, String workItemId, String status, int attempts,
      String nextAttemptAt, String lastError, String createdAt, String deliveredAt, JsonObject payload) {

    public static Entry fromJson(JsonObject json) {
      return new Entry(json.getLong("id"), json.getString("outcome_id"), json.getString("event_id"),
          json.getString("work_item_id"), json.getString("status"), json.getInteger("attempts", 0),
          json.getString("next_attempt_at"), json.getString("last_error"), json.getString("created_at"),
          json.getString("delivered_at"), json.getJsonObject("payload"));
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("id", id)
          .put("outcome_id", outcomeId)
          .put("event_id", eventId)
          .put("work_item_id", workItemId)
          .put("status", status)
          .put("attempts", attempts)
          .put("next_attempt_at", nextAttemptAt)
          .put("last_error", lastError)
          .put("created_at", createdAt)
          .put("delivered_at", deliveredAt)
          .put("payload", payload);
    }
  }

  public OutboxListing {
    entries = List.copyOf(entries);
  }

  public static OutboxListing fromJson(JsonObject json) {
    return new OutboxListing(WireFields.requiredObjects(json, "entries").stream().map(Entry::fromJson).toList());
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    entries.forEach(entry -> array.add(entry.toJson()));
    return new JsonObject().put("entries", array);
  }
}
