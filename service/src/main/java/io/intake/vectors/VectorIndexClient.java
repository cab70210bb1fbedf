package io.intake.vectors;

import io.intake.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The typed face of {@link VectorIndexVerticle} on the event bus (JSON stays the wire format). */
public final class VectorIndexClient {

  private final EventBus bus;
  private final DeliveryOptions options;

  public VectorIndexClient(EventBus bus, DeliveryOptions options) {
    this.bus = bus;
    this.options = options;
  }

  /** Stores the vectors and decides merges and relations: one result per entry, in order. */
  public Future<List<IndexResult>> index(IndexRequest request) {
    return bus.<JsonObject>request(Addresses.VECTORS_INDEX, request.toJson(), options)
        .map(Message::body)
        .map(IndexResult::fromMessage);
  }

  public Future<SearchResult> search(SearchRequest request) {
    return bus.<JsonObject>request(Addresses.VECTORS_SEARCH, request.toJson(), options)
        .map(Message::body)
        .map(SearchResult::fromJson);
  }
}
