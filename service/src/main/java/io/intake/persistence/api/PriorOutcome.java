package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * An outcome already recorded, found for a redelivered source event.
 *
 * @param status the work item's status now
 */
public record PriorOutcome(String outcomeId, String eventId, String type, String workItemId, String status) {

  /** From an {@code outcomes} row joined with its work item's status. */
  public static PriorOutcome fromRow(Row row) {
    return new PriorOutcome(row.getString("id"), row.getString("event_id"), row.getString("type"),
        row.getString("work_item_id"), row.getString("status"));
  }

  public static PriorOutcome fromJson(JsonObject json) {
    return new PriorOutcome(json.getString("outcome_id"), json.getString("event_id"), json.getString("type"),
        json.getString("work_item_id"), json.getString("status"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("outcome_id", outcomeId).put("event_id", eventId).put("type", type)
        .put("work_item_id", workItemId).put("status", status);
  }
}
