package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One stored metric point; the only JSON mapping of a {@code intake.metrics.store} record. */
public record MetricPoint(Instant occurredAt, String name, double value, String metricType, String service,
    String host, JsonObject tags) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("occurred_at", occurredAt)
        .put("name", name)
        .put("value", value)
        .put("metric_type", metricType)
        .put("service", service)
        .put("host", host)
        .put("tags", tags);
  }

  public static MetricPoint fromJson(JsonObject json) {
    return new MetricPoint(
        WireFields.requiredInstant(json, "occurred_at"),
        WireFields.requiredString(json, "name"),
        WireFields.requiredDouble(json, "value"),
        WireFields.requiredString(json, "metric_type"),
        WireFields.requiredString(json, "service"),
        WireFields.optionalString(json, "host"),
        WireFields.optionalObject(json, "tags"));
  }

  /** {@code {records: [...]}}, the body of {@code intake.metrics.store}. */
  public static JsonObject batchToJson(List<MetricPoint> points) {
    JsonArray out = new JsonArray(new ArrayList<>(points.size()));
    points.forEach(p -> out.add(p.toJson()));
    return new JsonObject().put("records", out);
  }

  public static List<MetricPoint> batchFromJson(JsonObject body) {
    JsonArray in = WireFields.requiredArray(body, "records");
    List<MetricPoint> points = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      if (!(in.getValue(i) instanceof JsonObject point)) {
        throw new IllegalArgumentException("records[" + i + "] must be an object");
      }
      points.add(fromJson(point));
    }
    return points;
  }
}
