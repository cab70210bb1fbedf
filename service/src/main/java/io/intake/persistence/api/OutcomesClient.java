package io.intake.persistence.api;

import io.intake.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
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

  /** Records {@code outcome} (the validated API body) for the item, with its outbox entry, in one transaction. */
  public Future<RecordedOutcome> record(String workItemId, JsonObject outcome) {
    return request(Addresses.OUTCOME_RECORD, new JsonObject().put("work_item_id", workItemId).put("outcome", outcome))
        .map(RecordedOutcome::fromJson);
  }

  /** An item's outcomes with their Learner delivery state, for the console. */
  public Future<JsonObject> ofItem(String workItemId) {
    return request(Addresses.CONSOLE_OUTCOMES, new JsonObject().put("id", workItemId));
  }

  /** Leases up to {@code limit} due entries to {@code owner} for {@code leaseSeconds}. */
  public Future<List<OutboxEntry>> claim(int limit, int leaseSeconds, String owner) {
    return request(Addresses.OUTBOX_CLAIM, new JsonObject().put("limit", limit).put("lease_seconds", leaseSeconds).put("owner", owner))
        .map(reply -> {
          JsonArray entries = reply.getJsonArray("entries");
          List<OutboxEntry> claimed = new ArrayList<>(entries.size());
          for (int i = 0; i < entries.size(); i++) {
            claimed.add(OutboxEntry.fromJson(entries.getJsonObject(i)));
          }
          return claimed;
        });
  }

  /** Releases the leases of the node's earlier runs; the number released. */
  public Future<Integer> reclaim(String nodeId, String owner) {
    return request(Addresses.OUTBOX_RECLAIM, new JsonObject().put("node_id", nodeId).put("owner", owner))
        .map(reply -> reply.getInteger("released", 0));
  }

  public Future<Void> settle(Settlement settlement) {
    return request(Addresses.OUTBOX_SETTLE, settlement.toJson()).mapEmpty();
  }

  /** A dead entry back to pending; NOT_FOUND or CONFLICT otherwise. */
  public Future<JsonObject> replay(long id) {
    return request(Addresses.OUTBOX_REPLAY, new JsonObject().put("id", id));
  }

  public Future<JsonObject> list(String status, int limit) {
    return request(Addresses.OUTBOX_LIST, new JsonObject().put("status", status).put("limit", limit));
  }

  /** {@code {pending, dead, delivered, oldest_pending_age_seconds}}. */
  public Future<JsonObject> stats() {
    return request(Addresses.OUTBOX_STATS, new JsonObject());
  }
}
