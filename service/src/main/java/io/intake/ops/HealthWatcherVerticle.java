package io.intake.ops;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.model.Severity;
import io.intake.normalize.HealthWatcherNormalizer;
import io.intake.normalize.NormalizationClient;
import io.intake.normalize.SourceEvent;
import io.intake.normalize.SourceEventCodec;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health watcher of the operations runbook: polls each configured URL, marks it healthy, failing or stale
 * (an optional JSON freshness field older than its max age), and on each change of health
 * raises or resolves one work item (source {@code watcher}; one open item per target) and posts
 * an alert to the configured webhook.
 */
public class HealthWatcherVerticle extends AbstractVerticle {

  private NormalizationClient normalization;

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

    Target(WatchTarget spec) {
      name = spec.name();
      url = spec.url();
      service = spec.service();
      timeoutMs = spec.timeoutMs();
      expectedStatus = spec.expectedStatus();
      freshnessField = spec.freshnessField();
      maxAgeSeconds = spec.maxAgeSeconds();
      health = new TargetHealth(spec.failureThreshold(), spec.recoveryThreshold());
    }
  }

  private final Map<String, Target> targets = new LinkedHashMap<>();
  private WebClient client;
  private String alertUrl;
  private Severity severity;

  @Override
  public void start() {
    WatcherSettings conf = WatcherSettings.fromJson(config());
    SourceEventCodec.install(vertx);
    normalization = new NormalizationClient(vertx, Correlation::options);
    client = WebClient.create(vertx);
    alertUrl = conf.alertWebhookUrl();
    severity = conf.severity();
    for (WatchTarget spec : conf.targets()) {
      Target target = new Target(spec);
      targets.put(target.name, target);
      vertx.setPeriodic(1, spec.intervalMs(), id -> probe(target));
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
    // Like any other source: the transition goes through normalization's one door.
    normalization.submit(transition(target, "unhealthy"))
        .map(results -> results.get(0).workItemId())
        .onSuccess(id -> target.workItemId = id)
        .onFailure(e -> LOG.warn("could not raise a work item for {}: {}", target.name, e.getMessage()))
        .onComplete(ignored -> alert(target, "target." + state));
  }

  private void recovered(Target target) {
    LOG.info("watched target {} recovered", target.name);
    Future<?> resolved = target.workItemId == null
        ? Future.succeededFuture()
        : normalization.submit(transition(target, "recovered"));
    resolved.onFailure(e -> LOG.warn("could not resolve the work item of {}: {}", target.name, e.getMessage()))
        .onComplete(ignored -> alert(target, "target.recovered"));
  }

  /** The watcher's source event ({@link HealthWatcherNormalizer}). */
  private SourceEvent transition(Target target, String event) {
    return SourceEvent.internal(HealthWatcherNormalizer.SOURCE, new JsonObject()
        .put("event", event)
        .put("target", target.name)
        .put("url", target.url)
        .put("service", target.service)
        .put("state", target.health.state().name().toLowerCase())
        .put("reason", target.health.reason())
        .put("severity", severity.wire()));
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
