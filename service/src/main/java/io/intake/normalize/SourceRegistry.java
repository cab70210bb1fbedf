package io.intake.normalize;

import io.intake.config.ConfigSection;
import io.intake.model.Severity;
import io.intake.security.EndpointGroup;
import io.intake.security.SecuritySettings.WebhookAuth;
import io.intake.security.WebhookSignatures.Scheme;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every source of work items, each declared once. Adding a source is one normalizer, one entry
 * here, its schema and configuration, and its docs ({@code docs/sources.md}). Defaults of the
 * configuration slices live in {@code conf/config.json}; a missing key means the documented default.
 */
public final class SourceRegistry {

  private static final String SEVERITY = "sev1..sev4";

  private static final Map<String, String> JIRA_PRIORITIES = pairs(
      "Highest", "sev1", "Critical", "sev1", "Blocker", "sev1", "High", "sev2", "Major", "sev2",
      "Medium", "sev3", "Low", "sev4", "Lowest", "sev4", "Minor", "sev4", "Trivial", "sev4");

  private static final Map<String, String> PAGERDUTY_SEVERITIES = pairs(
      "critical", "sev1", "error", "sev2", "warning", "sev3", "info", "sev4", "P1", "sev1", "P2", "sev2",
      "P3", "sev3", "P4", "sev4", "P5", "sev4", "high", "sev2", "low", "sev4");

  /** Alertmanager's and Grafana's {@code severity} label values. */
  private static final Map<String, String> ALERT_SEVERITIES = pairs(
      "critical", "sev1", "page", "sev1", "error", "sev2", "high", "sev2", "major", "sev2", "warning", "sev3",
      "warn", "sev3", "minor", "sev3", "info", "sev4", "low", "sev4", "none", "sev4");

  private static final Map<String, String> DATADOG_SEVERITIES = pairs(
      "P1", "sev1", "P2", "sev2", "P3", "sev3", "P4", "sev4", "P5", "sev4", "Triggered", "sev2",
      "Re-Triggered", "sev2", "Renotify", "sev2", "Warn", "sev3", "Re-Warn", "sev3", "No Data", "sev3",
      "Re-No Data", "sev3");

  public static final List<SourceDefinition> ALL = List.of(
      new SourceDefinition("demo",
          new SourceDefinition.Route("/ingest/demo", EndpointGroup.INGEST, "demo-work-item"), null,
          c -> new DirectSubmissionNormalizer("demo", Duration.ofSeconds(c.longInteger("dedup_window_seconds", 0L, 0L))),
          SourceAnswers::direct,
          List.of(new SourceDefinition.EnvSetting("INTAKE_DEMO_DEDUP_WINDOW_SECONDS",
              "normalization.sources.demo.dedup_window_seconds", "INT"))),
      new SourceDefinition("manual",
          new SourceDefinition.Route("/work-items", EndpointGroup.INGEST, "manual-work-item"), null,
          c -> new DirectSubmissionNormalizer("manual", Duration.ofSeconds(c.longInteger("dedup_window_seconds", 0L, 0L))),
          SourceAnswers::direct, List.of()),
      webhook("jira", Scheme.HUB_SHA256, "X-Hub-Signature", "jira-webhook",
          c -> new JiraIssueEventsNormalizer(
              new JiraWebhookNormalizer(c.stringMap("project_service_map", Map.of()),
                  severities(c, "priority_severity_map", JIRA_PRIORITIES)),
              new LinkedHashSet<>(c.strings("done_statuses", List.of("Done", "Resolved", "Closed"), false))),
          SourceAnswers::jira,
          new SourceDefinition.EnvSetting("JIRA_PROJECT_TO_SERVICE_MAP", "normalization.sources.jira.project_service_map", "MAP"),
          new SourceDefinition.EnvSetting("JIRA_WEBHOOK_SECRET", "http.security.webhooks.jira.secrets", "LIST")),
      webhook("pagerduty", Scheme.PAGERDUTY_V1, "X-PagerDuty-Signature", "pagerduty-webhook",
          c -> new PagerDutyNormalizer(severities(c, "severity_map", PAGERDUTY_SEVERITIES), services(c),
              () -> UUID.randomUUID().toString()),
          SourceAnswers::pagerDuty,
          new SourceDefinition.EnvSetting("PAGERDUTY_WEBHOOK_SECRET", "http.security.webhooks.pagerduty.secrets", "LIST"),
          new SourceDefinition.EnvSetting("PAGERDUTY_SERVICE_MAP", "normalization.sources.pagerduty.service_map", "MAP")),
      webhook("alertmanager", Scheme.SHARED_SECRET, "Authorization", "alertmanager-webhook",
          c -> new AlertmanagerNormalizer(severities(c, "severity_map", ALERT_SEVERITIES), services(c), serviceLabels(c)),
          SourceAnswers::perAlert,
          new SourceDefinition.EnvSetting("ALERTMANAGER_WEBHOOK_SECRET", "http.security.webhooks.alertmanager.secrets", "LIST"),
          new SourceDefinition.EnvSetting("ALERTMANAGER_SERVICE_MAP", "normalization.sources.alertmanager.service_map", "MAP")),
      webhook("datadog", Scheme.SHARED_SECRET, "X-Webhook-Secret", "datadog-webhook",
          c -> new DatadogNormalizer(severities(c, "severity_map", DATADOG_SEVERITIES), services(c)),
          SourceAnswers::single,
          new SourceDefinition.EnvSetting("DATADOG_WEBHOOK_SECRET", "http.security.webhooks.datadog.secrets", "LIST"),
          new SourceDefinition.EnvSetting("DATADOG_SERVICE_MAP", "normalization.sources.datadog.service_map", "MAP")),
      webhook("grafana", Scheme.SHARED_SECRET, "Authorization", "grafana-webhook",
          c -> new GrafanaAlertingNormalizer(severities(c, "severity_map", ALERT_SEVERITIES), services(c), serviceLabels(c)),
          SourceAnswers::perAlert,
          new SourceDefinition.EnvSetting("GRAFANA_WEBHOOK_SECRET", "http.security.webhooks.grafana.secrets", "LIST"),
          new SourceDefinition.EnvSetting("GRAFANA_SERVICE_MAP", "normalization.sources.grafana.service_map", "MAP")),
      new SourceDefinition("agent_events",
          new SourceDefinition.Route("/v1/events", EndpointGroup.INGEST, "agent-event-v0"), null,
          c -> new AgentEventNormalizer(c.flag("run_failed_work_items", true),
              severity(c, "run_failed_severity", "sev2"), services(c)),
          SourceAnswers::agentEvent,
          List.of(new SourceDefinition.EnvSetting("INTAKE_AGENT_RUN_FAILED_WORK_ITEMS",
              "normalization.sources.agent_events.run_failed_work_items", "BOOLEAN"))),
      // Internal producers: no route; the producer's own settings travel in its events.
      new SourceDefinition(LogPatternNormalizer.SOURCE, null, null, c -> new LogPatternNormalizer(),
          SourceAnswers::results, List.of()),
      new SourceDefinition(HealthWatcherNormalizer.SOURCE, null, null, c -> new HealthWatcherNormalizer(),
          SourceAnswers::results, List.of()));

  private SourceRegistry() {
  }

  public static Optional<SourceDefinition> find(String name) {
    return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** Every source's normalizer, built from {@code normalization.sources}. */
  public static Map<String, SourceNormalizer> normalizers(JsonObject sources) {
    return normalizers(ConfigSection.of("normalization.sources", sources));
  }

  /**
   * Every source's normalizer, built from its slice of {@code normalization.sources}: each factory
   * declares its keys with their defaults and rules as it reads them (the settings tree, the
   * configuration reference and its validation all come from here).
   */
  public static Map<String, SourceNormalizer> normalizers(ConfigSection sources) {
    Map<String, SourceNormalizer> all = new LinkedHashMap<>();
    for (SourceDefinition d : ALL) {
      all.put(d.name(), d.normalizer().apply(sources.section(d.name())));
    }
    return all;
  }

  /** The webhook sources whose senders sign (or carry a shared secret), with no secrets yet. */
  public static Map<String, WebhookAuth> webhookAuth() {
    Map<String, WebhookAuth> all = new LinkedHashMap<>();
    for (SourceDefinition d : ALL) {
      if (d.auth() != null) {
        all.put(d.name(), new WebhookAuth(d.name(), d.auth().scheme(), d.auth().header(), List.of()));
      }
    }
    return all;
  }

  public static List<SourceDefinition.EnvSetting> envSettings() {
    return ALL.stream().flatMap(d -> d.env().stream()).toList();
  }

  /** {@code POST /webhooks/<name>} in the webhooks group, answered by a signature when secrets are set. */
  private static SourceDefinition webhook(String name, Scheme scheme, String header, String schema,
      java.util.function.Function<ConfigSection, SourceNormalizer> normalizer, SourceAnswers.Shape answer,
      SourceDefinition.EnvSetting... env) {
    return new SourceDefinition(name, new SourceDefinition.Route("/webhooks/" + name, EndpointGroup.WEBHOOKS, schema),
        new SourceDefinition.Auth(scheme, header, scheme == Scheme.SHARED_SECRET), normalizer, answer, List.of(env));
  }

  static List<String> serviceLabels(ConfigSection c) {
    return c.strings("service_labels", List.of("service", "job", "app"), false);
  }

  /** {@code key} (a vendor value → severity table) and {@code default_severity} of a slice. */
  static SeverityMap severities(ConfigSection c, String key, Map<String, String> fallback) {
    Severity otherwise = severity(c, "default_severity", "sev3");
    return new SeverityMap(c.stringMap(key, fallback, v -> Severity.parse(v).isPresent(), SEVERITY), otherwise);
  }

  static ServiceMap services(ConfigSection c) {
    return new ServiceMap(c.stringMap("service_map", Map.of()));
  }

  private static Severity severity(ConfigSection c, String key, String fallback) {
    return Severity.parse(c.string(key, fallback, v -> Severity.parse(v).isPresent(), SEVERITY)).orElseThrow();
  }

  private static Map<String, String> pairs(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
