package io.intake.persistence.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How repeats of an item are recognised, as the item's detail and merges view explain it: by the
 * source's native key (the field named per source), or, for demo/manual submissions, by the hash of
 * their text fields within the source's dedup window. On the wire
 * {@code {kind: "identity", fingerprint, native, fields, source_key?, window, occurrence_key_field?}}.
 *
 * @param window             {@code while_open}, or the config key of the source's dedup window
 * @param occurrenceKeyField whether repeats carry an occurrence key (a re-fire is told from a resend)
 */
public record IdentityRule(String fingerprint, boolean nativeKey, List<String> fields, String sourceKey, String window,
    boolean occurrenceKeyField) {

  public IdentityRule {
    fields = List.copyOf(fields);
  }

  /** The rule of an item of {@code source} stored with this key (null: hashed text) and refs. */
  public static IdentityRule of(String source, String sourceKey, String fingerprint, JsonObject sourceRefs) {
    if (sourceKey == null) {
      return new IdentityRule(fingerprint, false, List.of("source", "service", "severity", "description", "raw_log"),
          null, "sources." + source + ".dedup_window_seconds", false);
    }
    String field = switch (source) {
      case "alertmanager" -> "fingerprint";
      case "pagerduty" -> "dedup_key";
      case "jira" -> "issue_key";
      case "datadog" -> "alert_cycle_key";
      case "logs" -> "log_pattern_id";
      case "agent_events" -> "run_id";
      default -> "source_key";
    };
    boolean occurrenceKey = sourceRefs != null && sourceRefs.getValue("occurrence_key") != null;
    return new IdentityRule(fingerprint, true, List.of("source", field), sourceKey, "while_open", occurrenceKey);
  }

  public static IdentityRule fromJson(JsonObject json) {
    return new IdentityRule(json.getString("fingerprint"), WireFields.optionalBoolean(json, "native", false),
        WireFields.requiredStrings(json, "fields"), json.getString("source_key"), json.getString("window"),
        json.containsKey("occurrence_key_field"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("kind", "identity").put("fingerprint", fingerprint).put("native", nativeKey)
        .put("fields", new JsonArray(List.copyOf(fields)));
    if (nativeKey) {
      json.put("source_key", sourceKey);
    }
    json.put("window", window);
    if (occurrenceKeyField) {
      json.put("occurrence_key_field", "occurrence_key");
    }
    return json;
  }
}
