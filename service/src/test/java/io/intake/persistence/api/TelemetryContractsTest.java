package io.intake.persistence.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.bus.Addresses;
import io.intake.bus.Failure;
import io.intake.model.AgentEvent;
import io.intake.support.OwnerContracts;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The telemetry owner's records: each survives the wire as JSON text with today's field names, and
 * the deployed owner answers a body missing or mistyping a required field with 400.
 */
class TelemetryContractsTest extends OwnerContracts {

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

  @Test
  void a_log_record_survives_the_wire_with_todays_names() {
    LogRecord sent = new LogRecord(AT, "checkout", "error", "payment failed", "web-1", "api", "req-1", "prod",
        "pay", "E42", new JsonObject().put("user_id", "u1"));
    assertThat(sent.toJson().fieldNames()).containsExactlyInAnyOrder("occurred_at", "service", "level", "message",
        "host", "endpoint", "request_id", "env", "action", "error_code", "attributes");
    assertThat(LogRecord.fromJson(wire(sent.toJson()))).isEqualTo(sent);
    assertThat(LogRecord.batchFromJson(wire(LogRecord.batchToJson(List.of(sent, sent))))).containsExactly(sent, sent);
  }

  @Test
  void a_metric_point_survives_the_wire_with_todays_names() {
    MetricPoint sent = new MetricPoint(AT, "latency", 2.0, "gauge", "checkout", null, new JsonObject().put("az", "a"));
    assertThat(sent.toJson().fieldNames()).containsExactlyInAnyOrder("occurred_at", "name", "value", "metric_type",
        "service", "host", "tags");
    assertThat(MetricPoint.fromJson(wire(sent.toJson()))).isEqualTo(sent);
    assertThat(StoredCount.fromJson(wire(new StoredCount(3).toJson()))).isEqualTo(new StoredCount(3));
  }

  @Test
  void an_agent_event_save_and_its_answer_survive_the_wire() {
    AgentEventSave sent = new AgentEventSave(event("0b7e3a3e-7c1e-4d55-9d61-1b2f8f0a4c11"), null);
    assertThat(sent.toJson().fieldNames()).containsExactlyInAnyOrder("event", "work_item");
    assertThat(AgentEventSave.fromJson(wire(sent.toJson()))).isEqualTo(sent);

    SavedAgentEvent saved = new SavedAgentEvent(true, "e-1", "wi_1");
    assertThat(saved.toJson()).isEqualTo(new JsonObject().put("persisted", true).put("event_id", "e-1")
        .put("work_item_id", "wi_1"));
    assertThat(SavedAgentEvent.fromJson(wire(saved.toJson()))).isEqualTo(saved);
    assertThat(new SavedAgentEvent(false, "e-1", null).toJson().containsKey("work_item_id")).isFalse();
  }

  @Test
  void the_overview_query_defaults_its_window_and_the_overview_keeps_its_answer_shape() {
    assertThat(AgentOverviewQuery.fromJson(new JsonObject()).windowHours()).isEqualTo(24);
    AgentOverviewQuery query = new AgentOverviewQuery(48, "t1", null, null, "a1", null);
    assertThat(query.toJson()).isEqualTo(new JsonObject().put("window_hours", 48).put("tenant_id", "t1")
        .put("agent_id", "a1"));
    assertThat(AgentOverviewQuery.fromJson(wire(query.toJson()))).isEqualTo(query);

    AgentOverview overview = new AgentOverview(query, 5, 4, 3, 1, 0.75, 1.5, 120.0);
    assertThat(overview.toJson().fieldNames()).containsExactly("window_hours", "filters", "total_runs",
        "finished_runs", "completed_runs", "failed_runs", "success_rate", "total_cost_usd", "avg_latency_ms");
    assertThat(overview.toJson().getJsonObject("filters")).isEqualTo(new JsonObject().put("tenant_id", "t1")
        .put("agent_id", "a1"));
    assertThat(AgentOverview.fromJson(wire(overview.toJson()))).isEqualTo(overview);
  }

  @Test
  void pattern_changes_survive_the_wire_with_todays_names() {
    StoredPattern pattern = pattern(7L);
    assertThat(pattern.toJson().fieldNames()).containsExactlyInAnyOrder("service", "pattern_id", "template", "count",
        "first_seen", "last_seen", "levels", "examples");
    assertThat(pattern.toJson().getString("first_seen")).isEqualTo("2026-03-01T10:15:30.123Z");
    PatternChanges changes = new PatternChanges(List.of(pattern), List.of(new PatternChanges.Removed("checkout", 3L)));
    assertThat(changes.toJson().getJsonArray("removed").getJsonObject(0))
        .isEqualTo(new JsonObject().put("service", "checkout").put("pattern_id", 3L));
    assertThat(PatternChanges.fromJson(wire(changes.toJson()))).isEqualTo(changes);
    assertThat(PatternChanges.fromJson(new JsonObject()).isEmpty()).as("absent lists are empty").isTrue();
    assertThat(PatternChanges.Saved.fromJson(wire(new PatternChanges.Saved(1, 1).toJson())))
        .isEqualTo(new PatternChanges.Saved(1, 1));
    assertThat(StoredPattern.listFromJson(wire(StoredPattern.listToJson(List.of(pattern))))).containsExactly(pattern);
  }

  @Test
  void the_client_stores_logs_and_metrics_and_reads_saved_patterns_back() throws Exception {
    TelemetryClient client = new TelemetryClient(vertx, DeliveryOptions::new);
    LogRecord line = new LogRecord(AT, "contracts-svc", "warn", "disk at 91%", null, "batch", null, null, null,
        null, null);
    assertThat(await(client.storeLogs(List.of(line, line)))).isEqualTo(new StoredCount(2));
    assertThat(app.count("SELECT count(*) FROM log_events WHERE service = 'contracts-svc'")).isEqualTo(2);
    MetricPoint point = new MetricPoint(AT, "disk", 91.0, "gauge", "contracts-svc", "h1", null);
    assertThat(await(client.storeMetrics(List.of(point)))).isEqualTo(new StoredCount(1));

    StoredPattern pattern = pattern(900_001L);
    assertThat(await(client.savePatterns(new PatternChanges(List.of(pattern), List.of()))))
        .isEqualTo(new PatternChanges.Saved(1, 0));
    assertThat(await(client.loadPatterns())).contains(pattern);
    assertThat(await(client.savePatterns(new PatternChanges(List.of(),
        List.of(new PatternChanges.Removed(pattern.service(), pattern.patternId()))))))
        .isEqualTo(new PatternChanges.Saved(0, 1));
    assertThat(await(client.loadPatterns())).doesNotContain(pattern);

    AgentOverview overview = await(client.agentOverview(new AgentOverviewQuery(24, "no-such-tenant", null, null,
        null, null)));
    assertThat(overview.totalRuns()).isZero();
    assertThat(overview.query().tenantId()).isEqualTo("no-such-tenant");
  }

  @Test
  void a_keyed_batch_is_stored_once_however_often_it_comes() throws Exception {
    TelemetryClient client = new TelemetryClient(vertx, DeliveryOptions::new);
    LogRecord line = new LogRecord(AT, "keyed-svc", "info", "once", null, "batch", null, null, null, null, null);
    LogBatch batch = new LogBatch("6f1c2b1e-8a39-4c57-9b49-3d8f1e2a7c10", List.of(line, line, line));
    assertThat(LogBatch.listFromJson(wire(LogBatch.listToJson(List.of(batch))))).containsExactly(batch);
    assertThat(await(client.storeLogBatches(List.of(batch))))
        .isEqualTo(new FreshBatches(List.of(batch.batchId()), 3));
    assertThat(await(client.storeLogBatches(List.of(batch)))).isEqualTo(new FreshBatches(List.of(), 0));
    assertThat(app.count("SELECT count(*) FROM log_events WHERE service = 'keyed-svc'")).isEqualTo(3);

    MetricBatch points = new MetricBatch("0d9b7f9e-3e57-4a8e-8f5a-7f0e4b8c2a11",
        List.of(new MetricPoint(AT, "keyed", 1.0, "gauge", "keyed-svc", null, null)));
    assertThat(FreshBatches.fromJson(wire(new FreshBatches(List.of("a"), 1).toJson())))
        .isEqualTo(new FreshBatches(List.of("a"), 1));
    assertThat(await(client.storeMetricBatches(List.of(points, points))).stored()).isEqualTo(1);
  }

  @Test
  void one_relay_at_a_time_holds_the_fallback_head_and_takes_it_in_order() throws Exception {
    TelemetryClient client = new TelemetryClient(vertx, DeliveryOptions::new);
    List<FallbackRecord> kept = List.of(new FallbackRecord(0, "t", "k1", "v1"), new FallbackRecord(0, "t", null, "v2"));
    assertThat(FallbackRecord.listFromJson(wire(FallbackRecord.listToJson(kept)))).isEqualTo(kept);
    assertThat(await(client.appendFallback(kept))).isEqualTo(new StoredCount(2));
    List<FallbackRecord> head = await(client.take(RelayQueue.STREAM_FALLBACK, new FallbackRecord.Take("one", 10, 60_000)));
    assertThat(head).extracting(FallbackRecord::value).containsExactly("v1", "v2");
    assertThat(await(client.take(RelayQueue.STREAM_FALLBACK, new FallbackRecord.Take("two", 10, 60_000))))
        .as("another relay waits for the lease").isEmpty();
    assertThat(await(client.depth(RelayQueue.STREAM_FALLBACK)).records()).isEqualTo(2);
    assertThat(await(client.remove(RelayQueue.STREAM_FALLBACK, head.stream().map(FallbackRecord::id).toList())))
        .isEqualTo(new StoredCount(2));
    assertThat(await(client.depth(RelayQueue.STREAM_FALLBACK))).isEqualTo(new FallbackRecord.Depth(0, null));
  }

  @Test
  void without_kafka_the_event_outbox_records_nothing() {
    assertThat(app.count("SELECT count(*) FROM event_outbox_switch WHERE enabled")).isZero();
    assertThat(app.count("SELECT count(*) FROM event_outbox")).isZero();
  }

  @Test
  void a_body_missing_or_mistyping_a_required_field_is_answered_invalid() throws Exception {
    JsonObject log = new LogRecord(AT, "s", "info", "m", null, "batch", null, null, null, null, null).toJson();
    JsonObject metric = new MetricPoint(AT, "n", 1.0, "gauge", "s", null, null).toJson();
    Map<String, JsonObject> bad = Map.of(
        Addresses.LOGS_STORE, new JsonObject(),
        Addresses.METRICS_STORE, new JsonObject().put("records", new JsonArray().add(metric.copy().put("value", "x"))),
        Addresses.AGENT_EVENT_SAVE, new JsonObject().put("work_item", (Object) null),
        Addresses.AGENT_METRICS_OVERVIEW, new JsonObject().put("window_hours", "24"),
        Addresses.PATTERNS_SAVE, new JsonObject().put("patterns", new JsonArray().add(
            pattern(5L).toJson().put("template", (Object) null))));
    for (var request : bad.entrySet()) {
      assertInvalid(request.getKey(), request.getValue());
    }
    JsonObject noService = log.copy();
    noService.remove("service");
    assertInvalid(Addresses.LOGS_STORE, new JsonObject().put("records", new JsonArray().add(noService)));
    assertInvalid(Addresses.LOGS_STORE, new JsonObject().put("records", new JsonArray().add(
        log.copy().put("occurred_at", "yesterday"))));
  }

  private static void assertInvalid(String address, JsonObject body) throws Exception {
    Throwable failure = vertx.eventBus().request(address, body).toCompletionStage().toCompletableFuture()
        .handle((reply, error) -> error).get(30, TimeUnit.SECONDS);
    assertThat(failure).as(address + " " + body.encode()).isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) failure).failureCode()).as(address).isEqualTo(Failure.INVALID.code());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static StoredPattern pattern(long id) {
    return new StoredPattern("contracts-svc", id, "disk at <*>%", 12, AT, AT.plusSeconds(60),
        Map.of("warn", 12L), List.of("disk at 91%"));
  }

  private static AgentEvent event(String id) {
    return new AgentEvent(id, "0", "run.completed", "2026-03-01T10:15:30Z", "t1", "w1", "p1", "r1", "a1", "wf1",
        "completed", 0.25, 1200.0, null, null, "{}");
  }
}
