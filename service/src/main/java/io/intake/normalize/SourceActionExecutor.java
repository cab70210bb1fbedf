package io.intake.normalize;

import io.intake.persistence.api.AcknowledgeRequest;
import io.intake.persistence.api.FindPriorRequest;
import io.intake.persistence.api.OutcomeCommand;
import io.intake.persistence.api.OutcomesClient;
import io.intake.persistence.api.PriorOutcome;
import io.intake.persistence.api.WorkItemsClient;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.function.Supplier;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.intake.model.OutcomeType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place normalized actions become persistence calls, for every source (webhooks, our own
 * submissions, the simulator, the log-pattern miner, the health watcher, agent events). Carries
 * out a payload's {@link SourceAction}s in order over the persistence addresses. Outcomes
 * go through {@link Addresses#OUTCOME_RECORD} like any other outcome (outbox row, status change,
 * {@code outcome.recorded}). A failing step fails the whole request (the sender retries; merged
 * occurrences and event-id keyed outcomes absorb the repeat).
 *
 * <p>The result is one JSON object per action, in order ({@link SourceAnswers} describes them and
 * shapes the sender's answer from them).
 */
final class SourceActionExecutor {

  private final Vertx vertx;
  private final long timeoutMs;

  private final WorkItemsClient workItems;
  private final OutcomesClient outcomes;

  SourceActionExecutor(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    Supplier<DeliveryOptions> options = () -> Correlation.options().setSendTimeout(timeoutMs);
    this.workItems = new WorkItemsClient(vertx, options);
    this.outcomes = new OutcomesClient(vertx, options);
  }

  Future<List<JsonObject>> execute(String source, List<SourceAction> actions) {
    Future<List<JsonObject>> chain = Future.succeededFuture(new ArrayList<>());
    for (SourceAction action : actions) {
      chain = chain.compose(results -> run(source, action).map(result -> {
        results.add(result);
        return results;
      }));
    }
    return chain;
  }

  private Future<JsonObject> run(String source, SourceAction action) {
    if (action instanceof SourceAction.Upsert upsert) {
      return workItems.save(upsert.draft(), upsert.occurrences()).map(saved -> result(
          saved.merged() ? "updated" : "created", action.key())
          .put("work_item_id", saved.workItemId())
          .put("created_at", saved.createdAt())
          .put("occurrence_count", saved.occurrenceCount())
          .put("merged", saved.merged()));
    }
    if (action instanceof SourceAction.RecordOutcome outcome) {
      return recordOutcome(source, outcome);
    }
    if (action instanceof SourceAction.Acknowledge ack) {
      return orNoOpenItem(workItems.acknowledge(new AcknowledgeRequest(ack.fingerprints(), ack.by(), ack.at()))
          .map(acked -> result("acknowledged", ack.key()).put("work_item_id", acked.workItemId())), ack.key());
    }
    if (action instanceof SourceAction.RecordAgentEvent event) {
      JsonObject command = new JsonObject().put("event", event.event().toJson())
          .put("work_item", event.failure() == null ? null : event.failure().toJson());
      return request(Addresses.AGENT_EVENT_SAVE, command).map(saved -> result(
          saved.getBoolean("persisted") ? "recorded" : "duplicate", event.key())
          .put("persisted", saved.getBoolean("persisted"))
          .put("work_item_id", saved.getString("work_item_id")));
    }
    SourceAction.Ignore ignore = (SourceAction.Ignore) action;
    return Future.succeededFuture(ignored(ignore.key(), ignore.reason(), ignore.message()));
  }

  /**
   * A redelivery never records twice and never fails: the outcome already recorded under the
   * source's event id is replayed (looked up first, so a key reopened since is not touched); else
   * the open item gets the outcome; else a resolve of a key whose latest item is already resolved
   * replays that resolution; else the answer is {@code no_open_item}.
   */
  private Future<JsonObject> recordOutcome(String source, SourceAction.RecordOutcome o) {
    Future<PriorOutcome> prior = o.eventId() == null
        ? Future.failedFuture(Failure.NOT_FOUND.exception("no source event id"))
        : outcomes.findPrior(FindPriorRequest.byEventId(o.eventId()));
    return prior.map(found -> replayed(o, found))
        .recover(error -> notFound(error) ? recordOnOpenItem(source, o) : Future.failedFuture(error))
        .recover(error -> notFound(error) && o.type() == OutcomeType.RESOLVED && !o.keys().isEmpty()
            ? outcomes.findPrior(FindPriorRequest.resolutionOfLatest(source, o.keys())).map(found -> replayed(o, found))
            : Future.failedFuture(error))
        .recover(error -> notFound(error)
            ? Future.succeededFuture(ignored(o.key(), "no_open_item", "No open work item has this key"))
            : Future.failedFuture(error));
  }

  private Future<JsonObject> recordOnOpenItem(String source, SourceAction.RecordOutcome o) {
    return workItems.findOpen(o.fingerprints())
        .compose(open -> {
          String workItemId = open.workItemId();
          // Without an event id from the source, a resolution is still once per item: a retried
          // webhook replays the first outcome instead of recording a second one.
          String eventId = o.eventId() != null ? o.eventId()
              : o.type() == OutcomeType.RESOLVED ? source + ":resolved:" + workItemId : null;
          return outcomes.record(new OutcomeCommand(workItemId, o.type(), o.actorId(), null, o.newAssigneeId(),
              o.timestamp(), o.notes(), eventId));
        })
        .map(r -> result(o.type().wire(), o.key())
            .put("work_item_id", r.workItemId())
            .put("outcome_id", r.outcomeId())
            .put("event_id", r.eventId())
            .put("work_item_status", r.status())
            .put("replayed", r.replayed()));
  }

  /** The answer to a redelivery: what the first delivery recorded. */
  private static JsonObject replayed(SourceAction.RecordOutcome o, PriorOutcome found) {
    return result(found.type(), o.key())
        .put("work_item_id", found.workItemId())
        .put("outcome_id", found.outcomeId())
        .put("event_id", found.eventId())
        .put("work_item_status", found.status())
        .put("replayed", true);
  }

  private static boolean notFound(Throwable error) {
    return error instanceof ReplyException re && re.failureCode() == Failure.NOT_FOUND.code();
  }

  /** An outcome or acknowledgement for an item we do not have open is answered, not failed. */
  private static Future<JsonObject> orNoOpenItem(Future<JsonObject> step, String key) {
    return step.recover(error -> error instanceof ReplyException re && re.failureCode() == Failure.NOT_FOUND.code()
        ? Future.succeededFuture(ignored(key, "no_open_item", "No open work item has this key"))
        : Future.failedFuture(error));
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, Correlation.options().setSendTimeout(timeoutMs))
        .map(Message::body)
        .recover(error -> Future.failedFuture(error instanceof ReplyException re
            && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
            ? re
            : Failure.UNAVAILABLE.exception("persistence did not answer")));
  }

  private static JsonObject result(String action, String key) {
    return new JsonObject().put("action", action).put("key", key);
  }

  private static JsonObject ignored(String key, String reason, String message) {
    return result("ignored", key).put("reason", reason).put("message", message);
  }
}
