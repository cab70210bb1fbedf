package io.intake.streams;

import io.intake.persistence.api.LogBatch;
import io.intake.persistence.api.LogRecord;
import io.intake.persistence.api.MetricBatch;
import io.intake.persistence.api.MetricPoint;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The value of a record on the log and metric topics: versioned JSON holding one service's part of
 * an ingest request, {@code {"v": 1, "kind": "logs"|"metrics", "batch_id", "records": [...]}}, with
 * the records in the same JSON as on the event bus. The record's key is the service, so a service's
 * batches stay in one partition, in order. The batch id makes storing it idempotent.
 */
public sealed interface StreamBatch {

  int VERSION = 1;

  String service();

  JsonObject toJson();

  record Logs(String service, LogBatch batch) implements StreamBatch {
    @Override
    public JsonObject toJson() {
      return batch.toJson().put("v", VERSION).put("kind", "logs");
    }
  }

  record Metrics(String service, MetricBatch batch) implements StreamBatch {
    @Override
    public JsonObject toJson() {
      return batch.toJson().put("v", VERSION).put("kind", "metrics");
    }
  }

  /** A value no consumer can store (not JSON, unknown version or kind, a record that does not map). */
  record Invalid(String reason) {
  }

  /** One batch per service, in first-seen order, each with a fresh id. */
  static List<StreamBatch> ofLogs(List<LogRecord> records) {
    return split(records, LogRecord::service, (service, part) -> new Logs(service, new LogBatch(newId(), part)));
  }

  static List<StreamBatch> ofMetrics(List<MetricPoint> points) {
    return split(points, MetricPoint::service, (service, part) -> new Metrics(service, new MetricBatch(newId(), part)));
  }

  /** Reads a topic record's value; the sealed answer is a batch or the reason it is dead. */
  static Object parse(String value) {
    JsonObject json;
    try {
      json = value == null ? null : new JsonObject(value);
    } catch (DecodeException | ClassCastException e) {
      return new Invalid("not a JSON object");
    }
    if (json == null) {
      return new Invalid("no value");
    }
    if (!Integer.valueOf(VERSION).equals(json.getValue("v"))) {
      return new Invalid("unknown version " + json.getValue("v"));
    }
    try {
      String kind = String.valueOf(json.getValue("kind"));
      UUID.fromString(json.getString("batch_id", ""));
      return switch (kind) {
        case "logs" -> {
          LogBatch batch = LogBatch.fromJson(json);
          yield batch.records().isEmpty() ? new Invalid("no records") : new Logs(batch.records().get(0).service(), batch);
        }
        case "metrics" -> {
          MetricBatch batch = MetricBatch.fromJson(json);
          yield batch.points().isEmpty() ? new Invalid("no records") : new Metrics(batch.points().get(0).service(), batch);
        }
        default -> new Invalid("unknown kind " + kind);
      };
    } catch (RuntimeException e) {
      return new Invalid("wrong schema: " + e.getMessage());
    }
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  private static <T> List<StreamBatch> split(List<T> items, Function<T, String> service,
      java.util.function.BiFunction<String, List<T>, StreamBatch> batch) {
    Map<String, List<T>> byService = new LinkedHashMap<>();
    for (T item : items) {
      byService.computeIfAbsent(service.apply(item), s -> new ArrayList<>()).add(item);
    }
    List<StreamBatch> out = new ArrayList<>(byService.size());
    byService.forEach((s, part) -> out.add(batch.apply(s, part)));
    return out;
  }
}
