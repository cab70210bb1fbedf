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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The vendors' own documented example payloads (src/test/resources/vendor, sources in its README)
 * through the running program, each with the lifecycle it must produce: created, occurrence,
 * acknowledged, resolved, replayed; service, severity, description.
 */
@ExtendWith(VertxExtension.class)
class VendorPayloadContractTest {

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

  static JsonObject fixture(String name) {
    try (InputStream in = VendorPayloadContractTest.class.getResourceAsStream("/vendor/" + name)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject post(String path, JsonObject body, int status) {
    HttpResponse<Buffer> response = http.postJson(path, body);
    assertThat(response.statusCode()).as(path + " " + response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject();
  }

  private static JsonObject item(String id) {
    return http.get("/work-items/" + id).bodyAsJsonObject();
  }

  private long outcomes(String workItemId) {
    return app.count("SELECT count(*) FROM outcomes WHERE work_item_id = '" + workItemId + "'");
  }

  // --- PagerDuty Events API v2 ---

  @Test
  void pagerduty_events_v2_documented_trigger_acknowledge_resolve() {
    // The documented acknowledge and resolve name a dedup key no trigger opened: PagerDuty drops them, so do we.
    for (String name : new String[] {"pagerduty-events-v2-acknowledge.json", "pagerduty-events-v2-resolve.json"}) {
      JsonObject dropped = post("/webhooks/pagerduty", fixture(name), 202);
      assertThat(dropped.getBoolean("processed")).isFalse();
      assertThat(dropped.getString("reason")).isEqualTo("no_open_item");
    }

    // The documented trigger, timestamp "2015-07-17T08:42:58.315+0000" (refused with 400 before issue 13).
    JsonObject trigger = fixture("pagerduty-events-v2-trigger.json");
    JsonObject created = post("/webhooks/pagerduty", trigger, 202);
    assertThat(created.getString("action")).isEqualTo("created");
    assertThat(created.getString("dedup_key")).isEqualTo("samplekeyhere");
    String id = created.getString("work_item_id");
    JsonObject stored = item(id);
    assertThat(stored.getString("service")).as("component, in our form").isEqualTo("postgres");
    assertThat(stored.getString("severity")).as("info").isEqualTo("sev4");
    assertThat(stored.getString("raw_log")).startsWith("Example alert on host1.example.com");
    assertThat(stored.getJsonObject("source_refs").getString("timestamp")).isEqualTo("2015-07-17T08:42:58.315+0000");

    JsonObject again = post("/webhooks/pagerduty", trigger, 202);
    assertThat(again.getString("action")).as("a trigger on an open dedup key updates it").isEqualTo("updated");
    assertThat(again.getString("work_item_id")).isEqualTo(id);
    assertThat(again.getInteger("occurrence_count")).as("the same detection time again is a re-notification, not a new firing")
        .isEqualTo(1);

    // The documented follow-ups, aimed at the trigger's dedup key.
    JsonObject acked = post("/webhooks/pagerduty", fixture("pagerduty-events-v2-acknowledge.json").put("dedup_key", "samplekeyhere"), 202);
    assertThat(acked.getString("action")).isEqualTo("acknowledged");
    assertThat(item(id).getString("acknowledged_by")).isEqualTo("pagerduty");
    JsonObject resolve = fixture("pagerduty-events-v2-resolve.json").put("dedup_key", "samplekeyhere");
    JsonObject resolved = post("/webhooks/pagerduty", resolve, 202);
    assertThat(resolved.getString("action")).isEqualTo("resolved");
    assertThat(item(id).getString("status")).isEqualTo("resolved");

    JsonObject replay = post("/webhooks/pagerduty", resolve, 202);
    assertThat(replay.getString("action")).isEqualTo("resolved");
    assertThat(replay.getBoolean("replayed")).isTrue();
    assertThat(replay.getString("outcome_id")).isEqualTo(resolved.getString("outcome_id"));
    assertThat(outcomes(id)).isEqualTo(1);
  }

  @Test
  void unparseable_timestamps_are_400_naming_the_field_and_the_rule() {
    JsonObject trigger = fixture("pagerduty-events-v2-trigger.json").put("dedup_key", "bad-time");
    trigger.getJsonObject("payload").put("timestamp", "17/07/2015 08:42");
    HttpResponse<Buffer> response = http.postJson("/webhooks/pagerduty", trigger);
    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject detail = response.bodyAsJsonObject().getJsonArray("details").getJsonObject(0);
    assertThat(detail.getString("field")).isEqualTo("payload.timestamp");
    assertThat(detail.getString("rule")).isEqualTo("format");
    assertThat(detail.getString("message")).contains("ISO 8601").doesNotContain("17/07/2015");
    assertThat(app.count("SELECT count(*) FROM work_items WHERE source_key = 'bad-time'")).isZero();
  }

  // --- PagerDuty webhooks v3 ---

  private static JsonObject v3(String eventType, String eventId) {
    JsonObject envelope = fixture("pagerduty-webhook-v3-incident.json");
    envelope.getJsonObject("event").put("event_type", eventType).put("id", eventId);
    return envelope;
  }

  @Test
  void pagerduty_v3_documented_incident_events() {
    JsonObject documented = post("/webhooks/pagerduty", fixture("pagerduty-webhook-v3-incident.json"), 202);
    assertThat(documented.getBoolean("processed")).isFalse();
    assertThat(documented.getString("reason")).as("priority_updated is not mapped").isEqualTo("unsupported_event");

    JsonObject created = post("/webhooks/pagerduty", v3("incident.triggered", "v3-triggered"), 202);
    assertThat(created.getString("action")).isEqualTo("created");
    String id = created.getString("work_item_id");
    JsonObject stored = item(id);
    assertThat(stored.getString("service")).isEqualTo("api-service");
    assertThat(stored.getString("severity")).as("priority P1").isEqualTo("sev1");
    assertThat(stored.getString("raw_log")).isEqualTo("A little bump in the road");
    assertThat(stored.getString("source_key")).isEqualTo("incident:PGR0VU2");

    assertThat(post("/webhooks/pagerduty", v3("incident.acknowledged", "v3-acked"), 202).getString("action"))
        .isEqualTo("acknowledged");
    assertThat(item(id).getString("acknowledged_by")).isEqualTo("PLH1HKV");

    JsonObject resolved = post("/webhooks/pagerduty", v3("incident.resolved", "v3-resolved"), 202);
    assertThat(resolved.getString("action")).isEqualTo("resolved");
    assertThat(item(id).getString("status")).isEqualTo("resolved");
    // PagerDuty redelivers a webhook it got no 2xx for: the same event id is a replay (it answered no_open_item before).
    JsonObject redelivered = post("/webhooks/pagerduty", v3("incident.resolved", "v3-resolved"), 202);
    assertThat(redelivered.getBoolean("processed")).isTrue();
    assertThat(redelivered.getBoolean("replayed")).isTrue();
    assertThat(redelivered.getString("outcome_id")).isEqualTo(resolved.getString("outcome_id"));
    assertThat(outcomes(id)).isEqualTo(1);
    assertThat(app.text("SELECT actor_id || '|' || timestamp FROM outcomes WHERE work_item_id = '" + id + "'"))
        .isEqualTo("PLH1HKV|2020-10-02T18:45:22.169Z");
  }

  // --- Datadog ---

  @Test
  void datadog_default_payload_triggered_retriggered_recovered() {
    JsonObject created = post("/webhooks/datadog", fixture("datadog-default-triggered.json"), 200);
    assertThat(created.getString("action")).isEqualTo("created");
    String id = created.getString("work_item_id");
    JsonObject stored = item(id);
    assertThat(stored.getString("source_key")).isEqualTo("title:High CPU on web tier {host:web-3}");
    assertThat(stored.getString("severity")).as("Triggered, no priority").isEqualTo("sev2");
    assertThat(stored.getString("service")).as("no service: tag in the default payload").isEqualTo("unknown");
    assertThat(stored.getString("raw_log")).startsWith("[Triggered on {host:web-3}] High CPU on web tier");
    assertThat(stored.getJsonObject("source_refs").getString("alert_transition")).isEqualTo("Triggered");
    assertThat(stored.getJsonObject("source_refs").getString("occurrence_key")).isEqualTo("triggered:2026-11-28T01:00:00Z");

    JsonObject renotified = post("/webhooks/datadog", fixture("datadog-default-retriggered.json"), 200);
    assertThat(renotified.getString("action")).isEqualTo("updated");
    assertThat(renotified.getString("work_item_id")).as("the renotification is the same alert").isEqualTo(id);

    JsonObject recovered = post("/webhooks/datadog", fixture("datadog-default-recovered.json"), 200);
    assertThat(recovered.getString("action")).as("it used to open a second item").isEqualTo("resolved");
    assertThat(recovered.getString("work_item_id")).isEqualTo(id);
    assertThat(item(id).getString("status")).isEqualTo("resolved");
    assertThat(app.text("SELECT event_id || '|' || timestamp FROM outcomes WHERE work_item_id = '" + id + "'"))
        .isEqualTo("datadog:7771000000000000003|2026-11-28T02:00:00Z");
    assertThat(app.count("SELECT count(*) FROM work_items WHERE source = 'datadog' AND source_key LIKE 'title:High CPU%'"))
        .as("the recovery is not an item").isEqualTo(1);

    JsonObject again = post("/webhooks/datadog", fixture("datadog-default-recovered.json"), 200);
    assertThat(again.getBoolean("replayed")).isTrue();
    assertThat(again.getString("outcome_id")).isEqualTo(recovered.getString("outcome_id"));
    assertThat(outcomes(id)).isEqualTo(1);
  }

  @Test
  void datadog_default_payload_captured_from_a_real_test_notification() {
    JsonObject created = post("/webhooks/datadog", fixture("datadog-default-captured.json"), 200);
    JsonObject stored = item(created.getString("work_item_id"));
    assertThat(stored.getString("source_key")).isEqualTo("title:[TEST] Host Cluster Alert");
    assertThat(stored.getJsonObject("source_refs").getString("occurrence_key")).isEqualTo("triggered:2020-06-03T20:43:04Z");
    assertThat(stored.getJsonObject("source_refs").getString("event_type")).isEqualTo("service_check");
  }

  @Test
  void datadog_custom_payload_triggered_then_recovered() {
    JsonObject triggered = fixture("datadog-custom-triggered.json");
    JsonObject created = post("/webhooks/datadog", triggered, 200);
    String id = created.getString("work_item_id");
    JsonObject stored = item(id);
    assertThat(stored.getString("service")).isEqualTo("checkout");
    assertThat(stored.getString("severity")).as("P2").isEqualTo("sev2");
    assertThat(stored.getString("source_key")).isEqualTo("monitor:31415926:env:prod,service:checkout");
    assertThat(stored.getJsonObject("source_refs").getString("occurrence_key")).isEqualTo("8a9d2c0e-cycle-1");

    JsonObject recovery = triggered.copy().put("id", "7772000000000000009").put("alert_transition", "Recovered")
        .put("title", "[P2] [Recovered on {env:prod,service:checkout}] Checkout error rate above 5%");
    JsonObject recovered = post("/webhooks/datadog", recovery, 200);
    assertThat(recovered.getString("action")).isEqualTo("resolved");
    assertThat(recovered.getString("work_item_id")).isEqualTo(id);
    assertThat(post("/webhooks/datadog", recovery, 200).getBoolean("replayed")).isTrue();
    assertThat(outcomes(id)).isEqualTo(1);
  }

  // --- Alertmanager ---

  @Test
  void alertmanager_grouped_notification_then_one_resolved_then_its_repeat() {
    JsonArray firing = post("/webhooks/alertmanager", fixture("alertmanager-v4-grouped-firing.json"), 200).getJsonArray("alerts");
    assertThat(firing).hasSize(2);
    String web1 = firing.getJsonObject(0).getString("work_item_id");
    String web2 = firing.getJsonObject(1).getString("work_item_id");
    assertThat(web1).isNotEqualTo(web2);
    assertThat(item(web1).getString("severity")).isEqualTo("sev3");
    assertThat(item(web1).getString("service")).isEqualTo("web");

    JsonObject resolvedOne = fixture("alertmanager-v4-one-resolved.json");
    JsonArray first = post("/webhooks/alertmanager", resolvedOne, 200).getJsonArray("alerts");
    assertThat(first.getJsonObject(0).getString("action")).isEqualTo("resolved");
    assertThat(first.getJsonObject(0).getString("work_item_id")).isEqualTo(web1);
    assertThat(item(web1).getString("status")).isEqualTo("resolved");
    assertThat(item(web2).getString("status")).as("the other alert is still firing").isNotEqualTo("resolved");

    // Alertmanager keeps a resolved alert in the group's next notifications: a repeat, never an error or a second outcome.
    JsonArray repeat = post("/webhooks/alertmanager", resolvedOne, 200).getJsonArray("alerts");
    assertThat(repeat.getJsonObject(0).getString("action")).isEqualTo("resolved");
    assertThat(repeat.getJsonObject(0).getBoolean("replayed")).isTrue();
    assertThat(repeat.getJsonObject(0).getString("outcome_id")).isEqualTo(first.getJsonObject(0).getString("outcome_id"));
    assertThat(outcomes(web1)).isEqualTo(1);
    assertThat(outcomes(web2)).isZero();
  }

  // --- Jira Cloud ---

  @Test
  void jira_cloud_issue_created_with_adf_then_moved_to_done() {
    JsonObject created = post("/webhooks/jira", fixture("jira-cloud-issue-created.json"), 200);
    String id = created.getString("work_item_id");
    JsonObject stored = item(id);
    assertThat(stored.getString("service")).isEqualTo("ops");
    assertThat(stored.getString("severity")).as("High").isEqualTo("sev2");
    assertThat(stored.getString("raw_log")).isEqualTo("Nightly backup failing\n\nBackup cron exits 1 since 2024-11-27; disk quota exceeded");
    // Cleaned by the rules (no LLM configured): the date is part of the sentence and stays.
    TestApp.eventually(Duration.ofSeconds(60), () -> "rules".equals(item(id).getString("description_source")));
    assertThat(item(id).getString("description"))
        .isEqualTo("Nightly backup failing Backup cron exits 1 since 2024-11-27; disk quota exceeded");

    JsonObject done = fixture("jira-cloud-issue-updated-done.json");
    JsonObject resolved = post("/webhooks/jira", done, 200);
    JsonObject outcome = resolved.getJsonArray("outcomes").getJsonObject(0);
    assertThat(outcome.getString("type")).isEqualTo("resolved");
    assertThat(outcome.getString("event_id")).isEqualTo("jira:changelog:10500:resolved");
    assertThat(item(id).getString("status")).isEqualTo("resolved");

    JsonObject redelivered = post("/webhooks/jira", done, 200);
    assertThat(redelivered.getJsonArray("outcomes").getJsonObject(0).getString("outcome_id")).isEqualTo(outcome.getString("outcome_id"));
    assertThat(outcomes(id)).isEqualTo(1);
  }
}
