package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** The open item a source's event is about ({@code intake.workitems.find-open}). */
public record OpenWorkItem(String workItemId, String status) {

  public static OpenWorkItem fromJson(JsonObject json) {
    return new OpenWorkItem(WireFields.requiredString(json, "work_item_id"), WireFields.optionalString(json, "status"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("work_item_id", workItemId).put("status", status);
  }
}
