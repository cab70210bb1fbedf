package io.intake.normalize;

import static io.intake.normalize.Nodes.firstNonNull;
import static io.intake.normalize.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.model.OutcomeType;
import io.intake.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Datadog monitor webhooks built from the common template variables ({@code $ID}, {@code $EVENT_TITLE},
 * {@code $EVENT_MSG}, {@code $DATE}, {@code $ALERT_TRANSITION}, {@code $PRIORITY}, {@code $TAGS},
 * {@code $ALERT_ID}, {@code $ALERT_CYCLE_KEY}). The alert cycle key (one per trigger-to-recovery
 * cycle) is the identity; without it, the monitor id and scope. Recovered records a
 * {@code resolved} outcome; every other transition (Triggered, Re-Triggered, Warn, No Data,
 * Renotify…) creates the item or counts an occurrence on the open one.
 */
public final class DatadogNormalizer implements SourceEventNormalizer {

  static final String SOURCE = "datadog";

  private final SeverityMap severities;
  private final ServiceMap services;

  /**
   * @param severities priority (P1–P5) first, else the transition (Triggered, Warn…) → severity
   * @param services   the {@code service:} tag's value, or the monitor id → service
   */
  public DatadogNormalizer(SeverityMap severities, ServiceMap services) {
    this.severities = severities;
    this.services = services;
  }

  static String fingerprint(String key) {
    return KeyedDraft.fingerprint(SOURCE, key);
  }

  @Override
  public List<SourceAction> actions(JsonNode p, String rawBody) {
    String transition = firstNonNull(text(p, "alert_transition"), "Triggered");
    String eventId = text(p, "id");
    String alertId = text(p, "alert_id");
    String cycleKey = text(p, "alert_cycle_key");
    String scope = text(p, "alert_scope");
    String key = cycleKey != null ? cycleKey
        : alertId != null ? "monitor:" + alertId + (scope == null ? "" : ":" + scope)
        : "event:" + eventId;
    if (transition.equalsIgnoreCase("Recovered")) {
      return List.of(new SourceAction.RecordOutcome(key, List.of(fingerprint(key)), OutcomeType.RESOLVED, SOURCE,
          null, eventId == null ? null : SOURCE + ":" + eventId, Nodes.timestamp(text(p, "date")), null));
    }
    List<String> tags = tags(p.get("tags"));
    String serviceTag = tags.stream().filter(t -> t.startsWith("service:")).map(t -> t.substring(8))
        .filter(t -> !t.isBlank()).findFirst().orElse(null);
    String service = serviceTag != null ? services.map(serviceTag) : services.find(alertId).orElse("unknown");
    String priority = text(p, "priority");
    String title = text(p, "title");
    String body = text(p, "body");
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("event_id", eventId);
    refs.put("alert_id", alertId);
    refs.put("alert_cycle_key", cycleKey);
    refs.put("alert_scope", scope);
    refs.put("alert_transition", transition);
    refs.put("priority", priority);
    refs.put("date", text(p, "date"));
    refs.put("hostname", text(p, "hostname"));
    refs.put("link", text(p, "link"));
    refs.put("tags", tags.isEmpty() ? null : String.join(",", tags));
    Severity severity = severities.find(priority).or(() -> severities.find(transition)).orElse(severities.fallback());
    return List.of(new SourceAction.Upsert(KeyedDraft.of(SOURCE, "alert", service, severity, title,
        body == null ? title : title + "\n\n" + body, rawBody, key, refs)));
  }

  /** {@code $TAGS} renders as one comma-separated string; a hand-written template may send a list. */
  static List<String> tags(JsonNode value) {
    List<String> tags = new ArrayList<>();
    if (value == null || value.isNull()) {
      return tags;
    }
    if (value.isArray()) {
      value.forEach(t -> {
        if (!t.asText().isBlank()) {
          tags.add(t.asText().strip());
        }
      });
      return tags;
    }
    for (String t : value.asText().split(",")) {
      if (!t.isBlank()) {
        tags.add(t.strip());
      }
    }
    return tags;
  }
}
