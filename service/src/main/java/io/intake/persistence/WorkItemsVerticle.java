package io.intake.persistence;

import io.intake.bus.Addresses;
import io.intake.bus.Events;
import io.intake.bus.WorkItemUpdated.Changes;
import io.intake.bus.Failure;
import io.intake.persistence.api.AcknowledgeRequest;
import io.intake.persistence.api.ConsoleQuery;
import io.intake.persistence.api.DatabasePing;
import io.intake.persistence.api.FingerprintsQuery;
import io.intake.persistence.api.MergesQuery;
import io.intake.persistence.api.MergesView;
import io.intake.persistence.api.OpenWorkItem;
import io.intake.persistence.api.SaveWorkItemRequest;
import io.intake.persistence.api.SavedWorkItem;
import io.intake.persistence.api.SplitRequest;
import io.intake.persistence.api.SplitsPage;
import io.intake.persistence.api.SplitsQuery;
import io.intake.persistence.api.WorkItem;
import io.intake.persistence.api.WorkItemIds;
import io.intake.persistence.api.WorkItemPage;
import io.intake.persistence.api.WorkItemQuery;
import io.intake.persistence.api.WorkItemRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
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

  /** Repeats waiting for their group commit are committed (and answered) before the pool closes. */
  @Override
  protected Future<Void> quiesce() {
    return batcher == null ? Future.succeededFuture() : batcher.idle();
  }

  @Override
  protected void register(EventBus bus) {
    workItems = new WorkItemRepository(pool);
    batcher = new OccurrenceBatcher(workItems::save, settings.maxMergesPerTransaction(), this::announce);
    merges = new MergeRepository(pool);
    openItems = new OpenWorkItemRepository(pool);
    ConsoleRepository console = new ConsoleRepository(pool);

    serve(bus, Addresses.WORK_ITEM_SAVE, SaveWorkItemRequest::fromJson, this::save);
    serve(bus, Addresses.WORK_ITEM_GET, WorkItemRequest::fromJson, this::get);
    serve(bus, Addresses.WORK_ITEM_LIST, WorkItemQuery::fromJson,
        query -> workItems.list(query).map(WorkItemPage::toJson));
    serve(bus, Addresses.WORK_ITEM_GET_MANY, WorkItemIds::fromJson, request -> workItems.findMany(request.ids())
        .map(found -> new JsonObject().put("work_items", WorkItemPage.rows(found))));
    serve(bus, Addresses.WORK_ITEM_MERGES, MergesQuery::fromJson, query -> merges.merges(query.id()).map(MergesView::toJson));
    serve(bus, Addresses.WORK_ITEM_SPLIT, SplitRequest::fromJson, this::split);
    serve(bus, Addresses.WORK_ITEM_SPLITS, SplitsQuery::fromJson,
        query -> merges.splits(query).map(SplitsPage::toJson));
    serve(bus, Addresses.WORK_ITEM_FIND_OPEN, FingerprintsQuery::fromJson,
        query -> openItems.findOpen(query.fingerprints()).map(OpenWorkItem::toJson));
    serve(bus, Addresses.WORK_ITEM_ACKNOWLEDGE, AcknowledgeRequest::fromJson, this::acknowledge);
    serve(bus, Addresses.DATABASE_PING, body -> body, none -> ping().map(DatabasePing::toJson));
    serve(bus, Addresses.CONSOLE_LIST, ConsoleQuery::listFromJson,
        query -> console.list(query).map(WorkItemPage::toJson));
    serve(bus, Addresses.CONSOLE_MAP, ConsoleQuery::mapFromJson, console::mapPoints);
    serve(bus, Addresses.CONSOLE_ITEMS_BY_FINGERPRINT, FingerprintsQuery::fromJson,
        query -> console.itemsByFingerprint(query.fingerprints()));
  }

  private Future<JsonObject> save(SaveWorkItemRequest request) {
    if (request.draft().identity().merges()) {
      // Repeats of one identity share a transaction (group commit); events once per transaction.
      return batcher.save(request.draft(), request.occurrences()).map(SavedWorkItem::toJson);
    }
    return workItems.save(request.draft(), request.occurrences()).map(stored -> {
      announce(new OccurrenceBatcher.Flushed(stored.item(), true, 1, request.occurrences()));
      return stored.saved().toJson();
    });
  }

  /** Logs and publishes one committed save (possibly many merged requests), after the commit. */
  private void announce(OccurrenceBatcher.Flushed flushed) {
    WorkItem item = flushed.item();
    if (flushed.inserted()) {
      LOG.debug("work item {} created (source {}, occurrences {})", item.id(), item.source(), item.occurrenceCount());
      Events.workItemCreated(vertx, item.toJson());
      submitForEnrichment(item.id());
    }
    if (!flushed.inserted() || flushed.requests() > 1) {
      LOG.info("work item {} recurred (source {}, +{} in {} requests, occurrences {})", item.id(), item.source(),
          flushed.occurrences(), flushed.requests(), item.occurrenceCount());
      Events.workItemUpdated(vertx, item.id(), "occurrence",
          Changes.occurrence(item.occurrenceCount(), item.lastSeenAt()));
    }
  }

  private Future<JsonObject> get(WorkItemRequest request) {
    return workItems.find(request.id())
        .compose(item -> merges.explain(item, request.relatedLimit()))
        .compose(detail -> detail == null
            ? Future.failedFuture(Failure.NOT_FOUND.exception("work item not found"))
            : Future.succeededFuture(detail.toJson()));
  }

  private Future<JsonObject> split(SplitRequest request) {
    return merges.split(request).map(split -> {
      LOG.info("work item {} split from {} by {}", split.workItemId(), split.splitFrom(), request.actorId());
      Events.workItemUpdated(vertx, split.workItemId(), "split",
          Changes.splitMember(split.status(), split.splitFrom()));
      Events.workItemUpdated(vertx, split.splitFrom(), "split",
          Changes.splitTarget(split.targetOccurrenceCount(), split.workItemId()));
      return split.toJson();
    });
  }

  private Future<JsonObject> acknowledge(AcknowledgeRequest request) {
    return openItems.acknowledge(request).map(acked -> {
      LOG.info("work item {} acknowledged by {}", acked.workItemId(), acked.acknowledgedBy());
      Events.workItemUpdated(vertx, acked.workItemId(), "acknowledged",
          Changes.acknowledged(acked.acknowledgedAt(), acked.acknowledgedBy()));
      return acked.toJson();
    });
  }

  private Future<DatabasePing> ping() {
    long started = System.nanoTime();
    return pool.query("SELECT 1").execute()
        .map(rows -> new DatabasePing(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started) / 1000.0));
  }
}
