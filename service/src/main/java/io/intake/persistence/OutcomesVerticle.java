package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Events;
import io.intake.persistence.api.OutboxEntry;
import io.intake.persistence.api.Settlement;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner of outcomes and their outbox: records an outcome (outcome row, outbox row and the item's
 * status change in one transaction), finds the outcome a redelivered source event already recorded,
 * lists an item's outcomes for the console, and leases, settles and replays outbox entries for the
 * Learner forwarder. Publishes outcome.recorded and workitem.updated after each commit.
 */
public class OutcomesVerticle extends StoreVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomesVerticle.class);

  private OutcomeRepository outcomes;

  @Override
  protected void register(EventBus bus) {
    outcomes = new OutcomeRepository(pool);
    OutboxRepository outbox = new OutboxRepository(pool);
    PriorOutcomeRepository priorOutcomes = new PriorOutcomeRepository(pool);
    ConsoleRepository console = new ConsoleRepository(pool);

    serve(bus, Addresses.OUTCOME_RECORD, this::record);
    // A redelivered source event is answered with the outcome it already recorded.
    serve(bus, Addresses.OUTCOME_FIND_PRIOR, m -> answer(m,
        m.body().getString("event_id") != null
            ? priorOutcomes.byEventId(m.body().getString("event_id"))
            : priorOutcomes.resolutionOfLatest(m.body().getString("source"), strings(m.body().getJsonArray("keys")))));
    serve(bus, Addresses.CONSOLE_OUTCOMES, m -> answer(m, console.outcomes(m.body().getString("id"))));
    serve(bus, Addresses.OUTBOX_CLAIM, m -> answer(m,
        outbox.claim(m.body().getInteger("limit", 50), m.body().getInteger("lease_seconds", 30), m.body().getString("owner"))
            .map(OutcomesVerticle::entries)));
    serve(bus, Addresses.OUTBOX_RECLAIM, m -> answer(m, outbox.reclaim(m.body().getString("node_id"), m.body().getString("owner"))));
    serve(bus, Addresses.OUTBOX_SETTLE, m -> answer(m, outbox.settle(Settlement.fromJson(m.body()))));
    serve(bus, Addresses.OUTBOX_REPLAY, m -> answer(m,
        outbox.replay(m.body().getLong("id")).onSuccess(r -> LOG.info("outbox entry {} replayed", r.getLong("id")))));
    serve(bus, Addresses.OUTBOX_LIST, m -> answer(m, outbox.list(m.body().getString("status", "dead"), m.body().getInteger("limit", 50))));
    serve(bus, Addresses.OUTBOX_STATS, m -> answer(m, outbox.stats()));
  }

  private static JsonObject entries(List<OutboxEntry> claimed) {
    JsonArray entries = new JsonArray();
    claimed.forEach(entry -> entries.add(entry.toJson()));
    return new JsonObject().put("entries", entries);
  }

  private void record(Message<JsonObject> message) {
    JsonObject body = message.body();
    answer(message, outcomes.record(body.getString("work_item_id"), body.getJsonObject("outcome")).map(o -> {
      JsonObject learnerBody = (JsonObject) o.remove("learner_body");
      String notes = (String) o.remove("notes");
      if (o.getBoolean("replayed")) {
        return o;
      }
      LOG.info("outcome {} ({}) recorded for {}; work item now {}", o.getString("outcome_id"),
          learnerBody.getString("type"), o.getString("work_item_id"), o.getString("status"));
      Events.outcomeRecorded(vertx, learnerBody.copy().put("outcome_id", o.getString("outcome_id")).put("notes", notes));
      JsonObject changes = new JsonObject().put("status", o.getString("status"));
      switch (learnerBody.getString("type")) {
        case "reassigned" -> changes.put("assignee_id", learnerBody.getString("new_assignee_id"));
        case "escalated" -> changes.put("escalated", true);
        default -> { }
      }
      Events.workItemUpdated(vertx, o.getString("work_item_id"), "outcome", changes);
      JsonArray released = (JsonArray) o.remove("released");
      for (Object r : released == null ? new JsonArray() : released) {
        JsonObject member = (JsonObject) r;
        LOG.info("work item {} released: {} it was merged into is resolved", member.getString("id"), o.getString("work_item_id"));
        Events.workItemUpdated(vertx, member.getString("id"), "released", new JsonObject()
            .put("merged_into", null)
            .put("status", member.getString("status"))
            .put("released_from", o.getString("work_item_id")));
      }
      return o;
    }));
  }
}
