package io.intake.normalize;

import io.vertx.core.json.JsonObject;

/**
 * What the executor did for one normalized action; {@link SourceAnswers} shapes each sender's
 * answer from these, and internal producers read them directly. On the wire (the reply of
 * {@code intake.normalize}) it is {@code {action, key, work_item_id?, created_at?, occurrence_count?,
 * merged?, outcome_id?, event_id?, work_item_status?, replayed?, persisted?, reason?, message?}}
 * with absent fields left out.
 *
 * @param action created, updated, resolved, reassigned, escalated, acknowledged, recorded,
 *               duplicate or ignored
 * @param key    the action's key within its payload (an alert fingerprint, an issue key…)
 */
public record ActionResult(String action, String key, String workItemId, String createdAt, Integer occurrenceCount,
    Boolean merged, String outcomeId, String eventId, String workItemStatus, Boolean replayed, Boolean persisted,
    String reason, String message) {

  /** A work item stored ({@code created}) or a repeat counted on the open one ({@code updated}). */
  public static ActionResult saved(String key, String workItemId, String createdAt, int occurrenceCount, boolean merged) {
    return new ActionResult(merged ? "updated" : "created", key, workItemId, createdAt, occurrenceCount, merged,
        null, null, null, null, null, null, null);
  }

  /** An outcome recorded now, or the one a redelivery recorded before ({@code replayed}). */
  public static ActionResult outcome(String action, String key, String workItemId, String outcomeId, String eventId,
      String workItemStatus, boolean replayed) {
    return new ActionResult(action, key, workItemId, null, null, null, outcomeId, eventId, workItemStatus, replayed,
        null, null, null);
  }

  public static ActionResult acknowledged(String key, String workItemId) {
    return new ActionResult("acknowledged", key, workItemId, null, null, null, null, null, null, null, null, null, null);
  }

  /** An agent event stored ({@code recorded}) or already stored under its id ({@code duplicate}). */
  public static ActionResult agentEvent(String key, boolean persisted, String workItemId) {
    return new ActionResult(persisted ? "recorded" : "duplicate", key, workItemId, null, null, null, null, null, null,
        null, persisted, null, null);
  }

  /** Nothing done, and why ({@code reason} is a stable code, {@code message} a sentence). */
  public static ActionResult ignored(String key, String reason, String message) {
    return new ActionResult("ignored", key, null, null, null, null, null, null, null, null, null, reason, message);
  }

  public boolean isIgnored() {
    return "ignored".equals(action);
  }

  public static ActionResult fromJson(JsonObject json) {
    return new ActionResult(json.getString("action"), json.getString("key"), json.getString("work_item_id"),
        json.getString("created_at"), json.getInteger("occurrence_count"), json.getBoolean("merged"),
        json.getString("outcome_id"), json.getString("event_id"), json.getString("work_item_status"),
        json.getBoolean("replayed"), json.getBoolean("persisted"), json.getString("reason"), json.getString("message"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("action", action).put("key", key);
    putIfPresent(json, "work_item_id", workItemId);
    putIfPresent(json, "created_at", createdAt);
    putIfPresent(json, "occurrence_count", occurrenceCount);
    putIfPresent(json, "merged", merged);
    putIfPresent(json, "outcome_id", outcomeId);
    putIfPresent(json, "event_id", eventId);
    putIfPresent(json, "work_item_status", workItemStatus);
    putIfPresent(json, "replayed", replayed);
    putIfPresent(json, "persisted", persisted);
    putIfPresent(json, "reason", reason);
    putIfPresent(json, "message", message);
    return json;
  }

  private static void putIfPresent(JsonObject json, String field, Object value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
