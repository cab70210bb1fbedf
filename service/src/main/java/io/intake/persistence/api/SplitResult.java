package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * An undone merge ({@code intake.workitems.split}).
 *
 * @param splitFrom             the item it had been merged into
 * @param targetOccurrenceCount that item's count without the occurrence the merge had added
 */
public record SplitResult(String workItemId, String status, String splitFrom, int targetOccurrenceCount, long splitId,
    String splitAt) {

  public static SplitResult fromJson(JsonObject json) {
    return new SplitResult(WireFields.requiredString(json, "work_item_id"), WireFields.optionalString(json, "status"),
        WireFields.requiredString(json, "split_from"), WireFields.requiredInt(json, "target_occurrence_count"),
        WireFields.requiredLong(json, "split_id"), WireFields.optionalString(json, "split_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("work_item_id", workItemId)
        .put("status", status)
        .put("split_from", splitFrom)
        .put("target_occurrence_count", targetOccurrenceCount)
        .put("split_id", splitId)
        .put("split_at", splitAt);
  }
}
