package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Log records under the id the edge gave them: stored at most once per (batch id, position), so a
 * batch that arrives twice (a replay, a relay after an ambiguous send) is stored once.
 */
public record LogBatch(String batchId, List<LogRecord> records) {

  public JsonObject toJson() {
    return LogRecord.batchToJson(records).put("batch_id", batchId);
  }

  public static LogBatch fromJson(JsonObject json) {
    return new LogBatch(WireFields.requiredString(json, "batch_id"), LogRecord.batchFromJson(json));
  }

  /** {@code {batches: [{batch_id, records}]}}, the body of {@code intake.telemetry.logs.store-batches}. */
  public static JsonObject listToJson(List<LogBatch> batches) {
    JsonArray out = new JsonArray(new ArrayList<>(batches.size()));
    batches.forEach(b -> out.add(b.toJson()));
    return new JsonObject().put("batches", out);
  }

  public static List<LogBatch> listFromJson(JsonObject body) {
    List<LogBatch> out = new ArrayList<>();
    WireFields.requiredObjects(body, "batches").forEach(b -> out.add(fromJson(b)));
    return out;
  }
}
