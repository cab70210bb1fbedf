package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** A dead-lettered outbox entry back to pending ({@code intake.outbox.replay}): {@code {id}}. */
public record ReplayRequest(long id) {

  public static ReplayRequest fromJson(JsonObject json) {
    return new ReplayRequest(WireFields.requiredLong(json, "id"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id);
  }
}
