package io.intake.persistence.api;

import io.intake.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/** The typed face of {@code persistence.OutcomesVerticle} ({@code intake.outcomes.*}). */
public final class OutcomesClient extends BusClient {

  public OutcomesClient(Vertx vertx, Supplier<DeliveryOptions> options) {
    super(vertx, options);
  }

  public OutcomesClient(Vertx vertx) {
    super(vertx);
  }

  /** Records the outcome for its item, with its outbox entry, in one transaction. */
  public Future<RecordedOutcome> record(OutcomeCommand command) {
    return request(Addresses.OUTCOME_RECORD, command.toJson()).map(RecordedOutcome::fromJson);
  }

  /** The outcome a redelivered source event already recorded; NOT_FOUND when there is none. */
  public Future<PriorOutcome> findPrior(FindPriorRequest request) {
    return request(Addresses.OUTCOME_FIND_PRIOR, request.toJson()).map(PriorOutcome::fromJson);
  }

  /** An item's outcomes with their Learner delivery state, the console's JSON as it is. */
  public Future<JsonObject> ofItem(String workItemId) {
    return request(Addresses.CONSOLE_OUTCOMES, new ItemOutcomesQuery(workItemId).toJson());
  }

  /** Leases up to {@code limit} due entries to {@code owner} for {@code leaseSeconds}. */
  public Future<List<OutboxEntry>> claim(int limit, int leaseSeconds, String owner) {
    return request(Addresses.OUTBOX_CLAIM, new ClaimRequest(limit, leaseSeconds, owner).toJson())
        .map(reply -> Claimed.fromJson(reply).entries());
  }

  /** Releases the leases of the node's earlier runs; the number released. */
  public Future<Integer> reclaim(String nodeId, String owner) {
    return request(Addresses.OUTBOX_RECLAIM, new ReclaimRequest(nodeId, owner).toJson())
        .map(reply -> Reclaimed.fromJson(reply).released());
  }

  public Future<Settled> settle(Settlement settlement) {
    return request(Addresses.OUTBOX_SETTLE, settlement.toJson()).map(Settled::fromJson);
  }

  /** A dead entry back to pending; NOT_FOUND or CONFLICT otherwise. */
  public Future<ReplayedEntry> replay(long id) {
    return request(Addresses.OUTBOX_REPLAY, new ReplayRequest(id).toJson()).map(ReplayedEntry::fromJson);
  }

  public Future<OutboxListing> list(String status, int limit) {
    return request(Addresses.OUTBOX_LIST, new OutboxListQuery(status, limit).toJson()).map(OutboxListing::fromJson);
  }

  public Future<OutboxStats> stats() {
    return request(Addresses.OUTBOX_STATS, new JsonObject()).map(OutboxStats::fromJson);
  }
}
