package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Summaries of several items at once ({@code intake.workitems.get-many}). */
public record WorkItemIds(List<String> ids) {

  public WorkItemIds {
    ids = List.copyOf(ids);
  }

  public static WorkItemIds fromJson(JsonObject json) {
    return new WorkItemIds(WireFields.requiredStrings(json, "ids"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("ids", new JsonArray(ids));
  }
}
