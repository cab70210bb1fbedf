package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * The answer to recording an outcome.
 *
 * @param status the work item's status after the outcome
 * @param replayed true when this source event had already been recorded (nothing changed)
 */
public record RecordedOutcome(String outcomeId, String eventId, String workItemId, String status, boolean replayed) {

  public static RecordedOutcome fromJson(JsonObject json) {
    return new RecordedOutcome(json.getString("outcome_id"), json.getString("event_id"), json.getString("work_item_id"),
        json.getString("status"), json.getBoolean("replayed", false));
  }

  public JsonObject toJson() {
    return new JsonObject().put("outcome_id", outcomeId).put("event_id", eventId).put("work_item_id", workItemId)
        .put("status", status).put("replayed", replayed);
  }
}
