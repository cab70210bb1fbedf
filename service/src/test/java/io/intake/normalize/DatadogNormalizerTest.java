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
  private final SourceNormalizer shipped = ShippedSources.normalizers(new JsonObject().put("datadog",
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
  void a_triggered_monitor_becomes_an_alert_item_keyed_by_monitor_and_scope_with_the_cycle_as_occurrence() throws Exception {
    WorkItemDraft draft = upsert(webhook("Triggered", "P2"));
    assertThat(draft.source()).isEqualTo("datadog");
    assertThat(draft.type()).isEqualTo("alert");
    assertThat(draft.service()).as("service tag, in our form").isEqualTo("web-frontend");
    assertThat(draft.description()).as("the transition is state, not text").isEqualTo("High CPU on web-1 (host:web-1)");
    assertThat(draft.rawLog()).isEqualTo("[Triggered] High CPU on web-1\n\n%%%\nCPU above 90% for 5 minutes\n%%%");
    assertThat(draft.nativeKey().key()).isEqualTo("monitor:98765:host:web-1");
    assertThat(draft.nativeKey().refs()).containsEntry("alert_id", "98765").containsEntry("event_id", "7412345678901234567")
        .containsEntry("tags", "env:prod,service:Web Frontend,team:edge")
        .containsEntry("occurrence_key", "cycle-abc-1");
    assertThat(draft.identity().fingerprint()).isEqualTo(DatadogNormalizer.fingerprint("monitor:98765:host:web-1"));
    assertThat(draft.identity().window()).isNull();
  }

  @Test
  void recovered_records_a_resolved_outcome_on_the_monitor_group_or_an_item_keyed_by_the_cycle() throws Exception {
    assertThat(run(webhook("Recovered", "P2")).get(0)).isEqualTo(new SourceAction.RecordOutcome("monitor:98765:host:web-1",
        List.of(DatadogNormalizer.fingerprint("monitor:98765:host:web-1"), DatadogNormalizer.fingerprint("cycle-abc-1")),
        OutcomeType.RESOLVED, "datadog", null,
        "datadog:7412345678901234567", "2026-11-22T10:00:00Z", null, List.of("monitor:98765:host:web-1", "cycle-abc-1")));
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
    assertThat(event.nativeKey().key()).as("no monitor id: the title is the identity").isEqualTo("title:Deploy failed");
    assertThat(event.severity().wire()).as("no transition: as Triggered").isEqualTo("sev2");
    assertThat(event.rawLog()).isEqualTo("Deploy failed");
  }

  /** Datadog's default payload: no alert_transition, no monitor id, no tags; a new id per notification. */
  static JsonObject defaultPayload(String id, String title, String lastTriggered) {
    return new JsonObject()
        .put("body", "%%%\nCPU above 90% on web tier\n\nThe monitor was last triggered at " + lastTriggered
            + " UTC.\n\n- - -\n\n[[Monitor Status](https://app.datadoghq.com/monitors#18692904?)]\n%%%")
        .put("last_updated", "1591216985000")
        .put("event_type", "query_alert_monitor")
        .put("title", title)
        .put("date", "1591216985000")
        .put("org", new JsonObject().put("id", "415600").put("name", "Acme"))
        .put("id", id);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      [Triggered on {host:web-3}] High CPU on web tier                  |    | Triggered    | host:web-3                 | High CPU on web tier
      [Recovered on {host:web-3}] High CPU on web tier                  |    | Recovered    | host:web-3                 | High CPU on web tier
      [Triggered] [Memory Alert]                                        |    | Triggered    |                            | [Memory Alert]
      [Recovered] Disk almost full                                      |    | Recovered    |                            | Disk almost full
      [Warn on {host:db-1}] Replication lag                             |    | Warn         | host:db-1                  | Replication lag
      [Re-Triggered on {env:prod, service:checkout}] 5xx rate           |    | Re-Triggered | env:prod,service:checkout  | 5xx rate
      [No Data] Heartbeat missing                                       |    | No Data      |                            | Heartbeat missing
      [Re-No Data on {host:a}] Heartbeat missing                        |    | Re-No Data   | host:a                     | Heartbeat missing
      [P1] [Triggered on {host:web-3}] High CPU on web tier             | P1 | Triggered    | host:web-3                 | High CPU on web tier
      [Triggered] [P2] Queue backlog                                    | P2 | Triggered    |                            | Queue backlog
      [Triggered] [TEST] Host Cluster Alert                             |    | Triggered    |                            | [TEST] Host Cluster Alert
      Deploy failed                                                     |    |              |                            | Deploy failed
      """)
  void titles_as_datadog_writes_them(String title, String priority, String transition, String scope, String name) {
    assertThat(DatadogTitle.parse(title)).isEqualTo(new DatadogTitle(priority, transition, scope, name));
  }

  @Test
  void the_default_payload_reads_state_identity_and_cycle_from_the_title_and_body() throws Exception {
    WorkItemDraft triggered = upsert(defaultPayload("5485379890863845239",
        "[Triggered on {host:web-3}] High CPU on web tier", "Wed Jun 03 2020 20:43:04"));
    assertThat(triggered.nativeKey().key()).isEqualTo("title:High CPU on web tier {host:web-3}");
    assertThat(triggered.description()).isEqualTo("High CPU on web tier (host:web-3)");
    assertThat(triggered.severity().wire()).as("Triggered, no priority").isEqualTo("sev2");
    assertThat(triggered.service()).isEqualTo("unknown");
    assertThat(triggered.nativeKey().refs())
        .containsEntry("occurrence_key", "triggered:2020-06-03T20:43:04Z")
        .containsEntry("alert_transition", "Triggered")
        .containsEntry("event_type", "query_alert_monitor");

    WorkItemDraft renotified = upsert(defaultPayload("5485379890863845999",
        "[Re-Triggered on {host:web-3}] High CPU on web tier", "Wed Jun 03 2020 20:43:04"));
    assertThat(renotified.identity()).isEqualTo(triggered.identity());
    assertThat(renotified.nativeKey().refs().get("occurrence_key")).as("same cycle")
        .isEqualTo(triggered.nativeKey().refs().get("occurrence_key"));

    SourceAction recovered = run(defaultPayload("5485379890863846000",
        "[Recovered on {host:web-3}] High CPU on web tier", "Wed Jun 03 2020 20:43:04")).get(0);
    assertThat(recovered).isEqualTo(new SourceAction.RecordOutcome("title:High CPU on web tier {host:web-3}",
        List.of(triggered.identity().fingerprint()), OutcomeType.RESOLVED, "datadog", null,
        "datadog:5485379890863846000", "2020-06-03T20:43:05Z", null));
  }

  @Test
  void service_and_priority_come_from_the_scope_and_the_title_when_no_field_names_them() throws Exception {
    WorkItemDraft draft = upsert(defaultPayload("1", "[P1] [Triggered on {env:prod,service:Checkout API}] 5xx rate",
        "Wed Jun 03 2020 20:43:04"));
    assertThat(draft.service()).isEqualTo("checkout-api");
    assertThat(draft.severity().wire()).isEqualTo("sev1");
  }

  @Test
  void without_a_cycle_key_or_footer_the_open_cycle_is_the_occurrence() throws Exception {
    JsonObject body = new JsonObject().put("id", "9").put("title", "[Triggered] Queue backlog").put("body", "custom text");
    assertThat(upsert(body).nativeKey().refs()).containsEntry("occurrence_key", DatadogNormalizer.OPEN_CYCLE);
  }

  @Test
  void tags_come_as_a_string_or_a_list() {
    assertThat(DatadogNormalizer.tags(JSON.valueToTree("a:1, b:2,,"))).containsExactly("a:1", "b:2");
    assertThat(DatadogNormalizer.tags(JSON.valueToTree(List.of("a:1", " ")))).containsExactly("a:1");
    assertThat(DatadogNormalizer.tags(null)).isEmpty();
  }
}
