package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * An item as a list row ({@code GET /work-items}, get-many, the console's feed): the fields the
 * lists share with the full item, and its enrichment state.
 *
 * @param relatedCount how many items are related to it by text; the console's rows only, null elsewhere
 */
public record WorkItemSummary(String id, String type, String service, String severity, String description,
    String createdAt, String originSystem, String status, String source, int occurrenceCount, String lastSeenAt,
    String mergedInto, String enrichmentState, Long relatedCount) {

  public static WorkItemSummary fromJson(JsonObject json) {
    Object related = json.getValue("related_count");
    return new WorkItemSummary(WireFields.requiredString(json, "id"), json.getString("type"),
        json.getString("service"),
        json.getString("severity"), json.getString("description"), json.getString("created_at"),
        json.getString("origin_system"), json.getString("status"), json.getString("source"),
        WireFields.optionalInt(json, "occurrence_count", 1), json.getString("last_seen_at"),
        json.getString("merged_into"), json.getString("enrichment_state"),
        related == null ? null : WireFields.optionalLong(json, "related_count", 0L));
  }

  /** Today's field names and order; {@code related_count} only on the console's rows. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("service", service)
        .put("severity", severity)
        .put("description", description)
        .put("created_at", createdAt)
        .put("origin_system", originSystem)
        .put("status", status)
        .put("source", source)
        .put("occurrence_count", occurrenceCount)
        .put("last_seen_at", lastSeenAt)
        .put("merged_into", mergedInto)
        .put("enrichment_state", enrichmentState);
    if (relatedCount != null) {
      json.put("related_count", relatedCount);
    }
    return json;
  }
}
