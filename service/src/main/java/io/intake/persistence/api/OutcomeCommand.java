package io.intake.persistence.api;

import io.intake.model.OutcomeType;
import io.vertx.core.json.JsonObject;

/**
 * Record an outcome for a work item ({@code intake.outcomes.record}): on the wire
 * {@code {work_item_id, outcome: {type, actor_id, decision_id?, new_assignee_id?, timestamp?,
 * notes?, event_id?}}}, the outcome being the API's body.
 *
 * @param eventId chosen by the client to make retries idempotent; null: a fresh one per outcome
 * @param timestamp ISO instant; null: when it is recorded
 */
public record OutcomeCommand(String workItemId, OutcomeType type, String actorId, String decisionId,
    String newAssigneeId, String timestamp, String notes, String eventId) {

  public static OutcomeCommand fromJson(JsonObject json) {
    return of(WireFields.requiredString(json, "work_item_id"), WireFields.requiredObject(json, "outcome"));
  }

  /** @param outcome the outcome body as the API (or a source's action) states it */
  public static OutcomeCommand of(String workItemId, JsonObject outcome) {
    String type = WireFields.requiredString(outcome, "type");
    OutcomeType parsed;
    try {
      parsed = OutcomeType.fromWire(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("type must be resolved, reassigned or escalated, not " + type);
    }
    return new OutcomeCommand(workItemId, parsed, WireFields.requiredString(outcome, "actor_id"),
        WireFields.optionalString(outcome, "decision_id"), WireFields.optionalString(outcome, "new_assignee_id"),
        WireFields.optionalString(outcome, "timestamp"), WireFields.optionalString(outcome, "notes"),
        WireFields.optionalString(outcome, "event_id"));
  }

  /** The outcome body, absent fields left out as the API leaves them out. */
  public JsonObject outcomeJson() {
    JsonObject outcome = new JsonObject().put("type", type.wire()).put("actor_id", actorId);
    putIfPresent(outcome, "decision_id", decisionId);
    putIfPresent(outcome, "new_assignee_id", newAssigneeId);
    putIfPresent(outcome, "timestamp", timestamp);
    putIfPresent(outcome, "notes", notes);
    putIfPresent(outcome, "event_id", eventId);
    return outcome;
  }

  public JsonObject toJson() {
    return new JsonObject().put("work_item_id", workItemId).put("outcome", outcomeJson());
  }

  private static void putIfPresent(JsonObject json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
