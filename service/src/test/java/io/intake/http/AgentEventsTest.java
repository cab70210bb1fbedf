package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.intake.support.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Seed 001 over HTTP: POST /v1/events (idempotent, validated, run.failed → work item) and the overview. */
@ExtendWith(VertxExtension.class)
class AgentEventsTest {

  private static RunningApp app;
  private static Http http;

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx);
    http = app.http();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject event(String tenant, String type, String runId, String agent, String workflow, Duration ago) {
    String status = switch (type) {
      case "run.completed" -> "completed";
      case "run.failed" -> "failed";
      case "run.cancelled" -> "cancelled";
      default -> "started";
    };
    return new JsonObject()
        .put("event_version", "v0")
        .put("event_id", UUID.randomUUID().toString())
        .put("event_type", type)
        .put("occurred_at", Instant.now().minus(ago).toString())
        .put("tenant", new JsonObject().put("tenant_id", tenant).put("workspace_id", "w1").put("project_id", "p1"))
        .put("run", new JsonObject().put("run_id", runId).put("agent_id", agent).put("workflow_id", workflow).put("status", status))
        .put("trace", new JsonObject().put("trace_id", "tr-" + runId).put("span_id", "sp-" + runId));
  }

  static JsonObject finished(JsonObject event, double cost, double latency) {
    event.getJsonObject("run").put("cost_usd", cost).put("latency_ms", latency);
    return event;
  }

  private static JsonObject accepted(JsonObject body) {
    HttpResponse<Buffer> response = http.postJson("/v1/events", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    return response.bodyAsJsonObject();
  }

  @Test
  void the_seed_example_is_persisted_once() {
    JsonObject seed = new JsonObject("""
        {"event_version":"v0","event_id":"123e4567-e89b-12d3-a456-426614174000","event_type":"run.started",
         "occurred_at":"2026-02-07T21:00:00Z","tenant":{"tenant_id":"t1","workspace_id":"w1","project_id":"p1"},
         "run":{"run_id":"r1","agent_id":"a1","workflow_id":"wf1","status":"started"},
         "trace":{"trace_id":"tr1","span_id":"sp1"}}""");
    JsonObject first = accepted(seed);
    assertThat(first).isEqualTo(new JsonObject().put("status", "accepted")
        .put("event_id", "123e4567-e89b-12d3-a456-426614174000").put("persisted", true));
    JsonObject second = accepted(seed);
    assertThat(second.getBoolean("persisted")).isFalse();
    assertThat(app.count("SELECT count(*) FROM agent_events WHERE event_id = '123e4567-e89b-12d3-a456-426614174000'")).isEqualTo(1);
    assertThat(app.text("SELECT tenant_id || '/' || run_id || '/' || run_status || '/' || trace_id FROM agent_events"
        + " WHERE event_id = '123e4567-e89b-12d3-a456-426614174000'")).isEqualTo("t1/r1/started/tr1");
  }

  @Test
  void a_failed_run_raises_one_work_item_even_when_the_event_is_repeated() {
    JsonObject failed = finished(event("t-fail", "run.failed", "run-f1", "Billing Agent", "invoice", Duration.ofMinutes(1)), 0.1, 500);
    failed.getJsonObject("run").put("error", new JsonObject().put("type", "ToolError").put("message", "ledger API 503"));
    JsonObject first = accepted(failed);
    assertThat(first.getBoolean("persisted")).isTrue();
    String id = first.getString("work_item_id");
    JsonObject item = http.get("/work-items/" + id).bodyAsJsonObject();
    assertThat(item.getString("source")).isEqualTo("agent_events");
    assertThat(item.getString("service")).isEqualTo("billing-agent");
    assertThat(item.getString("severity")).isEqualTo("sev2");
    assertThat(item.getString("description")).isEqualTo("Agent run failed: agent Billing Agent, workflow invoice, run run-f1: ledger API 503");
    assertThat(item.getString("source_key")).isEqualTo("run-f1");

    JsonObject repeat = accepted(failed);
    assertThat(repeat.getBoolean("persisted")).isFalse();
    assertThat(repeat.containsKey("work_item_id")).isFalse();
    assertThat(app.count("SELECT count(*) FROM work_items WHERE source = 'agent_events' AND source_key = 'run-f1'")).isEqualTo(1);

    JsonObject completed = accepted(event("t-fail", "run.completed", "run-f2", "Billing Agent", "invoice", Duration.ZERO));
    assertThat(completed.containsKey("work_item_id")).as("only failures raise items").isFalse();
  }

  @Test
  void the_overview_matches_hand_computed_figures() {
    String t = "t-math-" + UUID.randomUUID().toString().substring(0, 6);
    // r1 completed, r2 failed, r3 still running, r4 completed 30 h ago, r5 completed by another agent/workflow.
    accepted(event(t, "run.started", "r1", "a1", "wf1", Duration.ofHours(2)));
    accepted(finished(event(t, "run.completed", "r1", "a1", "wf1", Duration.ofHours(1)), 0.50, 1000));
    accepted(event(t, "run.started", "r2", "a1", "wf1", Duration.ofHours(2)));
    JsonObject r2 = finished(event(t, "run.failed", "r2", "a1", "wf1", Duration.ofHours(1)), 0.25, 3000);
    accepted(r2);
    accepted(r2); // a retry of the same event changes nothing
    accepted(event(t, "run.started", "r3", "a1", "wf1", Duration.ofMinutes(30)));
    accepted(finished(event(t, "run.completed", "r4", "a1", "wf1", Duration.ofHours(30)), 10.0, 9000));
    accepted(finished(event(t, "run.completed", "r5", "a2", "wf2", Duration.ofHours(3)), 1.25, 2000));
    accepted(event(t, "step.completed", "r6", "a1", "wf1", Duration.ofMinutes(5)));

    JsonObject day = overview("?window_hours=24&tenant_id=" + t);
    assertThat(day.getLong("total_runs")).isEqualTo(4);          // r1 r2 r3 r5
    assertThat(day.getLong("finished_runs")).isEqualTo(3);       // r1 r2 r5
    assertThat(day.getLong("completed_runs")).isEqualTo(2);
    assertThat(day.getLong("failed_runs")).isEqualTo(1);
    assertThat(day.getDouble("success_rate")).isCloseTo(2.0 / 3.0, within(1e-9));
    assertThat(day.getDouble("total_cost_usd")).isCloseTo(2.00, within(1e-9));
    assertThat(day.getDouble("avg_latency_ms")).isCloseTo(2000.0, within(1e-9));
    assertThat(day.getInteger("window_hours")).isEqualTo(24);
    assertThat(day.getJsonObject("filters")).isEqualTo(new JsonObject().put("tenant_id", t));

    assertThat(overview("?tenant_id=" + t)).as("24 h is the default window").isEqualTo(day);

    JsonObject twoDays = overview("?window_hours=48&tenant_id=" + t);
    assertThat(twoDays.getLong("total_runs")).isEqualTo(5);
    assertThat(twoDays.getDouble("success_rate")).isCloseTo(0.75, within(1e-9));
    assertThat(twoDays.getDouble("total_cost_usd")).isCloseTo(12.00, within(1e-9));
    assertThat(twoDays.getDouble("avg_latency_ms")).isCloseTo(3750.0, within(1e-9));

    JsonObject agent = overview("?tenant_id=" + t + "&agent_id=a1&workspace_id=w1&project_id=p1");
    assertThat(agent.getLong("total_runs")).isEqualTo(3);
    assertThat(agent.getDouble("success_rate")).isCloseTo(0.5, within(1e-9));
    assertThat(agent.getDouble("total_cost_usd")).isCloseTo(0.75, within(1e-9));
    assertThat(agent.getDouble("avg_latency_ms")).isCloseTo(2000.0, within(1e-9));

    JsonObject workflow = overview("?tenant_id=" + t + "&workflow_id=wf2&agent_id=");
    assertThat(workflow.getLong("total_runs")).isEqualTo(1);
    assertThat(workflow.getDouble("success_rate")).isEqualTo(1.0);
    assertThat(workflow.getDouble("total_cost_usd")).isCloseTo(1.25, within(1e-9));

    JsonObject none = overview("?tenant_id=nobody-" + t);
    assertThat(none.getLong("total_runs")).isZero();
    assertThat(none.getDouble("success_rate")).isZero();
    assertThat(none.getDouble("total_cost_usd")).isZero();
    assertThat(none.getDouble("avg_latency_ms")).isZero();
  }

  @Test
  void invalid_events_are_400_with_path_and_rule_and_nothing_is_stored() {
    long before = app.count("SELECT count(*) FROM agent_events");
    JsonObject bad = event("t", "run.exploded", "r", "a", "w", Duration.ZERO)
        .put("event_id", "not-a-uuid")
        .put("occurred_at", "yesterday")
        .put("surprise", true);
    bad.getJsonObject("run").remove("agent_id");
    bad.getJsonObject("run").put("cost_usd", -1).put("latency_ms", "fast");
    HttpResponse<Buffer> response = http.postJson("/v1/events", bad);
    assertThat(response.statusCode()).isEqualTo(400);
    List<String> details = response.bodyAsJsonObject().getJsonArray("details").stream()
        .map(o -> ((JsonObject) o).getString("field") + ":" + ((JsonObject) o).getString("rule")).toList();
    assertThat(details).containsExactly("event_id:format", "event_type:enum", "occurred_at:format",
        "run.agent_id:required", "run.cost_usd:minimum", "run.latency_ms:type", "surprise:additionalProperties");

    assertThat(PagerDutyWebhookTest.fields(http.postJson("/v1/events", event("t", "run.started", "r", "a", "w", Duration.ZERO)
        .put("event_version", "v1")))).containsExactly("event_version");
    assertThat(PagerDutyWebhookTest.fields(http.postJson("/v1/events", new JsonObject())))
        .containsExactly("event_id", "event_type", "event_version", "occurred_at", "run", "tenant");
    assertThat(app.count("SELECT count(*) FROM agent_events")).isEqualTo(before);
  }

  @Test
  void overview_parameters_are_validated() {
    for (String bad : new String[] {"?window_hours=0", "?window_hours=abc", "?window_hours=9000", "?tenant_id=" + "x".repeat(201)}) {
      HttpResponse<Buffer> response = http.get("/v1/metrics/overview" + bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("validation_failed");
    }
  }

  @Test
  void a_failing_statement_is_500_and_nothing_is_half_written() {
    TestPostgres.execute(app.databaseUrl(), "ALTER TABLE agent_events RENAME TO agent_events_away");
    try {
      HttpResponse<Buffer> response = http.postJson("/v1/events", event("t-500", "run.started", "r", "a", "w", Duration.ZERO));
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("internal_error");
      assertThat(http.get("/v1/metrics/overview").statusCode()).isEqualTo(500);
    } finally {
      TestPostgres.execute(app.databaseUrl(), "ALTER TABLE agent_events_away RENAME TO agent_events");
    }
    assertThat(app.count("SELECT count(*) FROM agent_events WHERE tenant_id = 't-500'")).isZero();
  }

  @Test
  void a_database_outage_is_503_and_the_retry_persists(@TempDir Path dir) throws Exception {
    Vertx own = Vertx.vertx();
    int pgPort = TestApp.freePort();
    EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(pgPort).start();
    int port = TestApp.freePort();
    try (Http client = new Http(own, port)) {
      TestApp.deployOn(own, port, "postgresql://postgres@127.0.0.1:" + pgPort + "/postgres");
      JsonObject e = event("t-503", "run.started", "r", "a", "w", Duration.ZERO);
      server.close();
      HttpResponse<Buffer> down = client.postJson("/v1/events", e);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.getHeader("Retry-After")).isNotNull();

      server = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(pgPort).start();
      TestApp.eventually(Duration.ofSeconds(30), () -> client.get("/readyz").statusCode() == 200);
      HttpResponse<Buffer> retried = client.postJson("/v1/events", e);
      assertThat(retried.statusCode()).isEqualTo(202);
      assertThat(retried.bodyAsJsonObject().getBoolean("persisted")).isTrue();
    } finally {
      TestApp.await(own.close());
      server.close();
    }
  }

  private static JsonObject overview(String query) {
    HttpResponse<Buffer> response = http.get("/v1/metrics/overview" + query);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** Found by the fuzzer (issue 14): a blank id passed the schema and reached a NOT NULL column as 500. */
  @Test
  void blank_ids_are_refused_naming_the_field() {
    JsonObject blank = event("t", "run.started", "r", "a", "w", Duration.ZERO);
    blank.getJsonObject("tenant").put("tenant_id", " ");
    HttpResponse<Buffer> response = http.postJson("/v1/events", blank);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(PagerDutyWebhookTest.fields(response)).containsExactly("tenant.tenant_id");
  }
}
