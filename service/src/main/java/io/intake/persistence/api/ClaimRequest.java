package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/**
 * Lease due outbox entries ({@code intake.outbox.claim}).
 *
 * @param owner who holds the leases (node and run); null for a forwarder without a node identity
 */
public record ClaimRequest(int limit, int leaseSeconds, String owner) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int DEFAULT_LEASE_SECONDS = 30;

  public static ClaimRequest fromJson(JsonObject json) {
    return new ClaimRequest(WireFields.optionalInt(json, "limit", DEFAULT_LIMIT),
        WireFields.optionalInt(json, "lease_seconds", DEFAULT_LEASE_SECONDS), WireFields.optionalString(json, "owner"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("limit", limit).put("lease_seconds", leaseSeconds).put("owner", owner);
  }
}
