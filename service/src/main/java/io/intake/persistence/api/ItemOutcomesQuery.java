package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** An item's outcomes for the console ({@code intake.console.outcomes}): {@code {id}}. */
public record ItemOutcomesQuery(String id) {

  public static ItemOutcomesQuery fromJson(JsonObject json) {
    return new ItemOutcomesQuery(WireFields.requiredString(json, "id"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id);
  }
}
