package io.intake.embedding;

import io.intake.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The typed face of {@link EmbeddingVerticle} on the event bus (JSON stays the wire format). */
public final class EmbeddingClient {

  private final EventBus bus;
  private final DeliveryOptions options;

  public EmbeddingClient(EventBus bus, DeliveryOptions options) {
    this.bus = bus;
    this.options = options;
  }

  /** One vector or refusal per text, in order; fails as a whole only when the model or its queue does. */
  public Future<EmbedResult> embed(List<String> texts) {
    return bus.<JsonObject>request(Addresses.EMBED, new EmbedRequest(texts).toJson(), options)
        .map(Message::body)
        .map(EmbedResult::fromJson);
  }
}
