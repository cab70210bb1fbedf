package io.intake.persistence.api;

import io.intake.bus.Correlation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * Request/reply with JSON on the wire, shared by the typed clients. The options come from the
 * caller so that its deadline and correlation id go with every request.
 */
abstract class BusClient {

  private final Vertx vertx;
  private final Supplier<DeliveryOptions> options;

  BusClient(Vertx vertx, Supplier<DeliveryOptions> options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** With the current correlation id and the event bus's default timeout. */
  BusClient(Vertx vertx) {
    this(vertx, Correlation::options);
  }

  final Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, options.get()).map(Message::body);
  }
}
