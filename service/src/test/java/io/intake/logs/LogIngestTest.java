package io.intake.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed 002's single log events, seed 004's log and metric batches, and the error-pattern work items. */
@ExtendWith(VertxExtension.class)
class LogIngestTest {

  private static RunningApp app;
  private static Http http;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx, new JsonObject().put("patterns", new JsonObject().put("flush_interval_ms", 100)));
    http = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static long count(String sql) {
    return TestPostgres.query(app.databaseUrl(), sql, rs -> {
      rs.next();
      return rs.getLong(1);
    });
  }

  private static JsonObject seedEvent() {
    return new JsonObject()
        .put("request_id", "7e197b96-7548-413b-92e1-63400f76f88a")
        .put("service", "pos-demo")
        .put("env", "development")
        .put("timestamp", "2025-11-18T17:21:35.683Z")
        .put("action", "create_order")
        .put("level", "error")
        .put("message", "Order creation failed: product has null price")
        .put("product_id", "prod_mouse_defect")
        .put("price", (Object) null)
        .put("error_code", "PRICE_MISSING")
        .put("user_id", "user456");
  }

  private static JsonObject firstDetail(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).isEqualTo(422);
    return response.bodyAsJsonObject().getJsonArray("detail").getJsonObject(0);
  }

  @Test
  void aSeedLogEventIsPersistedAndAccepted() {
    HttpResponse<Buffer> response = http.postJson("/api/logs/ingest", seedEvent());
    assertThat(response.statusCode()).isEqualTo(202);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("accepted");
    assertThat(body.getString("request_id")).isEqualTo("7e197b96-7548-413b-92e1-63400f76f88a");
    assertThat(body.getString("message")).isEqualTo("Log ingested and queued for processing");
    assertThat(body.getString("timestamp")).isNotBlank();
    assertThat(count("SELECT count(*) FROM log_events WHERE request_id = '7e197b96-7548-413b-92e1-63400f76f88a'"
        + " AND error_code = 'PRICE_MISSING' AND attributes->>'product_id' = 'prod_mouse_defect'"
        + " AND occurred_at = '2025-11-18T17:21:35.683Z'")).isEqualTo(1);

    JsonObject minimal = seedEvent();
    for (String optional : new String[] {"product_id", "price", "error_code", "user_id"}) {
      minimal.remove(optional);
    }
    minimal.put("request_id", "req-minimal").put("level", "info");
    assertThat(http.postJson("/api/logs/ingest", minimal).statusCode()).isEqualTo(202);
  }

  @Test
  void invalidEventsAre422InTheSeedsShapeAndNotStored() {
    long before = count("SELECT count(*) FROM log_events");
    JsonObject detail = firstDetail(http.postJson("/api/logs/ingest", seedEvent().put("level", "fatal")));
    assertThat(detail.getJsonArray("loc")).isEqualTo(new JsonArray().add("body").add("level"));
    assertThat(detail.getString("type")).isEqualTo("value_error");

    detail = firstDetail(http.postJson("/api/logs/ingest", seedEvent().put("timestamp", "18/11/2025 17:21")));
    assertThat(detail.getJsonArray("loc")).isEqualTo(new JsonArray().add("body").add("timestamp"));
    assertThat(detail.getString("msg")).isEqualTo("timestamp must be ISO 8601 format");

    JsonObject missing = seedEvent();
    missing.remove("request_id");
    detail = firstDetail(http.postJson("/api/logs/ingest", missing));
    assertThat(detail.getJsonArray("loc")).isEqualTo(new JsonArray().add("body").add("request_id"));
    assertThat(detail.getString("type")).isEqualTo("missing");

    detail = firstDetail(http.postJson("/api/logs/ingest", seedEvent().put("price", "cheap")));
    assertThat(detail.getJsonArray("loc")).isEqualTo(new JsonArray().add("body").add("price"));
    assertThat(detail.getString("type")).isEqualTo("type_error");

    assertThat(http.post("/api/logs/ingest", "application/json", "{not json").statusCode()).isEqualTo(422);
    assertThat(count("SELECT count(*) FROM log_events")).isEqualTo(before);
  }

  @Test
  void logAndMetricBatchesAreStoredWithCounts() {
    JsonArray entries = new JsonArray();
    for (String level : new String[] {"INFO", "Warning", "ERROR"}) {
      entries.add(new JsonObject().put("timestamp", "2024-01-11T10:00:00Z").put("level", level)
          .put("message", "Batch line at " + level).put("service", "batch-service").put("host", "localhost"));
    }
    HttpResponse<Buffer> logs = http.postJson("/logs", new JsonObject().put("entries", entries).put("agent_version", "0.1.0"));
    assertThat(logs.statusCode()).isEqualTo(202);
    assertThat(logs.bodyAsJsonObject().getInteger("logs_received")).isEqualTo(3);
    assertThat(logs.bodyAsJsonObject().getString("service")).isEqualTo("batch-service");
    assertThat(count("SELECT count(*) FROM log_events WHERE service = 'batch-service' AND endpoint = 'batch'"
        + " AND level IN ('info', 'warn', 'error')")).isEqualTo(3);

    JsonObject point = new JsonObject().put("timestamp", "2024-01-11T10:00:00Z").put("name", "system.cpu.usage_percent")
        .put("value", 45.5).put("metric_type", "GAUGE").put("service", "batch-service").put("host", "localhost")
        .put("tags", new JsonObject().put("core", "0"));
    HttpResponse<Buffer> metrics = http.postJson("/metrics", new JsonObject()
        .put("entries", new JsonArray().add(point).add(point.copy().put("metric_type", "counter").put("value", 3)))
        .put("agent_version", "0.1.0"));
    assertThat(metrics.statusCode()).isEqualTo(202);
    assertThat(metrics.bodyAsJsonObject().getInteger("metrics_received")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM metric_points WHERE name = 'system.cpu.usage_percent'"
        + " AND metric_type IN ('gauge', 'counter') AND tags->>'core' = '0'")).isEqualTo(2);

    JsonObject detail = firstDetail(http.postJson("/metrics", new JsonObject()
        .put("entries", new JsonArray().add(point.copy().put("metric_type", "summary")))));
    assertThat(detail.getJsonArray("loc")).isEqualTo(new JsonArray().add("body").add("entries").add(0).add("metric_type"));
    detail = firstDetail(http.postJson("/logs", new JsonObject().put("entries", new JsonArray())));
    assertThat(detail.getJsonArray("loc")).isEqualTo(new JsonArray().add("body").add("entries"));

    JsonObject stats = http.get("/stats").bodyAsJsonObject().getJsonObject("ingest");
    assertThat(stats.getJsonObject("logs").getLong("persisted")).isGreaterThanOrEqualTo(3);
    assertThat(stats.getJsonObject("metrics").getLong("rejected")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void anErrorStormOfOnePatternIsOneWorkItemWithItsCount() {
    int batches = 10;
    for (int b = 0; b < batches; b++) {
      JsonArray entries = new JsonArray();
      for (int i = 0; i < 1000; i++) {
        int n = b * 1000 + i;
        entries.add(new JsonObject().put("timestamp", "2024-01-11T10:00:00Z").put("level", "ERROR")
            .put("service", "storm-service")
            .put("message", "Connection to db-" + (n % 7) + ".internal:5432 refused after " + (n % 97) + " ms (attempt " + n + ")"));
      }
      assertThat(http.postJson("/logs", new JsonObject().put("entries", entries)).statusCode()).isEqualTo(202);
    }
    TestApp.eventually(Duration.ofSeconds(30), () ->
        count("SELECT coalesce(sum(occurrence_count), 0) FROM work_items WHERE source = 'logs' AND service = 'storm-service'") == 10_000);
    assertThat(count("SELECT count(*) FROM work_items WHERE source = 'logs' AND service = 'storm-service'")).isEqualTo(1);
    JsonObject item = http.get("/work-items?service=storm-service").bodyAsJsonObject().getJsonArray("work_items").getJsonObject(0);
    assertThat(item.getInteger("occurrence_count")).isEqualTo(10_000);
    assertThat(item.getString("severity")).isEqualTo("sev2"); // error level, storm frequency

    JsonArray patterns = http.get("/patterns?service=storm-service&level=error").bodyAsJsonObject().getJsonArray("patterns");
    assertThat(patterns).hasSize(1);
    assertThat(patterns.getJsonObject(0).getLong("count")).isEqualTo(10_000);
    assertThat(patterns.getJsonObject(0).getString("template")).contains("Connection to").contains("refused");

    // Resolved: the next line of the pattern opens a new item.
    String id = item.getString("id");
    assertThat(http.postJson("/work-items/" + id + "/outcome", new JsonObject().put("type", "resolved").put("actor_id", "sre"))
        .statusCode()).isEqualTo(200);
    JsonArray again = new JsonArray().add(new JsonObject().put("timestamp", "2024-01-11T10:05:00Z").put("level", "error")
        .put("service", "storm-service").put("message", "Connection to db-1.internal:5432 refused after 12 ms (attempt 10001)"));
    assertThat(http.postJson("/logs", new JsonObject().put("entries", again)).statusCode()).isEqualTo(202);
    TestApp.eventually(Duration.ofSeconds(30), () ->
        count("SELECT count(*) FROM work_items WHERE source = 'logs' AND service = 'storm-service' AND status = 'open'") == 1);
    assertThat(count("SELECT count(*) FROM work_items WHERE source = 'logs' AND service = 'storm-service'")).isEqualTo(2);
  }

  @Test
  void patternsAreListedWithFilters() {
    assertThat(http.get("/patterns?level=loud").statusCode()).isEqualTo(400);
    JsonArray entries = new JsonArray();
    for (int i = 0; i < 5; i++) {
      entries.add(new JsonObject().put("timestamp", "2024-01-11T10:00:00Z").put("level", "info")
          .put("service", "listing").put("message", "User " + i + " logged in from 10.0.0." + i));
    }
    http.postJson("/logs", new JsonObject().put("entries", entries));
    TestApp.eventually(Duration.ofSeconds(10), () -> http.get("/patterns?service=listing").bodyAsJsonObject().getInteger("total") == 1);
    JsonObject p = http.get("/patterns?service=listing&level=info").bodyAsJsonObject().getJsonArray("patterns").getJsonObject(0);
    assertThat(p.getLong("count")).isEqualTo(5);
    assertThat(p.getJsonObject("levels").getLong("info")).isEqualTo(5);
    assertThat(http.get("/patterns?service=listing&level=error").bodyAsJsonObject().getInteger("total")).isZero();
  }
}
