package io.intake.vectors;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The answer of {@link io.intake.bus.Addresses#VECTORS_SEARCH}: {@code {matches: [{id, score}], model}}; its only JSON mapping. */
public record SearchResult(List<VectorMatch> matches, String model) {

  public SearchResult {
    matches = List.copyOf(matches);
  }

  public JsonObject toJson() {
    JsonArray out = new JsonArray(new ArrayList<>(matches.size()));
    matches.forEach(m -> out.add(m.toJson()));
    return new JsonObject().put("matches", out).put("model", model);
  }

  public static SearchResult fromJson(JsonObject json) {
    JsonArray found = json.getJsonArray("matches", new JsonArray());
    List<VectorMatch> matches = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      matches.add(VectorMatch.fromJson(found.getJsonObject(i)));
    }
    return new SearchResult(matches, json.getString("model"));
  }
}
