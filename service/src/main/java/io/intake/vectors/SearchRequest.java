package io.intake.vectors;

import io.vertx.core.json.JsonObject;

/**
 * A similarity search: the body of {@link io.intake.bus.Addresses#VECTORS_SEARCH}. The query is the
 * stored vector of work item {@code id}, else {@code text} (cleaned and embedded), else {@code vector};
 * {@code service}, {@code severity} and {@code status} filter the hits. This file is its only JSON mapping.
 */
public record SearchRequest(String id, String text, byte[] vector, String service, String severity,
    String status, int k) {

  public static final int DEFAULT_K = 10;

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("text", text).put("vector", vector).put("service", service)
        .put("severity", severity).put("status", status).put("k", k);
  }

  public static SearchRequest fromJson(JsonObject body) {
    return new SearchRequest(body.getString("id"), body.getString("text"), body.getBinary("vector"),
        body.getString("service"), body.getString("severity"), body.getString("status"),
        body.getInteger("k", DEFAULT_K));
  }
}
