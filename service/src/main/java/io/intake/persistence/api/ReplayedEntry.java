package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** A replayed entry and its status now ({@code pending}): {@code {id, status}}. */
public record ReplayedEntry(long id, String status) {

  public static ReplayedEntry fromJson(JsonObject json) {
    return new ReplayedEntry(json.getLong("id"), json.getString("status"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("status", status);
  }
}
