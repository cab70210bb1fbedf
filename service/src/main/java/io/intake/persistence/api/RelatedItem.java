package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** An item related to another by text (above the relation threshold, below the merge one), as its detail lists it. */
public record RelatedItem(String id, Float score, String model, Float threshold, String relatedAt, String status,
    String source, String description) {

  public static RelatedItem fromJson(JsonObject json) {
    return new RelatedItem(WireFields.requiredString(json, "id"), json.getFloat("score"), json.getString("model"),
        json.getFloat("threshold"), json.getString("related_at"), json.getString("status"), json.getString("source"),
        json.getString("description"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("score", score).put("model", model).put("threshold", threshold)
        .put("related_at", relatedAt).put("status", status).put("source", source).put("description", description);
  }
}
