package io.intake.model;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A canonical work item as a normalizer produces it, before it has an id: what every source is
 * mapped to. {@code identity} decides whether it merges into an open twin.
 *
 * @param source      where it came from: demo, manual, jira, …
 * @param rawLog      the original text before any cleaning (kept for audit)
 * @param rawPayload  the request body exactly as received
 * @param nativeKey   the source's own identity key and references, or null (demo, manual)
 */
public record WorkItemDraft(
    String source,
    String type,
    String service,
    Severity severity,
    String description,
    String rawLog,
    String originSystem,
    String creatorId,
    String jiraIssueKey,
    String rawPayload,
    Integer storyPoints,
    String impact,
    Identity identity,
    NativeKey nativeKey) {

  public WorkItemDraft {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(identity, "identity");
  }

  /** A draft from a source without native identity keys. */
  public WorkItemDraft(String source, String type, String service, Severity severity, String description,
      String rawLog, String originSystem, String creatorId, String jiraIssueKey, String rawPayload,
      Integer storyPoints, String impact, Identity identity) {
    this(source, type, service, severity, description, rawLog, originSystem, creatorId, jiraIssueKey, rawPayload,
        storyPoints, impact, identity, null);
  }

  /**
   * The source's own identity for the item (kept on it as {@code source_key}) and the other native
   * references of its payload ({@code source_refs}: routing key, group key, alert id, issue id…).
   */
  public record NativeKey(String key, Map<String, String> refs) {
    public NativeKey {
      Objects.requireNonNull(key, "key");
      refs = refs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(refs));
    }

    JsonObject refsJson() {
      JsonObject json = new JsonObject();
      refs.forEach((k, v) -> {
        if (v != null) {
          json.put(k, v);
        }
      });
      return json;
    }

    static NativeKey fromJson(String key, JsonObject refs) {
      if (key == null) {
        return null;
      }
      Map<String, String> map = new LinkedHashMap<>();
      if (refs != null) {
        refs.forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
      }
      return new NativeKey(key, map);
    }
  }

  /**
   * What makes two drafts the same work item.
   *
   * @param fingerprint stable hash of the identifying fields (or the source's native key)
   * @param window      how long after its last occurrence an open twin absorbs a repeat:
   *                    {@code null} while it stays open, {@link Duration#ZERO} never
   */
  public record Identity(String fingerprint, Duration window) {
    public Identity {
      Objects.requireNonNull(fingerprint, "fingerprint");
    }

    public static Identity neverMerged(String fingerprint) {
      return new Identity(fingerprint, Duration.ZERO);
    }

    public static Identity mergedWhileOpen(String fingerprint) {
      return new Identity(fingerprint, null);
    }

    public boolean merges() {
      return window == null || !window.isZero();
    }
  }

  /**
   * The source's key of the firing this draft reports ({@code source_refs.occurrence_key}), or null.
   * A repeat of an open item with the same key is a re-notification: it updates last_seen_at and
   * counts no occurrence. Drafts without one count every repeat.
   */
  public String occurrenceKey() {
    return nativeKey == null ? null : nativeKey.refs().get("occurrence_key");
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("source", source)
        .put("type", type)
        .put("service", service)
        .put("severity", severity.wire())
        .put("description", description)
        .put("raw_log", rawLog)
        .put("origin_system", originSystem)
        .put("creator_id", creatorId)
        .put("jira_issue_key", jiraIssueKey)
        .put("raw_payload", rawPayload)
        .put("story_points", storyPoints)
        .put("impact", impact)
        .put("fingerprint", identity.fingerprint())
        .put("dedup_window_seconds", identity.window() == null ? null : identity.window().toSeconds())
        .put("dedup_while_open", identity.window() == null)
        .put("source_key", nativeKey == null ? null : nativeKey.key())
        .put("source_refs", nativeKey == null ? null : nativeKey.refsJson());
  }

  public static WorkItemDraft fromJson(JsonObject json) {
    Duration window = json.getBoolean("dedup_while_open", false)
        ? null
        : Duration.ofSeconds(json.getLong("dedup_window_seconds", 0L));
    return new WorkItemDraft(
        json.getString("source"),
        json.getString("type"),
        json.getString("service"),
        Severity.parse(json.getString("severity")).orElseThrow(),
        json.getString("description"),
        json.getString("raw_log"),
        json.getString("origin_system"),
        json.getString("creator_id"),
        json.getString("jira_issue_key"),
        json.getString("raw_payload"),
        json.getInteger("story_points"),
        json.getString("impact"),
        new Identity(json.getString("fingerprint"), window),
        NativeKey.fromJson(json.getString("source_key"), json.getJsonObject("source_refs")));
  }
}
