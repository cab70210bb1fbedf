package io.intake.vectors;

import io.vertx.core.json.JsonObject;

/** A search hit: the work item id and its cosine similarity to the query ({@code {id, score}} on the bus). */
public record VectorMatch(String id, double score) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("score", score);
  }

  public static VectorMatch fromJson(JsonObject json) {
    return new VectorMatch(json.getString("id"), json.getDouble("score"));
  }
}
