package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The results of one delivery round, recorded in one transaction: entries delivered, entries to
 * try again after a delay, entries given up on.
 */
public record Settlement(List<Long> delivered, List<Retry> retry, List<Dead> dead) {

  /** Back to claimable after {@code delayMs}; {@code error} kept as the last error. */
  public record Retry(long id, long delayMs, String error) {
  }

  /** Dead-lettered: replayable by an operator only. */
  public record Dead(long id, String error) {
  }

  public Settlement {
    delivered = List.copyOf(delivered);
    retry = List.copyOf(retry);
    dead = List.copyOf(dead);
  }

  public boolean isEmpty() {
    return delivered.isEmpty() && retry.isEmpty() && dead.isEmpty();
  }

  public static Settlement fromJson(JsonObject json) {
    List<Long> delivered = new ArrayList<>();
    for (Object id : json.getJsonArray("delivered", new JsonArray())) {
      delivered.add(((Number) id).longValue());
    }
    List<Retry> retry = new ArrayList<>();
    for (Object o : json.getJsonArray("retry", new JsonArray())) {
      JsonObject r = (JsonObject) o;
      retry.add(new Retry(r.getLong("id"), r.getLong("delay_ms", 0L), r.getString("error")));
    }
    List<Dead> dead = new ArrayList<>();
    for (Object o : json.getJsonArray("dead", new JsonArray())) {
      JsonObject d = (JsonObject) o;
      dead.add(new Dead(d.getLong("id"), d.getString("error")));
    }
    return new Settlement(delivered, retry, dead);
  }

  public JsonObject toJson() {
    JsonArray retries = new JsonArray();
    retry.forEach(r -> retries.add(new JsonObject().put("id", r.id()).put("delay_ms", r.delayMs()).put("error", r.error())));
    JsonArray deads = new JsonArray();
    dead.forEach(d -> deads.add(new JsonObject().put("id", d.id()).put("error", d.error())));
    return new JsonObject().put("delivered", new JsonArray(new ArrayList<>(delivered))).put("retry", retries).put("dead", deads);
  }
}
