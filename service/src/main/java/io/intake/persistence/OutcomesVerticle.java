package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Events;
import io.intake.bus.OutcomeRecorded;
import io.intake.bus.WorkItemUpdated.Changes;
import io.intake.persistence.api.ClaimRequest;
import io.intake.persistence.api.Claimed;
import io.intake.persistence.api.FindPriorRequest;
import io.intake.persistence.api.ItemOutcomesQuery;
import io.intake.persistence.api.OutboxListQuery;
import io.intake.persistence.api.OutboxListing;
import io.intake.persistence.api.OutboxStats;
import io.intake.persistence.api.OutcomeCommand;
import io.intake.persistence.api.PriorOutcome;
import io.intake.persistence.api.RecordedOutcome;
import io.intake.persistence.api.ReclaimRequest;
import io.intake.persistence.api.Reclaimed;
import io.intake.persistence.api.ReplayRequest;
import io.intake.persistence.api.ReplayedEntry;
import io.intake.persistence.api.Settled;
import io.intake.persistence.api.Settlement;
import io.vertx.core.eventbus.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner of outcomes and their outbox: records outcomes (outcome row, outbox row and the item's
 * status change in one transaction, shared by the outcomes that arrive together), finds the outcome a redelivered source event already recorded,
 * lists an item's outcomes for the console, and leases, settles and replays outbox entries for the
 * Learner forwarder. Publishes outcome.recorded and workitem.updated after each commit.
 */
public class OutcomesVerticle extends StoreVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomesVerticle.class);

  @Override
  protected void register(EventBus bus) {
    OutcomeRepository outcomes = new OutcomeRepository(pool);
    // Outcomes arriving while one transaction commits share the next: one commit for many.
    GroupCommit<OutcomeCommand, OutcomeRecording> recorder =
        new GroupCommit<>(outcomes::recordAll, settings.maxOutcomesPerTransaction());
    OutboxRepository outbox = new OutboxRepository(pool);
    PriorOutcomeRepository priorOutcomes = new PriorOutcomeRepository(pool);
    ConsoleRepository console = new ConsoleRepository(pool);

    serve(bus, Addresses.OUTCOME_RECORD, OutcomeCommand::fromJson,
        command -> recorder.submit(command).map(this::published).map(RecordedOutcome::toJson));
    // A redelivered source event is answered with the outcome it already recorded.
    serve(bus, Addresses.OUTCOME_FIND_PRIOR, FindPriorRequest::fromJson,
        request -> priorOutcomes.find(request).map(PriorOutcome::toJson));
    serve(bus, Addresses.CONSOLE_OUTCOMES, ItemOutcomesQuery::fromJson, query -> console.outcomes(query.id()));
    serve(bus, Addresses.OUTBOX_CLAIM, ClaimRequest::fromJson, request -> outbox.claim(request).map(Claimed::toJson));
    serve(bus, Addresses.OUTBOX_RECLAIM, ReclaimRequest::fromJson,
        request -> outbox.reclaim(request).map(Reclaimed::toJson));
    serve(bus, Addresses.OUTBOX_SETTLE, Settlement::fromJson, settlement -> outbox.settle(settlement).map(Settled::toJson));
    serve(bus, Addresses.OUTBOX_REPLAY, ReplayRequest::fromJson, request -> outbox.replay(request)
        .onSuccess(replayed -> LOG.info("outbox entry {} replayed", replayed.id()))
        .map(ReplayedEntry::toJson));
    serve(bus, Addresses.OUTBOX_LIST, OutboxListQuery::fromJson, query -> outbox.list(query).map(OutboxListing::toJson));
    serve(bus, Addresses.OUTBOX_STATS, body -> body, none -> outbox.stats().map(OutboxStats::toJson));
  }

  /** Tells the console and the forwarder about a new outcome; a replay changed nothing and says nothing. */
  private RecordedOutcome published(OutcomeRecording recording) {
    RecordedOutcome o = recording.reply();
    if (o.replayed()) {
      return o;
    }
    LearnerOutcome learner = recording.learner();
    LOG.info("outcome {} ({}) recorded for {}; work item now {}", o.outcomeId(), learner.type(), o.workItemId(), o.status());
    Events.outcomeRecorded(vertx, new OutcomeRecorded.Outcome(learner.eventId(), learner.decisionId(),
        learner.workItemId(), learner.type(), learner.actorId(), learner.service(), learner.timestamp(),
        learner.newAssigneeId(), o.outcomeId(), recording.notes()));
    Events.workItemUpdated(vertx, o.workItemId(), "outcome", Changes.outcome(o.status(),
        "reassigned".equals(learner.type()) ? learner.newAssigneeId() : null,
        "escalated".equals(learner.type()) ? Boolean.TRUE : null));
    for (OutcomeRecording.Released member : recording.released()) {
      LOG.info("work item {} released: {} it was merged into is resolved", member.id(), o.workItemId());
      Events.workItemUpdated(vertx, member.id(), "released", Changes.released(member.status(), o.workItemId()));
    }
    return o;
  }
}
