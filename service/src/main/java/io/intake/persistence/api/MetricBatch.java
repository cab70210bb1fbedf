package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Metric points under the id the edge gave them; stored at most once per (batch id, position). */
public record MetricBatch(String batchId, List<MetricPoint> points) {

  public JsonObject toJson() {
    return MetricPoint.batchToJson(points).put("batch_id", batchId);
  }

  public static MetricBatch fromJson(JsonObject json) {
    return new MetricBatch(WireFields.requiredString(json, "batch_id"), MetricPoint.batchFromJson(json));
  }

  /** {@code {batches: [{batch_id, records}]}}, the body of {@code intake.telemetry.metrics.store-batches}. */
  public static JsonObject listToJson(List<MetricBatch> batches) {
    JsonArray out = new JsonArray(new ArrayList<>(batches.size()));
    batches.forEach(b -> out.add(b.toJson()));
    return new JsonObject().put("batches", out);
  }

  public static List<MetricBatch> listFromJson(JsonObject body) {
    List<MetricBatch> out = new ArrayList<>();
    WireFields.requiredObjects(body, "batches").forEach(b -> out.add(fromJson(b)));
    return out;
  }
}
