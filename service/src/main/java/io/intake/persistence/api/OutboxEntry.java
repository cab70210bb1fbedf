package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * One leased outbox entry: what the Learner forwarder sends ({@code payload}) and under which
 * idempotency key ({@code eventId}).
 *
 * @param attempts delivery attempts including this one
 */
public record OutboxEntry(long id, String eventId, String workItemId, JsonObject payload, int attempts) {

  /** From a claimed {@code outcome_outbox} row. */
  public static OutboxEntry fromRow(Row row) {
    return new OutboxEntry(row.getLong("id"), row.getString("event_id"), row.getString("work_item_id"),
        row.getJsonObject("payload"), row.getInteger("attempts"));
  }

  public static OutboxEntry fromJson(JsonObject json) {
    return new OutboxEntry(json.getLong("id"), json.getString("event_id"), json.getString("work_item_id"),
        json.getJsonObject("payload"), json.getInteger("attempts", 0));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("event_id", eventId).put("work_item_id", workItemId)
        .put("payload", payload).put("attempts", attempts);
  }
}
