package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * The answer of an agent event save: {@code persisted} is false for an event id already stored;
 * {@code workItemId} is the item the event opened, if any.
 */
public record SavedAgentEvent(boolean persisted, String eventId, String workItemId) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("persisted", persisted).put("event_id", eventId);
    if (workItemId != null) {
      json.put("work_item_id", workItemId);
    }
    return json;
  }

  public static SavedAgentEvent fromJson(JsonObject json) {
    return new SavedAgentEvent(json.getBoolean("persisted", false), json.getString("event_id"),
        json.getString("work_item_id"));
  }
}
