package io.intake.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The answer each source's sender gets, shaped in one place from what the executor did (one
 * {@link ActionResult} per action). Pure functions of the results and the sender's payload.
 */
public final class SourceAnswers {

  /** An HTTP status and body. */
  public record Answer(int status, JsonObject body) {
  }

  /** How one source answers its sender. */
  @FunctionalInterface
  public interface Shape {
    Answer shape(List<ActionResult> results, JsonNode payload);
  }

  /**
   * The payload as a whole: whether any action did something, the first item it touched, the
   * first save's counts, and why nothing was done when nothing was.
   */
  record Summary(boolean processed, String workItemId, ActionResult save, Boolean persisted, ActionResult refusal) {

    static Summary of(List<ActionResult> results) {
      boolean processed = results.stream().anyMatch(r -> !r.isIgnored());
      return new Summary(processed,
          first(results, r -> r.workItemId() != null).map(ActionResult::workItemId).orElse(null),
          first(results, r -> r.merged() != null).orElse(null),
          first(results, r -> r.persisted() != null).map(ActionResult::persisted).orElse(null),
          processed || results.isEmpty() ? null : results.get(0));
    }

    boolean merged() {
      return save != null && save.merged();
    }

    private static Optional<ActionResult> first(List<ActionResult> results, Predicate<ActionResult> has) {
      return results.stream().filter(has).findFirst();
    }
  }

  private SourceAnswers() {
  }

  /** Our own format ({@code /ingest/demo}, {@code /work-items}): 201 for a new item, 200 for a repeat. */
  public static Answer direct(List<ActionResult> results, JsonNode payload) {
    Summary saved = Summary.of(results);
    JsonObject answer = new JsonObject()
        .put("work_item_id", saved.workItemId())
        .put("created_at", saved.save() == null ? null : saved.save().createdAt())
        .put("message", saved.merged()
            ? "Repeat of an open WorkItem; occurrence recorded"
            : "WorkItem created successfully");
    if (saved.merged()) {
      answer.put("occurrence_count", saved.save().occurrenceCount());
    }
    return new Answer(saved.merged() ? 200 : 201, answer);
  }

  /** Always 200 for a valid Jira webhook; {@code processed} says whether it made or changed a work item. */
  public static Answer jira(List<ActionResult> results, JsonNode payload) {
    Summary result = Summary.of(results);
    JsonObject answer = new JsonObject().put("processed", result.processed());
    JsonArray outcomes = new JsonArray();
    for (ActionResult r : results) {
      if (r.outcomeId() != null) {
        outcomes.add(new JsonObject().put("type", r.action()).put("outcome_id", r.outcomeId()).put("event_id", r.eventId()));
      }
    }
    if (!outcomes.isEmpty()) {
      // A changelog that resolved or reassigned the issue.
      answer.put("work_item_id", result.workItemId())
          .put("outcomes", outcomes)
          .put("message", "Outcome recorded from the issue's changelog");
    } else if (result.processed()) {
      answer.put("work_item_id", result.workItemId())
          .put("message", result.merged()
              ? "Issue already ingested as an open WorkItem; occurrence recorded"
              : "WorkItem created successfully");
    } else {
      refusal(answer, result);
    }
    return new Answer(200, answer);
  }

  /** 202 like PagerDuty's Events API: {@code {status: "success", message, dedup_key}} plus what we did. */
  public static Answer pagerDuty(List<ActionResult> results, JsonNode payload) {
    JsonObject answer = new JsonObject().put("status", "success").put("message", "Event processed");
    boolean eventsApi = !payload.has("event");
    if (eventsApi) {
      answer.put("dedup_key", results.isEmpty() ? null : results.get(0).key());
    }
    return new Answer(202, describe(answer, results));
  }

  /** 200 with one result per alert, in the order of {@code alerts} (Alertmanager, Grafana Alerting). */
  public static Answer perAlert(List<ActionResult> results, JsonNode payload) {
    return new Answer(200, new JsonObject()
        .put("processed", Summary.of(results).processed())
        .put("alerts", wire(results)));
  }

  /** 200 describing the one action. */
  public static Answer single(List<ActionResult> results, JsonNode payload) {
    return new Answer(200, describe(new JsonObject(), results));
  }

  /** 202 {@code {status: "accepted", event_id, persisted, work_item_id?}}: persisted is false for an event id already stored. */
  public static Answer agentEvent(List<ActionResult> results, JsonNode payload) {
    Summary result = Summary.of(results);
    JsonObject answer = new JsonObject()
        .put("status", "accepted")
        .put("event_id", payload.path("event_id").asText())
        .put("persisted", result.persisted());
    if (result.workItemId() != null) {
      answer.put("work_item_id", result.workItemId());
    }
    return new Answer(202, answer);
  }

  /** Internal producers read the results themselves; nobody is answered over HTTP. */
  public static Answer results(List<ActionResult> results, JsonNode payload) {
    return new Answer(200, new JsonObject().put("results", wire(results)));
  }

  /** The results as they travel: one object per action, absent fields left out. */
  public static JsonArray wire(List<ActionResult> results) {
    JsonArray array = new JsonArray();
    results.forEach(r -> array.add(r.toJson()));
    return array;
  }

  /** {@code processed, action, key, work_item_id?, outcome_id?, replayed?, occurrence_count?, reason?}: what the one action did. */
  private static JsonObject describe(JsonObject answer, List<ActionResult> results) {
    ActionResult first = results.isEmpty() ? ActionResult.ignored(null, null, null) : results.get(0);
    answer.put("processed", Summary.of(results).processed())
        .put("action", results.isEmpty() ? null : first.action())
        .put("key", first.key());
    putIfPresent(answer, "work_item_id", first, ActionResult::workItemId);
    putIfPresent(answer, "outcome_id", first, ActionResult::outcomeId);
    putIfPresent(answer, "replayed", first, ActionResult::replayed);
    putIfPresent(answer, "occurrence_count", first, ActionResult::occurrenceCount);
    putIfPresent(answer, "reason", first, ActionResult::reason);
    if (first.reason() != null && !answer.containsKey("message")) {
      answer.put("message", first.message());
    }
    return answer;
  }

  private static void refusal(JsonObject answer, Summary result) {
    ActionResult refusal = result.refusal();
    answer.put("reason", refusal == null ? null : refusal.reason()).put("message", refusal == null ? null : refusal.message());
  }

  private static void putIfPresent(JsonObject answer, String field, ActionResult result, Function<ActionResult, Object> value) {
    Object v = value.apply(result);
    if (v != null) {
      answer.put(field, v);
    }
  }
}
