package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * One stored work item, as {@code GET /work-items/{id}} and {@code workitem.created} carry it
 * (before the merges are explained). Timestamps are ISO-8601 strings, as on the wire.
 *
 * @param sourceRefs the source's references behind {@code sourceKey}, null without a native key
 * @param embedding3d the item's point on the console map, null until projected
 */
public record WorkItem(String id, String type, String service, String severity, String description, String createdAt,
    String originSystem, String status, String source, int occurrenceCount, String lastSeenAt, String mergedInto,
    String rawLog, String creatorId, String jiraIssueKey, Integer storyPoints, String impact, String assigneeId,
    Boolean escalated, String fingerprint, String updatedAt, String sourceKey, JsonObject sourceRefs,
    String acknowledgedAt, String acknowledgedBy, String descriptionSource, String descriptionModel,
    String lastOccurrenceKey, String embeddingModel, Integer embeddingDim, Enrichment enrichment, Point embedding3d) {

  /** Where enrichment of the item stands. */
  public record Enrichment(String state, String error, Integer attempts) {

    static Enrichment fromJson(JsonObject json) {
      return json == null ? new Enrichment(null, null, null)
          : new Enrichment(json.getString("state"), json.getString("error"), json.getInteger("attempts"));
    }

    JsonObject toJson() {
      return new JsonObject().put("state", state).put("error", error).put("attempts", attempts);
    }
  }

  /** Coordinates in the 3D projection of the embeddings. */
  public record Point(Float x, Float y, Float z) {

    static Point fromJson(JsonObject json) {
      return json == null ? null : new Point(json.getFloat("x"), json.getFloat("y"), json.getFloat("z"));
    }

    public JsonObject toJson() {
      return new JsonObject().put("x", x).put("y", y).put("z", z);
    }
  }

  public static WorkItem fromJson(JsonObject json) {
    return new WorkItem(WireFields.requiredString(json, "id"), json.getString("type"), json.getString("service"),
        json.getString("severity"), json.getString("description"), json.getString("created_at"),
        json.getString("origin_system"), json.getString("status"), json.getString("source"),
        WireFields.optionalInt(json, "occurrence_count", 1), json.getString("last_seen_at"),
        json.getString("merged_into"),
        json.getString("raw_log"), json.getString("creator_id"), json.getString("jira_issue_key"),
        json.getInteger("story_points"), json.getString("impact"), json.getString("assignee_id"),
        json.getBoolean("escalated"), json.getString("fingerprint"), json.getString("updated_at"),
        json.getString("source_key"), json.getJsonObject("source_refs"), json.getString("acknowledged_at"),
        json.getString("acknowledged_by"), json.getString("description_source"), json.getString("description_model"),
        json.getString("last_occurrence_key"), json.getString("embedding_model"), json.getInteger("embedding_dim"),
        Enrichment.fromJson(json.getJsonObject("enrichment")), Point.fromJson(json.getJsonObject("embedding_3d")));
  }

  /** Today's field names and order; {@code embedding_3d} only once projected. */
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
        .put("raw_log", rawLog)
        .put("creator_id", creatorId)
        .put("jira_issue_key", jiraIssueKey)
        .put("story_points", storyPoints)
        .put("impact", impact)
        .put("assignee_id", assigneeId)
        .put("escalated", escalated)
        .put("fingerprint", fingerprint)
        .put("updated_at", updatedAt)
        .put("source_key", sourceKey)
        .put("source_refs", sourceRefs == null ? null : sourceRefs.copy())
        .put("acknowledged_at", acknowledgedAt)
        .put("acknowledged_by", acknowledgedBy)
        .put("description_source", descriptionSource)
        .put("description_model", descriptionModel)
        .put("last_occurrence_key", lastOccurrenceKey)
        .put("embedding_model", embeddingModel)
        .put("embedding_dim", embeddingDim)
        .put("enrichment", enrichment.toJson());
    if (embedding3d != null) {
      json.put("embedding_3d", embedding3d.toJson());
    }
    return json;
  }
}
