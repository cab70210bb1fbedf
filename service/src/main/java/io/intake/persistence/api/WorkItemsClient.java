package io.intake.persistence.api;

import io.intake.bus.Addresses;
import io.intake.model.WorkItemDraft;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The typed face of {@code persistence.WorkItemsVerticle} ({@code intake.workitems.*}). Reads
 * answer the item's wire JSON, which the HTTP edge shapes and returns as it is.
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
    JsonObject body = draft.toJson();
    if (occurrences > 1) {
      body.put("occurrences", occurrences);
    }
    return request(Addresses.WORK_ITEM_SAVE, body).map(SavedWorkItem::fromJson);
  }

  /** The full item with its merges explained; NOT_FOUND when unknown. */
  public Future<JsonObject> get(String id) {
    return request(Addresses.WORK_ITEM_GET, new JsonObject().put("id", id));
  }

  /** Summaries of the known ones among {@code ids}, in no particular order. */
  public Future<JsonArray> getMany(Collection<String> ids) {
    return request(Addresses.WORK_ITEM_GET_MANY, new JsonObject().put("ids", new JsonArray(java.util.List.copyOf(ids))))
        .map(reply -> reply.getJsonArray("work_items"));
  }

  /** One page of items matching the (validated) filter and the total. */
  public Future<JsonObject> list(JsonObject filter) {
    return request(Addresses.WORK_ITEM_LIST, filter);
  }

  /** Undoes the semantic merge of {@code id}; NOT_FOUND, or CONFLICT when it is not merged. */
  public Future<JsonObject> split(String id, String actorId, String reason) {
    return request(Addresses.WORK_ITEM_SPLIT, new JsonObject().put("id", id).put("actor_id", actorId).put("reason", reason));
  }

  /** Split decisions after {@code after}, at most {@code limit}. */
  public Future<JsonObject> splits(long after, int limit) {
    return request(Addresses.WORK_ITEM_SPLITS, new JsonObject().put("after", after).put("limit", limit));
  }

  /** Round trip to the database; the latency in milliseconds. */
  public Future<JsonObject> ping() {
    return request(Addresses.DATABASE_PING, new JsonObject());
  }

  /** The console's filtered, sorted page. */
  public Future<JsonObject> consoleList(JsonObject query) {
    return request(Addresses.CONSOLE_LIST, query);
  }

  /** The console's map columns. */
  public Future<JsonObject> consoleMap(JsonObject query) {
    return request(Addresses.CONSOLE_MAP, query);
  }

  /** {@code {items: {fingerprint: {id, status, severity, occurrence_count}}}}. */
  public Future<JsonObject> itemsByFingerprint(Collection<String> fingerprints) {
    return request(Addresses.CONSOLE_ITEMS_BY_FINGERPRINT,
        new JsonObject().put("fingerprints", new JsonArray(java.util.List.copyOf(fingerprints))));
  }
}
