package io.intake.normalize;

import static io.intake.normalize.Nodes.firstNonNull;
import static io.intake.normalize.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.model.OutcomeType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What Alertmanager's notification format and the senders that extend it (Grafana Alerting) share:
 * one work item per alert keyed by its fingerprint, firing or resolved per alert (else the group's
 * status), the description from the summary and description annotations, the service from the
 * first service label present, and the operator's view of the alert as its raw log.
 */
final class AlertNotifications {

  private AlertNotifications() {
  }

  /**
   * One action per alert: a resolved alert records a {@code resolved} outcome on the item of its
   * key; any other is {@code firing(alert, key)}. A notification without alerts is ignored.
   */
  static List<SourceAction> actions(String source, JsonNode payload, Function<JsonNode, String> key,
      BiFunction<JsonNode, String, SourceAction> firing) {
    String groupStatus = text(payload, "status");
    List<SourceAction> actions = new ArrayList<>();
    for (JsonNode alert : payload.path("alerts")) {
      String k = key.apply(alert);
      if ("resolved".equals(firstNonNull(text(alert, "status"), groupStatus))) {
        actions.add(new SourceAction.RecordOutcome(k, List.of(KeyedDraft.fingerprint(source, k)), OutcomeType.RESOLVED,
            source, null, null, Nodes.timestamp(text(alert, "endsAt")), null));
      } else {
        actions.add(firing.apply(alert, k));
      }
    }
    if (actions.isEmpty()) {
      actions.add(new SourceAction.Ignore(null, "no_alerts", "The notification carries no alerts"));
    }
    return actions;
  }

  /** Summary and description annotations (both when both are there), else the alert name, else {@code fallback}. */
  static String description(JsonNode annotations, String alertname, String fallback) {
    String summary = text(annotations, "summary");
    String detail = text(annotations, "description");
    return summary != null && detail != null
        ? summary + "\n\n" + detail
        : firstNonNull(summary, detail, alertname, fallback);
  }

  /** The service the first of {@code serviceLabels} maps to, else {@code unknown}. */
  static String service(JsonNode labels, List<String> serviceLabels, ServiceMap services) {
    for (String label : serviceLabels) {
      String service = services.map(text(labels, label));
      if (service != null) {
        return service;
      }
    }
    return "unknown";
  }

  /** {@code alertname{label="value",…}} then the annotations, one per line: what an operator would read. */
  static StringBuilder rawLog(String alertname, JsonNode labels, JsonNode annotations) {
    StringBuilder out = new StringBuilder(alertname == null ? "alert" : alertname).append('{');
    TreeMap<String, String> sorted = new TreeMap<>();
    labels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    sorted.remove("alertname");
    List<String> pairs = new ArrayList<>();
    sorted.forEach((k, v) -> pairs.add(k + "=\"" + v + "\""));
    out.append(String.join(",", pairs)).append('}');
    annotations.fields().forEachRemaining(e -> out.append('\n').append(e.getKey()).append(": ").append(e.getValue().asText()));
    return out;
  }
}
