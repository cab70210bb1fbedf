package io.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.intake.support.Http;
import io.intake.support.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /webhooks/alertmanager end to end: one item per alert fingerprint, resolved alerts record outcomes. */
@ExtendWith(VertxExtension.class)
class AlertmanagerWebhookTest {

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

  static JsonObject alert(String status, String fingerprint, String instance, String severity) {
    return new JsonObject()
        .put("status", status)
        .put("labels", new JsonObject().put("alertname", "KubePodCrashLooping").put("namespace", "shop")
            .put("service", "cart").put("severity", severity).put("instance", instance))
        .put("annotations", new JsonObject()
            .put("summary", "Pod " + instance + " is crash looping")
            .put("runbook_url", "https://runbooks.example/KubePodCrashLooping"))
        .put("startsAt", "2026-11-22T10:00:00.000Z")
        .put("endsAt", status.equals("resolved") ? "2026-11-22T10:30:00.000Z" : "0001-01-01T00:00:00Z")
        .put("generatorURL", "http://prometheus.example/graph?g0.expr=x")
        .put("fingerprint", fingerprint);
  }

  static JsonObject group(String status, JsonObject... alerts) {
    return new JsonObject()
        .put("version", "4")
        .put("groupKey", "{}/{severity=\"critical\"}:{alertname=\"KubePodCrashLooping\"}")
        .put("truncatedAlerts", 0)
        .put("status", status)
        .put("receiver", "intake-webhook")
        .put("groupLabels", new JsonObject().put("alertname", "KubePodCrashLooping"))
        .put("commonLabels", new JsonObject().put("alertname", "KubePodCrashLooping"))
        .put("commonAnnotations", new JsonObject())
        .put("externalURL", "http://alertmanager.example:9093")
        .put("alerts", new JsonArray(List.of((Object[]) alerts)));
  }

  private static JsonObject ok(JsonObject body) {
    HttpResponse<Buffer> response = http.postJson("/webhooks/alertmanager", body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  void each_alert_is_one_item_repeats_count_and_resolved_alerts_record_outcomes() {
    String f1 = "a1" + UUID.randomUUID().toString().substring(0, 8);
    String f2 = "a2" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject first = ok(group("firing", alert("firing", f1, "cart-0", "critical"), alert("firing", f2, "cart-1", "warning")));
    assertThat(first.getBoolean("processed")).isTrue();
    JsonArray alerts = first.getJsonArray("alerts");
    assertThat(alerts).hasSize(2);
    String id1 = alerts.getJsonObject(0).getString("work_item_id");
    String id2 = alerts.getJsonObject(1).getString("work_item_id");
    assertThat(id1).isNotEqualTo(id2);
    assertThat(alerts.getJsonObject(0).getString("key")).isEqualTo(f1);

    JsonObject item = http.get("/work-items/" + id1).bodyAsJsonObject();
    assertThat(item.getString("source")).isEqualTo("alertmanager");
    assertThat(item.getString("type")).isEqualTo("alert");
    assertThat(item.getString("service")).isEqualTo("cart");
    assertThat(item.getString("severity")).isEqualTo("sev1");
    assertThat(item.getString("description")).isEqualTo("Pod cart-0 is crash looping");
    assertThat(item.getString("source_key")).isEqualTo(f1);
    assertThat(item.getJsonObject("source_refs").getString("receiver")).isEqualTo("intake-webhook");
    assertThat(http.get("/work-items/" + id2).bodyAsJsonObject().getString("severity")).isEqualTo("sev3");

    // Repeat notification: f1 still firing, f2 resolved.
    JsonObject second = ok(group("firing", alert("firing", f1, "cart-0", "critical"), alert("resolved", f2, "cart-1", "warning")));
    assertThat(second.getJsonArray("alerts").getJsonObject(0).getString("action")).isEqualTo("updated");
    assertThat(second.getJsonArray("alerts").getJsonObject(1).getString("action")).isEqualTo("resolved");
    // Same startsAt: Alertmanager re-sending the group, not a new firing.
    assertThat(http.get("/work-items/" + id1).bodyAsJsonObject().getInteger("occurrence_count")).isEqualTo(1);
    assertThat(http.get("/work-items/" + id2).bodyAsJsonObject().getString("status")).isEqualTo("resolved");
    assertThat(app.text("SELECT timestamp || '|' || actor_id || '|' || event_id FROM outcomes WHERE work_item_id = '" + id2 + "'"))
        .isEqualTo("2026-11-22T10:30:00Z|alertmanager|alertmanager:resolved:" + id2);
    assertThat(app.count("SELECT count(*) FROM outcome_outbox WHERE work_item_id = '" + id2 + "'")).isEqualTo(1);

    // The resolved notification redelivered: a replay of the resolution, nothing new (issue 13; was no_open_item).
    JsonObject third = ok(group("resolved", alert("resolved", f2, "cart-1", "warning")));
    assertThat(third.getJsonArray("alerts").getJsonObject(0).getString("action")).isEqualTo("resolved");
    assertThat(third.getJsonArray("alerts").getJsonObject(0).getBoolean("replayed")).isTrue();
    assertThat(app.count("SELECT count(*) FROM outcomes WHERE work_item_id = '" + id2 + "'")).isEqualTo(1);

    // f1 fired again (a new startsAt: its resolved notification never came): one more occurrence,
    // and the repeats of that firing add none.
    JsonObject refired = alert("firing", f1, "cart-0", "critical").put("startsAt", "2026-11-22T11:00:00.000Z");
    ok(group("firing", refired));
    ok(group("firing", refired.copy()));
    JsonObject counted = http.get("/work-items/" + id1).bodyAsJsonObject();
    assertThat(counted.getInteger("occurrence_count")).isEqualTo(2);
    assertThat(counted.getString("last_occurrence_key")).isEqualTo("2026-11-22T11:00:00.000Z");

    // Firing again after resolution: a new item.
    String reopened = ok(group("firing", alert("firing", f2, "cart-1", "warning"))).getJsonArray("alerts")
        .getJsonObject(0).getString("work_item_id");
    assertThat(reopened).isNotEqualTo(id2);
  }

  @Test
  void unknown_keys_and_missing_optional_fields_are_accepted() {
    JsonObject minimal = new JsonObject()
        .put("alerts", new JsonArray().add(new JsonObject().put("labels", new JsonObject().put("alertname", "Watchdog"))))
        .put("someFutureField", new JsonObject().put("x", 1));
    JsonObject answer = ok(minimal);
    JsonObject item = http.get("/work-items/" + answer.getJsonArray("alerts").getJsonObject(0).getString("work_item_id"))
        .bodyAsJsonObject();
    assertThat(item.getString("service")).isEqualTo("unknown");
    assertThat(item.getString("description")).isEqualTo("Watchdog");
    assertThat(item.getString("source_key")).startsWith("labels:");
  }

  @Test
  void wrong_types_are_400_naming_the_field_and_nothing_is_stored() {
    long before = app.count("SELECT count(*) FROM work_items");
    JsonObject numericLabel = group("firing", alert("firing", "fx", "cart-9", "critical"));
    numericLabel.getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").put("replicas", 3);
    assertThat(PagerDutyWebhookTest.fields(http.postJson("/webhooks/alertmanager", numericLabel)))
        .containsExactly("alerts[0].labels.replicas");

    JsonObject badStatus = group("firing", alert("pending", "fy", "cart-9", "critical"));
    assertThat(PagerDutyWebhookTest.fields(http.postJson("/webhooks/alertmanager", badStatus))).containsExactly("alerts[0].status");

    assertThat(PagerDutyWebhookTest.fields(http.postJson("/webhooks/alertmanager", group("firing").put("alerts", "none"))))
        .containsExactly("alerts");
    assertThat(PagerDutyWebhookTest.fields(http.postJson("/webhooks/alertmanager", group("firing").put("version", "3"))))
        .containsExactly("version");
    assertThat(app.count("SELECT count(*) FROM work_items")).isEqualTo(before);
  }
}
