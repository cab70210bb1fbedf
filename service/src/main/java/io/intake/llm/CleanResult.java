package io.intake.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A cleaned description and who wrote it: the answer items of {@link io.intake.bus.Addresses#LLM_CLEAN}
 * ({@code {results: [{id, description, source: "llm"|"rules", model, fallback_reason?}]}}), in the
 * order of the request. This file is the only JSON mapping of that answer.
 *
 * @param fallbackReason why the rules cleaner answered although an LLM is configured; null otherwise
 */
public record CleanResult(String id, String description, String source, String model, String fallbackReason) {

  public static CleanResult llm(String id, String description, String model) {
    return new CleanResult(id, description, "llm", model, null);
  }

  public static CleanResult rules(String id, String description, String fallbackReason) {
    return new CleanResult(id, description, "rules", RulesCleaner.MODEL, fallbackReason);
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("description", description).put("source", source)
        .put("model", model).put("fallback_reason", fallbackReason);
  }

  public static CleanResult fromJson(JsonObject json) {
    return new CleanResult(json.getString("id"), json.getString("description"), json.getString("source"),
        json.getString("model"), json.getString("fallback_reason"));
  }

  public static JsonObject toMessage(List<CleanResult> results) {
    JsonArray out = new JsonArray(new ArrayList<>(results.size()));
    results.forEach(r -> out.add(r.toJson()));
    return new JsonObject().put("results", out);
  }

  public static List<CleanResult> fromMessage(JsonObject body) {
    JsonArray results = body.getJsonArray("results", new JsonArray());
    List<CleanResult> out = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      out.add(fromJson(results.getJsonObject(i)));
    }
    return out;
  }
}
