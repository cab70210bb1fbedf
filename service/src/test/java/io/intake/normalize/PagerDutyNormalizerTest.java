package io.intake.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intake.model.OutcomeType;
import io.intake.model.Severity;
import io.intake.model.WorkItemDraft;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagerDutyNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SourceNormalizer shipped = ShippedSources.normalizers(new JsonObject()
      .put("pagerduty", new JsonObject().put("service_map", new JsonObject()
          .put("R0UT1NGKEY00000000000000000000AA", "checkout-service")
          .put("PSVC123", "payments")))).get("pagerduty");

  static String trigger(String routingKey, String dedupKey, String severity, String extra) {
    return """
        {"routing_key":"%s",%s"event_action":"trigger",
         "payload":{"summary":"DB replica lag above 30s on pg-replica-2","source":"pg-replica-2.prod",
           "severity":"%s","timestamp":"2026-11-22T10:00:00Z","component":"postgres","group":"prod-db",
           "class":"replication","custom_details":{"lag_seconds":42,"threshold":30}%s},
         "client":"Prometheus","client_url":"https://prom.example/graph"}"""
        .formatted(routingKey, dedupKey == null ? "" : "\"dedup_key\":\"" + dedupKey + "\",", severity, extra);
  }

  private static List<SourceAction> run(SourceNormalizer normalizer, String body) throws Exception {
    JsonNode node = JSON.readTree(body);
    return normalizer.actions(node, body);
  }

  private WorkItemDraft upsert(String body) throws Exception {
    List<SourceAction> actions = run(shipped, body);
    assertThat(actions).hasSize(1).first().isInstanceOf(SourceAction.Upsert.class);
    return ((SourceAction.Upsert) actions.get(0)).draft();
  }

  @ParameterizedTest(name = "payload.severity {0} -> {1}")
  @CsvSource({"critical, sev1", "error, sev2", "warning, sev3", "info, sev4"})
  void maps_event_severities(String severity, String expected) throws Exception {
    assertThat(upsert(trigger("rk", "k1", severity, "")).severity().wire()).isEqualTo(expected);
  }

  @Test
  void a_trigger_becomes_a_canonical_item_keyed_by_its_dedup_key() throws Exception {
    WorkItemDraft draft = upsert(trigger("rk-unmapped", "db-lag/pg-replica-2", "critical", ""));
    assertThat(draft.source()).isEqualTo("pagerduty");
    assertThat(draft.type()).isEqualTo("incident");
    assertThat(draft.service()).as("component when the routing key is unmapped").isEqualTo("postgres");
    assertThat(draft.description()).isEqualTo("DB replica lag above 30s on pg-replica-2");
    assertThat(draft.rawLog()).isEqualTo("DB replica lag above 30s on pg-replica-2\n{\"lag_seconds\":42,\"threshold\":30}");
    assertThat(draft.originSystem()).isEqualTo("pagerduty");
    assertThat(draft.nativeKey().key()).isEqualTo("db-lag/pg-replica-2");
    assertThat(draft.nativeKey().refs()).containsEntry("routing_key", "rk-unmapped")
        .containsEntry("source", "pg-replica-2.prod").containsEntry("group", "prod-db").containsEntry("class", "replication");
    assertThat(draft.identity().window()).as("merged while open").isNull();
    assertThat(draft.identity().fingerprint()).isEqualTo(PagerDutyNormalizer.fingerprint("db-lag/pg-replica-2"));
  }

  @Test
  void the_routing_key_map_wins_and_names_fall_back_component_group_source() throws Exception {
    assertThat(upsert(trigger("R0UT1NGKEY00000000000000000000AA", "k", "info", "")).service()).isEqualTo("checkout-service");
    String noComponent = """
        {"routing_key":"rk","event_action":"trigger","dedup_key":"k",
         "payload":{"summary":"s","source":"Web 01","severity":"info","group":"Edge Proxies"}}""";
    assertThat(upsert(noComponent).service()).isEqualTo("edge-proxies");
    String onlySource = """
        {"routing_key":"rk","event_action":"trigger","dedup_key":"k","payload":{"summary":"s","source":"Web 01","severity":"info"}}""";
    WorkItemDraft minimal = upsert(onlySource);
    assertThat(minimal.service()).isEqualTo("web-01");
    assertThat(minimal.rawLog()).as("no custom details").isEqualTo("s");
  }

  @Test
  void a_trigger_without_dedup_key_gets_a_new_one() throws Exception {
    PagerDutyNormalizer normalizer = new PagerDutyNormalizer(new SeverityMap(Map.of(), Severity.SEV3),
        ServiceMap.empty(), () -> "generated-1");
    SourceAction action = run(normalizer, trigger("rk", null, "critical", "")).get(0);
    assertThat(action.key()).isEqualTo("generated-1");
    assertThat(((SourceAction.Upsert) action).draft().severity()).as("empty map: fallback").isEqualTo(Severity.SEV3);
  }

  @Test
  void resolve_records_an_outcome_and_acknowledge_marks_by_the_same_identity() throws Exception {
    SourceAction resolve = run(shipped, """
        {"routing_key":"rk","event_action":"resolve","dedup_key":"db-lag/pg-replica-2"}""").get(0);
    assertThat(resolve).isEqualTo(new SourceAction.RecordOutcome("db-lag/pg-replica-2",
        List.of(PagerDutyNormalizer.fingerprint("db-lag/pg-replica-2")), OutcomeType.RESOLVED, "pagerduty",
        null, null, null, null));
    SourceAction ack = run(shipped, """
        {"routing_key":"rk","event_action":"acknowledge","dedup_key":"db-lag/pg-replica-2","unknown":{"x":1}}""").get(0);
    assertThat(ack).isEqualTo(new SourceAction.Acknowledge("db-lag/pg-replica-2",
        List.of(PagerDutyNormalizer.fingerprint("db-lag/pg-replica-2")), "pagerduty", null));
  }

  static String v3(String type, String extraData) {
    return """
        {"event":{"id":"01DEN1HNLBC1NGQ8QW6AGL7HXP","event_type":"%s","resource_type":"incident",
          "occurred_at":"2026-11-22T10:05:00.000Z",
          "agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV","summary":"Tenex Engineer","type":"user_reference"},
          "client":null,
          "data":{"id":"PGR0VU2","type":"incident","number":2,"title":"Checkout latency above SLO",
            "incident_key":"db-lag/pg-replica-2","urgency":"high","status":"triggered",
            "service":{"id":"PSVC123","summary":"Payments API","type":"service_reference"},
            "priority":{"id":"P1D","summary":"P2"},
            "html_url":"https://acme.pagerduty.com/incidents/PGR0VU2"%s}}}""".formatted(type, extraData);
  }

  @Test
  void a_v3_triggered_incident_is_an_item_on_the_same_identity_as_its_event() throws Exception {
    WorkItemDraft draft = upsert(v3("incident.triggered", ""));
    assertThat(draft.service()).as("service map by PagerDuty service id").isEqualTo("payments");
    assertThat(draft.severity()).as("priority P2").isEqualTo(Severity.SEV2);
    assertThat(draft.description()).isEqualTo("Checkout latency above SLO");
    assertThat(draft.identity().fingerprint()).isEqualTo(PagerDutyNormalizer.fingerprint("db-lag/pg-replica-2"));
    assertThat(draft.nativeKey().refs()).containsEntry("incident_id", "PGR0VU2").containsEntry("incident_number", "2");
  }

  @Test
  void a_v3_incident_without_priority_uses_urgency_and_without_key_its_id() throws Exception {
    String body = v3("incident.triggered", "").replace("\"priority\":{\"id\":\"P1D\",\"summary\":\"P2\"},", "")
        .replace("\"incident_key\":\"db-lag/pg-replica-2\",", "").replace("\"urgency\":\"high\"", "\"urgency\":\"low\"");
    WorkItemDraft draft = upsert(body);
    assertThat(draft.severity()).isEqualTo(Severity.SEV4);
    assertThat(draft.nativeKey().key()).isEqualTo("incident:PGR0VU2");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "incident.resolved, RESOLVED, ''",
      "incident.escalated, ESCALATED, PUSER2",
      "incident.reassigned, REASSIGNED, PUSER2",
      "incident.delegated, REASSIGNED, PUSER2"})
  void v3_lifecycle_events_record_outcomes(String type, OutcomeType outcome, String assignee) throws Exception {
    String assignees = ",\"assignees\":[{\"id\":\"PUSER2\",\"summary\":\"Second Responder\",\"type\":\"user_reference\"}]";
    SourceAction action = run(shipped, v3(type, assignees)).get(0);
    assertThat(action).isInstanceOf(SourceAction.RecordOutcome.class);
    SourceAction.RecordOutcome recorded = (SourceAction.RecordOutcome) action;
    assertThat(recorded.type()).isEqualTo(outcome);
    assertThat(recorded.actorId()).isEqualTo("PLH1HKV");
    assertThat(recorded.eventId()).isEqualTo("pagerduty:01DEN1HNLBC1NGQ8QW6AGL7HXP");
    assertThat(recorded.timestamp()).isEqualTo("2026-11-22T10:05:00Z");
    assertThat(recorded.fingerprints()).containsExactly(PagerDutyNormalizer.fingerprint("db-lag/pg-replica-2"),
        PagerDutyNormalizer.fingerprint("incident:PGR0VU2"));
    if (outcome != OutcomeType.RESOLVED) {
      assertThat(recorded.newAssigneeId()).isEqualTo(assignee);
    }
  }

  @Test
  void v3_acknowledged_marks_and_other_events_are_ignored_with_a_reason() throws Exception {
    assertThat(run(shipped, v3("incident.acknowledged", "")).get(0)).isInstanceOf(SourceAction.Acknowledge.class);
    assertThat(((SourceAction.Ignore) run(shipped, v3("incident.priority_updated", "")).get(0)).reason())
        .isEqualTo("unsupported_event");
    assertThat(((SourceAction.Ignore) run(shipped, v3("incident.reassigned", "")).get(0)).reason())
        .as("a reassignment that names nobody").isEqualTo("no_assignee");
    String ping = """
        {"event":{"id":"e1","event_type":"pagey.ping","resource_type":"pagey","occurred_at":"2026-11-22T10:05:00Z","agent":null,"data":{}}}""";
    assertThat(((SourceAction.Ignore) run(shipped, ping).get(0)).reason()).isEqualTo("ping");
  }
}
