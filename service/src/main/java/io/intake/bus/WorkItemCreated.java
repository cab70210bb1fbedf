package io.intake.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code workitem.created}: a work item was stored.
 *
 * @param workItem the stored item as {@code GET /work-items/:id} shows it; it stays JSON here because
 *                 that shape is the documented one and the persistence records own its mapping
 */
public record WorkItemCreated(EventHeader header, JsonObject workItem) {

  public static WorkItemCreated fromJson(JsonObject json) {
    return new WorkItemCreated(EventHeader.fromJson(json), json.getJsonObject("work_item"));
  }

  public JsonObject toJson() {
    return header.toJson().put("work_item", workItem);
  }

  /** The item's id, null when a malformed event carries no item. */
  public String workItemId() {
    return workItem == null ? null : workItem.getString("id");
  }
}
