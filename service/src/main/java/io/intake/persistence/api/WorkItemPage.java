package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One page of list rows and how many match in all ({@code intake.workitems.list},
 * {@code intake.console.list}); the total and the page come from one snapshot.
 */
public record WorkItemPage(List<WorkItemSummary> workItems, long total, int limit, int offset) {

  public WorkItemPage {
    workItems = List.copyOf(workItems);
  }

  public static WorkItemPage fromJson(JsonObject json) {
    List<WorkItemSummary> rows = WireFields.requiredObjects(json, "work_items").stream()
        .map(WorkItemSummary::fromJson).toList();
    return new WorkItemPage(rows, WireFields.requiredLong(json, "total"), WireFields.requiredInt(json, "limit"),
        WireFields.requiredInt(json, "offset"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("work_items", rows(workItems)).put("total", total).put("limit", limit)
        .put("offset", offset);
  }

  /** Rows as the lists carry them, {@code work_items: [...]}. */
  public static JsonArray rows(List<WorkItemSummary> items) {
    return new JsonArray(items.stream().map(WorkItemSummary::toJson).toList());
  }
}
