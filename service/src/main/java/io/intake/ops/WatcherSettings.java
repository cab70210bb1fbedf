package io.intake.ops;

import io.intake.config.ConfigSection;
import io.intake.model.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code watcher} configuration slice: the HTTP targets polled, where their changes are
 * announced, and how many polls in a row turn a target unhealthy or healthy again.
 *
 * @param targets          the polled URLs ({@link WatchTarget}), from {@code [{name, url, service?, interval_ms?,
 *                         timeout_ms?, expected_status?, freshness_field?, max_age_seconds?, failure_threshold?,
 *                         recovery_threshold?}]}
 * @param alertWebhookUrl  null: no announcements
 */
public record WatcherSettings(List<WatchTarget> targets, String alertWebhookUrl, Severity severity, int failureThreshold,
    int recoveryThreshold) {

  public static WatcherSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("watcher", slice));
  }

  public static WatcherSettings read(ConfigSection c) {
    JsonArray entries = c.objects("targets", new JsonArray(), "a list of {name, url, …} objects");
    String alertUrl = c.optionalString("alert_webhook_url", "no announcements");
    Severity severity = Severity.parse(c.string("severity", "sev2", s -> Severity.parse(s).isPresent(), "sev1..sev4"))
        .orElseThrow();
    int failureThreshold = c.integer("failure_threshold", 2, 1);
    int recoveryThreshold = c.integer("recovery_threshold", 2, 1);
    List<WatchTarget> targets = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      targets.add(WatchTarget.read(c, i, entries.getJsonObject(i), failureThreshold, recoveryThreshold));
    }
    return new WatcherSettings(List.copyOf(targets), alertUrl, severity, failureThreshold, recoveryThreshold);
  }
}
