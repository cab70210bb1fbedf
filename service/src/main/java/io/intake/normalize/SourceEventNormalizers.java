package io.intake.normalize;

import io.intake.model.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the event normalizers of {@code normalization.sources} (pagerduty, alertmanager, datadog,
 * jira, agent_events), each with its severity map, service map and options. Defaults live in
 * {@code conf/config.json}; a missing key here means the documented default.
 */
final class SourceEventNormalizers {

  private SourceEventNormalizers() {
  }

  static Map<String, SourceEventNormalizer> fromConfig(JsonObject sources, JiraWebhookNormalizer jira) {
    Map<String, SourceEventNormalizer> all = new LinkedHashMap<>();
    JsonObject pd = sources.getJsonObject("pagerduty", new JsonObject());
    all.put(PagerDutyNormalizer.SOURCE, new PagerDutyNormalizer(severities(pd, "pagerduty"), services(pd),
        () -> UUID.randomUUID().toString()));
    JsonObject am = sources.getJsonObject("alertmanager", new JsonObject());
    all.put(AlertmanagerNormalizer.SOURCE, new AlertmanagerNormalizer(severities(am, "alertmanager"), services(am),
        strings(am.getJsonArray("service_labels", new JsonArray().add("service").add("job").add("app")))));
    JsonObject dd = sources.getJsonObject("datadog", new JsonObject());
    all.put(DatadogNormalizer.SOURCE, new DatadogNormalizer(severities(dd, "datadog"), services(dd)));
    JsonObject jiraConf = sources.getJsonObject("jira", new JsonObject());
    all.put("jira", new JiraIssueEventsNormalizer(jira, new LinkedHashSet<>(strings(
        jiraConf.getJsonArray("done_statuses", new JsonArray().add("Done").add("Resolved").add("Closed"))))));
    JsonObject agents = sources.getJsonObject("agent_events", new JsonObject());
    all.put(AgentEventNormalizer.SOURCE, new AgentEventNormalizer(
        agents.getBoolean("run_failed_work_items", true),
        severity(agents.getString("run_failed_severity", "sev2"), "agent_events.run_failed_severity"),
        services(agents)));
    return all;
  }

  private static SeverityMap severities(JsonObject conf, String source) {
    Map<String, String> names = new HashMap<>();
    conf.getJsonObject("severity_map", new JsonObject()).forEach(e -> names.put(e.getKey(), String.valueOf(e.getValue())));
    return new SeverityMap(names, severity(conf.getString("default_severity", "sev3"), source + ".default_severity"));
  }

  private static ServiceMap services(JsonObject conf) {
    Map<String, String> names = new HashMap<>();
    conf.getJsonObject("service_map", new JsonObject()).forEach(e -> names.put(e.getKey(), String.valueOf(e.getValue())));
    return new ServiceMap(names);
  }

  private static Severity severity(String value, String name) {
    return Severity.parse(value).orElseThrow(() -> new IllegalArgumentException(name + " must be sev1..sev4"));
  }

  private static List<String> strings(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }
}
