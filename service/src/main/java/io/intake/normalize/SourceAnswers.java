package io.intake.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer each source's sender gets, shaped in one place from what the executor did: one
 * result per action, {@code {action, key, work_item_id?, created_at?, occurrence_count?, merged?,
 * outcome_id?, event_id?, work_item_status?, replayed?, persisted?, reason?, message?}} where
 * {@code action} is created, updated, resolved, reassigned, escalated, acknowledged, recorded,
 * duplicate or ignored. Pure functions of the results and the sender's payload.
 */
public final class SourceAnswers {

  /** An HTTP status and body. */
  public record Answer(int status, JsonObject body) {
  }

  /** How one source answers its sender. */
  @FunctionalInterface
  public interface Shape {
    Answer shape(List<JsonObject> results, JsonNode payload);
  }

  private SourceAnswers() {
  }

  /**
   * The payload as a whole: {@code {processed, work_item_id?, created_at?, occurrence_count?,
   * merged?, persisted?, reason?, message?}} taken from the first result that has each.
   */
  public static JsonObject summary(List<JsonObject> results) {
    JsonObject summary = new JsonObject();
    boolean processed = results.stream().anyMatch(r -> !"ignored".equals(r.getString("action")));
    summary.put("processed", processed);
    results.stream().filter(r -> r.getString("work_item_id") != null).findFirst()
        .ifPresent(r -> summary.put("work_item_id", r.getString("work_item_id")));
    results.stream().filter(r -> r.containsKey("merged")).findFirst().ifPresent(r -> summary
        .put("created_at", r.getString("created_at"))
        .put("occurrence_count", r.getInteger("occurrence_count"))
        .put("merged", r.getBoolean("merged")));
    results.stream().filter(r -> r.containsKey("persisted")).findFirst()
        .ifPresent(r -> summary.put("persisted", r.getBoolean("persisted")));
    if (!processed && !results.isEmpty()) {
      summary.put("reason", results.get(0).getString("reason")).put("message", results.get(0).getString("message"));
    }
    return summary;
  }

  /** Our own format ({@code /ingest/demo}, {@code /work-items}): 201 for a new item, 200 for a repeat. */
  public static Answer direct(List<JsonObject> results, JsonNode payload) {
    JsonObject saved = summary(results);
    boolean merged = saved.getBoolean("merged", false);
    JsonObject answer = new JsonObject()
        .put("work_item_id", saved.getString("work_item_id"))
        .put("created_at", saved.getString("created_at"))
        .put("message", merged
            ? "Repeat of an open WorkItem; occurrence recorded"
            : "WorkItem created successfully");
    if (merged) {
      answer.put("occurrence_count", saved.getInteger("occurrence_count"));
    }
    return new Answer(merged ? 200 : 201, answer);
  }

  /** Always 200 for a valid Jira webhook; {@code processed} says whether it made or changed a work item. */
  public static Answer jira(List<JsonObject> results, JsonNode payload) {
    JsonObject result = summary(results);
    JsonObject answer = new JsonObject().put("processed", result.getBoolean("processed"));
    JsonArray outcomes = new JsonArray();
    for (JsonObject r : results) {
      if (r.getString("outcome_id") != null) {
        outcomes.add(new JsonObject().put("type", r.getString("action"))
            .put("outcome_id", r.getString("outcome_id")).put("event_id", r.getString("event_id")));
      }
    }
    if (!outcomes.isEmpty()) {
      // A changelog that resolved or reassigned the issue.
      answer.put("work_item_id", result.getString("work_item_id"))
          .put("outcomes", outcomes)
          .put("message", "Outcome recorded from the issue's changelog");
    } else if (result.getBoolean("processed")) {
      boolean merged = result.getBoolean("merged", false);
      answer.put("work_item_id", result.getString("work_item_id"))
          .put("message", merged
              ? "Issue already ingested as an open WorkItem; occurrence recorded"
              : "WorkItem created successfully");
    } else {
      answer.put("reason", result.getString("reason")).put("message", result.getString("message"));
    }
    return new Answer(200, answer);
  }

  /** 202 like PagerDuty's Events API: {@code {status: "success", message, dedup_key}} plus what we did. */
  public static Answer pagerDuty(List<JsonObject> results, JsonNode payload) {
    JsonObject answer = new JsonObject().put("status", "success").put("message", "Event processed");
    boolean eventsApi = !payload.has("event");
    if (eventsApi) {
      answer.put("dedup_key", first(results).getString("key"));
    }
    return new Answer(202, describe(answer, results));
  }

  /** 200 with one result per alert, in the order of {@code alerts} (Alertmanager, Grafana Alerting). */
  public static Answer perAlert(List<JsonObject> results, JsonNode payload) {
    return new Answer(200, new JsonObject()
        .put("processed", summary(results).getBoolean("processed"))
        .put("alerts", new JsonArray(new ArrayList<>(results))));
  }

  /** 200 describing the one action. */
  public static Answer single(List<JsonObject> results, JsonNode payload) {
    return new Answer(200, describe(new JsonObject(), results));
  }

  /** 202 {@code {status: "accepted", event_id, persisted, work_item_id?}}: persisted is false for an event id already stored. */
  public static Answer agentEvent(List<JsonObject> results, JsonNode payload) {
    JsonObject result = summary(results);
    JsonObject answer = new JsonObject()
        .put("status", "accepted")
        .put("event_id", payload.path("event_id").asText())
        .put("persisted", result.getBoolean("persisted"));
    if (result.getString("work_item_id") != null) {
      answer.put("work_item_id", result.getString("work_item_id"));
    }
    return new Answer(202, answer);
  }

  /** Internal producers read the results themselves; nobody is answered over HTTP. */
  public static Answer results(List<JsonObject> results, JsonNode payload) {
    return new Answer(200, new JsonObject().put("results", new JsonArray(new ArrayList<>(results))));
  }

  /** {@code processed, action, key, work_item_id?, outcome_id?, replayed?, occurrence_count?, reason?}: what the one action did. */
  private static JsonObject describe(JsonObject answer, List<JsonObject> results) {
    JsonObject first = first(results);
    answer.put("processed", summary(results).getBoolean("processed"))
        .put("action", first.getString("action"))
        .put("key", first.getString("key"));
    for (String field : new String[] {"work_item_id", "outcome_id", "replayed", "occurrence_count", "reason"}) {
      if (first.getValue(field) != null) {
        answer.put(field, first.getValue(field));
      }
    }
    if (first.getValue("reason") != null && !answer.containsKey("message")) {
      answer.put("message", first.getString("message"));
    }
    return answer;
  }

  private static JsonObject first(List<JsonObject> results) {
    return results.isEmpty() ? new JsonObject() : results.get(0);
  }
}
