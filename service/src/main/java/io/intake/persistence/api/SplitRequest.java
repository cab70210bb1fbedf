package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** Undo the semantic merge of {@code id} ({@code intake.workitems.split}); who and why are optional. */
public record SplitRequest(String id, String actorId, String reason) {

  public static SplitRequest fromJson(JsonObject json) {
    return new SplitRequest(WireFields.requiredString(json, "id"), WireFields.optionalString(json, "actor_id"),
        WireFields.optionalString(json, "reason"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("actor_id", actorId).put("reason", reason);
  }
}
