package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Events;
import io.intake.bus.Failure;
import io.intake.model.WorkItemDraft;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner of the work items: saves (with group commit of repeats), reads, lists, semantic merges and
 * their splits, open-item lookups and acknowledgements of event sources, the console's read-only
 * queries, and the database ping. Publishes workitem.created / workitem.updated after each commit.
 */
public class WorkItemsVerticle extends StoreVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(WorkItemsVerticle.class);

  private WorkItemRepository workItems;
  private OpenWorkItemRepository openItems;
  private OccurrenceBatcher batcher;
  private MergeRepository merges;

  @Override
  protected void register(EventBus bus) {
    workItems = new WorkItemRepository(pool);
    batcher = new OccurrenceBatcher(workItems::save, config().getInteger("max_merges_per_transaction", 10_000), this::announce);
    merges = new MergeRepository(pool);
    openItems = new OpenWorkItemRepository(pool);
    ConsoleRepository console = new ConsoleRepository(pool);

    serve(bus, Addresses.WORK_ITEM_SAVE, this::save);
    serve(bus, Addresses.WORK_ITEM_GET, this::get);
    serve(bus, Addresses.WORK_ITEM_LIST, m -> answer(m, workItems.list(m.body())));
    serve(bus, Addresses.WORK_ITEM_GET_MANY, m -> answer(m, workItems.findMany(m.body().getJsonArray("ids"))));
    serve(bus, Addresses.WORK_ITEM_MERGES, m -> answer(m, merges.merges(m.body().getString("id"))));
    serve(bus, Addresses.WORK_ITEM_SPLIT, this::split);
    serve(bus, Addresses.WORK_ITEM_SPLITS, m -> answer(m,
        merges.splits(m.body().getLong("after", 0L), m.body().getInteger("limit", 100))));
    serve(bus, Addresses.WORK_ITEM_FIND_OPEN, m -> answer(m, openItems.findOpen(strings(m.body().getJsonArray("fingerprints")))));
    serve(bus, Addresses.WORK_ITEM_ACKNOWLEDGE, this::acknowledge);
    serve(bus, Addresses.DATABASE_PING, this::ping);
    serve(bus, Addresses.CONSOLE_LIST, m -> answer(m, console.list(m.body())));
    serve(bus, Addresses.CONSOLE_MAP, m -> answer(m, console.mapPoints(m.body())));
    serve(bus, Addresses.CONSOLE_ITEMS_BY_FINGERPRINT, m -> answer(m,
        console.itemsByFingerprint(m.body().getJsonArray("fingerprints"))));
  }

  private void save(Message<JsonObject> message) {
    WorkItemDraft draft = WorkItemDraft.fromJson(message.body());
    // A source that aggregates (the log-pattern miner) reports several occurrences at once.
    int occurrences = Math.max(1, message.body().getInteger("occurrences", 1));
    if (draft.identity().merges()) {
      // Repeats of one identity share a transaction (group commit); events once per transaction.
      answer(message, batcher.save(draft, occurrences));
      return;
    }
    answer(message, workItems.save(draft, occurrences).map(saved -> {
      JsonObject item = (JsonObject) saved.remove("item");
      saved.remove("added");
      announce(new OccurrenceBatcher.Flushed(item, true, 1, occurrences));
      return saved;
    }));
  }

  /** Logs and publishes one committed save (possibly many merged requests), after the commit. */
  private void announce(OccurrenceBatcher.Flushed flushed) {
    JsonObject item = flushed.item();
    String id = item.getString("id");
    if (flushed.inserted()) {
      LOG.info("work item {} created (source {}, occurrences {})", id, item.getString("source"), item.getInteger("occurrence_count"));
      Events.workItemCreated(vertx, item);
      submitForEnrichment(id);
    }
    if (!flushed.inserted() || flushed.requests() > 1) {
      LOG.info("work item {} recurred (source {}, +{} in {} requests, occurrences {})", id, item.getString("source"),
          flushed.occurrences(), flushed.requests(), item.getInteger("occurrence_count"));
      Events.workItemUpdated(vertx, id, "occurrence", new JsonObject()
          .put("occurrence_count", item.getInteger("occurrence_count"))
          .put("last_seen_at", item.getString("last_seen_at")));
    }
  }

  private void get(Message<JsonObject> message) {
    answer(message, workItems.find(message.body().getString("id"))
        .compose(item -> merges.explain(item, message.body().getInteger("related_limit", 20)))
        .compose(item -> item == null
            ? Future.failedFuture(Failure.NOT_FOUND.exception("work item not found"))
            : Future.succeededFuture(item)));
  }

  private void split(Message<JsonObject> message) {
    JsonObject body = message.body();
    answer(message, merges.split(body.getString("id"), body.getString("actor_id"), body.getString("reason")).onSuccess(split -> {
      LOG.info("work item {} split from {} by {}", split.getString("work_item_id"), split.getString("split_from"),
          body.getString("actor_id"));
      Events.workItemUpdated(vertx, split.getString("work_item_id"), "split", new JsonObject()
          .put("merged_into", null)
          .put("status", split.getString("status"))
          .put("split_from", split.getString("split_from")));
      Events.workItemUpdated(vertx, split.getString("split_from"), "split", new JsonObject()
          .put("occurrence_count", split.getInteger("target_occurrence_count"))
          .put("split_member", split.getString("work_item_id")));
    }));
  }

  private void acknowledge(Message<JsonObject> message) {
    JsonObject body = message.body();
    answer(message, openItems.acknowledge(strings(body.getJsonArray("fingerprints")),
        body.getString("acknowledged_by"), body.getString("acknowledged_at")).onSuccess(acked -> {
          LOG.info("work item {} acknowledged by {}", acked.getString("work_item_id"), acked.getString("acknowledged_by"));
          Events.workItemUpdated(vertx, acked.getString("work_item_id"), "acknowledged", new JsonObject()
              .put("acknowledged_at", acked.getString("acknowledged_at"))
              .put("acknowledged_by", acked.getString("acknowledged_by")));
        }));
  }

  private void ping(Message<JsonObject> message) {
    long started = System.nanoTime();
    answer(message, pool.query("SELECT 1").execute().map(rows -> new JsonObject()
        .put("latency_ms", TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started) / 1000.0)));
  }
}
