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

class AlertmanagerNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SourceNormalizer shipped = ShippedSources.normalizer("alertmanager");

  /** A v4 notification as Alertmanager 0.27 sends it, alerts given as JSON objects. */
  static JsonObject notification(String status, JsonObject... alerts) {
    return new JsonObject()
        .put("receiver", "intake")
        .put("status", status)
        .put("alerts", new JsonArray(List.of((Object[]) alerts)))
        .put("groupLabels", new JsonObject().put("alertname", "HighErrorRate"))
        .put("commonLabels", new JsonObject().put("alertname", "HighErrorRate"))
        .put("commonAnnotations", new JsonObject())
        .put("externalURL", "http://alertmanager.example:9093")
        .put("version", "4")
        .put("groupKey", "{}:{alertname=\"HighErrorRate\"}")
        .put("truncatedAlerts", 0);
  }

  static JsonObject alert(String status, String fingerprint, JsonObject labels, JsonObject annotations) {
    JsonObject alert = new JsonObject()
        .put("status", status)
        .put("labels", labels)
        .put("annotations", annotations)
        .put("startsAt", "2026-11-22T10:00:00.000Z")
        .put("endsAt", status.equals("resolved") ? "2026-11-22T10:20:00.000Z" : "0001-01-01T00:00:00Z")
        .put("generatorURL", "http://prometheus.example:9090/graph?g0.expr=rate");
    if (fingerprint != null) {
      alert.put("fingerprint", fingerprint);
    }
    return alert;
  }

  static JsonObject labels(String severity, String service) {
    JsonObject labels = new JsonObject().put("alertname", "HighErrorRate").put("job", "api-gateway")
        .put("instance", "10.0.0.7:9100");
    if (severity != null) {
      labels.put("severity", severity);
    }
    if (service != null) {
      labels.put("service", service);
    }
    return labels;
  }

  private List<SourceAction> run(JsonObject body) throws Exception {
    return shipped.actions(JSON.readTree(body.encode()), body.encode());
  }

  private WorkItemDraft firing(JsonObject labels, JsonObject annotations) throws Exception {
    List<SourceAction> actions = run(notification("firing", alert("firing", "f1", labels, annotations)));
    return ((SourceAction.Upsert) actions.get(0)).draft();
  }

  @ParameterizedTest(name = "severity label {0} -> {1}")
  @CsvSource({"critical, sev1", "page, sev1", "error, sev2", "high, sev2", "warning, sev3", "info, sev4",
      "none, sev4", "Critical, sev1", "bogus, sev3"})
  void maps_the_severity_label(String label, String severity) throws Exception {
    assertThat(firing(labels(label, null), new JsonObject()).severity().wire()).isEqualTo(severity);
  }

  @Test
  void a_firing_alert_becomes_an_alert_item_keyed_by_its_fingerprint() throws Exception {
    WorkItemDraft draft = firing(labels("critical", "Checkout"), new JsonObject()
        .put("summary", "5xx above 5% on checkout").put("description", "Error ratio 7.2% for 10m"));
    assertThat(draft.source()).isEqualTo("alertmanager");
    assertThat(draft.type()).isEqualTo("alert");
    assertThat(draft.service()).as("service label first, lower-cased").isEqualTo("checkout");
    assertThat(draft.description()).isEqualTo("5xx above 5% on checkout\n\nError ratio 7.2% for 10m");
    assertThat(draft.rawLog()).startsWith("HighErrorRate{instance=\"10.0.0.7:9100\",job=\"api-gateway\",service=\"Checkout\",severity=\"critical\"}")
        .contains("summary: 5xx above 5% on checkout");
    assertThat(draft.nativeKey().key()).isEqualTo("f1");
    assertThat(draft.nativeKey().refs()).containsEntry("group_key", "{}:{alertname=\"HighErrorRate\"}")
        .containsEntry("alertname", "HighErrorRate");
    assertThat(draft.identity().fingerprint()).isEqualTo(AlertmanagerNormalizer.fingerprint("f1"));
    assertThat(draft.identity().window()).isNull();
  }

  @Test
  void missing_optional_fields_have_fallbacks() throws Exception {
    WorkItemDraft noService = firing(labels(null, null), new JsonObject());
    assertThat(noService.service()).as("job when there is no service label").isEqualTo("api-gateway");
    assertThat(noService.description()).as("alertname without annotations").isEqualTo("HighErrorRate");
    assertThat(noService.severity().wire()).as("default").isEqualTo("sev3");

    JsonObject bare = new JsonObject().put("alerts", new JsonArray().add(new JsonObject()
        .put("labels", new JsonObject().put("env", "prod"))));
    WorkItemDraft minimal = ((SourceAction.Upsert) run(bare).get(0)).draft();
    assertThat(minimal.service()).isEqualTo("unknown");
    assertThat(minimal.description()).isEqualTo("Alertmanager alert");
    assertThat(minimal.nativeKey().key()).as("no fingerprint: a hash of the labels").startsWith("labels:");
    assertThat(AlertmanagerNormalizer.alertKey(JSON.readTree("{\"labels\":{\"b\":\"2\",\"a\":\"1\"}}")))
        .as("label order does not matter")
        .isEqualTo(AlertmanagerNormalizer.alertKey(JSON.readTree("{\"labels\":{\"a\":\"1\",\"b\":\"2\"}}")));
  }

  @Test
  void each_alert_of_a_group_is_its_own_action_and_resolved_ones_record_outcomes() throws Exception {
    List<SourceAction> actions = run(notification("firing",
        alert("firing", "f1", labels("critical", "api"), new JsonObject()),
        alert("resolved", "f2", labels("warning", "api"), new JsonObject()),
        alert("firing", "f3", labels("info", "web"), new JsonObject())));
    assertThat(actions).hasSize(3);
    assertThat(actions.get(0)).isInstanceOf(SourceAction.Upsert.class);
    assertThat(actions.get(1)).isEqualTo(new SourceAction.RecordOutcome("f2", List.of(AlertmanagerNormalizer.fingerprint("f2")),
        OutcomeType.RESOLVED, "alertmanager", null, null, "2026-11-22T10:20:00Z", null));
    assertThat(actions.get(2).key()).isEqualTo("f3");
  }

  @Test
  void an_empty_group_is_ignored() throws Exception {
    assertThat(((SourceAction.Ignore) run(notification("firing")).get(0)).reason()).isEqualTo("no_alerts");
  }

  @Test
  void configured_service_labels_and_map_decide_the_service() throws Exception {
    SourceNormalizer custom = ShippedSources.normalizers(new JsonObject().put("alertmanager", new JsonObject()
        .put("service_labels", new JsonArray().add("instance"))
        .put("service_map", new JsonObject().put("10.0.0.7:9100", "node-exporter")))).get("alertmanager");
    JsonObject body = notification("firing", alert("firing", "f1", labels("critical", "api"), new JsonObject()));
    WorkItemDraft draft = ((SourceAction.Upsert) custom.actions(JSON.readTree(body.encode()), body.encode()).get(0)).draft();
    assertThat(draft.service()).isEqualTo("node-exporter");
  }
}
