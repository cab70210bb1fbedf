package io.intake.ops;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.model.Severity;
import io.intake.model.WorkItemDraft;
import io.intake.normalize.Fingerprint;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 003's health watcher: polls each configured URL, marks it healthy, failing or stale
 * (an optional JSON freshness field older than its max age), and on each change of health
 * raises or resolves one work item (source {@code watcher}; one open item per target) and posts
 * an alert to the configured webhook.
 */
public class HealthWatcherVerticle extends AbstractVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(HealthWatcherVerticle.class);

  private static final class Target {
    final String name;
    final String url;
    final String service;
    final long timeoutMs;
    final int expectedStatus;
    final String freshnessField;
    final long maxAgeSeconds;
    final TargetHealth health;
    Instant lastCheckedAt;
    Instant since = Instant.now();
    String workItemId;

    Target(JsonObject conf, int failureThreshold, int recoveryThreshold) {
      name = conf.getString("name");
      url = conf.getString("url");
      service = conf.getString("service", name);
      timeoutMs = conf.getLong("timeout_ms", 2000L);
      expectedStatus = conf.getInteger("expected_status", 200);
      freshnessField = conf.getString("freshness_field");
      maxAgeSeconds = conf.getLong("max_age_seconds", 3600L);
      health = new TargetHealth(conf.getInteger("failure_threshold", failureThreshold),
          conf.getInteger("recovery_threshold", recoveryThreshold));
    }
  }

  private final Map<String, Target> targets = new LinkedHashMap<>();
  private WebClient client;
  private String alertUrl;
  private Severity severity;

  @Override
  public void start() {
    JsonObject conf = config();
    client = WebClient.create(vertx);
    alertUrl = conf.getString("alert_webhook_url");
    severity = Severity.parse(conf.getString("severity", "sev2"))
        .orElseThrow(() -> new IllegalArgumentException("watcher.severity must be sev1..sev4"));
    int failureThreshold = conf.getInteger("failure_threshold", 2);
    int recoveryThreshold = conf.getInteger("recovery_threshold", 2);
    for (Object o : conf.getJsonArray("targets", new JsonArray())) {
      JsonObject t = (JsonObject) o;
      if (t.getString("name") == null || t.getString("url") == null) {
        throw new IllegalArgumentException("watcher targets need a name and a url");
      }
      Target target = new Target(t, failureThreshold, recoveryThreshold);
      targets.put(target.name, target);
      vertx.setPeriodic(1, t.getLong("interval_ms", 10_000L), id -> probe(target));
    }
    vertx.eventBus().<JsonObject>consumer(Addresses.WATCHER_STATUS, this::status);
  }

  private void probe(Target target) {
    client.getAbs(target.url).timeout(target.timeoutMs).send()
        .map(response -> evaluate(target, response))
        .otherwise(error -> TargetHealth.Probe.failing(error.getMessage() == null
            ? error.getClass().getSimpleName() : error.getMessage()))
        .onSuccess(probe -> {
          target.lastCheckedAt = Instant.now();
          TargetHealth.Transition transition = target.health.observe(probe);
          if (transition != TargetHealth.Transition.NONE) {
            target.since = target.lastCheckedAt;
          }
          switch (transition) {
            case BECAME_UNHEALTHY -> unhealthy(target);
            case RECOVERED -> recovered(target);
            default -> { }
          }
        });
  }

  static TargetHealth.Probe evaluate(Target target, HttpResponse<Buffer> response) {
    if (response.statusCode() != target.expectedStatus) {
      return TargetHealth.Probe.failing("HTTP " + response.statusCode() + " (expected " + target.expectedStatus + ")");
    }
    if (target.freshnessField == null) {
      return TargetHealth.Probe.ok();
    }
    try {
      Object value = response.bodyAsJsonObject();
      for (String part : target.freshnessField.split("\\.")) {
        value = value instanceof JsonObject json ? json.getValue(part) : null;
      }
      Instant at = value instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : Instant.parse(String.valueOf(value));
      long age = Duration.between(at, Instant.now()).toSeconds();
      return age > target.maxAgeSeconds
          ? TargetHealth.Probe.stale(target.freshnessField + " is " + age + "s old (max " + target.maxAgeSeconds + "s)")
          : TargetHealth.Probe.ok();
    } catch (RuntimeException | Error e) {
      return TargetHealth.Probe.stale(target.freshnessField + " missing or not a timestamp");
    }
  }

  private void unhealthy(Target target) {
    String state = target.health.state().name().toLowerCase();
    LOG.warn("watched target {} is {}: {}", target.name, state, target.health.reason());
    String description = "Health check " + state + " for " + target.name + " (" + target.url + "): "
        + target.health.reason();
    WorkItemDraft draft = new WorkItemDraft("watcher", "alert", target.service, severity, description, description,
        "watcher:" + target.name, "intake-watcher", null, null, null, null,
        // One open item per target: a repeat while it is open only counts an occurrence.
        WorkItemDraft.Identity.mergedWhileOpen(Fingerprint.of("watcher", target.name)));
    vertx.eventBus().<JsonObject>request(Addresses.WORK_ITEM_SAVE, draft.toJson(), Correlation.options())
        .map(reply -> reply.body().getString("work_item_id"))
        .onSuccess(id -> target.workItemId = id)
        .onFailure(e -> LOG.warn("could not raise a work item for {}: {}", target.name, e.getMessage()))
        .onComplete(ignored -> alert(target, "target." + state));
  }

  private void recovered(Target target) {
    LOG.info("watched target {} recovered", target.name);
    Future<?> resolved = target.workItemId == null
        ? Future.succeededFuture()
        : vertx.eventBus().request(Addresses.OUTCOME_RECORD, new JsonObject()
            .put("work_item_id", target.workItemId)
            .put("outcome", new JsonObject().put("type", "resolved").put("actor_id", "intake-watcher")
                .put("notes", "health check recovered")), Correlation.options());
    resolved.onFailure(e -> LOG.warn("could not resolve the work item of {}: {}", target.name, e.getMessage()))
        .onComplete(ignored -> alert(target, "target.recovered"));
  }

  private void alert(Target target, String event) {
    if (alertUrl == null || alertUrl.isBlank()) {
      return;
    }
    client.postAbs(alertUrl).timeout(5000).sendJsonObject(new JsonObject()
            .put("event", event)
            .put("target", target.name)
            .put("url", target.url)
            .put("state", target.health.state().name().toLowerCase())
            .put("reason", target.health.reason())
            .put("work_item_id", target.workItemId)
            .put("at", Instant.now().toString()))
        .onFailure(e -> LOG.warn("alert webhook failed for {}: {}", target.name, e.getMessage()));
  }

  private void status(Message<JsonObject> message) {
    JsonArray list = new JsonArray();
    targets.values().forEach(t -> list.add(new JsonObject()
        .put("name", t.name)
        .put("url", t.url)
        .put("state", t.health.state().name().toLowerCase())
        .put("since", t.since.toString())
        .put("reason", t.health.reason())
        .put("consecutive_failures", t.health.badInARow())
        .put("last_checked_at", t.lastCheckedAt == null ? null : t.lastCheckedAt.toString())
        .put("work_item_id", t.workItemId)));
    message.reply(new JsonObject().put("targets", list));
  }
}
