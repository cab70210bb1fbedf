package io.intake.normalize;

import io.intake.config.ConfigSection;
import io.intake.model.Severity;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code normalization} configuration slice: instances, the persistence timeout, and each
 * source's lookup tables. {@link #sources()} is the {@code sources} object with every default
 * filled in, in the shape the normalizers read.
 */
public record NormalizationSettings(int instances, long persistTimeoutMs, JsonObject sources) {

  private static final String SEVERITY = "sev1..sev4";

  public static NormalizationSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("normalization", slice));
  }

  public static NormalizationSettings read(ConfigSection c) {
    int instances = c.integer("instances", 1, 1);
    long persistTimeout = c.longInteger("persist_timeout_ms", 4000L, 1L);
    ConfigSection s = c.section("sources");
    JsonObject sources = new JsonObject();
    for (String direct : List.of("demo", "manual")) {
      sources.put(direct, new JsonObject()
          .put("dedup_window_seconds", s.section(direct).longInteger("dedup_window_seconds", 0L, 0L)));
    }

    ConfigSection jira = s.section("jira");
    sources.put("jira", new JsonObject()
        .put("project_service_map", json(jira.stringMap("project_service_map", Map.of())))
        .put("default_severity", severity(jira, "default_severity", "sev3"))
        .put("priority_severity_map", json(severities(jira, "priority_severity_map", map(
            "Highest", "sev1", "Critical", "sev1", "Blocker", "sev1", "High", "sev2", "Major", "sev2",
            "Medium", "sev3", "Low", "sev4", "Lowest", "sev4", "Minor", "sev4", "Trivial", "sev4"))))
        .put("done_statuses", jira.strings("done_statuses", List.of("Done", "Resolved", "Closed"), false)));

    ConfigSection pd = s.section("pagerduty");
    sources.put("pagerduty", new JsonObject()
        .put("default_severity", severity(pd, "default_severity", "sev3"))
        .put("severity_map", json(severities(pd, "severity_map", map(
            "critical", "sev1", "error", "sev2", "warning", "sev3", "info", "sev4", "P1", "sev1", "P2", "sev2",
            "P3", "sev3", "P4", "sev4", "P5", "sev4", "high", "sev2", "low", "sev4"))))
        .put("service_map", json(pd.stringMap("service_map", Map.of()))));

    ConfigSection am = s.section("alertmanager");
    sources.put("alertmanager", new JsonObject()
        .put("default_severity", severity(am, "default_severity", "sev3"))
        .put("severity_map", json(severities(am, "severity_map", map(
            "critical", "sev1", "page", "sev1", "error", "sev2", "high", "sev2", "major", "sev2", "warning", "sev3",
            "warn", "sev3", "minor", "sev3", "info", "sev4", "low", "sev4", "none", "sev4"))))
        .put("service_labels", am.strings("service_labels", List.of("service", "job", "app"), false))
        .put("service_map", json(am.stringMap("service_map", Map.of()))));

    ConfigSection grafana = s.section("grafana");
    sources.put("grafana", new JsonObject()
        .put("default_severity", severity(grafana, "default_severity", "sev3"))
        .put("severity_map", json(severities(grafana, "severity_map", map(
            "critical", "sev1", "page", "sev1", "error", "sev2", "high", "sev2", "major", "sev2", "warning", "sev3",
            "warn", "sev3", "minor", "sev3", "info", "sev4", "low", "sev4", "none", "sev4"))))
        .put("service_labels", grafana.strings("service_labels", List.of("service", "job", "app"), false))
        .put("service_map", json(grafana.stringMap("service_map", Map.of()))));

    ConfigSection dd = s.section("datadog");
    sources.put("datadog", new JsonObject()
        .put("default_severity", severity(dd, "default_severity", "sev3"))
        .put("severity_map", json(severities(dd, "severity_map", map(
            "P1", "sev1", "P2", "sev2", "P3", "sev3", "P4", "sev4", "P5", "sev4", "Triggered", "sev2",
            "Re-Triggered", "sev2", "Renotify", "sev2", "Warn", "sev3", "Re-Warn", "sev3", "No Data", "sev3",
            "Re-No Data", "sev3"))))
        .put("service_map", json(dd.stringMap("service_map", Map.of()))));

    ConfigSection agents = s.section("agent_events");
    sources.put("agent_events", new JsonObject()
        .put("run_failed_work_items", agents.flag("run_failed_work_items", true))
        .put("run_failed_severity", severity(agents, "run_failed_severity", "sev2"))
        .put("service_map", json(agents.stringMap("service_map", Map.of()))));
    return new NormalizationSettings(instances, persistTimeout, sources);
  }

  private static String severity(ConfigSection c, String key, String fallback) {
    return c.string(key, fallback, v -> Severity.parse(v).isPresent(), SEVERITY);
  }

  private static Map<String, String> severities(ConfigSection c, String key, Map<String, String> fallback) {
    return c.stringMap(key, fallback, v -> Severity.parse(v).isPresent(), SEVERITY);
  }

  private static Map<String, String> map(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static JsonObject json(Map<String, String> map) {
    JsonObject json = new JsonObject();
    map.forEach(json::put);
    return json;
  }
}
