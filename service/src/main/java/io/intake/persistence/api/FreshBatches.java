package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The answer of a keyed batch store: the ids of the batches whose rows were written now (a batch
 * stored before is absent), and the rows written. Only fresh batches go on to the miner.
 */
public record FreshBatches(List<String> batchIds, int stored) {

  public FreshBatches {
    batchIds = List.copyOf(batchIds);
  }

  public JsonObject toJson() {
    return new JsonObject().put("fresh", new JsonArray(batchIds)).put("stored", stored);
  }

  public static FreshBatches fromJson(JsonObject json) {
    return new FreshBatches(WireFields.requiredStrings(json, "fresh"), WireFields.requiredInt(json, "stored"));
  }
}
