package io.intake.persistence.api;

import io.intake.model.AgentEvent;
import io.intake.model.WorkItemDraft;
import io.vertx.core.json.JsonObject;

/**
 * An agent event to store once per event id, with the work item it opens (a failed run) or null;
 * the body of {@code intake.agent.events.save}.
 */
public record AgentEventSave(AgentEvent event, WorkItemDraft workItem) {

  public JsonObject toJson() {
    return new JsonObject().put("event", event.toJson()).put("work_item", workItem == null ? null : workItem.toJson());
  }

  public static AgentEventSave fromJson(JsonObject json) {
    JsonObject draft = WireFields.optionalObject(json, "work_item");
    return new AgentEventSave(AgentEvent.fromJson(WireFields.requiredObject(json, "event")),
        draft == null ? null : WorkItemDraft.fromJson(draft));
  }
}
