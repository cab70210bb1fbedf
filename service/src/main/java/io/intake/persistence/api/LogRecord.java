package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One stored log event, as the log ingest endpoints shape it ({@code endpoint} is {@code api} or
 * {@code batch}); the only JSON mapping of a {@code intake.logs.store} record.
 */
public record LogRecord(Instant occurredAt, String service, String level, String message, String host,
    String endpoint, String requestId, String env, String action, String errorCode, JsonObject attributes) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("occurred_at", occurredAt)
        .put("service", service)
        .put("level", level)
        .put("message", message)
        .put("host", host)
        .put("endpoint", endpoint)
        .put("request_id", requestId)
        .put("env", env)
        .put("action", action)
        .put("error_code", errorCode)
        .put("attributes", attributes);
  }

  public static LogRecord fromJson(JsonObject json) {
    return new LogRecord(
        WireFields.requiredInstant(json, "occurred_at"),
        WireFields.requiredString(json, "service"),
        WireFields.requiredString(json, "level"),
        WireFields.requiredString(json, "message"),
        WireFields.optionalString(json, "host"),
        WireFields.requiredString(json, "endpoint"),
        WireFields.optionalString(json, "request_id"),
        WireFields.optionalString(json, "env"),
        WireFields.optionalString(json, "action"),
        WireFields.optionalString(json, "error_code"),
        WireFields.optionalObject(json, "attributes"));
  }

  /** {@code {records: [...]}}, the body of {@code intake.logs.store}. */
  public static JsonObject batchToJson(List<LogRecord> records) {
    JsonArray out = new JsonArray(new ArrayList<>(records.size()));
    records.forEach(r -> out.add(r.toJson()));
    return new JsonObject().put("records", out);
  }

  public static List<LogRecord> batchFromJson(JsonObject body) {
    JsonArray in = WireFields.requiredArray(body, "records");
    List<LogRecord> records = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      if (!(in.getValue(i) instanceof JsonObject record)) {
        throw new IllegalArgumentException("records[" + i + "] must be an object");
      }
      records.add(fromJson(record));
    }
    return records;
  }
}
