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
import java.util.function.Supplier;

/**
 * PagerDuty, both directions it can reach us from:
 * <ul>
 *   <li>Events API v2 bodies ({@code routing_key}, {@code event_action}, {@code dedup_key},
 *   {@code payload}): trigger creates the item or, on the open one with the same dedup key, counts
 *   an occurrence when its detection time ({@code payload.timestamp}, the occurrence key) is new or
 *   absent (the same trigger sent again only moves last_seen_at); acknowledge marks it; resolve records a {@code resolved} outcome. After a resolve,
 *   the next trigger opens a new item, as PagerDuty opens a new alert.</li>
 *   <li>Webhooks v3 envelopes ({@code {"event": {"event_type": "incident.…", "data": {incident}}}}):
 *   triggered/reopened create or update, acknowledged marks, resolved/reassigned/delegated/escalated
 *   record outcomes, anything else is acknowledged and ignored.</li>
 * </ul>
 * Identity is the dedup key (for v3, the incident key, which is the dedup key of incidents opened
 * by events, else the incident id), so both directions meet on the same item.
 */
public final class PagerDutyNormalizer implements SourceNormalizer {

  static final String SOURCE = "pagerduty";

  private final SeverityMap severities;
  private final ServiceMap services;
  private final Supplier<String> newDedupKey;

  /**
   * @param severities  payload.severity (critical/error/warning/info), v3 priority names and urgencies → severity
   * @param services    routing key, component/group/source, or PagerDuty service id/name → service
   * @param newDedupKey a fresh dedup key for a trigger without one (PagerDuty generates one too)
   */
  public PagerDutyNormalizer(SeverityMap severities, ServiceMap services, Supplier<String> newDedupKey) {
    this.severities = severities;
    this.services = services;
    this.newDedupKey = newDedupKey;
  }

  static String fingerprint(String key) {
    return KeyedDraft.fingerprint(SOURCE, key);
  }

  @Override
  public List<SourceAction> actions(JsonNode payload, String rawBody) {
    return payload.has("event") ? webhook(payload.get("event"), rawBody) : event(payload, rawBody);
  }

  // --- Events API v2 ---

  private List<SourceAction> event(JsonNode p, String rawBody) {
    String routingKey = text(p, "routing_key");
    String dedupKey = text(p, "dedup_key");
    return switch (text(p, "event_action")) {
      case "trigger" -> List.of(trigger(p, routingKey, dedupKey != null ? dedupKey : newDedupKey.get(), rawBody));
      case "acknowledge" -> List.of(new SourceAction.Acknowledge(dedupKey, List.of(fingerprint(dedupKey)), SOURCE, null));
      case "resolve" -> List.of(new SourceAction.RecordOutcome(dedupKey, List.of(fingerprint(dedupKey)),
          OutcomeType.RESOLVED, SOURCE, null, null, null, null));
      default -> throw new IllegalArgumentException("event_action was not validated");
    };
  }

  private SourceAction trigger(JsonNode p, String routingKey, String dedupKey, String rawBody) {
    JsonNode body = p.path("payload");
    String summary = text(body, "summary");
    String component = text(body, "component");
    String group = text(body, "group");
    String origin = text(body, "source");
    String service = services.find(routingKey)
        .orElseGet(() -> services.map(firstNonNull(component, group, origin)));
    String details = Nodes.render(body.get("custom_details"));
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("routing_key", routingKey);
    refs.put("dedup_key", dedupKey);
    refs.put("source", origin);
    refs.put("component", component);
    refs.put("group", group);
    refs.put("class", text(body, "class"));
    refs.put("timestamp", text(body, "timestamp"));
    refs.put("client", text(p, "client"));
    // PagerDuty: "additional triggers may be sent when a previously detected problem has occurred
    // again"; payload.timestamp is "the time at which the emitting tool detected" it. So a trigger
    // with a new detection time is a new occurrence, the same trigger sent again (a retry, a
    // re-notification) is not. Without a timestamp every trigger counts.
    refs.put("occurrence_key", text(body, "timestamp"));
    return new SourceAction.Upsert(KeyedDraft.of(SOURCE, "incident", service, severities.map(text(body, "severity")),
        summary, details.isEmpty() ? summary : summary + "\n" + details, rawBody, dedupKey, refs));
  }

  // --- Webhooks v3 ---

  private List<SourceAction> webhook(JsonNode event, String rawBody) {
    String type = text(event, "event_type");
    String eventId = text(event, "id");
    JsonNode data = event.path("data");
    if (!type.startsWith("incident.")) {
      return List.of(new SourceAction.Ignore(null, type.equals("pagey.ping") ? "ping" : "unsupported_event",
          "Only incident events are mapped"));
    }
    String incidentId = text(data, "id");
    String incidentKey = text(data, "incident_key");
    String key = incidentKey != null ? incidentKey : "incident:" + incidentId;
    List<String> keys = new ArrayList<>();
    if (incidentKey != null) {
      keys.add(incidentKey);
    }
    keys.add("incident:" + incidentId);
    List<String> fingerprints = keys.stream().map(PagerDutyNormalizer::fingerprint).toList();
    String actor = firstNonNull(text(event.path("agent"), "id"), SOURCE);
    String at = Nodes.timestamp(text(event, "occurred_at"));
    String outcomeEventId = SOURCE + ":" + eventId;
    String assignee = firstAssignee(data);
    return switch (type) {
      case "incident.triggered", "incident.reopened" -> List.of(incident(data, key, incidentId, incidentKey, rawBody));
      case "incident.acknowledged" -> List.of(new SourceAction.Acknowledge(key, fingerprints, actor, at));
      case "incident.resolved" -> List.of(new SourceAction.RecordOutcome(key, fingerprints, OutcomeType.RESOLVED,
          actor, null, outcomeEventId, at, null, keys));
      case "incident.escalated" -> List.of(new SourceAction.RecordOutcome(key, fingerprints, OutcomeType.ESCALATED,
          actor, assignee, outcomeEventId, at, null, keys));
      case "incident.reassigned", "incident.delegated" -> {
        String target = firstNonNull(assignee, text(data.path("escalation_policy"), "id"));
        yield List.of(target == null
            ? new SourceAction.Ignore(key, "no_assignee", "The event names no new assignee")
            : new SourceAction.RecordOutcome(key, fingerprints, OutcomeType.REASSIGNED, actor, target,
                outcomeEventId, at, null, keys));
      }
      default -> List.of(new SourceAction.Ignore(key, "unsupported_event", "This incident event type is not mapped"));
    };
  }

  private SourceAction incident(JsonNode data, String key, String incidentId, String incidentKey, String rawBody) {
    JsonNode pdService = data.path("service");
    String serviceId = text(pdService, "id");
    String serviceName = text(pdService, "summary");
    String service = services.find(serviceId)
        .or(() -> services.find(serviceName))
        .orElseGet(() -> firstNonNull(services.map(serviceName), "unknown"));
    String number = text(data, "number");
    String title = firstNonNull(text(data, "title"), "PagerDuty incident " + firstNonNull(number, incidentId));
    String priority = text(data.path("priority"), "summary");
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("incident_id", incidentId);
    refs.put("incident_number", number);
    refs.put("incident_key", incidentKey);
    refs.put("service_id", serviceId);
    refs.put("html_url", text(data, "html_url"));
    refs.put("urgency", text(data, "urgency"));
    refs.put("priority", priority);
    Severity severity = severities.find(priority).or(() -> severities.find(text(data, "urgency")))
        .orElse(severities.fallback());
    return new SourceAction.Upsert(KeyedDraft.of(SOURCE, "incident", service, severity, title, title, rawBody, key, refs));
  }

  private static String firstAssignee(JsonNode data) {
    for (JsonNode assignee : data.path("assignees")) {
      String id = firstNonNull(text(assignee, "id"), text(assignee, "summary"));
      if (id != null) {
        return id;
      }
    }
    return null;
  }
}
