package io.intake.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.llm.RulesCleaner;
import io.intake.support.Http;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed 000's monitoring endpoints, and the simulator creating work items in-process and over HTTP. */
@ExtendWith(VertxExtension.class)
class MonitoringApiTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @Test
  void start_status_stop_round_trip_creates_work_items_in_process(Vertx vertx) {
    String databaseUrl = TestPostgres.newDatabase();
    int port = TestApp.freePort();
    TestApp.deploy(vertx, port, new JsonObject()
        .put("database", new JsonObject().put("url", databaseUrl))
        .put("simulator", new JsonObject().put("auto_start", false).put("emit_logs", false)
            .put("services", new JsonArray())));
    try (Http http = new Http(vertx, port)) {
      JsonObject idle = http.get("/monitoring/status").bodyAsJsonObject();
      assertThat(idle.getString("status")).isEqualTo("stopped");
      assertThat(idle.getLong("error_count")).isZero();

      HttpResponse<Buffer> started = http.postJson("/monitoring/start", new JsonObject()
          .put("service_name", "sim-svc").put("error_probability", 1.0).put("log_interval", 0.05));
      assertThat(started.statusCode()).isEqualTo(200);
      assertThat(started.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "started")
          .put("service_name", "sim-svc").put("error_probability", 1.0).put("log_interval", 0.05));

      TestApp.eventually(DEADLINE, () -> http.get("/work-items?service=sim-svc").bodyAsJsonObject().getLong("total") >= 3);
      JsonObject item = http.get("/work-items?service=sim-svc").bodyAsJsonObject().getJsonArray("work_items").getJsonObject(0);
      assertThat(item.getString("origin_system")).isEqualTo("monitoring-simulator");
      assertThat(item.getString("severity")).isIn("sev1", "sev2", "sev3", "sev4");
      // Enrichment rewrites the description from the raw line in the background: wait for the rules
      // cleaner (no LLM here), then the description is exactly its reading of the simulator's line.
      String detailPath = "/work-items/" + item.getString("id");
      TestApp.eventually(DEADLINE, () -> "rules".equals(http.get(detailPath).bodyAsJsonObject().getString("description_source")));
      JsonObject detail = http.get(detailPath).bodyAsJsonObject();
      assertThat(detail.getString("raw_log")).contains("[sim-svc]");
      assertThat(detail.getString("description")).isNotBlank().isEqualTo(RulesCleaner.clean(detail.getString("raw_log")));

      JsonObject running = http.get("/monitoring/status").bodyAsJsonObject();
      assertThat(running.getString("status")).isEqualTo("running");
      assertThat(running.getString("service_name")).isEqualTo("sim-svc");
      assertThat(running.getLong("error_count")).isGreaterThanOrEqualTo(3);
      assertThat(running.getString("last_error_at")).isNotNull();
      assertThat(running.getDouble("error_probability")).isEqualTo(1.0);
      assertThat(running.getDouble("log_interval")).isEqualTo(0.05);
      JsonObject service = running.getJsonArray("services").getJsonObject(0);
      assertThat(service.getString("pattern")).isEqualTo("steady");
      assertThat(service.getJsonObject("errors_by_type")).isNotEmpty();
      assertThat(service.getLong("error_rate_per_minute")).isGreaterThanOrEqualTo(3);

      HttpResponse<Buffer> stopped = http.post("/monitoring/stop", null, null);
      assertThat(stopped.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "stopped")
          .put("message", "Monitoring loop stopped"));
      assertThat(http.get("/monitoring/status").bodyAsJsonObject().getString("status")).isEqualTo("stopped");

      assertThat(http.post("/monitoring/start", null, null).statusCode()).as("no body is fine").isEqualTo(200);
      http.post("/monitoring/stop", null, null);
    }
  }

  @Test
  void bad_overrides_are_400_naming_the_field(Vertx vertx) {
    int port = TestApp.freePort();
    TestApp.deployOn(vertx, port, TestPostgres.newDatabase());
    try (Http http = new Http(vertx, port)) {
      assertThat(fields(http.postJson("/monitoring/start", new JsonObject().put("error_probability", 1.5))))
          .containsExactly("error_probability");
      assertThat(fields(http.postJson("/monitoring/start", new JsonObject().put("error_probability", -0.1))))
          .containsExactly("error_probability");
      assertThat(fields(http.postJson("/monitoring/start", new JsonObject().put("log_interval", 0))))
          .containsExactly("log_interval");
      assertThat(fields(http.postJson("/monitoring/start", new JsonObject().put("log_interval", -5))))
          .containsExactly("log_interval");
      assertThat(fields(http.postJson("/monitoring/start", new JsonObject().put("service_name", " "))))
          .containsExactly("service_name");
      assertThat(http.post("/monitoring/start", "text/plain", "x").statusCode()).isEqualTo(415);
      assertThat(http.get("/monitoring/status").bodyAsJsonObject().getString("status")).isEqualTo("stopped");
    }
  }

  @Test
  void a_simulator_only_node_posts_to_another_nodes_ingest_endpoint(Vertx vertx) {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    int ingestPort = TestApp.freePort();
    TestApp.await(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      if (request.path().equals("/ingest/demo")) {
        received.add(body.toJsonObject());
      }
      request.response().setStatusCode(201).end("{\"work_item_id\":\"wi_x\"}");
    })).listen(ingestPort, "127.0.0.1"));

    int port = TestApp.freePort();
    // No database at all on this node: only the simulator and its HTTP endpoints.
    TestApp.deploy(vertx, port, new JsonObject()
        .put("verticles", new JsonArray().add("simulator").add("http"))
        .put("simulator", new JsonObject().put("auto_start", true).put("emit_logs", false)
            .put("service_name", "remote-svc").put("error_probability", 1.0).put("log_interval", 0.05)
            .put("ingest_url", "http://127.0.0.1:" + ingestPort).put("services", new JsonArray())));

    TestApp.eventually(DEADLINE, () -> received.size() >= 3);
    JsonObject body = received.get(0);
    assertThat(body.getString("service")).isEqualTo("remote-svc");
    assertThat(body.getString("severity")).isIn("sev1", "sev2", "sev3", "sev4");
    assertThat(body.getString("description")).isNotBlank();
    assertThat(body.getString("raw_log")).contains(body.getString("description"));
    assertThat(body.getString("type")).isEqualTo("incident");
    try (Http http = new Http(vertx, port)) {
      TestApp.eventually(DEADLINE, () -> http.get("/monitoring/status").bodyAsJsonObject().getJsonArray("services")
          .getJsonObject(0).getLong("work_items_created") >= 3);
      assertThat(http.get("/work-items").statusCode()).as("no persistence on this node").isEqualTo(503);
    }
  }

  private static List<String> fields(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    return response.bodyAsJsonObject().getJsonArray("details").stream()
        .map(o -> ((JsonObject) o).getString("field")).toList();
  }
}
