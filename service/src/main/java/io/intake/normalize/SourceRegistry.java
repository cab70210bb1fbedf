package io.intake.normalize;

import io.intake.model.Severity;
import io.intake.security.EndpointGroup;
import io.intake.security.SecuritySettings.WebhookAuth;
import io.intake.security.WebhookSignatures.Scheme;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
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

  public static final List<SourceDefinition> ALL = List.of(
      new SourceDefinition("demo",
          new SourceDefinition.Route("/ingest/demo", EndpointGroup.INGEST, "demo-work-item"), null,
          conf -> new DirectSubmissionNormalizer("demo", Duration.ofSeconds(conf.getLong("dedup_window_seconds", 0L))),
          SourceAnswers::direct,
          List.of(new SourceDefinition.EnvSetting("INTAKE_DEMO_DEDUP_WINDOW_SECONDS",
              "normalization.sources.demo.dedup_window_seconds", "INT"))),
      new SourceDefinition("manual",
          new SourceDefinition.Route("/work-items", EndpointGroup.INGEST, "manual-work-item"), null,
          conf -> new DirectSubmissionNormalizer("manual", Duration.ofSeconds(conf.getLong("dedup_window_seconds", 0L))),
          SourceAnswers::direct, List.of()),
      webhook("jira", Scheme.HUB_SHA256, "X-Hub-Signature", "jira-webhook",
          conf -> new JiraIssueEventsNormalizer(jira(conf), new LinkedHashSet<>(strings(
              conf.getJsonArray("done_statuses", new JsonArray().add("Done").add("Resolved").add("Closed"))))),
          SourceAnswers::jira,
          new SourceDefinition.EnvSetting("JIRA_PROJECT_TO_SERVICE_MAP", "normalization.sources.jira.project_service_map", "MAP"),
          new SourceDefinition.EnvSetting("JIRA_WEBHOOK_SECRET", "http.security.webhooks.jira.secrets", "LIST")),
      webhook("pagerduty", Scheme.PAGERDUTY_V1, "X-PagerDuty-Signature", "pagerduty-webhook",
          conf -> new PagerDutyNormalizer(severities(conf, "pagerduty"), services(conf), () -> UUID.randomUUID().toString()),
          SourceAnswers::pagerDuty,
          new SourceDefinition.EnvSetting("PAGERDUTY_WEBHOOK_SECRET", "http.security.webhooks.pagerduty.secrets", "LIST"),
          new SourceDefinition.EnvSetting("PAGERDUTY_SERVICE_MAP", "normalization.sources.pagerduty.service_map", "MAP")),
      webhook("alertmanager", Scheme.SHARED_SECRET, "Authorization", "alertmanager-webhook",
          conf -> new AlertmanagerNormalizer(severities(conf, "alertmanager"), services(conf), serviceLabels(conf)),
          SourceAnswers::perAlert,
          new SourceDefinition.EnvSetting("ALERTMANAGER_WEBHOOK_SECRET", "http.security.webhooks.alertmanager.secrets", "LIST"),
          new SourceDefinition.EnvSetting("ALERTMANAGER_SERVICE_MAP", "normalization.sources.alertmanager.service_map", "MAP")),
      webhook("datadog", Scheme.SHARED_SECRET, "X-Webhook-Secret", "datadog-webhook",
          conf -> new DatadogNormalizer(severities(conf, "datadog"), services(conf)),
          SourceAnswers::single,
          new SourceDefinition.EnvSetting("DATADOG_WEBHOOK_SECRET", "http.security.webhooks.datadog.secrets", "LIST"),
          new SourceDefinition.EnvSetting("DATADOG_SERVICE_MAP", "normalization.sources.datadog.service_map", "MAP")),
      webhook("grafana", Scheme.SHARED_SECRET, "Authorization", "grafana-webhook",
          conf -> new GrafanaAlertingNormalizer(severities(conf, "grafana"), services(conf), serviceLabels(conf)),
          SourceAnswers::perAlert,
          new SourceDefinition.EnvSetting("GRAFANA_WEBHOOK_SECRET", "http.security.webhooks.grafana.secrets", "LIST"),
          new SourceDefinition.EnvSetting("GRAFANA_SERVICE_MAP", "normalization.sources.grafana.service_map", "MAP")),
      new SourceDefinition("agent_events",
          new SourceDefinition.Route("/v1/events", EndpointGroup.INGEST, "agent-event-v0"), null,
          conf -> new AgentEventNormalizer(conf.getBoolean("run_failed_work_items", true),
              severity(conf.getString("run_failed_severity", "sev2"), "agent_events.run_failed_severity"), services(conf)),
          SourceAnswers::agentEvent,
          List.of(new SourceDefinition.EnvSetting("INTAKE_AGENT_RUN_FAILED_WORK_ITEMS",
              "normalization.sources.agent_events.run_failed_work_items", "BOOLEAN"))),
      // Internal producers: no route; the producer's own settings travel in its events.
      new SourceDefinition(LogPatternNormalizer.SOURCE, null, null, conf -> new LogPatternNormalizer(),
          SourceAnswers::results, List.of()),
      new SourceDefinition(HealthWatcherNormalizer.SOURCE, null, null, conf -> new HealthWatcherNormalizer(),
          SourceAnswers::results, List.of()));

  private SourceRegistry() {
  }

  public static Optional<SourceDefinition> find(String name) {
    return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** Every source's normalizer, built from {@code normalization.sources}. */
  public static Map<String, SourceNormalizer> normalizers(JsonObject sources) {
    Map<String, SourceNormalizer> all = new LinkedHashMap<>();
    for (SourceDefinition d : ALL) {
      all.put(d.name(), d.normalizer().apply(sources.getJsonObject(d.name(), new JsonObject())));
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
      java.util.function.Function<JsonObject, SourceNormalizer> normalizer, SourceAnswers.Shape answer,
      SourceDefinition.EnvSetting... env) {
    return new SourceDefinition(name, new SourceDefinition.Route("/webhooks/" + name, EndpointGroup.WEBHOOKS, schema),
        new SourceDefinition.Auth(scheme, header, scheme == Scheme.SHARED_SECRET), normalizer, answer, List.of(env));
  }

  private static JiraWebhookNormalizer jira(JsonObject conf) {
    Map<String, String> projects = new HashMap<>();
    conf.getJsonObject("project_service_map", new JsonObject())
        .forEach(e -> projects.put(e.getKey(), String.valueOf(e.getValue())));
    Map<String, String> priorities = new HashMap<>();
    conf.getJsonObject("priority_severity_map", new JsonObject())
        .forEach(e -> priorities.put(e.getKey(), String.valueOf(e.getValue())));
    return new JiraWebhookNormalizer(projects,
        new SeverityMap(priorities, severity(conf.getString("default_severity", "sev3"), "jira.default_severity")));
  }

  static List<String> serviceLabels(JsonObject conf) {
    return strings(conf.getJsonArray("service_labels", new JsonArray().add("service").add("job").add("app")));
  }

  static SeverityMap severities(JsonObject conf, String source) {
    Map<String, String> names = new HashMap<>();
    conf.getJsonObject("severity_map", new JsonObject()).forEach(e -> names.put(e.getKey(), String.valueOf(e.getValue())));
    return new SeverityMap(names, severity(conf.getString("default_severity", "sev3"), source + ".default_severity"));
  }

  static ServiceMap services(JsonObject conf) {
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
