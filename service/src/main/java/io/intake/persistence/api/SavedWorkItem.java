package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * The answer to saving a work-item draft.
 *
 * @param merged true when the draft counted as an occurrence of an open item with the same identity
 */
public record SavedWorkItem(String workItemId, String createdAt, int occurrenceCount, boolean merged) {

  public static SavedWorkItem fromJson(JsonObject json) {
    return new SavedWorkItem(json.getString("work_item_id"), json.getString("created_at"),
        json.getInteger("occurrence_count", 1), json.getBoolean("merged", false));
  }

  public JsonObject toJson() {
    return new JsonObject().put("work_item_id", workItemId).put("created_at", createdAt)
        .put("occurrence_count", occurrenceCount).put("merged", merged);
  }
}
