package io.intake.streams;

import static io.intake.support.TestApp.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.KafkaBroker;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kafka transport against a real broker (KRaft, a child process): ingest → topic → consumer
 * group → stored and mined; order per service; dead letters; and, last because it kills the
 * broker, the fallback table and its relay.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaTransportTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static KafkaBroker broker;
  private static RunningApp app;
  private static Http http;

  @BeforeAll
  static void start(Vertx vertx) {
    broker = KafkaBroker.startNew();
    app = RunningApp.start(vertx, new JsonObject()
        .put("patterns", new JsonObject().put("flush_interval_ms", 100))
        .put("kafka", new JsonObject()
            .put("brokers", broker.bootstrap())
            .put("send_timeout_ms", 1500)
            .put("consumer", new JsonObject().put("instances", 2))
            .put("fallback", new JsonObject().put("relay_interval_ms", 200))));
    http = app.http();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static JsonObject line(String service, String level, String message) {
    return new JsonObject().put("timestamp", "2024-01-11T10:00:00Z").put("level", level).put("message", message)
        .put("service", service).put("host", "h1");
  }

  private static HttpResponse<Buffer> postLogs(JsonArray entries) {
    return http.postJson("/logs", new JsonObject().put("entries", entries).put("agent_version", "0.1.0"));
  }

  private static long patternCount(String service) {
    JsonArray patterns = http.get("/patterns?service=" + service).bodyAsJsonObject().getJsonArray("patterns");
    long total = 0;
    for (int i = 0; i < patterns.size(); i++) {
      total += patterns.getJsonObject(i).getLong("count");
    }
    return total;
  }

  @Test
  @Order(1)
  void logsGoThroughTheTopicAndAreStoredAndMinedExactlyOnce() {
    int requests = 20;
    int perRequest = 25;
    for (int r = 0; r < requests; r++) {
      JsonArray entries = new JsonArray();
      for (int i = 0; i < perRequest; i++) {
        // Two services per request: the request is split into one record per service.
        String service = i % 2 == 0 ? "kafka-a" : "kafka-b";
        entries.add(line(service, i % 5 == 0 ? "ERROR" : "INFO", "request " + r + " user " + i + " done"));
      }
      HttpResponse<Buffer> response = postLogs(entries);
      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(response.bodyAsJsonObject().getInteger("logs_received")).isEqualTo(perRequest);
    }
    int total = requests * perRequest;
    eventually(DEADLINE, () -> app.count("SELECT count(*) FROM log_events WHERE service LIKE 'kafka-_'") >= total);
    assertThat(app.count("SELECT count(*) FROM log_events WHERE service LIKE 'kafka-_' AND batch_id IS NOT NULL"))
        .isEqualTo(total);
    assertThat(app.count("SELECT count(DISTINCT (service, message)) FROM log_events WHERE service LIKE 'kafka-_'"))
        .isEqualTo(total);
    eventually(DEADLINE, () -> patternCount("kafka-a") + patternCount("kafka-b") >= total);
    // 13 of each request's 25 lines are kafka-a's (even positions), 12 kafka-b's.
    assertThat(patternCount("kafka-a")).isEqualTo(requests * 13L);
    assertThat(patternCount("kafka-b")).isEqualTo(requests * 12L);

    JsonObject point = new JsonObject().put("timestamp", "2024-01-11T10:00:00Z").put("name", "kafka.cpu")
        .put("value", 1.5).put("metric_type", "gauge").put("service", "kafka-a");
    assertThat(http.postJson("/metrics", new JsonObject().put("entries", new JsonArray().add(point).add(point.copy())))
        .statusCode()).isEqualTo(202);
    JsonObject event = new JsonObject().put("request_id", "kafka-event-1").put("service", "kafka-pos")
        .put("env", "test").put("timestamp", "2025-11-18T17:21:35.683Z").put("action", "create_order")
        .put("level", "error").put("message", "Order creation failed").put("error_code", "PRICE_MISSING");
    assertThat(http.postJson("/api/logs/ingest", event).statusCode()).isEqualTo(202);
    eventually(DEADLINE, () -> app.count("SELECT count(*) FROM metric_points WHERE name = 'kafka.cpu'") == 2
        && app.count("SELECT count(*) FROM log_events WHERE request_id = 'kafka-event-1' AND endpoint = 'api'") == 1);

    JsonObject ready = http.get("/readyz").bodyAsJsonObject();
    assertThat(ready.getJsonObject("checks").getJsonObject("kafka").getString("state")).isEqualTo("kafka");
  }

  @Test
  @Order(2)
  void aServicesLinesAreStoredInTheOrderTheyWereAccepted() {
    int lines = 300;
    for (int start = 0; start < lines; start += 10) {
      JsonArray entries = new JsonArray();
      for (int i = start; i < start + 10; i++) {
        entries.add(line("kafka-order", "INFO", "seq " + i));
        entries.add(line("kafka-order-other", "INFO", "seq " + i));
      }
      assertThat(postLogs(entries).statusCode()).isEqualTo(202);
    }
    eventually(DEADLINE, () -> app.count("SELECT count(*) FROM log_events WHERE service = 'kafka-order'") == lines);
    List<Integer> order = storedSequence("kafka-order");
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      expected.add(i);
    }
    assertThat(order).isEqualTo(expected);
  }

  private static List<Integer> storedSequence(String service) {
    return io.intake.support.TestPostgres.query(app.databaseUrl(),
        "SELECT message FROM log_events WHERE service = '" + service + "' ORDER BY id", rs -> {
          List<Integer> out = new ArrayList<>();
          while (rs.next()) {
            out.add(Integer.parseInt(rs.getString(1).substring(4)));
          }
          return out;
        });
  }

  @Test
  @Order(3)
  void unreadableRecordsGoToTheDeadLetterTopicAndTheConsumerGoesOn(Vertx vertx) {
    List<KafkaConsumerRecord<String, String>> dead = new CopyOnWriteArrayList<>();
    Map<String, String> conf = new HashMap<>(KafkaSettings.fromJson(new JsonObject().put("brokers", broker.bootstrap()))
        .consumerConfig());
    conf.put("group.id", "dead-letter-reader");
    KafkaConsumer<String, String> reader = KafkaConsumer.create(vertx, conf, String.class, String.class);
    reader.handler(dead::add);
    TestApp.await(reader.subscribe("intake.dead-letter"));
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx,
        KafkaSettings.fromJson(new JsonObject().put("brokers", broker.bootstrap())).producerConfig());
    try {
      TestApp.await(producer.send(KafkaProducerRecord.create("logs.raw", "kafka-bad", "{not json")));
      TestApp.await(producer.send(KafkaProducerRecord.create("logs.raw", "kafka-bad",
          new JsonObject().put("v", 1).put("kind", "logs").put("batch_id", "4b1d0f7e-2a55-4a8e-9d0c-0d4a8a1e2f01")
              .put("records", new JsonArray().add(new JsonObject().put("service", "kafka-bad"))).encode())));
      TestApp.await(producer.send(KafkaProducerRecord.create("metrics.raw", "kafka-bad",
          new JsonObject().put("v", 99).put("kind", "metrics").encode())));
      assertThat(postLogs(new JsonArray().add(line("kafka-after-bad", "INFO", "still consumed"))).statusCode())
          .isEqualTo(202);
      eventually(DEADLINE, () -> dead.size() >= 3
          && app.count("SELECT count(*) FROM log_events WHERE service = 'kafka-after-bad'") == 1);
      assertThat(dead).hasSize(3);
      assertThat(dead.stream().map(r -> r.value()).toList())
          .containsExactlyInAnyOrder("{not json", dead.get(1).value(), dead.get(2).value());
      assertThat(dead.stream().map(r -> new String(r.headers().stream()
          .filter(h -> h.key().equals("intake.error")).findFirst().orElseThrow().value().getBytes())).toList())
          .anyMatch(reason -> reason.startsWith("not a JSON"))
          .anyMatch(reason -> reason.startsWith("wrong schema"))
          .anyMatch(reason -> reason.startsWith("unknown version"));
      assertThat(app.count("SELECT count(*) FROM log_events WHERE service = 'kafka-bad'")).isZero();
    } finally {
      TestApp.await(reader.close());
      TestApp.await(producer.close());
    }
  }

  @Test
  @Order(4)
  void workItemEventsGoOutFromTheOutboxInCommitOrderAndNeverForARollback(Vertx vertx) {
    List<KafkaConsumerRecord<String, String>> events = new CopyOnWriteArrayList<>();
    Map<String, String> conf = new HashMap<>(KafkaSettings.fromJson(new JsonObject().put("brokers", broker.bootstrap()))
        .consumerConfig());
    conf.put("group.id", "events-reader");
    KafkaConsumer<String, String> reader = KafkaConsumer.create(vertx, conf, String.class, String.class);
    reader.handler(events::add);
    TestApp.await(reader.subscribe("intake.events"));
    try {
      HttpResponse<Buffer> created = http.postJson("/ingest/demo", new JsonObject().put("service", "kafka-events")
          .put("severity", "sev2").put("description", "events out through the outbox"));
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      String id = created.bodyAsJsonObject().getString("work_item_id");
      // A change that rolls back must leave no event behind.
      io.intake.support.TestPostgres.execute(app.databaseUrl(),
          "BEGIN; UPDATE work_items SET severity = 'sev1' WHERE id = '" + id + "'; ROLLBACK;");
      assertThat(http.postJson("/work-items/" + id + "/outcome",
          new JsonObject().put("type", "resolved").put("actor_id", "human_1")).statusCode()).isEqualTo(200);

      eventually(DEADLINE, () -> events.stream().anyMatch(e -> e.key().equals(id)
          && new JsonObject(e.value()).getString("event").equals("outcome.recorded")));
      List<JsonObject> mine = events.stream().filter(e -> e.key().equals(id)).map(e -> new JsonObject(e.value())).toList();
      assertThat(mine.get(0).getString("event")).isEqualTo("workitem.created");
      assertThat(mine.get(0).getJsonObject("work_item").getString("severity")).isEqualTo("sev2");
      assertThat(mine).allSatisfy(e -> {
        assertThat(e.getInteger("event_version")).isEqualTo(1);
        assertThat(e.getString("work_item_id")).isEqualTo(id);
      });
      assertThat(mine.stream().map(e -> e.getString("event")).toList())
          .contains("workitem.updated", "outcome.recorded");
      assertThat(mine.stream().filter(e -> e.getString("event").equals("workitem.updated"))
          .flatMap(e -> e.getJsonArray("changed").stream()).toList())
          .contains("status").doesNotContain("severity");
      List<Long> order = mine.stream().map(e -> Long.parseLong(e.getString("event_id"))).toList();
      assertThat(order).as("event ids in the order the topic holds them").isSorted().doesNotHaveDuplicates();
      eventually(DEADLINE, () -> app.count("SELECT count(*) FROM event_outbox") == 0);
    } finally {
      TestApp.await(reader.close());
    }
  }

  @Test
  @Order(5)
  void aBatchThatArrivesTwiceIsStoredAndMinedOnce(Vertx vertx) {
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx,
        KafkaSettings.fromJson(new JsonObject().put("brokers", broker.bootstrap())).producerConfig());
    try {
      List<io.intake.persistence.api.LogRecord> lines = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        lines.add(new io.intake.persistence.api.LogRecord(java.time.Instant.parse("2024-01-11T10:00:00Z"), "kafka-dup",
            "info", "twice " + i, null, "batch", null, null, null, null, null));
      }
      String value = StreamBatch.ofLogs(lines).get(0).toJson().encode();
      // Back to back, so both copies are usually read in one poll (a relay after an ambiguous send).
      TestApp.await(io.vertx.core.Future.all(
          producer.send(KafkaProducerRecord.create("logs.raw", "kafka-dup", value)),
          producer.send(KafkaProducerRecord.create("logs.raw", "kafka-dup", value))));
      // A later batch of the same service: once it is mined, anything before it in the partition was.
      String marker = StreamBatch.ofLogs(List.of(new io.intake.persistence.api.LogRecord(
          java.time.Instant.parse("2024-01-11T10:00:00Z"), "kafka-dup", "info", "marker", null, "batch", null, null,
          null, null, null))).get(0).toJson().encode();
      TestApp.await(producer.send(KafkaProducerRecord.create("logs.raw", "kafka-dup", marker)));
      eventually(DEADLINE, () -> app.count("SELECT count(*) FROM log_events WHERE message = 'marker'") == 1
          && patternCount("kafka-dup") >= 21);
      assertThat(app.count("SELECT count(*) FROM log_events WHERE service = 'kafka-dup'")).isEqualTo(21);
      assertThat(patternCount("kafka-dup")).isEqualTo(21);
    } finally {
      TestApp.await(producer.close());
    }
  }

  @Test
  @Order(10)
  void whileTheBrokerIsAwayBatchesGoToTheFallbackAndAreRelayedOnceWhenItReturns() {
    List<String> acknowledged = new ArrayList<>();
    int sent = 0;
    int viaFallbackBefore = 0;
    for (int r = 0; r < 60; r++) {
      if (r == 20) {
        broker.stop();
      }
      if (r == 45) {
        broker.start();
      }
      JsonArray entries = new JsonArray();
      List<String> messages = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String message = "fallback " + r + "-" + i;
        entries.add(line(i % 2 == 0 ? "kafka-fb-a" : "kafka-fb-b", "INFO", message));
        messages.add(message);
      }
      sent += messages.size();
      if (postLogs(entries).statusCode() == 202) {
        acknowledged.addAll(messages);
      }
      if (r == 44) {
        viaFallbackBefore = http.get("/readyz").bodyAsJsonObject().getJsonObject("checks").getJsonObject("kafka")
            .getInteger("kept_in_fallback");
      }
    }
    assertThat(viaFallbackBefore).as("records kept in the fallback while the broker was away").isPositive();
    int expected = acknowledged.size();
    eventually(Duration.ofSeconds(120), () -> app.count(
        "SELECT count(*) FROM log_events WHERE service LIKE 'kafka-fb-_'") >= expected
        && app.count("SELECT count(*) FROM stream_fallback") == 0);
    long stored = app.count("SELECT count(*) FROM log_events WHERE service LIKE 'kafka-fb-_'");
    long distinct = app.count("SELECT count(DISTINCT message) FROM log_events WHERE service LIKE 'kafka-fb-_'");
    List<String> storedMessages = io.intake.support.TestPostgres.query(app.databaseUrl(),
        "SELECT message FROM log_events WHERE service LIKE 'kafka-fb-_'", rs -> {
          List<String> out = new ArrayList<>();
          while (rs.next()) {
            out.add(rs.getString(1));
          }
          return out;
        });
    JsonObject kafka = http.get("/readyz").bodyAsJsonObject().getJsonObject("checks").getJsonObject("kafka");
    System.out.printf("fallback test: sent %d, acknowledged %d, stored %d, distinct %d, kept in fallback %d, relayed %d%n",
        sent, expected, stored, distinct, kafka.getInteger("kept_in_fallback"), kafka.getInteger("relayed"));
    assertThat(expected).isEqualTo(sent);
    assertThat(stored).isEqualTo(expected);
    assertThat(distinct).isEqualTo(expected);
    assertThat(storedMessages).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(kafka.getInteger("relayed")).isPositive();
    eventually(DEADLINE, () -> "kafka".equals(http.get("/readyz").bodyAsJsonObject().getJsonObject("checks")
        .getJsonObject("kafka").getString("state")));
    // The scrape shows the same: the fallback emptied and not in use (NaN would mean the gauges are not fed).
    eventually(DEADLINE, () -> {
      String metrics = http.get("/metrics").bodyAsString();
      return metrics.contains("\nintake_kafka_fallback_depth 0.0") && metrics.contains("\nintake_kafka_fallback_active 0.0");
    });
  }
}
