package io.intake.persistence.api;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.HandOffJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/** The typed face of {@code persistence.TelemetryVerticle}: logs, metrics, agent events, patterns. */
public final class TelemetryClient {

  private final Vertx vertx;
  private final Supplier<DeliveryOptions> options;

  public TelemetryClient(Vertx vertx, Supplier<DeliveryOptions> options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** With the current correlation id and the event bus's default timeout. */
  public TelemetryClient(Vertx vertx) {
    this(vertx, Correlation::options);
  }

  /** One multi-row statement; the batch is handed off, not copied (the caller must not change it). */
  public Future<StoredCount> storeLogs(List<LogRecord> records) {
    return request(Addresses.LOGS_STORE, LogRecord.batchToJson(records), HandOffJson.options(options.get()))
        .map(StoredCount::fromJson);
  }

  /** As {@link #storeLogs}, for metric points. */
  public Future<StoredCount> storeMetrics(List<MetricPoint> points) {
    return request(Addresses.METRICS_STORE, MetricPoint.batchToJson(points), HandOffJson.options(options.get()))
        .map(StoredCount::fromJson);
  }

  /** Keyed batches (from Kafka): each (batch, position) stored once; answers which batches were new. */
  public Future<FreshBatches> storeLogBatches(List<LogBatch> batches) {
    return request(Addresses.LOG_BATCHES_STORE, LogBatch.listToJson(batches), HandOffJson.options(options.get()))
        .map(FreshBatches::fromJson);
  }

  /** As {@link #storeLogBatches}, for metric points. */
  public Future<FreshBatches> storeMetricBatches(List<MetricBatch> batches) {
    return request(Addresses.METRIC_BATCHES_STORE, MetricBatch.listToJson(batches), HandOffJson.options(options.get()))
        .map(FreshBatches::fromJson);
  }

  /** Keeps Kafka records in the fallback table (in the given order). */
  public Future<StoredCount> appendFallback(List<FallbackRecord> records) {
    return request(Addresses.STREAM_FALLBACK_APPEND, FallbackRecord.listToJson(records), options.get())
        .map(StoredCount::fromJson);
  }

  /** A queue's head, leased to {@code take.owner()}; empty while another relay holds it. */
  public Future<List<FallbackRecord>> take(RelayQueue queue, FallbackRecord.Take take) {
    return request(queue.take(), take.toJson(), options.get()).map(FallbackRecord::listFromJson);
  }

  /** Records the broker has acknowledged. */
  public Future<StoredCount> remove(RelayQueue queue, List<Long> ids) {
    return request(queue.remove(), new JsonObject().put("ids", new io.vertx.core.json.JsonArray(
        new java.util.ArrayList<>(ids))), options.get()).map(StoredCount::fromJson);
  }

  public Future<FallbackRecord.Depth> depth(RelayQueue queue) {
    return request(queue.depth(), new JsonObject(), options.get()).map(FallbackRecord.Depth::fromJson);
  }

  /** Stores the event once per event id, and the item it opens in the same transaction. */
  public Future<SavedAgentEvent> saveAgentEvent(AgentEventSave save) {
    return request(Addresses.AGENT_EVENT_SAVE, save.toJson(), options.get()).map(SavedAgentEvent::fromJson);
  }

  public Future<AgentOverview> agentOverview(AgentOverviewQuery query) {
    return request(Addresses.AGENT_METRICS_OVERVIEW, query.toJson(), options.get()).map(AgentOverview::fromJson);
  }

  public Future<PatternChanges.Saved> savePatterns(PatternChanges changes) {
    return request(Addresses.PATTERNS_SAVE, changes.toJson(), options.get()).map(PatternChanges.Saved::fromJson);
  }

  /** Every service's saved patterns. */
  public Future<List<StoredPattern>> loadPatterns() {
    return request(Addresses.PATTERNS_LOAD, new JsonObject(), options.get()).map(StoredPattern::listFromJson);
  }

  private Future<JsonObject> request(String address, JsonObject body, DeliveryOptions delivery) {
    return vertx.eventBus().<JsonObject>request(address, body, delivery).map(Message::body);
  }
}
