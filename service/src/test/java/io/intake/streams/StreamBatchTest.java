package io.intake.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.persistence.api.LogRecord;
import io.intake.persistence.api.MetricPoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamBatchTest {

  private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

  private static LogRecord line(String service, String message) {
    return new LogRecord(AT, service, "info", message, null, "batch", null, null, null, null, null);
  }

  @Test
  void a_request_becomes_one_batch_per_service_in_first_seen_order_with_its_lines_in_order() {
    List<StreamBatch> batches = StreamBatch.ofLogs(List.of(line("a", "1"), line("b", "2"), line("a", "3")));
    assertThat(batches).extracting(StreamBatch::service).containsExactly("a", "b");
    StreamBatch.Logs first = (StreamBatch.Logs) batches.get(0);
    assertThat(first.batch().records()).extracting(LogRecord::message).containsExactly("1", "3");
    assertThat(first.batch().batchId()).isNotEqualTo(((StreamBatch.Logs) batches.get(1)).batch().batchId());
  }

  @Test
  void a_batch_reads_back_from_its_topic_value() {
    StreamBatch logs = StreamBatch.ofLogs(List.of(line("a", "x"))).get(0);
    JsonObject value = new JsonObject(logs.toJson().encode());
    assertThat(value.getInteger("v")).isEqualTo(1);
    assertThat(value.getString("kind")).isEqualTo("logs");
    assertThat(StreamBatch.parse(value.encode())).isEqualTo(logs);

    StreamBatch metrics = StreamBatch.ofMetrics(List.of(new MetricPoint(AT, "cpu", 0.5, "gauge", "a", null, null))).get(0);
    assertThat(StreamBatch.parse(metrics.toJson().encode())).isEqualTo(metrics);
  }

  @Test
  void what_cannot_be_stored_is_invalid_with_its_reason() {
    JsonObject good = StreamBatch.ofLogs(List.of(line("a", "x"))).get(0).toJson();
    assertThat(reason("{not json")).startsWith("not a JSON object");
    assertThat(reason("[1,2]")).startsWith("not a JSON object");
    assertThat(reason(null)).isEqualTo("no value");
    assertThat(reason(good.copy().put("v", 2).encode())).isEqualTo("unknown version 2");
    assertThat(reason(good.copy().put("kind", "traces").encode())).isEqualTo("unknown kind traces");
    assertThat(reason(good.copy().put("batch_id", "not-a-uuid").encode())).startsWith("wrong schema");
    assertThat(reason(good.copy().put("records", new JsonArray().add(new JsonObject())).encode())).startsWith("wrong schema");
    assertThat(reason(good.copy().put("records", new JsonArray()).encode())).isEqualTo("no records");
  }

  private static String reason(String value) {
    Object parsed = StreamBatch.parse(value);
    assertThat(parsed).isInstanceOf(StreamBatch.Invalid.class);
    return ((StreamBatch.Invalid) parsed).reason();
  }
}
