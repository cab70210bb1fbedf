package io.intake.persistence;

import io.vertx.core.json.JsonObject;

/**
 * Exactly the body the Learner's contract expects at {@code {LEARNER_SERVICE_URL}/outcomes}: what
 * the outbox row holds and what outcome.recorded carries (with the outcome id and notes).
 */
record LearnerOutcome(String eventId, String decisionId, String workItemId, String type, String actorId,
    String service, String timestamp, String newAssigneeId) {

  JsonObject toJson() {
    return new JsonObject()
        .put("event_id", eventId)
        .put("decision_id", decisionId)
        .put("work_item_id", workItemId)
        .put("type", type)
        .put("actor_id", actorId)
        .put("service", service)
        .put("timestamp", timestamp)
        .put("new_assignee_id", newAssigneeId);
  }
}
