package io.intake.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.fakes.FakeLearner;
import io.intake.fakes.FakeLearner.Mode;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Outcomes reach the Learner (a real HTTP server in this JVM) at least once, in order per work
 * item, through failures, slowness, rejections and restarts. The program runs on its own Vert.x
 * so it can be stopped and started again on the same database.
 */
@ExtendWith(VertxExtension.class)
class LearnerForwardingTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private Vertx app;
  private FakeLearner learner;
  private String databaseUrl;
  private Http http;

  @BeforeEach
  void setUp(Vertx vertx) {
    learner = new FakeLearner(vertx).start();
    databaseUrl = TestPostgres.newDatabase();
  }

  @AfterEach
  void tearDown() {
    if (http != null) {
      http.close();
    }
    if (app != null) {
      TestApp.await(app.close());
    }
    learner.stop();
  }

  private void startApp(JsonObject learnerConf) {
    app = Vertx.vertx();
    int port = TestApp.freePort();
    TestApp.deploy(app, port, new JsonObject()
        .put("database", new JsonObject().put("url", databaseUrl))
        .put("learner", new JsonObject()
            .put("url", learner.url())
            .put("poll_interval_ms", 100)
            .put("request_timeout_ms", 500)
            .put("lease_seconds", 2)
            .put("backoff_base_ms", 50)
            .put("backoff_max_ms", 400)
            .put("breaker", new JsonObject().put("max_failures", 3).put("reset_timeout_ms", 500))
            .mergeIn(learnerConf, true)));
    http = new Http(app, port);
  }

  private void startApp() {
    startApp(new JsonObject());
  }

  private String newItem(String service) {
    return http.postJson("/ingest/demo", new JsonObject().put("service", service).put("severity", "sev2")
        .put("description", "learner test")).bodyAsJsonObject().getString("work_item_id");
  }

  private String outcome(String itemId, String type) {
    JsonObject body = new JsonObject().put("type", type).put("actor_id", "human_1");
    if (type.equals("reassigned")) {
      body.put("new_assignee_id", "human_2");
    }
    HttpResponse<Buffer> response = http.postJson("/work-items/" + itemId + "/outcome", body);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("event_id");
  }

  private long outboxCount(String status) {
    return TestPostgres.query(databaseUrl, "SELECT count(*) FROM outcome_outbox WHERE status = '" + status + "'",
        r -> r.next() ? r.getLong(1) : -1);
  }

  private JsonObject learnerStats() {
    return http.get("/stats").bodyAsJsonObject().getJsonObject("learner");
  }

  @Test
  void learner_up_receives_each_outcome_once_with_the_seed_body() {
    startApp();
    String item = newItem("api-service");
    String eventId = outcome(item, "escalated");

    TestApp.eventually(DEADLINE, () -> outboxCount("delivered") == 1);
    assertThat(learner.received()).hasSize(1);
    FakeLearner.Received got = learner.received().get(0);
    assertThat(got.body().fieldNames()).containsExactlyInAnyOrder("event_id", "decision_id", "work_item_id", "type",
        "actor_id", "service", "timestamp", "new_assignee_id");
    assertThat(got.body().getString("event_id")).isEqualTo(eventId);
    assertThat(got.body().getString("work_item_id")).isEqualTo(item);
    assertThat(got.body().getString("type")).isEqualTo("escalated");
    assertThat(got.body().getString("actor_id")).isEqualTo("human_1");
    assertThat(got.body().getString("service")).isEqualTo("api-service");
    assertThat(got.body().getString("timestamp")).isNotBlank();
    assertThat(got.idempotencyKey()).isEqualTo(eventId);
    JsonObject stats = learnerStats();
    assertThat(stats.getLong("delivered_total")).isEqualTo(1);
    assertThat(stats.getString("breaker")).isEqualTo("closed");
  }

  @Test
  void learner_down_for_a_while_then_up_gets_everything_in_order_per_item() {
    learner.stop();
    startApp();
    List<String> expected = new ArrayList<>();
    Map<String, List<String>> perItem = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      String item = newItem("svc-" + i);
      String first = outcome(item, "reassigned");
      String second = outcome(item, "resolved");
      perItem.put(item, List.of(first, second));
      expected.add(first);
      expected.add(second);
    }

    TestApp.eventually(DEADLINE, () -> learnerStats().getLong("breaker_opened_total") >= 1);
    assertThat(outboxCount("pending")).isEqualTo(10);
    JsonObject readiness = http.get("/readyz").bodyAsJsonObject();
    assertThat(readiness.getJsonObject("checks").getJsonObject("outbox").getLong("pending")).isEqualTo(10);
    assertThat(readiness.getString("status")).as("the Learner does not gate readiness").isEqualTo("ready");

    learner.start();
    TestApp.eventually(DEADLINE, () -> outboxCount("delivered") == 10);
    assertThat(new HashSet<>(learner.eventIds())).containsExactlyInAnyOrderElementsOf(expected);
    for (List<String> ordered : perItem.values()) {
      assertThat(learner.eventIds().indexOf(ordered.get(0))).isLessThan(learner.eventIds().indexOf(ordered.get(1)));
    }
    TestApp.eventually(DEADLINE, () -> learnerStats().getString("breaker").equals("closed"));
    assertThat(learnerStats().getLong("failed_attempts_total")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void a_failing_learner_is_retried_until_it_recovers() {
    learner.mode(Mode.FAIL);
    startApp();
    String eventId = outcome(newItem("api"), "resolved");
    TestApp.eventually(DEADLINE, () -> learner.received().size() >= 2);
    assertThat(outboxCount("pending")).isEqualTo(1);
    assertThat(learnerStats().getString("last_error")).isEqualTo("HTTP 503");

    learner.mode(Mode.OK);
    TestApp.eventually(DEADLINE, () -> outboxCount("delivered") == 1);
    assertThat(new HashSet<>(learner.eventIds())).containsExactly(eventId);
  }

  @Test
  void a_slow_learner_times_out_and_counts_as_failure() {
    learner.mode(Mode.SLOW);
    learner.slowMs(1500);
    startApp();
    String eventId = outcome(newItem("api"), "resolved");

    TestApp.eventually(DEADLINE, () -> learnerStats().getLong("failed_attempts_total") >= 1);
    assertThat(learnerStats().getString("last_error")).isEqualTo("timeout");
    assertThat(outboxCount("delivered")).isZero();

    learner.mode(Mode.OK);
    TestApp.eventually(DEADLINE, () -> outboxCount("delivered") == 1);
    assertThat(learner.eventIds()).as("retries of a timed-out request carry the same event_id").containsOnly(eventId);
  }

  @Test
  void a_rejected_outcome_is_dead_lettered_once_and_can_be_replayed() {
    learner.mode(Mode.REJECT);
    startApp();
    String eventId = outcome(newItem("api"), "resolved");

    TestApp.eventually(DEADLINE, () -> outboxCount("dead") == 1);
    assertThat(learner.received()).as("never retried").hasSize(1);
    JsonArray dead = http.get("/admin/outbox?status=dead").bodyAsJsonObject().getJsonArray("entries");
    assertThat(dead).hasSize(1);
    JsonObject entry = dead.getJsonObject(0);
    assertThat(entry.getString("event_id")).isEqualTo(eventId);
    assertThat(entry.getString("last_error")).startsWith("HTTP 400").contains("unknown decision_id");
    assertThat(http.get("/stats").bodyAsJsonObject().getJsonObject("outbox").getLong("dead")).isEqualTo(1);

    learner.mode(Mode.OK);
    HttpResponse<Buffer> replay = http.post("/admin/outbox/" + entry.getLong("id") + "/replay", null, null);
    assertThat(replay.statusCode()).isEqualTo(200);
    TestApp.eventually(DEADLINE, () -> outboxCount("delivered") == 1);
    assertThat(learner.eventIds()).containsExactly(eventId, eventId);

    assertThat(http.post("/admin/outbox/" + entry.getLong("id") + "/replay", null, null).statusCode()).isEqualTo(409);
    assertThat(http.post("/admin/outbox/999999/replay", null, null).statusCode()).isEqualTo(404);
    assertThat(http.get("/admin/outbox?status=lost").statusCode()).isEqualTo(400);
  }

  @Test
  void retry_after_is_honoured() {
    learner.mode(Mode.THROTTLE);
    startApp();
    outcome(newItem("api"), "resolved");
    TestApp.eventually(DEADLINE, () -> learner.received().size() >= 2);
    long gap = learner.received().get(1).atMillis() - learner.received().get(0).atMillis();
    // Backoff alone would retry after 25–50 ms; the Learner asked for 1 s.
    assertThat(gap).isGreaterThanOrEqualTo(900);
  }

  @Test
  void two_forwarders_never_send_the_same_entry_concurrently() {
    startApp(new JsonObject().put("instances", 2).put("batch_size", 5));
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      expected.add(outcome(newItem("svc-" + (i % 3)), "escalated"));
    }
    TestApp.eventually(DEADLINE, () -> outboxCount("delivered") == 30);
    assertThat(learner.eventIds()).hasSize(30);
    assertThat(new HashSet<>(learner.eventIds())).isEqualTo(expected);
  }

  @Test
  void stopping_mid_way_and_restarting_loses_nothing() {
    learner.mode(Mode.SLOW);
    learner.slowMs(150);
    startApp(new JsonObject().put("batch_size", 4));
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 24; i++) {
      expected.add(outcome(newItem("svc-" + i), "resolved"));
    }
    TestApp.eventually(DEADLINE, () -> learner.received().size() >= 4);
    http.close();
    http = null;
    TestApp.await(app.close());
    long deliveredBeforeRestart = outboxCount("delivered");
    assertThat(deliveredBeforeRestart).isLessThan(24);

    startApp(new JsonObject().put("batch_size", 4));
    TestApp.eventually(DEADLINE, () -> outboxCount("delivered") == 24);
    assertThat(new HashSet<>(learner.eventIds())).isEqualTo(expected);
    assertThat(learner.eventIds()).as("duplicates only ever repeat a known event_id").allMatch(expected::contains);
  }

  @Test
  void without_a_learner_url_outcomes_wait_in_the_outbox() {
    startApp(new JsonObject().putNull("url"));
    outcome(newItem("api"), "resolved");
    JsonObject stats = http.get("/stats").bodyAsJsonObject();
    assertThat(stats.getJsonObject("learner").getBoolean("url_configured")).isFalse();
    assertThat(stats.getJsonObject("outbox").getLong("pending")).isEqualTo(1);
    assertThat(stats.getJsonObject("outbox").getDouble("oldest_pending_age_seconds")).isGreaterThanOrEqualTo(0.0);
    assertThat(learner.received()).isEmpty();
  }
}
