package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * Release the leases of a node's earlier runs ({@code intake.outbox.reclaim}).
 *
 * @param owner this run's lease owner, whose leases stay
 */
public record ReclaimRequest(String nodeId, String owner) {

  public static ReclaimRequest fromJson(JsonObject json) {
    return new ReclaimRequest(WireFields.requiredString(json, "node_id"), WireFields.requiredString(json, "owner"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("node_id", nodeId).put("owner", owner);
  }
}
