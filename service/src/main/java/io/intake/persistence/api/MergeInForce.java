package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * The semantic merge that folds an item into another, while it is in force: what decided it (score
 * against the threshold of the model) and when. Scores are the stored single-precision values.
 */
public record MergeInForce(String kind, String into, Float score, String model, Float threshold, String mergedAt) {

  public static MergeInForce fromJson(JsonObject json) {
    return json == null ? null : new MergeInForce(json.getString("kind"), WireFields.requiredString(json, "into"),
        json.getFloat("score"), json.getString("model"), json.getFloat("threshold"), json.getString("merged_at"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind).put("into", into).put("score", score).put("model", model)
        .put("threshold", threshold).put("merged_at", mergedAt);
  }
}
