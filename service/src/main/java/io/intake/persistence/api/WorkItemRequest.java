package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * One item with its merges explained ({@code intake.workitems.get}).
 *
 * @param relatedLimit how many semantically merged members to list at most
 */
public record WorkItemRequest(String id, int relatedLimit) {

  public static final int DEFAULT_RELATED_LIMIT = 20;

  public static WorkItemRequest of(String id) {
    return new WorkItemRequest(id, DEFAULT_RELATED_LIMIT);
  }

  public static WorkItemRequest fromJson(JsonObject json) {
    return new WorkItemRequest(WireFields.requiredString(json, "id"),
        WireFields.optionalInt(json, "related_limit", DEFAULT_RELATED_LIMIT));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("related_limit", relatedLimit);
  }
}
