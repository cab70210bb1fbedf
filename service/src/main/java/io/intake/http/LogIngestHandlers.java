package io.intake.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.logs.MineLines;
import io.intake.logs.PatternsPage;
import io.intake.logs.PatternsQuery;
import io.intake.normalize.SenderTimestamps;
import io.intake.patterns.LogLevels;
import io.intake.persistence.api.LogRecord;
import io.intake.persistence.api.MetricPoint;
import io.intake.streams.KafkaSettings;
import io.intake.streams.StreamsClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Log and metric ingestion: a single log event ({@code POST /api/logs/ingest}) and batches
 * ({@code POST /logs}, {@code POST /metrics}). Every record is persisted (one
 * multi-row statement per request) before the 202; log lines then go to the pattern miner. With
 * Kafka configured the records are published instead (streams.StreamProducerVerticle) and the
 * group's consumers store and mine them. These
 * endpoints answer validation errors the way the original FastAPI services do:
 * {@code 422 {"detail": [{"loc": ["body", field…], "msg", "type"}]}}.
 */
final class LogIngestHandlers {

  static final String API = "api_logs_ingest";
  static final String LOGS = "logs";
  static final String METRICS = "metrics";

  private final BusRequests bus;
  private final JsonBodies bodies;
  private final StreamsClient streams;
  private final KafkaSettings.Topics topics;

  /** @param streams null: records go to PostgreSQL directly; else to Kafka, stored and mined by its consumers */
  LogIngestHandlers(BusRequests bus, JsonBodies bodies, StreamsClient streams, KafkaSettings.Topics topics) {
    this.bus = bus;
    this.bodies = bodies;
    this.streams = streams;
    this.topics = topics;
  }

  void ingestEvent(RoutingContext ctx) {
    JsonNode node = validated(ctx, API, "log-event");
    if (node == null) {
      return;
    }
    Instant occurred = timestamp(node.path("timestamp").asText());
    if (occurred == null) {
      reject(ctx, API, List.of(detail(List.of("timestamp"), "timestamp must be ISO 8601 format", "value_error")));
      return;
    }
    JsonObject body = new JsonObject(node.toString());
    JsonObject attributes = new JsonObject();
    for (String optional : List.of("user_id", "product_id", "price", "quantity", "stack", "app_version", "raw_data")) {
      if (body.getValue(optional) != null) {
        attributes.put(optional, body.getValue(optional));
      }
    }
    LogRecord event = new LogRecord(occurred, node.get("service").asText(), node.get("level").asText(),
        node.get("message").asText(), null, "api", node.get("request_id").asText(), node.get("env").asText(),
        node.get("action").asText(), textOrNull(node, "error_code"), attributes.isEmpty() ? null : attributes);
    IngestStats.received(API, 1);
    storeLogs(ctx, API, List.of(event), new JsonObject()
        .put("status", "accepted")
        .put("request_id", node.get("request_id").asText())
        .put("message", "Log ingested and queued for processing"));
  }

  void ingestLogs(RoutingContext ctx) {
    JsonNode node = validated(ctx, LOGS, "log-batch");
    if (node == null) {
      return;
    }
    JsonNode entries = node.get("entries");
    List<LogRecord> events = records(ctx, LOGS, entries, (e, occurred) -> new LogRecord(occurred,
        e.get("service").asText(), level(e.get("level").asText()), e.get("message").asText(), textOrNull(e, "host"),
        "batch", null, null, null, null, objectOrNull(e, "attributes")));
    if (events == null) {
      return;
    }
    IngestStats.received(LOGS, events.size());
    storeLogs(ctx, LOGS, events, new JsonObject()
        .put("status", "accepted")
        .put("logs_received", events.size())
        .put("service", entries.get(0).get("service").asText())
        .put("message", "Log batch accepted for processing"));
  }

  void ingestMetrics(RoutingContext ctx) {
    JsonNode node = validated(ctx, METRICS, "metric-batch");
    if (node == null) {
      return;
    }
    JsonNode entries = node.get("entries");
    List<MetricPoint> points = records(ctx, METRICS, entries, (e, occurred) -> new MetricPoint(occurred,
        e.get("name").asText(), e.get("value").asDouble(), e.get("metric_type").asText().toLowerCase(Locale.ROOT),
        e.get("service").asText(), textOrNull(e, "host"), objectOrNull(e, "tags")));
    if (points == null) {
      return;
    }
    IngestStats.received(METRICS, points.size());
    JsonObject answer = new JsonObject()
        .put("status", "accepted")
        .put("metrics_received", points.size())
        .put("service", entries.get(0).get("service").asText())
        .put("message", "Metric batch accepted for processing");
    if (streams != null) {
      streams.publishMetrics(topics.metrics(), points).onSuccess(published -> {
        IngestStats.persisted(METRICS, points.size());
        accepted(ctx, answer);
      }).onFailure(ctx::fail);
      return;
    }
    bus.telemetry().storeMetrics(points).onSuccess(stored -> {
      IngestStats.persisted(METRICS, points.size());
      accepted(ctx, answer);
    }).onFailure(ctx::fail);
  }

  void patterns(RoutingContext ctx) {
    String service = ctx.queryParams().get("service");
    String level = ctx.queryParams().get("level");
    if (level != null && !List.of("debug", "info", "warn", "error", "critical").contains(level)) {
      throw ApiError.invalid("level", "enum", "must be one of critical, debug, error, info, warn");
    }
    String limit = ctx.queryParams().get("limit");
    int n;
    try {
      n = limit == null ? PatternsQuery.DEFAULT_LIMIT : Integer.parseInt(limit.strip());
    } catch (NumberFormatException e) {
      throw ApiError.invalid("limit", "type", "must be an integer");
    }
    if (n < 1 || n > 1000) {
      throw ApiError.invalid("limit", n < 1 ? "minimum" : "maximum", "must be between 1 and 1000");
    }
    bus.answer(ctx, bus.patterns().list(new PatternsQuery(service, level, n)).map(PatternsPage::toJson));
  }

  /**
   * The batch's entries as records, each with its parsed timestamp; null when a 422 naming every
   * entry whose timestamp is not ISO 8601 was sent instead.
   */
  private static <T> List<T> records(RoutingContext ctx, String endpoint, JsonNode entries,
      BiFunction<JsonNode, Instant, T> record) {
    List<T> records = new ArrayList<>(entries.size());
    List<JsonObject> errors = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      Instant occurred = timestamp(e.get("timestamp").asText());
      if (occurred == null) {
        errors.add(detail(List.of("entries", i, "timestamp"), "timestamp must be ISO 8601 format", "value_error"));
      } else {
        records.add(record.apply(e, occurred));
      }
    }
    if (!errors.isEmpty()) {
      reject(ctx, endpoint, errors);
      return null;
    }
    return records;
  }

  /**
   * Persists, answers 202, then hands the lines to the miner. With Kafka: publishes, answers 202
   * once the broker (or the fallback table) has them; the group's consumers store and mine.
   */
  private void storeLogs(RoutingContext ctx, String endpoint, List<LogRecord> records, JsonObject answer) {
    if (streams != null) {
      streams.publishLogs(endpoint.equals(API) ? topics.logEvents() : topics.logs(), records).onSuccess(published -> {
        IngestStats.persisted(endpoint, records.size());
        accepted(ctx, answer);
      }).onFailure(ctx::fail);
      return;
    }
    bus.telemetry().storeLogs(records).onSuccess(stored -> {
      IngestStats.persisted(endpoint, records.size());
      accepted(ctx, answer);
      List<MineLines.LogLine> lines = new ArrayList<>(records.size());
      records.forEach(r -> lines.add(new MineLines.LogLine(r.service(), r.level(), r.message())));
      // Handed off, not copied: nothing here touches the lines after sending them.
      bus.patterns().mine(new MineLines(lines));
    }).onFailure(ctx::fail);
  }

  private static void accepted(RoutingContext ctx, JsonObject answer) {
    Responses.json(ctx, 202, answer.put("timestamp", Instant.now().toString()));
  }

  /** The body parsed and checked against the schema, or null when a 422 was sent. */
  private JsonNode validated(RoutingContext ctx, String endpoint, String schema) {
    try {
      return bodies.parse(ctx.body().asString(), schema);
    } catch (ApiError e) {
      List<JsonObject> details = new ArrayList<>();
      if (e.details().isEmpty()) {
        details.add(detail(List.of(), e.getMessage(), "json_invalid"));
      }
      for (FieldError f : e.details()) {
        details.add(detail(path(f.field()), f.field() + ": " + f.message(), type(f.rule())));
      }
      reject(ctx, endpoint, details);
      return null;
    }
  }

  private static void reject(RoutingContext ctx, String endpoint, List<JsonObject> details) {
    IngestStats.rejected(endpoint);
    Responses.json(ctx, 422, new JsonObject().put("detail", new JsonArray(new ArrayList<>(details))));
  }

  private static JsonObject detail(List<Object> path, String msg, String type) {
    JsonArray loc = new JsonArray().add("body");
    path.forEach(loc::add);
    return new JsonObject().put("loc", loc).put("msg", msg).put("type", type);
  }

  /** {@code entries[3].level} → {@code ["entries", 3, "level"]}; {@code body} → {@code []}. */
  static List<Object> path(String field) {
    List<Object> out = new ArrayList<>();
    if (field.equals("body")) {
      return out;
    }
    for (String part : field.split("\\.")) {
      int bracket = part.indexOf('[');
      String name = bracket < 0 ? part : part.substring(0, bracket);
      if (!name.isEmpty()) {
        out.add(name);
      }
      while (bracket >= 0) {
        int end = part.indexOf(']', bracket);
        out.add(Integer.parseInt(part.substring(bracket + 1, end)));
        bracket = part.indexOf('[', end);
      }
    }
    return out;
  }

  private static String type(String rule) {
    return switch (rule) {
      case "required" -> "missing";
      case "type" -> "type_error";
      case "limits" -> "json_invalid";
      default -> "value_error";
    };
  }

  /**
   * ISO 8601 in the spellings senders use ({@link SenderTimestamps}); without an offset it is UTC,
   * as seeds 002 and 004 say. Null if not ISO 8601.
   */
  static Instant timestamp(String text) {
    return SenderTimestamps.parseUtcDefault(text).orElse(null);
  }

  /**
   * Agents' level words → the five levels of the store, by the same table the pattern miner reads
   * levels with ({@link LogLevels}); the schema admits only words that table knows.
   */
  static String level(String word) {
    String level = LogLevels.normalizeHint(word);
    return level == null ? "critical" : level.toLowerCase(Locale.ROOT);
  }

  private static JsonObject objectOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : new JsonObject(value.toString());
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
