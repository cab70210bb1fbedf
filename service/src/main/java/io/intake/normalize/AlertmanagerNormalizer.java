package io.intake.normalize;

import static io.intake.normalize.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus Alertmanager webhooks (payload version 4). Each alert of the group is its own work
 * item, identified by the alert's fingerprint (a hash of its label set, the same across
 * notifications and receivers): a firing alert creates the item or, when it is a new firing (a new
 * {@code startsAt}, the occurrence key), counts an occurrence on the open one; Alertmanager's
 * re-sends of a group every repeat interval carry the same startsAt and only move last_seen_at. A
 * resolved alert records a {@code resolved} outcome on it.
 */
public final class AlertmanagerNormalizer implements SourceNormalizer {

  static final String SOURCE = "alertmanager";

  private final SeverityMap severities;
  private final ServiceMap services;
  private final List<String> serviceLabels;

  /**
   * @param severities    the {@code severity} label's values → severity
   * @param services      label value → service
   * @param serviceLabels labels that name the service, first present wins (default service, job, app)
   */
  public AlertmanagerNormalizer(SeverityMap severities, ServiceMap services, List<String> serviceLabels) {
    this.severities = severities;
    this.services = services;
    this.serviceLabels = List.copyOf(serviceLabels);
  }

  static String fingerprint(String alertFingerprint) {
    return KeyedDraft.fingerprint(SOURCE, alertFingerprint);
  }

  @Override
  public List<SourceAction> actions(JsonNode payload, String rawBody) {
    return AlertNotifications.actions(SOURCE, payload, AlertmanagerNormalizer::alertKey,
        (alert, key) -> firing(payload, alert, key, rawBody));
  }

  private SourceAction firing(JsonNode payload, JsonNode alert, String key, String rawBody) {
    JsonNode labels = alert.path("labels");
    JsonNode annotations = alert.path("annotations");
    String alertname = text(labels, "alertname");
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("fingerprint", key);
    refs.put("group_key", text(payload, "groupKey"));
    refs.put("receiver", text(payload, "receiver"));
    refs.put("alertname", alertname);
    refs.put("starts_at", text(alert, "startsAt"));
    // A new firing of a fingerprint has a new startsAt; a repeat_interval re-send keeps it.
    refs.put("occurrence_key", text(alert, "startsAt"));
    refs.put("generator_url", text(alert, "generatorURL"));
    refs.put("external_url", text(payload, "externalURL"));
    return new SourceAction.Upsert(KeyedDraft.of(SOURCE, "alert", AlertNotifications.service(labels, serviceLabels, services),
        severities.map(text(labels, "severity")), AlertNotifications.description(annotations, alertname, "Alertmanager alert"),
        AlertNotifications.rawLog(alertname, labels, annotations).toString(), rawBody, key, refs));
  }

  /** The alert's fingerprint; alerts from senders that omit it get a hash of their sorted labels. */
  static String alertKey(JsonNode alert) {
    String given = text(alert, "fingerprint");
    if (given != null) {
      return given;
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    alert.path("labels").fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> parts = new ArrayList<>();
    sorted.forEach((k, v) -> parts.add(k + "=" + v));
    return "labels:" + Fingerprint.of(parts.toArray(String[]::new));
  }
}
