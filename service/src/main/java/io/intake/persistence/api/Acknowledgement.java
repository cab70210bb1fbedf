package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** The acknowledgement in force on the item (the first one counts) ({@code intake.workitems.acknowledge}). */
public record Acknowledgement(String workItemId, String acknowledgedAt, String acknowledgedBy) {

  public static Acknowledgement fromJson(JsonObject json) {
    return new Acknowledgement(WireFields.requiredString(json, "work_item_id"),
        WireFields.optionalString(json, "acknowledged_at"), WireFields.optionalString(json, "acknowledged_by"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("work_item_id", workItemId).put("acknowledged_at", acknowledgedAt)
        .put("acknowledged_by", acknowledgedBy);
  }
}
