package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** What was folded into one item ({@code intake.workitems.merges}). */
public record MergesQuery(String id) {

  public static MergesQuery fromJson(JsonObject json) {
    return new MergesQuery(WireFields.requiredString(json, "id"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id);
  }
}
