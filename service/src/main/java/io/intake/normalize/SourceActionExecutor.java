package io.intake.normalize;

import io.intake.bus.Addresses;
import io.intake.bus.Correlation;
import io.intake.bus.Failure;
import io.intake.model.OutcomeType;
import io.intake.persistence.api.AcknowledgeRequest;
import io.intake.persistence.api.AgentEventSave;
import io.intake.persistence.api.FindPriorRequest;
import io.intake.persistence.api.OutcomeCommand;
import io.intake.persistence.api.OutcomesClient;
import io.intake.persistence.api.PriorOutcome;
import io.intake.persistence.api.TelemetryClient;
import io.intake.persistence.api.WorkItemsClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one place normalized actions become persistence calls, for every source (webhooks, our own
 * submissions, the simulator, the log-pattern miner, the health watcher, agent events). Carries
 * out a payload's {@link SourceAction}s in order over the persistence addresses. Outcomes
 * go through {@link Addresses#OUTCOME_RECORD} like any other outcome (outbox row, status change,
 * {@code outcome.recorded}). A failing step fails the whole request (the sender retries; merged
 * occurrences and event-id keyed outcomes absorb the repeat).
 *
 * <p>The result is one {@link ActionResult} per action, in order ({@link SourceAnswers} shapes the
 * sender's answer from them).
 */
final class SourceActionExecutor {


  private final WorkItemsClient workItems;
  private final OutcomesClient outcomes;
  private final TelemetryClient telemetry;

  SourceActionExecutor(Vertx vertx, long timeoutMs) {
    Supplier<DeliveryOptions> options = () -> Correlation.options().setSendTimeout(timeoutMs);
    this.workItems = new WorkItemsClient(vertx, options);
    this.outcomes = new OutcomesClient(vertx, options);
    this.telemetry = new TelemetryClient(vertx, options);
  }

  Future<List<ActionResult>> execute(String source, List<SourceAction> actions) {
    Future<List<ActionResult>> chain = Future.succeededFuture(new ArrayList<>());
    for (SourceAction action : actions) {
      chain = chain.compose(results -> run(source, action).map(result -> {
        results.add(result);
        return results;
      }));
    }
    return chain;
  }

  private Future<ActionResult> run(String source, SourceAction action) {
    if (action instanceof SourceAction.Upsert upsert) {
      return workItems.save(upsert.draft(), upsert.occurrences()).map(saved -> ActionResult.saved(action.key(),
          saved.workItemId(), saved.createdAt(), saved.occurrenceCount(), saved.merged()));
    }
    if (action instanceof SourceAction.RecordOutcome outcome) {
      return recordOutcome(source, outcome);
    }
    if (action instanceof SourceAction.Acknowledge ack) {
      return orNoOpenItem(workItems.acknowledge(new AcknowledgeRequest(ack.fingerprints(), ack.by(), ack.at()))
          .map(acked -> ActionResult.acknowledged(ack.key(), acked.workItemId())), ack.key());
    }
    if (action instanceof SourceAction.RecordAgentEvent event) {
      return telemetry.saveAgentEvent(new AgentEventSave(event.event(), event.failure()))
          .map(saved -> ActionResult.agentEvent(event.key(), saved.persisted(), saved.workItemId()));
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
  private Future<ActionResult> recordOutcome(String source, SourceAction.RecordOutcome o) {
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

  private Future<ActionResult> recordOnOpenItem(String source, SourceAction.RecordOutcome o) {
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
        .map(r -> ActionResult.outcome(o.type().wire(), o.key(), r.workItemId(), r.outcomeId(), r.eventId(),
            r.status(), r.replayed()));
  }

  /** The answer to a redelivery: what the first delivery recorded. */
  private static ActionResult replayed(SourceAction.RecordOutcome o, PriorOutcome found) {
    return ActionResult.outcome(found.type(), o.key(), found.workItemId(), found.outcomeId(), found.eventId(),
        found.status(), true);
  }

  private static boolean notFound(Throwable error) {
    return error instanceof ReplyException re && re.failureCode() == Failure.NOT_FOUND.code();
  }

  /** An outcome or acknowledgement for an item we do not have open is answered, not failed. */
  private static Future<ActionResult> orNoOpenItem(Future<ActionResult> step, String key) {
    return step.recover(error -> error instanceof ReplyException re && re.failureCode() == Failure.NOT_FOUND.code()
        ? Future.succeededFuture(ignored(key, "no_open_item", "No open work item has this key"))
        : Future.failedFuture(error));
  }


  private static ActionResult ignored(String key, String reason, String message) {
    return ActionResult.ignored(key, reason, message);
  }
}
