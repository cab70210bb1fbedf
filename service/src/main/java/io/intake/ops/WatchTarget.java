package io.intake.ops;

import io.intake.config.ConfigSection;
import io.vertx.core.json.JsonObject;

/**
 * One URL the health watcher polls, as configured in {@code watcher.targets[i]}; read once, with
 * its defaults and rules here.
 *
 * @param service         the service a raised work item names (default: the target's name)
 * @param freshnessField  dotted path of a timestamp in the JSON answer that must be younger than
 *                        {@code maxAgeSeconds}; null: the status code alone decides
 */
public record WatchTarget(String name, String url, String service, long intervalMs, long timeoutMs, int expectedStatus,
    String freshnessField, long maxAgeSeconds, int failureThreshold, int recoveryThreshold) {

  /** Entry {@code index} of {@code watcher.targets}; thresholds default to the slice's own. */
  static WatchTarget read(ConfigSection watcher, int index, JsonObject t, int failureThreshold, int recoveryThreshold) {
    String name = text(watcher, index, t, "name", null);
    String url = text(watcher, index, t, "url", null);
    if (name == null || url == null) {
      throw watcher.invalid("targets", "entry " + index + " needs a name and a url");
    }
    return new WatchTarget(name, url,
        text(watcher, index, t, "service", name),
        whole(watcher, index, t, "interval_ms", 10_000L, 1),
        whole(watcher, index, t, "timeout_ms", 2000L, 1),
        (int) whole(watcher, index, t, "expected_status", 200L, 100),
        text(watcher, index, t, "freshness_field", null),
        whole(watcher, index, t, "max_age_seconds", 3600L, 1),
        (int) whole(watcher, index, t, "failure_threshold", failureThreshold, 1),
        (int) whole(watcher, index, t, "recovery_threshold", recoveryThreshold, 1));
  }

  private static String text(ConfigSection watcher, int index, JsonObject t, String key, String fallback) {
    Object value = t.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      throw watcher.invalid("targets", "entry " + index + ": " + key + " must be non-blank text");
    }
    return s;
  }

  private static long whole(ConfigSection watcher, int index, JsonObject t, String key, long fallback, long min) {
    Object value = t.getValue(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min) {
      throw watcher.invalid("targets", "entry " + index + ": " + key + " must be an integer ≥ " + min);
    }
    return n.longValue();
  }
}
