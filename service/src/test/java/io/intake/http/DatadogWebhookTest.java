package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /webhooks/datadog end to end: the monitor's group is the item, Recovered resolves it. */
@ExtendWith(VertxExtension.class)
class DatadogWebhookTest {

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

  static JsonObject webhook(String eventId, String transition, String priority, String cycleKey) {
    return new JsonObject()
        .put("id", eventId)
        .put("title", "[" + transition + "] Checkout error rate above 5%")
        .put("body", "%%%\nError rate is 7.4% over the last 5m\n%%%")
        .put("date", "1795341600000")
        .put("last_updated", "1795341600000")
        .put("alert_transition", transition)
        .put("priority", priority)
        .put("tags", "env:prod,service:checkout,team:payments")
        .put("alert_id", "31415926")
        .put("alert_cycle_key", cycleKey)
        .put("alert_scope", "env:prod")
        .put("alert_type", "error")
        .put("event_type", "query_alert_monitor")
        .put("hostname", "")
        .put("link", "https://app.datadoghq.com/event/event?id=" + eventId)
        .put("org", new JsonObject().put("id", "11287").put("name", "Acme"));
  }

  private static JsonObject ok(JsonObject body) {
    HttpResponse<Buffer> response = http.postJson("/webhooks/datadog", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  void triggered_creates_renotify_counts_recovered_resolves_and_a_new_cycle_is_a_new_item() {
    String cycle = "cycle-" + UUID.randomUUID();
    JsonObject created = ok(webhook("1001", "Triggered", "P1", cycle));
    assertThat(created.getString("action")).isEqualTo("created");
    String id = created.getString("work_item_id");
    JsonObject item = http.get("/work-items/" + id).bodyAsJsonObject();
    assertThat(item.getString("source")).isEqualTo("datadog");
    assertThat(item.getString("type")).isEqualTo("alert");
    assertThat(item.getString("service")).isEqualTo("checkout");
    assertThat(item.getString("severity")).isEqualTo("sev1");
    assertThat(item.getString("source_key")).isEqualTo("monitor:31415926:env:prod");
    assertThat(item.getJsonObject("source_refs").getString("occurrence_key")).isEqualTo(cycle);
    assertThat(item.getJsonObject("source_refs").getString("alert_id")).isEqualTo("31415926");

    JsonObject renotified = ok(webhook("1002", "Renotify", "P1", cycle));
    assertThat(renotified.getString("work_item_id")).isEqualTo(id);
    // A renotification of the same alert cycle is not a new firing: last seen moves, the count does not.
    assertThat(renotified.getInteger("occurrence_count")).isEqualTo(1);

    JsonObject recovered = ok(webhook("1003", "Recovered", "P1", cycle));
    assertThat(recovered.getString("action")).isEqualTo("resolved");
    assertThat(recovered.getString("outcome_id")).isNotBlank();
    assertThat(http.get("/work-items/" + id).bodyAsJsonObject().getString("status")).isEqualTo("resolved");
    assertThat(app.text("SELECT event_id || '|' || timestamp FROM outcomes WHERE work_item_id = '" + id + "'"))
        .isEqualTo("datadog:1003|2026-11-22T10:00:00Z");

    JsonObject nextCycle = ok(webhook("1004", "Triggered", "P3", cycle + "-2"));
    assertThat(nextCycle.getString("work_item_id")).isNotEqualTo(id);
    assertThat(http.get("/work-items/" + nextCycle.getString("work_item_id")).bodyAsJsonObject().getString("severity"))
        .isEqualTo("sev3");
  }

  @Test
  void a_recovery_without_an_open_item_is_acknowledged_and_stores_nothing() {
    long before = app.count("SELECT count(*) FROM outcomes");
    JsonObject answer = ok(new JsonObject().put("id", "2001").put("alert_transition", "Recovered").put("alert_cycle_key", "never"));
    assertThat(answer.getBoolean("processed")).isFalse();
    assertThat(answer.getString("reason")).isEqualTo("no_open_item");
    assertThat(app.count("SELECT count(*) FROM outcomes")).isEqualTo(before);
  }

  @Test
  void numbers_for_ids_and_missing_optional_fields_are_fine() {
    JsonObject minimal = new JsonObject().put("id", 3001).put("title", "Disk almost full").put("alert_id", 27182);
    JsonObject answer = ok(minimal);
    JsonObject item = http.get("/work-items/" + answer.getString("work_item_id")).bodyAsJsonObject();
    assertThat(item.getString("source_key")).isEqualTo("monitor:27182");
    assertThat(item.getString("service")).isEqualTo("unknown");
    assertThat(item.getString("severity")).as("no transition counts as Triggered").isEqualTo("sev2");
  }

  @Test
  void wrong_types_and_missing_identity_are_400_and_nothing_is_stored() {
    long before = app.count("SELECT count(*) FROM work_items");
    JsonObject badPriority = webhook("4001", "Triggered", "P1", "c").put("priority", 1);
    assertThat(PagerDutyWebhookTest.fields(http.postJson("/webhooks/datadog", badPriority))).containsExactly("priority");

    JsonObject noTitle = webhook("4002", "Triggered", "P1", "c");
    noTitle.remove("title");
    assertThat(PagerDutyWebhookTest.fields(http.postJson("/webhooks/datadog", noTitle))).containsExactly("title");

    JsonObject noIdentity = new JsonObject().put("title", "orphan");
    // At least one of the three identifies the alert; the answer names each candidate.
    assertThat(PagerDutyWebhookTest.fields(http.postJson("/webhooks/datadog", noIdentity)))
        .containsExactly("alert_cycle_key", "alert_id", "id");

    JsonObject badTags = webhook("4003", "Triggered", "P1", "c").put("tags", new JsonObject());
    assertThat(PagerDutyWebhookTest.fields(http.postJson("/webhooks/datadog", badTags))).containsExactly("tags");
    assertThat(app.count("SELECT count(*) FROM work_items")).isEqualTo(before);
  }
}
