package io.intake.normalize;

import static io.intake.normalize.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grafana Alerting's webhook contact point (payload {@code version: "1"}). Each alert of the
 * notification is its own work item keyed by the alert's {@code fingerprint} (a hash of its label
 * set, the same in every notification): a firing alert creates the item or, for a new firing (a new
 * {@code startsAt}, the occurrence key), counts an occurrence on the open one; Grafana's re-sends
 * every repeat interval keep the startsAt and only move last_seen_at. A resolved alert records a
 * {@code resolved} outcome on it. Severity from the {@code severity} label, service from the first
 * present of the service labels (as for Alertmanager, whose notification format Grafana's extends).
 */
public final class GrafanaAlertingNormalizer implements SourceNormalizer {

  static final String SOURCE = "grafana";

  private final SeverityMap severities;
  private final ServiceMap services;
  private final List<String> serviceLabels;

  public GrafanaAlertingNormalizer(SeverityMap severities, ServiceMap services, List<String> serviceLabels) {
    this.severities = severities;
    this.services = services;
    this.serviceLabels = List.copyOf(serviceLabels);
  }

  static String fingerprint(String alertFingerprint) {
    return KeyedDraft.fingerprint(SOURCE, alertFingerprint);
  }

  @Override
  public List<SourceAction> actions(JsonNode payload, String rawBody) {
    return AlertNotifications.actions(SOURCE, payload, alert -> text(alert, "fingerprint"),
        (alert, key) -> firing(payload, alert, key, rawBody));
  }

  private SourceAction firing(JsonNode payload, JsonNode alert, String key, String rawBody) {
    JsonNode labels = alert.path("labels");
    JsonNode annotations = alert.path("annotations");
    String alertname = text(labels, "alertname");
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("fingerprint", key);
    refs.put("alertname", alertname);
    refs.put("receiver", text(payload, "receiver"));
    refs.put("group_key", text(payload, "groupKey"));
    refs.put("org_id", text(payload, "orgId"));
    refs.put("starts_at", text(alert, "startsAt"));
    // A new firing of a fingerprint has a new startsAt; a repeat-interval re-send keeps it.
    refs.put("occurrence_key", text(alert, "startsAt"));
    refs.put("generator_url", text(alert, "generatorURL"));
    refs.put("dashboard_url", emptyAsNull(text(alert, "dashboardURL")));
    refs.put("panel_url", emptyAsNull(text(alert, "panelURL")));
    refs.put("silence_url", text(alert, "silenceURL"));
    return new SourceAction.Upsert(KeyedDraft.of(SOURCE, "alert", AlertNotifications.service(labels, serviceLabels, services),
        severities.map(text(labels, "severity")), AlertNotifications.description(annotations, alertname, "Grafana alert"),
        rawLog(alertname, alert), rawBody, key, refs));
  }

  /** Alertmanager's view of the alert, then the query values Grafana adds. */
  private static String rawLog(String alertname, JsonNode alert) {
    StringBuilder out = AlertNotifications.rawLog(alertname, alert.path("labels"), alert.path("annotations"));
    if (alert.path("values").isObject() && !alert.path("values").isEmpty()) {
      out.append("\nvalues: ").append(Nodes.render(alert.path("values")));
    } else if (text(alert, "valueString") != null) {
      out.append("\nvalues: ").append(text(alert, "valueString"));
    }
    return out.toString();
  }

  private static String emptyAsNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
