package io.intake.persistence.api;

import io.intake.bus.Addresses;
import io.intake.model.WorkItemDraft;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The typed face of {@code persistence.WorkItemsVerticle} ({@code intake.workitems.*}, the
 * console's item queries and the database ping): requests go out as records. Commands and the
 * list and splits pages answer records; the explained item, the merges and the console's map
 * answer their wire JSON, which the HTTP edge returns as it is.
 */
public final class WorkItemsClient extends BusClient {

  public WorkItemsClient(Vertx vertx, Supplier<DeliveryOptions> options) {
    super(vertx, options);
  }

  public WorkItemsClient(Vertx vertx) {
    super(vertx);
  }

  /**
   * Stores the draft, or counts {@code occurrences} on the open item with its identity (repeats
   * arriving together share one transaction).
   */
  public Future<SavedWorkItem> save(WorkItemDraft draft, int occurrences) {
    return request(Addresses.WORK_ITEM_SAVE, new SaveWorkItemRequest(draft, occurrences).toJson())
        .map(SavedWorkItem::fromJson);
  }

  /** The full item with its merges explained; NOT_FOUND when unknown. */
  public Future<WorkItemDetail> get(String id) {
    return request(Addresses.WORK_ITEM_GET, WorkItemRequest.of(id).toJson()).map(WorkItemDetail::fromJson);
  }

  /** Summaries of the known ones among {@code ids}, in no particular order. */
  public Future<List<WorkItemSummary>> getMany(Collection<String> ids) {
    return request(Addresses.WORK_ITEM_GET_MANY, new WorkItemIds(List.copyOf(ids)).toJson())
        .map(reply -> WireFields.requiredObjects(reply, "work_items").stream().map(WorkItemSummary::fromJson).toList());
  }

  /** One page of items matching the (validated) filter and the total. */
  public Future<WorkItemPage> list(WorkItemQuery query) {
    return request(Addresses.WORK_ITEM_LIST, query.toJson()).map(WorkItemPage::fromJson);
  }

  /** What was folded into {@code id}: identity repeats (summarised) and semantic merges; NOT_FOUND when unknown. */
  public Future<MergesView> merges(String id) {
    return request(Addresses.WORK_ITEM_MERGES, new MergesQuery(id).toJson()).map(MergesView::fromJson);
  }

  /** Undoes the semantic merge of {@code id}; NOT_FOUND, or CONFLICT when it is not merged. */
  public Future<SplitResult> split(SplitRequest request) {
    return request(Addresses.WORK_ITEM_SPLIT, request.toJson()).map(SplitResult::fromJson);
  }

  /** Split decisions after {@code after}, at most {@code limit}. */
  public Future<SplitsPage> splits(SplitsQuery query) {
    return request(Addresses.WORK_ITEM_SPLITS, query.toJson()).map(SplitsPage::fromJson);
  }

  /** The open item with the first of the fingerprints that has one; NOT_FOUND when none is open. */
  public Future<OpenWorkItem> findOpen(List<String> fingerprints) {
    return request(Addresses.WORK_ITEM_FIND_OPEN, new FingerprintsQuery(fingerprints).toJson())
        .map(OpenWorkItem::fromJson);
  }

  /** Acknowledges the open item (the first acknowledgement counts); NOT_FOUND when none is open. */
  public Future<Acknowledgement> acknowledge(AcknowledgeRequest request) {
    return request(Addresses.WORK_ITEM_ACKNOWLEDGE, request.toJson()).map(Acknowledgement::fromJson);
  }

  /** Round trip to the database. */
  public Future<DatabasePing> ping() {
    return request(Addresses.DATABASE_PING, new JsonObject()).map(DatabasePing::fromJson);
  }

  /** The console's filtered, sorted page. */
  public Future<WorkItemPage> consoleList(ConsoleQuery query) {
    return request(Addresses.CONSOLE_LIST, query.toJson()).map(WorkItemPage::fromJson);
  }

  /** The console's map columns. */
  public Future<JsonObject> consoleMap(ConsoleQuery query) {
    return request(Addresses.CONSOLE_MAP, query.toJson());
  }

  /** {@code {items: {fingerprint: {id, status, severity, occurrence_count}}}}. */
  public Future<JsonObject> itemsByFingerprint(Collection<String> fingerprints) {
    return request(Addresses.CONSOLE_ITEMS_BY_FINGERPRINT, new FingerprintsQuery(List.copyOf(fingerprints)).toJson());
  }
}
