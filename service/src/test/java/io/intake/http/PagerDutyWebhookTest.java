package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.intake.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /webhooks/pagerduty end to end: Events API v2 and webhooks v3, items and outcomes. */
@ExtendWith(VertxExtension.class)
class PagerDutyWebhookTest {

  private static RunningApp app;
  private static Http http;
  private static final List<JsonObject> OUTCOME_EVENTS = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start(Vertx vertx) {
    app = RunningApp.start(vertx, new JsonObject().put("normalization", new JsonObject().put("sources",
        new JsonObject().put("pagerduty", new JsonObject().put("service_map",
            new JsonObject().put("rk-checkout", "checkout-service"))))));
    http = app.http();
    vertx.eventBus().<JsonObject>consumer("outcome.recorded", m -> OUTCOME_EVENTS.add(m.body()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static JsonObject trigger(String dedupKey, String severity) {
    JsonObject event = new JsonObject()
        .put("routing_key", "rk-checkout")
        .put("event_action", "trigger")
        .put("payload", new JsonObject()
            .put("summary", "Checkout p99 latency above 2s")
            .put("source", "checkout-7f9c.prod")
            .put("severity", severity)
            .put("timestamp", "2026-11-22T10:00:00.000+00:00")
            .put("component", "checkout")
            .put("group", "prod-web")
            .put("class", "latency")
            .put("custom_details", new JsonObject().put("p99_ms", 2310).put("region", "eu-west-1")))
        .put("client", "Grafana")
        .put("client_url", "https://grafana.example/d/abc")
        .put("links", new JsonArray().add(new JsonObject().put("href", "https://runbook.example/checkout").put("text", "Runbook")))
        .put("images", new JsonArray());
    if (dedupKey != null) {
      event.put("dedup_key", dedupKey);
    }
    return event;
  }

  static JsonObject followUp(String action, String dedupKey) {
    return new JsonObject().put("routing_key", "rk-checkout").put("event_action", action).put("dedup_key", dedupKey);
  }

  private static JsonObject accepted(JsonObject body) {
    HttpResponse<Buffer> response = http.postJson("/webhooks/pagerduty", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
    JsonObject answer = response.bodyAsJsonObject();
    assertThat(answer.getString("status")).isEqualTo("success");
    assertThat(answer.getString("message")).isEqualTo("Event processed");
    return answer;
  }

  private static JsonObject item(String id) {
    return http.get("/work-items/" + id).bodyAsJsonObject();
  }

  @Test
  void trigger_creates_repeats_count_acknowledge_marks_resolve_records_and_a_new_trigger_reopens() {
    String key = "checkout-latency-" + UUID.randomUUID();
    JsonObject created = accepted(trigger(key, "critical"));
    assertThat(created.getString("dedup_key")).isEqualTo(key);
    assertThat(created.getString("action")).isEqualTo("created");
    String id = created.getString("work_item_id");

    JsonObject stored = item(id);
    assertThat(stored.getString("source")).isEqualTo("pagerduty");
    assertThat(stored.getString("type")).isEqualTo("incident");
    assertThat(stored.getString("service")).as("routing key mapped").isEqualTo("checkout-service");
    assertThat(stored.getString("severity")).isEqualTo("sev1");
    assertThat(stored.getString("description")).isEqualTo("Checkout p99 latency above 2s");
    assertThat(stored.getString("origin_system")).isEqualTo("pagerduty");
    assertThat(stored.getString("source_key")).isEqualTo(key);
    assertThat(stored.getJsonObject("source_refs").getString("routing_key")).isEqualTo("rk-checkout");
    assertThat(stored.getJsonObject("source_refs").getString("component")).isEqualTo("checkout");

    // The same trigger again (same detection time: a retry, a re-notification) is no new occurrence.
    JsonObject again = accepted(trigger(key, "critical"));
    assertThat(again.getString("action")).isEqualTo("updated");
    assertThat(again.getString("work_item_id")).isEqualTo(id);
    assertThat(item(id).getInteger("occurrence_count")).isEqualTo(1);
    // The problem detected again (a new payload.timestamp): an occurrence; its repeat is not.
    JsonObject recurred = trigger(key, "critical");
    recurred.getJsonObject("payload").put("timestamp", "2026-11-22T10:05:00.000+00:00");
    assertThat(accepted(recurred).getString("work_item_id")).isEqualTo(id);
    accepted(recurred);
    assertThat(item(id).getInteger("occurrence_count")).isEqualTo(2);
    assertThat(item(id).getString("last_occurrence_key")).isEqualTo("2026-11-22T10:05:00.000+00:00");
    // Without a timestamp PagerDuty's rule applies as is: every additional trigger is an occurrence.
    JsonObject undated = trigger(key, "critical");
    undated.getJsonObject("payload").remove("timestamp");
    accepted(undated);
    accepted(undated);
    assertThat(item(id).getInteger("occurrence_count")).isEqualTo(4);

    JsonObject acked = accepted(followUp("acknowledge", key));
    assertThat(acked.getString("action")).isEqualTo("acknowledged");
    JsonObject afterAck = item(id);
    assertThat(afterAck.getString("acknowledged_at")).isNotNull();
    assertThat(afterAck.getString("acknowledged_by")).isEqualTo("pagerduty");
    assertThat(afterAck.getString("status")).as("acknowledging does not change the status").isEqualTo("open");

    JsonObject resolved = accepted(followUp("resolve", key));
    assertThat(resolved.getString("action")).isEqualTo("resolved");
    assertThat(resolved.getString("work_item_id")).isEqualTo(id);
    String outcomeId = resolved.getString("outcome_id");
    assertThat(item(id).getString("status")).isEqualTo("resolved");
    // The ordinary outcome path: outcome row, outbox row with the Learner body, published event.
    assertThat(app.count("SELECT count(*) FROM outcomes WHERE work_item_id = '" + id + "' AND type = 'resolved'")).isEqualTo(1);
    JsonObject outbox = new JsonObject(app.text("SELECT payload::text FROM outcome_outbox WHERE outcome_id = '" + outcomeId + "'"));
    assertThat(outbox.getString("type")).isEqualTo("resolved");
    assertThat(outbox.getString("actor_id")).isEqualTo("pagerduty");
    assertThat(outbox.getString("service")).isEqualTo("checkout-service");
    TestApp.eventually(Duration.ofSeconds(5), () -> OUTCOME_EVENTS.stream()
        .anyMatch(e -> outcomeId.equals(e.getJsonObject("outcome").getString("outcome_id"))));

    // A redelivered resolve is a replay of the resolution (issue 13; it used to answer no_open_item).
    JsonObject retried = accepted(followUp("resolve", key));
    assertThat(retried.getString("action")).isEqualTo("resolved");
    assertThat(retried.getBoolean("replayed")).isTrue();
    assertThat(retried.getString("outcome_id")).isEqualTo(outcomeId);
    assertThat(retried.getString("work_item_id")).isEqualTo(id);
    assertThat(app.count("SELECT count(*) FROM outcomes WHERE work_item_id = '" + id + "'")).as("no second outcome").isEqualTo(1);

    JsonObject reopened = accepted(trigger(key, "warning"));
    assertThat(reopened.getString("action")).isEqualTo("created");
    assertThat(reopened.getString("work_item_id")).isNotEqualTo(id);
    assertThat(item(reopened.getString("work_item_id")).getString("severity")).isEqualTo("sev3");
    assertThat(app.count("SELECT count(*) FROM work_items WHERE source_key = '" + key + "'")).isEqualTo(2);
  }

  @Test
  void a_trigger_without_dedup_key_gets_one_back_and_it_resolves_the_item() {
    JsonObject created = accepted(trigger(null, "error"));
    String key = created.getString("dedup_key");
    assertThat(key).isNotBlank();
    assertThat(accepted(followUp("resolve", key)).getString("work_item_id")).isEqualTo(created.getString("work_item_id"));
  }

  @Test
  void events_for_unknown_keys_are_accepted_and_store_nothing() {
    long items = app.count("SELECT count(*) FROM work_items");
    long outcomes = app.count("SELECT count(*) FROM outcomes");
    for (String action : new String[] {"resolve", "acknowledge"}) {
      JsonObject answer = accepted(followUp(action, "never-triggered-" + action));
      assertThat(answer.getBoolean("processed")).isFalse();
      assertThat(answer.getString("reason")).isEqualTo("no_open_item");
    }
    assertThat(app.count("SELECT count(*) FROM work_items")).isEqualTo(items);
    assertThat(app.count("SELECT count(*) FROM outcomes")).isEqualTo(outcomes);
  }

  static JsonObject v3(String eventId, String type, String incidentKey, JsonArray assignees) {
    JsonObject data = new JsonObject()
        .put("id", "PINC" + incidentKey.hashCode())
        .put("type", "incident")
        .put("self", "https://api.pagerduty.com/incidents/PINC")
        .put("html_url", "https://acme.pagerduty.com/incidents/PINC")
        .put("number", 42)
        .put("status", "triggered")
        .put("incident_key", incidentKey)
        .put("created_at", "2026-11-22T10:00:00Z")
        .put("title", "Payments API error rate")
        .put("service", new JsonObject().put("id", "PSVC9").put("summary", "Payments API").put("type", "service_reference"))
        .put("assignees", assignees)
        .put("escalation_policy", new JsonObject().put("id", "PEP1").put("type", "escalation_policy_reference"))
        .put("teams", new JsonArray())
        .put("priority", new JsonObject().put("id", "PPR1").put("summary", "P1"))
        .put("urgency", "high")
        .put("conference_bridge", (Object) null)
        .put("resolve_reason", (Object) null);
    return new JsonObject().put("event", new JsonObject()
        .put("id", eventId)
        .put("event_type", type)
        .put("resource_type", "incident")
        .put("occurred_at", "2026-11-22T10:05:00.000Z")
        .put("agent", new JsonObject().put("id", "PUSER1").put("summary", "Ana Responder").put("type", "user_reference"))
        .put("client", (Object) null)
        .put("data", data));
  }

  @Test
  void v3_incident_events_create_the_item_and_record_reassigned_escalated_resolved() {
    String key = "pay-" + UUID.randomUUID();
    JsonArray nobody = new JsonArray();
    JsonArray bo = new JsonArray().add(new JsonObject().put("id", "PUSER2").put("summary", "Bo").put("type", "user_reference"));
    JsonObject created = accepted(v3("E1-" + key, "incident.triggered", key, nobody));
    assertThat(created.containsKey("dedup_key")).as("only Events API answers carry it").isFalse();
    String id = created.getString("work_item_id");
    JsonObject stored = item(id);
    assertThat(stored.getString("service")).isEqualTo("payments-api");
    assertThat(stored.getString("severity")).isEqualTo("sev1");
    assertThat(stored.getString("source_key")).isEqualTo(key);

    JsonObject reassigned = accepted(v3("E2-" + key, "incident.reassigned", key, bo));
    assertThat(reassigned.getString("action")).isEqualTo("reassigned");
    assertThat(item(id).getString("status")).isEqualTo("assigned");
    assertThat(item(id).getString("assignee_id")).isEqualTo("PUSER2");

    // A redelivery of the same webhook event replays, it does not record twice.
    assertThat(accepted(v3("E2-" + key, "incident.reassigned", key, bo)).getString("outcome_id"))
        .isEqualTo(reassigned.getString("outcome_id"));

    assertThat(accepted(v3("E3-" + key, "incident.escalated", key, bo)).getString("action")).isEqualTo("escalated");
    assertThat(item(id).getBoolean("escalated")).isTrue();

    assertThat(accepted(v3("E4-" + key, "incident.resolved", key, bo)).getString("action")).isEqualTo("resolved");
    assertThat(item(id).getString("status")).isEqualTo("resolved");
    assertThat(app.count("SELECT count(*) FROM outcomes WHERE work_item_id = '" + id + "'")).isEqualTo(3);
    assertThat(app.text(
        "SELECT string_agg(event_id || ':' || actor_id, ',' ORDER BY recorded_at) FROM outcomes WHERE work_item_id = '" + id + "'"))
        .isEqualTo(
        "pagerduty:E2-" + key + ":PUSER1,pagerduty:E3-" + key + ":PUSER1,pagerduty:E4-" + key + ":PUSER1");

    JsonObject ping = new JsonObject().put("event", new JsonObject().put("id", "P1").put("event_type", "pagey.ping")
        .put("resource_type", "pagey").put("occurred_at", "2026-11-22T10:05:00Z").put("agent", (Object) null)
        .put("data", new JsonObject().put("message", "Hello from your friend Pagey!")));
    assertThat(accepted(ping).getString("reason")).isEqualTo("ping");
  }

  @Test
  void a_redelivered_v3_incident_resolved_is_a_replay_even_after_the_key_reopened() {
    String key = "redeliver-" + UUID.randomUUID();
    String id = accepted(v3("E1-" + key, "incident.triggered", key, new JsonArray())).getString("work_item_id");
    JsonObject resolved = accepted(v3("E2-" + key, "incident.resolved", key, new JsonArray()));
    assertThat(resolved.getString("action")).isEqualTo("resolved");
    assertThat(resolved.getBoolean("replayed")).isFalse();

    JsonObject redelivered = accepted(v3("E2-" + key, "incident.resolved", key, new JsonArray()));
    assertThat(redelivered.getBoolean("processed")).isTrue();
    assertThat(redelivered.getString("action")).isEqualTo("resolved");
    assertThat(redelivered.getBoolean("replayed")).isTrue();
    assertThat(redelivered.getString("outcome_id")).isEqualTo(resolved.getString("outcome_id"));
    assertThat(redelivered.getString("work_item_id")).isEqualTo(id);

    // The key triggers again (a new item); a late redelivery of the old resolve must not resolve it.
    String reopened = accepted(trigger(key, "critical")).getString("work_item_id");
    assertThat(reopened).isNotEqualTo(id);
    JsonObject late = accepted(v3("E2-" + key, "incident.resolved", key, new JsonArray()));
    assertThat(late.getBoolean("replayed")).isTrue();
    assertThat(late.getString("work_item_id")).isEqualTo(id);
    assertThat(item(reopened).getString("status")).isEqualTo("open");
    assertThat(app.count("SELECT count(*) FROM outcomes WHERE event_id = 'pagerduty:E2-" + key + "'")).isEqualTo(1);
    assertThat(app.count("SELECT count(*) FROM outcomes WHERE work_item_id = '" + reopened + "'")).isZero();

    // A resolve with a new event id for an incident already resolved replays that resolution too.
    String other = accepted(v3("E5-" + key, "incident.resolved", key, new JsonArray())).getString("outcome_id");
    assertThat(other).as("the reopened item is open: this one resolves it").isNotEqualTo(resolved.getString("outcome_id"));
    JsonObject again = accepted(v3("E6-" + key, "incident.resolved", key, new JsonArray()));
    assertThat(again.getBoolean("replayed")).isTrue();
    assertThat(again.getString("outcome_id")).isEqualTo(other);
    assertThat(app.count("SELECT count(*) FROM outcomes WHERE work_item_id = '" + reopened + "'")).isEqualTo(1);
  }

  @Test
  void the_v2_trigger_and_the_v3_incident_meet_on_one_item() {
    String key = "shared-" + UUID.randomUUID();
    String id = accepted(trigger(key, "critical")).getString("work_item_id");
    assertThat(accepted(v3("E9-" + key, "incident.acknowledged", key, new JsonArray())).getString("work_item_id")).isEqualTo(id);
    assertThat(accepted(v3("E10-" + key, "incident.resolved", key, new JsonArray())).getString("work_item_id")).isEqualTo(id);
    assertThat(item(id).getString("status")).isEqualTo("resolved");
  }

  @Test
  void invalid_events_are_400_naming_the_field_and_nothing_is_stored() {
    long before = app.count("SELECT count(*) FROM work_items");
    JsonObject noPayload = trigger("k", "critical");
    noPayload.remove("payload");
    assertThat(fields(http.postJson("/webhooks/pagerduty", noPayload))).containsExactly("payload");

    JsonObject badSeverity = trigger("k", "sev1");
    assertThat(fields(http.postJson("/webhooks/pagerduty", badSeverity))).containsExactly("payload.severity");

    JsonObject wrongTypes = trigger("k", "critical");
    wrongTypes.getJsonObject("payload").put("summary", 42);
    wrongTypes.put("dedup_key", new JsonArray());
    assertThat(fields(http.postJson("/webhooks/pagerduty", wrongTypes))).containsExactly("dedup_key", "payload.summary");

    assertThat(fields(http.postJson("/webhooks/pagerduty", followUp("resolve", null).put("dedup_key", (Object) null))))
        .contains("dedup_key");
    assertThat(fields(http.postJson("/webhooks/pagerduty", followUp("snooze", "k")))).containsExactly("event_action");
    assertThat(fields(http.postJson("/webhooks/pagerduty", v3("E", "incident.triggered", "k", new JsonArray())
        .put("event", new JsonObject().put("event_type", "incident.triggered"))))).containsExactly("event.data", "event.id");
    assertThat(app.count("SELECT count(*) FROM work_items")).isEqualTo(before);

    JsonObject extra = trigger(null, "info").put("unknown_field", new JsonObject().put("x", 1));
    assertThat(accepted(extra).getString("action")).as("unknown fields are ignored").isEqualTo("created");
  }

  static List<String> fields(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("validation_failed");
    return response.bodyAsJsonObject().getJsonArray("details").stream()
        .map(o -> ((JsonObject) o).getString("field")).toList();
  }
}
