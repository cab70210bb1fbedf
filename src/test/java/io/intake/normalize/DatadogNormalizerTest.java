package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.model.OutcomeType;
import io.intake.model.WorkItemDraft;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatadogNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SourceEventNormalizer shipped = ShippedSources.normalizers(new JsonObject().put("datadog",
      new JsonObject().put("service_map", new JsonObject().put("12345", "billing")))).get("datadog");

  /** The body a Datadog webhook with the common template renders (values are strings, as $VARS are). */
  static JsonObject webhook(String transition, String priority) {
    JsonObject body = new JsonObject()
        .put("id", "7412345678901234567")
        .put("title", "[" + transition + "] High CPU on web-1")
        .put("body", "%%%\nCPU above 90% for 5 minutes\n%%%")
        .put("date", "1795341600000")
        .put("alert_transition", transition)
        .put("tags", "env:prod,service:Web Frontend,team:edge")
        .put("alert_id", "98765")
        .put("alert_cycle_key", "cycle-abc-1")
        .put("alert_scope", "host:web-1")
        .put("hostname", "web-1")
        .put("org", new JsonObject().put("id", "1").put("name", "Acme"));
    if (priority != null) {
      body.put("priority", priority);
    }
    return body;
  }

  private List<SourceAction> run(JsonObject body) throws Exception {
    return shipped.actions(JSON.readTree(body.encode()), body.encode());
  }

  private WorkItemDraft upsert(JsonObject body) throws Exception {
    return ((SourceAction.Upsert) run(body).get(0)).draft();
  }

  @ParameterizedTest(name = "priority {0} -> {1}")
  @CsvSource({"P1, sev1", "P2, sev2", "P3, sev3", "P4, sev4", "P5, sev4", "p1, sev1"})
  void maps_priorities(String priority, String severity) throws Exception {
    assertThat(upsert(webhook("Warn", priority)).severity().wire()).isEqualTo(severity);
  }

  @ParameterizedTest(name = "no priority, {0} -> {1}")
  @CsvSource({"Triggered, sev2", "Re-Triggered, sev2", "Warn, sev3", "No Data, sev3", "Renotify, sev2", "Something New, sev3"})
  void without_priority_the_transition_decides(String transition, String severity) throws Exception {
    assertThat(upsert(webhook(transition, null)).severity().wire()).isEqualTo(severity);
  }

  @Test
  void a_triggered_monitor_becomes_an_alert_item_keyed_by_its_cycle() throws Exception {
    WorkItemDraft draft = upsert(webhook("Triggered", "P2"));
    assertThat(draft.source()).isEqualTo("datadog");
    assertThat(draft.type()).isEqualTo("alert");
    assertThat(draft.service()).as("service tag, in our form").isEqualTo("web-frontend");
    assertThat(draft.description()).isEqualTo("[Triggered] High CPU on web-1");
    assertThat(draft.rawLog()).isEqualTo("[Triggered] High CPU on web-1\n\n%%%\nCPU above 90% for 5 minutes\n%%%");
    assertThat(draft.nativeKey().key()).isEqualTo("cycle-abc-1");
    assertThat(draft.nativeKey().refs()).containsEntry("alert_id", "98765").containsEntry("event_id", "7412345678901234567")
        .containsEntry("tags", "env:prod,service:Web Frontend,team:edge");
    assertThat(draft.identity().fingerprint()).isEqualTo(DatadogNormalizer.fingerprint("cycle-abc-1"));
    assertThat(draft.identity().window()).isNull();
  }

  @Test
  void recovered_records_a_resolved_outcome_on_the_cycle() throws Exception {
    assertThat(run(webhook("Recovered", "P2")).get(0)).isEqualTo(new SourceAction.RecordOutcome("cycle-abc-1",
        List.of(DatadogNormalizer.fingerprint("cycle-abc-1")), OutcomeType.RESOLVED, "datadog", null,
        "datadog:7412345678901234567", "2026-11-22T10:00:00Z", null));
  }

  @Test
  void identity_and_service_fall_back_when_fields_are_missing() throws Exception {
    JsonObject noCycle = webhook("Triggered", null);
    noCycle.remove("alert_cycle_key");
    noCycle.put("tags", new JsonArray().add("env:prod"));
    WorkItemDraft draft = upsert(noCycle);
    assertThat(draft.nativeKey().key()).isEqualTo("monitor:98765:host:web-1");
    assertThat(draft.service()).as("no service tag, unmapped monitor").isEqualTo("unknown");

    JsonObject mapped = webhook("Triggered", null).put("alert_id", 12345).put("tags", (String) null);
    assertThat(upsert(mapped).service()).as("monitor id in the service map (number form)").isEqualTo("billing");

    JsonObject eventOnly = new JsonObject().put("id", 555).put("title", "Deploy failed");
    WorkItemDraft event = upsert(eventOnly);
    assertThat(event.nativeKey().key()).isEqualTo("event:555");
    assertThat(event.severity().wire()).as("no transition: as Triggered").isEqualTo("sev2");
    assertThat(event.rawLog()).isEqualTo("Deploy failed");
  }

  @Test
  void tags_come_as_a_string_or_a_list() {
    assertThat(DatadogNormalizer.tags(JSON.valueToTree("a:1, b:2,,"))).containsExactly("a:1", "b:2");
    assertThat(DatadogNormalizer.tags(JSON.valueToTree(List.of("a:1", " ")))).containsExactly("a:1");
    assertThat(DatadogNormalizer.tags(null)).isEmpty();
  }
}
