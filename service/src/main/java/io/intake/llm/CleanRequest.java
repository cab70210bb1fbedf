package io.intake.llm;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One text to clean: the body items of {@link io.intake.bus.Addresses#LLM_CLEAN}
 * ({@code {items: [{id, text, service}]}}). This file is the only JSON mapping of that message.
 */
public record CleanRequest(String id, String text, String service) {

  public CleanRequest {
    text = text == null ? "" : text;
    service = service == null ? "unknown" : service;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("text", text).put("service", service);
  }

  public static CleanRequest fromJson(JsonObject json) {
    return new CleanRequest(json.getString("id"), json.getString("text"), json.getString("service"));
  }

  public static JsonObject toMessage(List<CleanRequest> requests) {
    JsonArray items = new JsonArray(new ArrayList<>(requests.size()));
    requests.forEach(r -> items.add(r.toJson()));
    return new JsonObject().put("items", items);
  }

  public static List<CleanRequest> fromMessage(JsonObject body) {
    JsonArray items = body.getJsonArray("items", new JsonArray());
    List<CleanRequest> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(fromJson(items.getJsonObject(i)));
    }
    return out;
  }
}
