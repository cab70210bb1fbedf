package io.intake.bus;

import io.vertx.core.json.JsonObject;

/** {@code outcome.recorded}: a human outcome was stored (replays of one already stored publish nothing). */
public record OutcomeRecorded(EventHeader header, Outcome outcome) {

  /**
   * The body the Learner's contract expects, plus {@code outcome_id} and {@code notes}. Every field
   * is always present (null when unknown), as the Learner body is.
   */
  public record Outcome(String eventId, String decisionId, String workItemId, String type, String actorId,
      String service, String timestamp, String newAssigneeId, String outcomeId, String notes) {

    static Outcome fromJson(JsonObject json) {
      return json == null ? null : new Outcome(json.getString("event_id"), json.getString("decision_id"),
          json.getString("work_item_id"), json.getString("type"), json.getString("actor_id"),
          json.getString("service"), json.getString("timestamp"), json.getString("new_assignee_id"),
          json.getString("outcome_id"), json.getString("notes"));
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("event_id", eventId)
          .put("decision_id", decisionId)
          .put("work_item_id", workItemId)
          .put("type", type)
          .put("actor_id", actorId)
          .put("service", service)
          .put("timestamp", timestamp)
          .put("new_assignee_id", newAssigneeId)
          .put("outcome_id", outcomeId)
          .put("notes", notes);
    }
  }

  public static OutcomeRecorded fromJson(JsonObject json) {
    return new OutcomeRecorded(EventHeader.fromJson(json), Outcome.fromJson(json.getJsonObject("outcome")));
  }

  public JsonObject toJson() {
    return header.toJson().put("outcome", outcome == null ? null : outcome.toJson());
  }
}
