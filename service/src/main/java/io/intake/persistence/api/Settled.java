package io.intake.persistence.api;

import io.vertx.core.json.JsonObject;

/** How many entries of a {@link Settlement} went each way: {@code {delivered, retry, dead}}. */
public record Settled(int delivered, int retry, int dead) {

  public static Settled fromJson(JsonObject json) {
    return new Settled(json.getInteger("delivered", 0), json.getInteger("retry", 0), json.getInteger("dead", 0));
  }

  public JsonObject toJson() {
    return new JsonObject().put("delivered", delivered).put("retry", retry).put("dead", dead);
  }
}
