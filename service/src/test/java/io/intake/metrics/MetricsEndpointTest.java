package io.intake.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.ValidBodies;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} of the whole program on a Vert.x built as {@code intake serve} builds it:
 * the text format parses, ingest counters move by exactly what was sent, Vert.x's HTTP meters carry
 * route templates (never paths), and the cached gauges fill in.
 */
class MetricsEndpointTest {

  private static Vertx vertx;
  private static RunningApp app;
  private static Http http;
  private static Http anonymous;

  @BeforeAll
  static void start() {
    IntakeMetrics metrics = IntakeMetrics.create();
    vertx = Vertx.vertx(metrics.vertxOptions());
    metrics.attach(vertx);
    app = RunningApp.start(vertx, new JsonObject()
        .put("http", new JsonObject().put("metrics", new JsonObject().put("refresh_interval_ms", 200))));
    http = app.http();
    anonymous = new Http(vertx, http.port(), null);
  }

  @AfterAll
  static void stop() {
    anonymous.close();
    app.close();
    TestApp.await(vertx.close());
  }

  static Scrape scrape(Http client) {
    HttpResponse<Buffer> response = client.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    return Scrape.parse(response.bodyAsString());
  }

  @Test
  void theScrapeNeedsNoKeyByDefaultAndParses() {
    // The GC pause timer exists from the first collection after the registry was bound: ask for one.
    System.gc();
    TestApp.eventually(Duration.ofSeconds(30), () -> scrape(anonymous).names().contains("jvm_gc_pause_seconds_count"));
    Scrape scrape = scrape(anonymous);
    assertThat(scrape.samples()).isNotEmpty();
    assertThat(scrape.names()).contains("jvm_memory_used_bytes", "jvm_gc_pause_seconds_count", "jvm_threads_live_threads",
        "process_cpu_usage", "system_cpu_count", "process_uptime_seconds");
    // Every series belongs to a declared family.
    for (Scrape.Sample s : scrape.samples()) {
      String family = s.name().replaceAll("_(bucket|count|sum|max)$", "");
      assertThat(scrape.types().containsKey(s.name()) || scrape.types().containsKey(family))
          .as("TYPE declared for %s", s.name()).isTrue();
    }
  }

  @Test
  void acceptedAndRejectedWorkItemsAreCountedExactly() {
    Map<String, String> accepted = Map.of("source", "manual", "endpoint", "/work-items", "outcome", "accepted");
    Map<String, String> rejected = Map.of("source", "manual", "endpoint", "/work-items", "outcome", "rejected");
    Scrape before = scrape(http);
    int n = 5;
    for (int i = 0; i < n; i++) {
      JsonObject body = ValidBodies.all().get("/work-items").put("description", "metrics test item " + i + " " + System.nanoTime());
      assertThat(http.postJson("/work-items", body).statusCode()).isEqualTo(201);
    }
    assertThat(http.postJson("/work-items", new JsonObject().put("service", "billing")).statusCode()).isEqualTo(400);
    Scrape after = scrape(http);

    assertThat(after.value("intake_ingest_requests_total", accepted) - before.value("intake_ingest_requests_total", accepted))
        .isEqualTo(n);
    assertThat(after.value("intake_ingest_requests_total", rejected) - before.value("intake_ingest_requests_total", rejected))
        .isEqualTo(1);
    Map<String, String> normalized = Map.of("source", "manual", "outcome", "ok");
    assertThat(after.value("intake_normalization_duration_seconds_count", normalized)
        - before.value("intake_normalization_duration_seconds_count", normalized)).isEqualTo(n);
    assertThat(after.has("intake_persistence_duration_seconds_bucket", Map.of("operation", "intake.workitems.save", "le", "0.005")))
        .isTrue();
  }

  @Test
  void eachRouteAndOutcomeIsCountedExactlyOnItsOwnSeries() {
    Map<String, String> demo = Map.of("source", "demo", "endpoint", "/ingest/demo", "outcome", "accepted");
    Map<String, String> demoRejected = Map.of("source", "demo", "endpoint", "/ingest/demo", "outcome", "rejected");
    Map<String, String> manual = Map.of("source", "manual", "endpoint", "/work-items", "outcome", "accepted");
    Scrape before = scrape(http);
    int n = 7;
    for (int i = 0; i < n; i++) {
      // The same alert again: one item, n accepted requests (the duplicate storm's shape).
      assertThat(http.postJson("/ingest/demo", ValidBodies.all().get("/ingest/demo")).statusCode() / 100).isEqualTo(2);
    }
    assertThat(http.postJson("/ingest/demo", new JsonObject()).statusCode()).isEqualTo(400);
    assertThat(http.postJson("/ingest/demo", new JsonObject()).statusCode()).isEqualTo(400);
    Scrape after = scrape(http);
    assertThat(after.value("intake_ingest_requests_total", demo) - before.value("intake_ingest_requests_total", demo)).isEqualTo(n);
    assertThat(after.value("intake_ingest_requests_total", demoRejected) - before.value("intake_ingest_requests_total", demoRejected))
        .isEqualTo(2);
    assertThat(after.value("intake_ingest_requests_total", manual) - before.value("intake_ingest_requests_total", manual))
        .isZero();
    Map<String, String> normalized = Map.of("source", "demo", "outcome", "ok");
    assertThat(after.value("intake_normalization_duration_seconds_count", normalized)
        - before.value("intake_normalization_duration_seconds_count", normalized)).isEqualTo(n);
  }

  @Test
  void busMessagesQueriesAndClientRequestsAreNotMeteredEach() {
    assertThat(http.postJson("/ingest/demo", ValidBodies.all().get("/ingest/demo")).statusCode() / 100).isEqualTo(2);
    Scrape scrape = scrape(http);
    assertThat(scrape.names()).noneMatch(name -> name.startsWith("vertx_eventbus_") || name.startsWith("vertx_sql_")
        || name.startsWith("vertx_http_client_") || name.startsWith("vertx_net_client_"));
    // What the dashboard reads stays: the HTTP server's meters and the pools (the database pool among them).
    assertThat(scrape.names()).contains("vertx_http_server_requests_total", "vertx_pool_in_use");
    assertThat(scrape.has("vertx_pool_in_use", Map.of("pool_type", "sql"))).isTrue();
  }

  @Test
  void batchRecordsAreCountedPerEndpoint() {
    Map<String, String> received = Map.of("endpoint", "/logs", "outcome", "received");
    Scrape before = scrape(http);
    JsonArray entries = new JsonArray();
    for (int i = 0; i < 3; i++) {
      entries.add(new JsonObject().put("timestamp", "2026-11-22T10:00:00Z").put("level", "info")
          .put("message", "metrics test line " + i).put("service", "orders"));
    }
    assertThat(http.postJson("/logs", new JsonObject().put("entries", entries)).statusCode()).isEqualTo(202);
    Scrape after = scrape(http);
    assertThat(after.value("intake_ingest_records_total", received) - before.value("intake_ingest_records_total", received))
        .isEqualTo(3);
    Map<String, String> logs = Map.of("source", "logs", "endpoint", "/logs", "outcome", "accepted");
    assertThat(after.value("intake_ingest_requests_total", logs) - before.value("intake_ingest_requests_total", logs))
        .isEqualTo(1);
  }

  @Test
  void httpLatencyIsLabelledByRouteTemplateNeverByPath() {
    String id = http.postJson("/work-items", ValidBodies.all().get("/work-items")).bodyAsJsonObject().getString("work_item_id");
    assertThat(http.get("/work-items/" + id).statusCode()).isEqualTo(200);
    Scrape scrape = scrape(http);
    assertThat(scrape.has("vertx_http_server_response_time_seconds_bucket",
        Map.of("route", "/work-items/:id", "method", "GET", "code", "200", "le", "0.005"))).isTrue();
    assertThat(scrape.samples()).noneMatch(s -> s.labels().values().stream().anyMatch(v -> v.contains(id)));
  }

  @Test
  void databaseGaugesAreRefreshedInTheBackground() {
    TestApp.eventually(Duration.ofSeconds(20), () -> {
      Scrape scrape = scrape(http);
      return scrape.value("intake_ready", Map.of()) == 1
          && !Double.isNaN(scrape.value("intake_outbox_pending", Map.of()))
          && !Double.isNaN(scrape.value("intake_enrichment_backlog", Map.of()))
          && !Double.isNaN(scrape.value("intake_vector_index_size", Map.of()))
          && !Double.isNaN(scrape.value("intake_patterns", Map.of()))
          && scrape.value("intake_outbox_dead_letters", Map.of()) == 0;
    });
  }
}
