package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * An item semantically merged into another, in the target's merges view: the merge decision, its
 * state ({@code merged}, {@code split}, {@code released}) and the member's own status.
 */
public record FoldedMember(String id, String kind, Float score, String model, Float threshold, String mergedAt,
    String state, String endedAt, String endedBy, String status, String source, String description) {

  public static FoldedMember fromJson(JsonObject json) {
    return new FoldedMember(WireFields.requiredString(json, "id"), json.getString("kind"), json.getFloat("score"),
        json.getString("model"), json.getFloat("threshold"), json.getString("merged_at"), json.getString("state"),
        json.getString("ended_at"), json.getString("ended_by"), json.getString("status"), json.getString("source"),
        json.getString("description"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("kind", kind).put("score", score).put("model", model)
        .put("threshold", threshold).put("merged_at", mergedAt).put("state", state).put("ended_at", endedAt)
        .put("ended_by", endedBy).put("status", status).put("source", source).put("description", description);
  }
}
