package io.intake.ops;

import io.intake.config.ConfigSection;
import io.intake.model.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The {@code watcher} configuration slice: the HTTP targets polled, where their changes are
 * announced, and how many polls in a row turn a target unhealthy or healthy again.
 *
 * @param targets          {@code [{name, url, service?, interval_ms, timeout_ms, expected_status,
 *                         freshness_field?, max_age_seconds, failure_threshold?, recovery_threshold?}]}
 * @param alertWebhookUrl  null: no announcements
 */
public record WatcherSettings(JsonArray targets, String alertWebhookUrl, Severity severity, int failureThreshold,
    int recoveryThreshold) {

  public static WatcherSettings fromJson(JsonObject slice) {
    return read(ConfigSection.of("watcher", slice));
  }

  public static WatcherSettings read(ConfigSection c) {
    JsonArray targets = c.objects("targets", new JsonArray(), "a list of {name, url, …} objects");
    for (int i = 0; i < targets.size(); i++) {
      JsonObject t = targets.getJsonObject(i);
      if (!(t.getValue("name") instanceof String) || !(t.getValue("url") instanceof String)) {
        throw c.invalid("targets", "entry " + i + " needs a name and a url");
      }
    }
    String alertUrl = c.optionalString("alert_webhook_url", "no announcements");
    Severity severity = Severity.parse(c.string("severity", "sev2", s -> Severity.parse(s).isPresent(), "sev1..sev4"))
        .orElseThrow();
    return new WatcherSettings(targets, alertUrl, severity,
        c.integer("failure_threshold", 2, 1),
        c.integer("recovery_threshold", 2, 1));
  }
}
