package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** How many leases a reclaim released: {@code {released}}. */
public record Reclaimed(int released) {

  public static Reclaimed fromJson(JsonObject json) {
    return new Reclaimed(json.getInteger("released", 0));
  }

  public JsonObject toJson() {
    return new JsonObject().put("released", released);
  }
}
