package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * A page of items, newest first, with optional equality filters ({@code intake.workitems.list});
 * the HTTP edge has validated the values.
 *
 * @param merged true: only items merged into another; false: only items that are their own; null: both
 */
public record WorkItemQuery(String service, String severity, String status, String mergedInto, Boolean merged,
    String relatedTo, int limit, int offset) {

  public static final int DEFAULT_LIMIT = 50;

  public static WorkItemQuery fromJson(JsonObject json) {
    Object merged = json.getValue("merged");
    if (merged != null && !(merged instanceof Boolean)) {
      throw new IllegalArgumentException("merged must be a boolean");
    }
    return new WorkItemQuery(WireFields.optionalString(json, "service"), WireFields.optionalString(json, "severity"),
        WireFields.optionalString(json, "status"), WireFields.optionalString(json, "merged_into"), (Boolean) merged,
        WireFields.optionalString(json, "related_to"), WireFields.optionalInt(json, "limit", DEFAULT_LIMIT),
        WireFields.optionalInt(json, "offset", 0));
  }

  /** Absent filters are left out, as the HTTP edge always sent them. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("limit", limit).put("offset", offset);
    putIfPresent(json, "service", service);
    putIfPresent(json, "severity", severity);
    putIfPresent(json, "status", status);
    putIfPresent(json, "merged_into", mergedInto);
    putIfPresent(json, "merged", merged);
    putIfPresent(json, "related_to", relatedTo);
    return json;
  }

  static void putIfPresent(JsonObject json, String field, Object value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
