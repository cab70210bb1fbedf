package io.intake.vectors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What the index made of one record: its 3D coordinates and the dedup decision. The answer of
 * {@link io.intake.bus.Addresses#VECTORS_INDEX} is {@code {results: [{id, x, y, z, merge_into?, score?,
 * related?: [{id, score}], model?, threshold?}]}}; this file is its only JSON mapping.
 *
 * @param mergeInto the item this one is folded into, or null
 * @param score the similarity to {@code mergeInto}, or null
 * @param model the embedding model the decision was made with (set when there is a decision)
 * @param threshold the dedup threshold the decision was made with (set when there is a decision)
 */
public record IndexResult(String id, float x, float y, float z, String mergeInto, Double score,
    List<VectorMatch> related, String model, Double threshold) {

  public IndexResult {
    related = related == null ? List.of() : List.copyOf(related);
  }

  public JsonObject toJson() {
    JsonObject out = new JsonObject().put("id", id).put("x", x).put("y", y).put("z", z);
    if (mergeInto != null) {
      out.put("merge_into", mergeInto).put("score", score);
    }
    if (!related.isEmpty()) {
      JsonArray near = new JsonArray();
      related.forEach(m -> near.add(m.toJson()));
      out.put("related", near);
    }
    if (model != null) {
      out.put("model", model).put("threshold", threshold);
    }
    return out;
  }

  public static IndexResult fromJson(JsonObject json) {
    JsonArray near = json.getJsonArray("related", new JsonArray());
    List<VectorMatch> related = new ArrayList<>(near.size());
    for (int i = 0; i < near.size(); i++) {
      related.add(VectorMatch.fromJson(near.getJsonObject(i)));
    }
    return new IndexResult(json.getString("id"), json.getFloat("x"), json.getFloat("y"), json.getFloat("z"),
        json.getString("merge_into"), json.getDouble("score"), related, json.getString("model"),
        json.getDouble("threshold"));
  }

  public static JsonObject toMessage(List<IndexResult> results) {
    JsonArray out = new JsonArray(new ArrayList<>(results.size()));
    results.forEach(r -> out.add(r.toJson()));
    return new JsonObject().put("results", out);
  }

  public static List<IndexResult> fromMessage(JsonObject body) {
    JsonArray results = body.getJsonArray("results", new JsonArray());
    List<IndexResult> out = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      out.add(fromJson(results.getJsonObject(i)));
    }
    return out;
  }
}
