package io.intake.normalize;

import static io.intake.normalize.Nodes.firstNonNull;
import static io.intake.normalize.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.intake.model.OutcomeType;
import io.intake.model.Severity;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Datadog monitor webhooks, with Datadog's default payload ({@code id}, {@code title},
 * {@code body}, {@code date}, {@code last_updated}, {@code event_type}, {@code org}) or a custom
 * one built from the template variables ({@code $ALERT_TRANSITION}, {@code $ALERT_ID},
 * {@code $ALERT_SCOPE}, {@code $ALERT_CYCLE_KEY}, {@code $PRIORITY}, {@code $TAGS}…).
 *
 * <p>What happened is {@code alert_transition}, else the title's prefix ({@code [Triggered on {host:web-3}]},
 * {@code [Recovered]}, {@code [P1] [Warn]}…). Identity is the monitor and the alerting group:
 * {@code monitor:<alert_id>[:<scope>]}, or without a monitor id (the default payload) the title
 * without its prefix plus the scope, so a Recovered finds its Triggered. Recovered records a
 * {@code resolved} outcome; every other transition creates the item or updates the open one.
 *
 * <p>An occurrence is a new alert cycle, not a renotification: {@code source_refs.occurrence_key}
 * is the cycle ({@code $ALERT_CYCLE_KEY}; without it, the "last triggered at" time Datadog writes
 * in the default body; without that, the open cycle), and the store counts an occurrence only
 * when it differs from the item's.
 */
public final class DatadogNormalizer implements SourceNormalizer {

  static final String SOURCE = "datadog";

  /** The open item's cycle, when the payload names none: renotifications are never new cycles. */
  static final String OPEN_CYCLE = "open-cycle";

  // The footer of Datadog's default message: "The monitor was last triggered at Wed Jun 03 2020 20:43:04 UTC."
  private static final Pattern LAST_TRIGGERED = Pattern.compile(
      "The monitor was last triggered at (\\w{3} \\w{3} \\d{2} \\d{4} \\d{2}:\\d{2}:\\d{2}) UTC");
  private static final DateTimeFormatter FOOTER_TIME = DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss", Locale.ENGLISH)
      .withZone(ZoneOffset.UTC);

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
    String rawTitle = text(p, "title");
    DatadogTitle title = DatadogTitle.parse(rawTitle);
    String transition = firstNonNull(text(p, "alert_transition"), title.transition(), "Triggered");
    String eventId = text(p, "id");
    String alertId = text(p, "alert_id");
    String cycleKey = text(p, "alert_cycle_key");
    String scope = firstNonNull(DatadogTitle.scope(text(p, "alert_scope")), title.scope());
    String key = alertId != null ? "monitor:" + alertId + (scope == null ? "" : ":" + scope)
        : title.name() != null ? "title:" + title.name() + (scope == null ? "" : " {" + scope + "}")
        : cycleKey != null ? cycleKey
        : "event:" + eventId;
    if (transition.equalsIgnoreCase("Recovered")) {
      // Items stored before monitor+scope became the identity were keyed by the cycle.
      List<String> keys = new ArrayList<>(List.of(key));
      if (cycleKey != null && !cycleKey.equals(key)) {
        keys.add(cycleKey);
      }
      return List.of(new SourceAction.RecordOutcome(key, keys.stream().map(DatadogNormalizer::fingerprint).toList(),
          OutcomeType.RESOLVED, SOURCE, null, eventId == null ? null : SOURCE + ":" + eventId,
          Nodes.timestamp(text(p, "date")), null, keys));
    }
    List<String> tags = tags(p.get("tags"));
    String serviceTag = Stream.concat(tags.stream(), scope == null ? Stream.empty() : Stream.of(scope.split(",")))
        .filter(t -> t.startsWith("service:")).map(t -> t.substring(8).strip())
        .filter(t -> !t.isBlank()).findFirst().orElse(null);
    String service = serviceTag != null ? services.map(serviceTag) : services.find(alertId).orElse("unknown");
    String priority = firstNonNull(text(p, "priority"), title.priority());
    String body = text(p, "body");
    String description = title.name() == null ? rawTitle : title.name() + (scope == null ? "" : " (" + scope + ")");
    Map<String, String> refs = new LinkedHashMap<>();
    refs.put("event_id", eventId);
    refs.put("alert_id", alertId);
    refs.put("alert_cycle_key", cycleKey);
    refs.put("occurrence_key", firstNonNull(cycleKey, lastTriggered(body), OPEN_CYCLE));
    refs.put("alert_scope", scope);
    refs.put("alert_transition", transition);
    refs.put("priority", priority);
    refs.put("event_type", text(p, "event_type"));
    refs.put("date", text(p, "date"));
    refs.put("last_updated", text(p, "last_updated"));
    refs.put("hostname", text(p, "hostname"));
    refs.put("link", text(p, "link"));
    refs.put("tags", tags.isEmpty() ? null : String.join(",", tags));
    Severity severity = severities.find(priority).or(() -> severities.find(transition)).orElse(severities.fallback());
    return List.of(new SourceAction.Upsert(KeyedDraft.of(SOURCE, "alert", service, severity, description,
        body == null ? rawTitle : rawTitle + "\n\n" + body, rawBody, key, refs)));
  }

  /** The cycle's start as Datadog's default message states it, as an ISO instant; null when absent. */
  static String lastTriggered(String body) {
    if (body == null) {
      return null;
    }
    Matcher m = LAST_TRIGGERED.matcher(body);
    if (!m.find()) {
      return null;
    }
    try {
      return "triggered:" + ZonedDateTime.parse(m.group(1), FOOTER_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return "triggered:" + m.group(1);
    }
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
